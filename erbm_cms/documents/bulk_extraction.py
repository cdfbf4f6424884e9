"""Extraction for the bulk commands: many documents, in parallel, through the task framework.

With a queueing task backend (production: the database worker), each document's
extraction is enqueued and the workers run them in parallel. With the immediate
backend (development, tests) the command runs them itself: one isolated child
process per document, as many at a time as the machine has cores, the results
stored from the calling thread (the database connection stays in one thread).
"""

import os
from concurrent.futures import ThreadPoolExecutor, as_completed

from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

from .extraction import recognition, service
from .tasks import extract_document_text


def default_jobs():
    return os.cpu_count() or 1


def runs_in_process():
    return isinstance(task_backends[extract_document_text.backend], ImmediateBackend)


def extract_all(documents, jobs=None, on_done=lambda document: None):
    """Extract the text of `documents`; calls `on_done(document)` as each one finishes."""
    from .models import ArchiveDocument

    # Documents saved in a transaction that was rolled back since (a rejected row) are skipped.
    documents = list(ArchiveDocument.objects.filter(pk__in=[document.pk for document in documents]).order_by("pk"))
    if not runs_in_process():
        for document in documents:
            extract_document_text.enqueue(document.pk)
            on_done(document)
        return
    jobs = max(1, jobs or default_jobs())
    with recognition.deferred_ocr() as awaiting_ocr, ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(service.extract, document): document for document in documents}
        for future in as_completed(futures):
            document = futures[future]
            service.store(document, future.result())
            if document not in awaiting_ocr:
                on_done(document)
    # Scans are reported once read: OCR takes longer than the text layer, so it comes after.
    if awaiting_ocr:
        recognition.ocr_all(awaiting_ocr, jobs=jobs, on_document=on_done)
