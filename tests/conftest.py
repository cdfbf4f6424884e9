import pytest
from django.contrib.auth import get_user_model

from erbm_cms.demo.loader import DemoLoader


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site, loaded once per session."""
    with django_db_blocker.unblock():
        DemoLoader().run()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaction", "redaction@example.invalid", "mot-de-passe-de-test")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def pdf_document(db):
    """A small real PDF in the document library."""
    from django.core.files.base import ContentFile

    from erbm_cms.demo.pdf import render_pdf
    from erbm_cms.documents.models import ArchiveDocument

    document = ArchiveDocument(title="Acte de test")
    document.file.save("acte-de-test.pdf", ContentFile(render_pdf("Acte de test", [("", ["Texte de l'acte."])])), save=False)
    document._set_document_file_metadata()
    document.save()
    return document
