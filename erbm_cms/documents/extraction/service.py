"""Run the isolated extraction of a document and store its result (Django side)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import OCR_READABLE, ArchiveDocument, DocumentPage, TextSource
from ..signals import document_text_extracted
from . import recognition
from .ocr import needs_ocr
from .sandbox import extract_isolated


def extract(document):
    with document.local_path() as path:
        return extract_isolated(
            path, timeout=settings.PDF_EXTRACTION_TIMEOUT, memory_mb=settings.PDF_EXTRACTION_MEMORY_MB
        )


def store(document, result):
    """Replace the document's page texts and status by those of `result`; queue the OCR of pages without text."""
    # Queued after the commit of the pages: an immediate OCR must not hold the transaction for minutes.
    if _store(document, result) and not recognition.unavailable_reason():
        recognition.request(document)


@transaction.atomic
def _store(document, result):
    document.pages.all().delete()
    DocumentPage.objects.bulk_create(
        [DocumentPage(document=document, number=number, text=text,
                      source=TextSource.NONE if needs_ocr(text) else TextSource.TEXT_LAYER)
         for number, text in enumerate(result.pages, 1)],
        batch_size=500,
    )
    note = recognition.waiting_note(document) if result.status in OCR_READABLE else ""
    fields = {
        "extraction_status": result.status,
        "extraction_reason": " ; ".join(part for part in (result.reason, note) if part),
        "page_count": result.page_count,
        "ocr_page_count": 0,
        "extracted_at": timezone.now(),
    }
    ArchiveDocument.objects.filter(pk=document.pk).update(**fields)
    for name, value in fields.items():
        setattr(document, name, value)
    document_text_extracted.send(sender=ArchiveDocument, document=document)
    return bool(note)


def extract_and_store(document):
    result = extract(document)
    store(document, result)
    return result
