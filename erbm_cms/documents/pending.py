"""Documents whose text extraction never finished (import or worker killed): found and queued again."""

from .models import ArchiveDocument, ExtractionStatus


def pending_documents():
    return ArchiveDocument.objects.filter(extraction_status=ExtractionStatus.PENDING).exclude(file="").order_by("pk")


def queued_document_ids(task=None):
    """Ids of the documents whose extraction (or `task`) already waits in the database queue (production backend)."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return set()
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .tasks import extract_document_text

    task = task or extract_document_text
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path)
    return {args["args"][0] for args in waiting.values_list("args_kwargs", flat=True) if args.get("args")}


def requeue_pending():
    """Queue the extraction of every pending document not already waiting; the documents queued."""
    from .tasks import extract_document_text

    waiting = queued_document_ids()
    queued = []
    for document in pending_documents():
        if document.pk not in waiting:
            extract_document_text.enqueue(document.pk)
            queued.append(document)
    return queued


def requeue_awaiting_ocr():
    """Queue the OCR of every document with pages still to read (a killed worker's), unless already waiting."""
    from .extraction.recognition import unavailable_reason
    from .tasks import ocr_document_text

    if unavailable_reason():
        return []
    waiting = queued_document_ids(ocr_document_text)
    queued = []
    for document in ArchiveDocument.objects.awaiting_ocr().order_by("pk"):
        if document.pk not in waiting:
            ocr_document_text.enqueue(document.pk)
            queued.append(document)
    return queued
