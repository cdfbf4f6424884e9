from django_tasks import task

from .extraction.recognition import ocr_and_store
from .extraction.service import extract_and_store
from .models import ArchiveDocument


@task()
def extract_document_text(document_id):
    """Extract the text of a document, page by page, in an isolated child process."""
    document = ArchiveDocument.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return None
    return extract_and_store(document).status


@task()
def ocr_document_text(document_id):
    """Read by OCR the pages of a document that have no text layer, in an isolated child process."""
    document = ArchiveDocument.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return None
    return ocr_and_store(document)
