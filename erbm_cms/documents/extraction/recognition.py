"""OCR of the pages a document's text layer lacks, and the document's status afterwards (Django side).

Pages are read in a limited child process (`sandbox.ocr_isolated`) and stored
one by one as they arrive, so that a run cut short (deadline, crash, a killed
command) keeps what it read and the next run reads only the rest.
"""

import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from statistics import mean

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from erbm_cms.base.collecting import collecting

from ..models import ArchiveDocument, DocumentPage, ExtractionStatus, TextSource
from ..signals import document_needs_ocr, document_text_extracted
from . import ocr
from .cleaning import has_words
from .sandbox import OcrOutcome, ocr_isolated

REASON_DISABLED = "OCR désactivé sur ce serveur (réglage OCR_ENABLED)"
REASON_NO_TEXT = "aucun texte : document numérisé ou composé d'images"

# While set (see `deferred_ocr`), documents needing OCR wait in this list instead of being enqueued.
_deferred = ContextVar("deferred_ocr", default=None)
_DONE = object()


def unavailable_reason():
    """Why OCR cannot run on this server, or "" when it can."""
    if not settings.OCR_ENABLED:
        return REASON_DISABLED
    return ocr.unavailable_reason(settings.OCR_LANGUAGE)


def deferred_ocr():
    """Collect the documents that need OCR, for a bulk command to read them in parallel."""
    return collecting(_deferred)


def request(document):
    """Queue the OCR of the document's pages without text (or hand it to the bulk command collecting them)."""
    pending = _deferred.get()
    if pending is not None:
        pending.append(document)
        return
    document_needs_ocr.send(sender=type(document), document=document)


def waiting_note(document):
    """What the status reason says of the pages without text once the text layer is stored."""
    if not document.pages.filter(source=TextSource.NONE, ocr_confidence__isnull=True).exists():
        return ""
    unavailable = unavailable_reason()
    if unavailable:
        return f"OCR indisponible : {unavailable}"
    return "lecture par OCR en attente"


def pages_to_read(document):
    return list(document.pages.awaiting_ocr().values_list("number", flat=True))


def read(document, numbers, on_page):
    """Read pages `numbers` of the document by OCR in the sandbox; `on_page(page)` as each is read."""
    with document.local_path() as path:
        return ocr_isolated(
            path, numbers, on_page, dpi=settings.OCR_DPI, language=settings.OCR_LANGUAGE,
            page_timeout=settings.OCR_PAGE_TIMEOUT, timeout=settings.OCR_DOCUMENT_TIMEOUT,
            memory_mb=settings.OCR_MEMORY_MB,
        )


def store_page(document, page):
    """Keep one page read by OCR; a page that could not be read stays waiting for the next run."""
    if page["error"]:
        return
    row = DocumentPage.objects.filter(document=document, number=page["number"]).first()
    if row is None:
        return
    row.ocr_confidence = page["confidence"] if page["confidence"] is not None else 0.0
    # Below the floor, the reading is not text in the OCR language (another script, a drawing): it is set aside.
    legible = row.ocr_confidence >= settings.OCR_MIN_CONFIDENCE
    if legible and ocr.layer_word_count(page["text"]) > ocr.layer_word_count(row.text):
        row.text, row.source = page["text"], TextSource.OCR
    elif has_words(row.text):
        # OCR saw no more than the few words of the text layer: those were the page's whole text.
        row.source = TextSource.TEXT_LAYER
    row.save(update_fields=["text", "source", "ocr_confidence"])


