"""Queue the text extraction of a new or replaced file, and the OCR of pages without text.

The models and the extraction service only announce (a saved document whose file is new,
`document_needs_ocr`); these receivers put the work on the task queue, or in the list of
a bulk command that runs it itself (`deferred_extraction`).
"""

from contextvars import ContextVar

from django.db.models.signals import post_save
from django.dispatch import receiver

from erbm_cms.base.collecting import collecting

from .models import ArchiveDocument
from .signals import document_needs_ocr
from .tasks import extract_document_text, ocr_document_text

# While set (see `deferred_extraction`), new documents wait in this list instead
# of having their extraction enqueued one by one.
_deferred_extractions = ContextVar("deferred_extractions", default=None)


def deferred_extraction():
    """Collect the documents saved in the block, for a bulk command to extract them in parallel."""
    return collecting(_deferred_extractions)


@receiver(post_save, sender=ArchiveDocument, dispatch_uid="queue_document_extraction")
def queue_extraction(sender, instance, **kwargs):
    if not instance.__dict__.pop("extraction_due", False):
        return
    pending = _deferred_extractions.get()
    if pending is not None:
        pending.append(instance)
    else:
        extract_document_text.enqueue(instance.pk)


@receiver(document_needs_ocr, dispatch_uid="queue_document_ocr")
def queue_ocr(sender, document, **kwargs):
    ocr_document_text.enqueue(document.pk)
