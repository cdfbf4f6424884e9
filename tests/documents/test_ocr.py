"""Scanned acts: their pages without a text layer are read by OCR (French), stored page by page, searchable."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from erbm_cms.documents.extraction import ocr, recognition
from erbm_cms.documents.models import ArchiveDocument, DocumentPage
from tests.documents import scan_fixtures
from tests.documents.test_document_admin import upload
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db
needs_tesseract = pytest.mark.skipif(
    bool(ocr.unavailable_reason("fra")), reason=f"OCR unavailable: {ocr.unavailable_reason('fra')}"
)


def archive(title, content):
    document = ArchiveDocument(title=title)
    document.file.save(f"{title}.pdf", ContentFile(content), save=False)
    document.save()
    document.refresh_from_db()
    return document


@needs_tesseract
def test_an_uploaded_scan_is_read_in_french_page_by_page(editor_client):
    response = upload(editor_client, "arrete.pdf", scan_fixtures.scanned_pdf(2), "Arrêté préfectoral numérisé")
    assert response.status_code == 302
    document = ArchiveDocument.objects.get(title="Arrêté préfectoral numérisé")
    assert (document.extraction_status, document.page_count, document.ocr_page_count) == ("ocr", 2, 2)
    assert document.extraction_reason.startswith("texte reconnu par OCR sur 2 pages sur 2 (confiance moyenne ")
    for page in document.pages.all():
        assert page.source == "ocr" and page.ocr_confidence > 80 and not page.low_confidence
        recall = scan_fixtures.word_recall(scan_fixtures.known_text(page.number), page.text)
        assert recall >= 0.95, f"page {page.number}: recall {recall:.3f}\n{page.text}"
    assert "réhabilitation énergétique" in document.pages.get(number=1).text
    listing = visible_text(editor_client.get("/admin/documents/"))
    assert "Texte reconnu par OCR (2/2 p.)" in listing


@needs_tesseract
def test_a_mixed_document_keeps_its_text_layer_and_reads_only_the_scanned_page():
    document = archive("Délibération signée", scan_fixtures.mixed_pdf())
    typed, scanned = document.pages.all()
    assert (typed.source, typed.ocr_confidence) == ("text", None)
    assert "Article 1 : dispositions relatives" in typed.text  # the text layer, untouched
    assert scanned.source == "ocr" and scanned.ocr_confidence > 80
    assert scan_fixtures.word_recall(scan_fixtures.known_text(2), scanned.text) >= 0.95
    assert (document.extraction_status, document.ocr_page_count) == ("ocr", 1)
    assert "1 page avec couche texte" in document.extraction_reason


def test_without_tesseract_data_a_scan_stays_without_text_and_says_why(settings):
    settings.OCR_LANGUAGE = "zzz"
    document = archive("Scan sans OCR", scan_fixtures.scanned_pdf(1))
    assert document.extraction_status == "no_text"
    assert document.extraction_reason == (
        "aucun texte : document numérisé ou composé d'images ; OCR indisponible : les données de Tesseract pour la "
        "langue « zzz » manquent (paquet Debian tesseract-ocr-zzz)"
    )
    assert document in ArchiveDocument.objects.awaiting_ocr()
    assert DocumentPage.objects.awaiting_ocr().filter(document=document).count() == 1


def test_with_ocr_switched_off_the_site_still_takes_scans(editor_client, settings):
    settings.OCR_ENABLED = False
    assert upload(editor_client, "scan.pdf", scan_fixtures.scanned_pdf(1), "Scan, OCR éteint").status_code == 302
    document = ArchiveDocument.objects.get(title="Scan, OCR éteint")
    assert document.extraction_status == "no_text" and "OCR désactivé" in document.extraction_reason
    page = visible_text(editor_client.get(reverse("archive_document_text", args=[document.pk])))
    assert "OCR indisponible sur ce serveur : OCR désactivé" in page


@needs_tesseract
def test_ocr_documents_reads_the_waiting_scans_and_resumes_after_a_kill(settings, capsys):
    settings.OCR_ENABLED = False
    document = archive("Compte rendu numérisé", scan_fixtures.scanned_pdf(3))
    assert document.extraction_status == "no_text"
    settings.OCR_ENABLED = True

    class Killed(BaseException):
        pass

    def kill_after_first_page(document, page):
        raise Killed

    with pytest.raises(Killed):
        recognition.ocr_all([document], on_page=kill_after_first_page)
    assert list(document.pages.filter(source="ocr").values_list("number", flat=True)) == [1]
    assert ArchiveDocument.objects.awaiting_ocr().filter(pk=document.pk).exists()

    call_command("ocr_documents", "--document", str(document.pk))
    output = capsys.readouterr().out
    assert "1 document(s), 2 page(s) à lire par OCR." in output
    document.refresh_from_db()
    assert (document.extraction_status, document.ocr_page_count) == ("ocr", 3)
    assert f"[texte reconnu par ocr (3/3 p.)] document n° {document.pk} « Compte rendu numérisé »" in output
    call_command("ocr_documents")
    assert "Aucune page en attente d'OCR." in capsys.readouterr().out


def test_ocr_documents_says_when_ocr_is_off(settings):
    from django.core.management.base import CommandError

    settings.OCR_ENABLED = False
    with pytest.raises(CommandError, match="OCR indisponible : OCR désactivé"):
        call_command("ocr_documents")


@needs_tesseract
def test_a_reading_over_the_document_time_limit_keeps_the_upload_and_says_so(settings):
    settings.OCR_DOCUMENT_TIMEOUT = 0.2
    document = archive("Scan trop long", scan_fixtures.scanned_pdf(1))
    assert document.extraction_status == "no_text"
    assert "1 page non lue (lecture OCR interrompue : délai de 0.2 s par document dépassé) : relancer l'OCR" in (
        document.extraction_reason
    )
    assert document.file.size > 0


@needs_tesseract
def test_the_admin_shows_each_page_source_and_reruns_ocr_on_one_document(editor_client, settings):
    document = archive("Lettre de la préfecture", scan_fixtures.mixed_pdf())
    DocumentPage.objects.filter(document=document, number=2).update(ocr_confidence=41.0)
    text = visible_text(editor_client.get(reverse("archive_document_text", args=[document.pk])))
    assert "Origine du texte : couche texte du pdf" in text
    assert "Origine du texte : reconnu par ocr — confiance de l'OCR : 41 %" in text
    assert "Peu lisible (confiance sous 60 %) : texte à vérifier" in text

    response = editor_client.post(reverse("archive_document_ocr", args=[document.pk]), follow=True)
    assert "Lecture par OCR de « Lettre de la préfecture » relancée : texte reconnu par ocr (1/2 p.)" in visible_text(response)
    assert DocumentPage.objects.get(document=document, number=2).ocr_confidence > 80


def test_a_page_with_only_a_page_number_counts_as_without_text():
    assert ocr.needs_ocr("") and ocr.needs_ocr("- 2 -") and ocr.needs_ocr("page 3/10")
    assert not ocr.needs_ocr("Le conseil approuve la convention.")


@needs_tesseract
def test_a_blank_scanned_page_ends_without_text_and_says_ocr_found_nothing():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(buffer, format="PDF", resolution=200)
    document = archive("Page blanche numérisée", buffer.getvalue())
    assert document.extraction_status == "no_text"
    assert document.extraction_reason == (
        "aucun texte : document numérisé ou composé d'images ; 1 page où l'OCR n'a reconnu aucun mot"
    )
    assert not ArchiveDocument.objects.awaiting_ocr().filter(pk=document.pk).exists()


def test_without_tesseract_the_reason_names_the_debian_package(monkeypatch):
    ocr.unavailable_reason.cache_clear()
    monkeypatch.setenv("PATH", "/nonexistent")
    try:
        assert ocr.unavailable_reason("fra") == "Tesseract n'est pas installé sur ce serveur (paquet Debian tesseract-ocr)"
    finally:
        monkeypatch.undo()
        ocr.unavailable_reason.cache_clear()