@transaction.atomic
def finish(document, outcome):
    """Set the document's status from where its pages' text came from, and have it re-indexed."""
    pages = list(DocumentPage.objects.filter(document=document).values_list("source", "ocr_confidence"))
    read_by_ocr = [confidence for source, confidence in pages if source == TextSource.OCR]
    layer = sum(1 for source, _ in pages if source == TextSource.TEXT_LAYER)
    unread = [confidence for source, confidence in pages if source == TextSource.NONE and confidence is not None]
    set_aside = [confidence for confidence in unread if 0 < confidence < settings.OCR_MIN_CONFIDENCE]
    empty = len(unread) - len(set_aside)
    waiting = sum(1 for source, confidence in pages if source == TextSource.NONE and confidence is None)
    low = sum(1 for confidence in read_by_ocr if confidence < settings.OCR_LOW_CONFIDENCE)
    errors = sorted({page["error"] for page in outcome.pages if page["error"]})

    notes = []
    if read_by_ocr:
        status = ExtractionStatus.OCR
        notes.append(
            f"texte reconnu par OCR sur {plural(len(read_by_ocr), 'page')} sur {len(pages)} "
            f"(confiance moyenne {mean(read_by_ocr):.0f} %)"
        )
        if low:
            notes.append(f"{plural(low, 'page')} peu lisible{'s' if low > 1 else ''} (confiance sous "
                         f"{settings.OCR_LOW_CONFIDENCE} %), à vérifier")
        if layer:
            notes.append(f"{plural(layer, 'page')} avec couche texte")
    elif layer:
        status = ExtractionStatus.OK
    else:
        status = ExtractionStatus.NO_TEXT
        notes.append(REASON_NO_TEXT)
    if empty:
        notes.append(f"{plural(empty, 'page')} où l'OCR n'a reconnu aucun mot")
    if set_aside:
        language = "en français" if settings.OCR_LANGUAGE == "fra" else f"(langue « {settings.OCR_LANGUAGE} »)"
        notes.append(
            f"{plural(len(set_aside), 'page')} illisible{'s' if len(set_aside) > 1 else ''} par l'OCR {language} "
            f"(confiance {mean(set_aside):.0f} %, sous le seuil de {settings.OCR_MIN_CONFIDENCE} %) : "
            "autre langue ou écriture, ou image sans texte ; lecture écartée"
        )
    if waiting:
        cause = outcome.interruption or "; ".join(errors) or "lecture interrompue"
        notes.append(f"{plural(waiting, 'page')} non lue{'s' if waiting > 1 else ''} ({cause}) : relancer l'OCR")
    fields = {
        "extraction_status": status, "extraction_reason": " ; ".join(notes), "ocr_page_count": len(read_by_ocr),
        "extracted_at": timezone.now(),
    }
    ArchiveDocument.objects.filter(pk=document.pk).update(**fields)
    for name, value in fields.items():
        setattr(document, name, value)
    document_text_extracted.send(sender=ArchiveDocument, document=document)


def plural(count, word):
    return f"{count} {word}{'s' if count > 1 else ''}"


def reset(document):
    """Forget what OCR read on the document, so that every page without a text layer is read again."""
    document.pages.filter(source=TextSource.OCR).update(text="", source=TextSource.NONE, ocr_confidence=None)
    document.pages.filter(source=TextSource.NONE).update(ocr_confidence=None)


def ocr_all(documents, jobs=1, on_page=lambda document, page: None, on_document=lambda document: None):
    """Read the waiting pages of `documents`, `jobs` documents at a time, storing each page as it is read.

    The OCR runs in child processes watched by threads; the database is only
    touched from the calling thread (pages arrive through a queue).
    """
    unavailable = unavailable_reason()
    if unavailable:
        raise OcrUnavailable(unavailable)
    events, stopping = queue.Queue(), threading.Event()

    def received(document, page):
        if stopping.is_set():
            raise Stopped  # ends the reading: the sandbox kills its child
        events.put((document, page))

    def work(document, numbers):
        try:
            outcome = read(document, numbers, lambda page: received(document, page))
        except Stopped:
            return
        except Exception as error:  # noqa: BLE001 - reported on the document, the other documents go on
            outcome = OcrOutcome(interruption=f"lecture OCR impossible ({error})")
        events.put((document, _DONE, outcome))

    waiting = 0
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for document in documents:
            numbers = pages_to_read(document)
            if numbers:
                pool.submit(work, document, numbers)
                waiting += 1
            else:
                finish(document, OcrOutcome())
                on_document(document)
        try:
            while waiting:
                document, page, *outcome = events.get()
                if page is _DONE:
                    finish(document, outcome[0])
                    on_document(document)
                    waiting -= 1
                else:
                    store_page(document, page)
                    on_page(document, page)
        except BaseException:
            # Interrupted (Ctrl+C, an error): the pages stored so far stay; the readings still running stop.
            stopping.set()
            pool.shutdown(wait=False, cancel_futures=True)
            raise


class Stopped(Exception):
    pass


class OcrUnavailable(Exception):
    pass


def ocr_and_store(document):
    """Read the document's pages without text by OCR and store the result; without OCR, say why."""
    try:
        ocr_all([document])
    except OcrUnavailable:
        pass  # nothing is read: the status already says why (set when the text layer was stored)
    return document.extraction_status
