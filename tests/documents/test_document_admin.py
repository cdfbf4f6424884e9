"""Editors see each PDF's extraction status, its text page by page, duplicates, and can retry."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from erbm_cms.documents.models import ArchiveDocument
from tests.documents import pdf_fixtures
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def upload(client, name, content, title):
    return client.post(reverse("wagtaildocs:add"), {
        "title": title, "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "collection": "1", "tags": "",
    })


def test_an_uploaded_pdf_gets_its_text_page_by_page(editor_client):
    assert upload(editor_client, "delib.pdf", pdf_fixtures.text_pdf(), "Délibération déposée").status_code == 302
    document = ArchiveDocument.objects.get(title="Délibération déposée")
    assert (document.extraction_status, document.page_count) == ("ok", 2)
    assert len(document.sha256) == 64
    assert [page.number for page in document.pages.all()] == [1, 2]
    assert "cités minières" in document.pages.get(number=1).text


def test_an_encrypted_upload_is_kept_and_says_why_it_has_no_text(editor_client):
    assert upload(editor_client, "protege.pdf", pdf_fixtures.encrypted_pdf(), "Acte protégé").status_code == 302
    document = ArchiveDocument.objects.get(title="Acte protégé")
    assert document.extraction_status == "encrypted"
    assert document.extraction_reason == "PDF protégé par un mot de passe"
    assert document.file.size > 0  # the upload is kept
    listing = visible_text(editor_client.get("/admin/documents/"))
    assert "Protégé par mot de passe" in listing and "PDF protégé par un mot de passe" in listing


def test_uploading_the_same_file_twice_is_said_plainly(editor_client):
    upload(editor_client, "premier.pdf", pdf_fixtures.text_pdf(), "Premier dépôt")
    first = ArchiveDocument.objects.get(title="Premier dépôt")
    response = upload(editor_client, "second.pdf", pdf_fixtures.text_pdf(), "Second dépôt")
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["file"])
    assert f"Ce fichier a déjà été déposé : c'est le document « Premier dépôt » (n° {first.pk}" in message
    assert not ArchiveDocument.objects.filter(title="Second dépôt").exists()


def test_the_document_list_shows_status_pages_and_reason_and_filters_by_status(editor_client):
    upload(editor_client, "scan.pdf", pdf_fixtures.scanned_pdf(), "Arrêté numérisé")
    text = visible_text(editor_client.get("/admin/documents/"))
    status = pdf_fixtures.scan_status()
    expected = (["Texte reconnu par OCR (1/1 p.)", "texte reconnu par OCR sur 1 page sur 1"] if status == "ocr"
                else ["Sans texte (numérisé)", "aucun texte : document numérisé"])
    for column in ["Texte", "Pages", "Motif", *expected]:
        assert column in text
    only_scans = editor_client.get(f"/admin/documents/results/?extraction_status={status}")
    titles = {document.title for document in only_scans.context["object_list"]}
    assert titles == {"Arrêté numérisé"}
    assert editor_client.get("/admin/documents/?extraction_status=ok").status_code == 200


def test_the_text_of_each_page_can_be_previewed(editor_client):
    document = ArchiveDocument.objects.filter(title__contains="exemple fictif").first()
    response = editor_client.get(reverse("archive_document_text", args=[document.pk]))
    text = visible_text(response)
    assert "Texte extrait" in text and "Page 1" in text and "EXEMPLE FICTIF" in text
    assert f'{document.url}#page=1' in response.content.decode()


def test_a_failed_extraction_can_be_retried(editor_client, settings):
    settings.PDF_EXTRACTION_TIMEOUT = 0
    upload(editor_client, "lent.pdf", pdf_fixtures.text_pdf(), "Extraction trop lente")
    document = ArchiveDocument.objects.get(title="Extraction trop lente")
    assert document.extraction_status == "failed" and "délai" in document.extraction_reason
    settings.PDF_EXTRACTION_TIMEOUT = 60
    response = editor_client.post(reverse("archive_document_retry", args=[document.pk]), follow=True)
    document.refresh_from_db()
    assert document.extraction_status == "ok" and document.page_count == 2
    assert "Extraction du texte de « Extraction trop lente » relancée : texte extrait." in visible_text(response)


def test_retry_and_preview_need_the_right_to_edit_the_document(client, django_user_model):
    document = ArchiveDocument.objects.first()
    user = django_user_model.objects.create_user("curieux", password="mot-de-passe-de-test")
    client.force_login(user)
    assert client.post(reverse("archive_document_retry", args=[document.pk])).status_code in (302, 403)
    document.refresh_from_db()
    assert document.extraction_status == "ok"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_new_document_queues_its_extraction_as_a_task(editor_client):
    from django_tasks import task_backends

    task_backends["default"].clear() if hasattr(task_backends["default"], "clear") else None
    upload(editor_client, "tache.pdf", pdf_fixtures.text_pdf(), "Extraction en file d'attente")
    document = ArchiveDocument.objects.get(title="Extraction en file d'attente")
    assert document.extraction_status == "pending"
    queued = [result for result in task_backends["default"].results if result.args == [document.pk]]
    assert len(queued) == 1


# The worker commits and closes its connection: this test needs real transactions.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_in_production_the_database_worker_extracts_the_queued_documents(editor_client):
    from django.core.management import call_command

    from tests.documents import scan_fixtures

    upload(editor_client, "file.pdf", pdf_fixtures.text_pdf(), "Extraction par le worker")
    upload(editor_client, "scan.pdf", scan_fixtures.scanned_pdf(1), "Scan lu par le worker")
    document = ArchiveDocument.objects.get(title="Extraction par le worker")
    scan = ArchiveDocument.objects.get(title="Scan lu par le worker")
    # Queued in the database, not run in the request: an upload never waits for extraction nor OCR.
    assert document.extraction_status == scan.extraction_status == "pending"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    document.refresh_from_db()
    scan.refresh_from_db()
    assert document.extraction_status == "ok" and document.page_count == 2
    assert scan.extraction_status == pdf_fixtures.scan_status()  # its OCR was queued after its extraction
