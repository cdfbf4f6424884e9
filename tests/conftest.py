import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from erbm_cms.demo.loader import DemoLoader


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site, loaded once per session."""
    with django_db_blocker.unblock():
        DemoLoader().run()


_force_login = Client.force_login


def force_login_with_second_factor(self, user, backend=None):
    """force_login() in the tests, as if the second factor had also been given (sign-in itself is tested apart)."""
    _force_login(self, user, backend)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Appareil de test", defaults={"confirmed": True})
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def second_factor_given_on_force_login(monkeypatch):
    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


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
    return document.save_with_file("acte-de-test.pdf", ContentFile(render_pdf("Acte de test", [("", ["Texte de l'acte."])])))
