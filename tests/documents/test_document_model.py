"""The archive's own document model takes PDF files only, judged by content, within a size limit."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model

from erbm_cms.demo.pdf import render_pdf
from erbm_cms.documents.models import ArchiveDocument

pytestmark = pytest.mark.django_db

PDF_BYTES = render_pdf("Délibération de test", [("", ["Le conseil délibère."])])


def upload(client, name, content, title="Document de test"):
    return client.post(reverse("wagtaildocs:add"), {
        "title": title,
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "collection": "1",
        "tags": "",
    })


def test_the_document_model_is_the_projects_own():
    assert settings.WAGTAILDOCS_DOCUMENT_MODEL == "documents.ArchiveDocument"
    assert get_document_model() is ArchiveDocument


def test_a_pdf_is_accepted(editor_client):
    response = upload(editor_client, "deliberation.pdf", PDF_BYTES)
    assert response.status_code == 302
    document = ArchiveDocument.objects.get(title="Document de test")
    assert document.file.read().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("faux.pdf", b"<html><script>alert(1)</script></html>", "Ce fichier n'est pas un PDF"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "Ce fichier n'est pas un PDF"),
        ("vide.pdf", b"", "Le fichier soumis est vide."),
        ("texte.txt", PDF_BYTES, "extension"),
    ],
)
def test_anything_but_pdf_content_is_refused_with_a_message(editor_client, name, content, message):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get("file", []))
    assert message in errors, errors
    assert not ArchiveDocument.objects.filter(title="Document de test").exists()


def test_a_pdf_header_after_some_junk_is_still_a_pdf(editor_client):
    assert upload(editor_client, "scan.pdf", b"\r\n" + PDF_BYTES).status_code == 302


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_files_over_the_size_limit_are_refused(editor_client):
    response = upload(editor_client, "gros.pdf", PDF_BYTES + b"%" * 2048)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get("file", []))
    assert "trop volumineux" in errors.lower() or "taille" in errors.lower(), errors


def test_the_multiple_upload_also_checks_content(editor_client):
    response = editor_client.post(reverse("wagtaildocs:add_multiple"), {
        "files[]": SimpleUploadedFile("faux.pdf", b"GIF89a not a pdf", content_type="application/pdf"),
    })
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"] is False
    assert "pas un PDF" in payload["error_message"]
    assert not ArchiveDocument.objects.filter(file__contains="faux").exists()
