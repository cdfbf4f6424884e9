"""Documents whose text extraction never finished (import or worker killed): found and queued again."""

from .models import ArchiveDocument, ExtractionStatus


def pending_documents():
    return ArchiveDocument.objects.filter(extraction_status=ExtractionStatus.PENDING).exclude(file="").order_by("pk")


def queued_document_ids():
    """Ids of the documents whose extraction already waits in the database queue (production backend)."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return set()
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .tasks import extract_document_text

    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=extract_document_text.module_path)
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
