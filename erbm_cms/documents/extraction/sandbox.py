"""Run the extraction of one PDF in a child process, within a time and a memory limit.

A hostile or broken file can then neither hang the caller nor exhaust its memory:
the child is killed at the deadline, its address space is capped, and whatever
happens to it ends as a `failed` result with a reason an editor can read.

Children are forked from a small "fork server" that has already imported the
PDF libraries, so each file costs a fork rather than a new interpreter; the
fork server itself is single-threaded, so forking is safe even from a threaded
web or worker process.
"""

import multiprocessing
import os
import resource
import signal
import time
from dataclasses import dataclass, field

from .engine import FAILED, describe, extract, result
from .ocr import DEFAULT_DPI, DEFAULT_LANGUAGE, read_pages

DEFAULT_TIMEOUT = 120
DEFAULT_MEMORY_MB = 1024
PRELOADED = ["erbm_cms.documents.extraction.engine", "erbm_cms.documents.extraction.ocr", "pypdfium2", "pypdf", "pytesseract"]

_context = None


@dataclass
class ExtractionResult:
    status: str
    reason: str = ""
    page_count: int | None = None
    pages: list = field(default_factory=list)
    peak_memory_kb: int = 0


def _fork_context():
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOADED)
        _context = context
    return _context


def _limit(memory_mb, cpu_seconds):
    """Cap the resources of the current process (and of the programs it starts, such as Tesseract)."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(path, memory_mb, cpu_seconds, connection):
    """Runs in the child: cap its resources, extract, send the result back."""
    _limit(memory_mb, cpu_seconds)
    try:
        outcome = extract(path)
    except MemoryError:
        outcome = result(FAILED, f"fichier PDF trop lourd : limite de mémoire de {memory_mb} Mo atteinte")
    outcome["peak_memory_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    connection.send(outcome)
    connection.close()


def _failure(reason):
    return ExtractionResult(status=FAILED, reason=reason)


def extract_isolated(path, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB):
    """The extraction result of the PDF at `path`, computed in a limited child process."""
    context = _fork_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(os.fspath(path), memory_mb, max(1, int(timeout) + 1), sender), daemon=True
    )
    child.start()
    sender.close()
    data = None
    try:
        if receiver.poll(timeout):
            data = receiver.recv()
        elif child.is_alive() or child.exitcode is None:
            child.kill()
            child.join()
            return _failure(f"extraction interrompue : délai de {timeout:g} s dépassé")
    except (EOFError, OSError):
        data = None
    finally:
        receiver.close()
    child.join(timeout=10)
    if data is None:
        if child.is_alive():
            child.kill()
            child.join()
        return _failure(_crash_reason(child.exitcode, memory_mb))
    return ExtractionResult(
        status=data["status"], reason=data["reason"], page_count=data["page_count"], pages=data["pages"],
        peak_memory_kb=data.get("peak_memory_kb", 0),
    )


def _crash_reason(exitcode, memory_mb):
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "extraction interrompue : temps de calcul dépassé"
    if exitcode is not None and exitcode < 0:
        return (
            f"le lecteur PDF s'est arrêté brutalement (signal {-exitcode}) : fichier trop lourd pour "
            f"la limite de mémoire de {memory_mb} Mo, ou corrompu"
        )
    return f"fichier PDF illisible : le processus d'extraction s'est arrêté (code {exitcode})"


@dataclass
class OcrOutcome:
    pages: list = field(default_factory=list)
    # Why some pages were not read, when the whole reading stopped (deadline, crash).
    interruption: str = ""


def _ocr_child(path, numbers, options, memory_mb, cpu_seconds, connection):
    """Runs in the child: cap its resources, read the pages one by one, send each as soon as it is read."""
    _limit(memory_mb, cpu_seconds)
    try:
        for page in read_pages(path, numbers, **options):
            connection.send(page)
        connection.send(None)
    except MemoryError:
        connection.send({"interruption": f"lecture OCR interrompue : limite de mémoire de {memory_mb} Mo atteinte"})
    except Exception as error:  # noqa: BLE001 - a hostile file may raise anything
        connection.send({"interruption": describe(error)})
    connection.close()


def ocr_isolated(path, numbers, on_page=lambda page: None, *, dpi=DEFAULT_DPI, language=DEFAULT_LANGUAGE,
                 page_timeout=60, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB):
    """Read pages `numbers` of the PDF at `path` by OCR in a limited child process.

    `on_page(page)` is called in the caller's thread as each page is read, so that a
    reading cut short (document deadline, crash) keeps the pages already read.
    """
    context = _fork_context()
    receiver, sender = context.Pipe(duplex=False)
    options = {"dpi": dpi, "language": language, "page_timeout": page_timeout}
    child = context.Process(
        target=_ocr_child, args=(os.fspath(path), list(numbers), options, memory_mb, max(1, int(timeout) + 1), sender),
        daemon=True,
    )
    child.start()
    sender.close()
    outcome = OcrOutcome()
    deadline = time.monotonic() + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not receiver.poll(remaining):
                outcome.interruption = f"lecture OCR interrompue : délai de {timeout:g} s par document dépassé"
                break
            message = receiver.recv()
            if message is None:
                break
            if "interruption" in message:
                outcome.interruption = message["interruption"]
                break
            outcome.pages.append(message)
            on_page(message)
    except (EOFError, OSError):
        child.join(timeout=10)
        outcome.interruption = (
            f"lecture OCR interrompue : le processus s'est arrêté (code {child.exitcode}) ; page trop lourde pour "
            f"la limite de mémoire de {memory_mb} Mo, ou fichier corrompu"
        )
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    return outcome
