"""Run the extraction of one PDF in a child process, within a time and a memory limit.

A hostile or broken file can then neither hang the caller nor exhaust its memory:
the child is killed at the deadline, its address space is capped, and whatever
happens to it ends as a `failed` result with a reason an editor can read.
"""

import json
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .engine import FAILED

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_TIMEOUT = 120
DEFAULT_MEMORY_MB = 1024


@dataclass
class ExtractionResult:
    status: str
    reason: str = ""
    page_count: int | None = None
    pages: list = field(default_factory=list)
    peak_memory_kb: int = 0


def _limit_child(memory_mb, cpu_seconds):
    def apply():
        memory = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.setsid()

    return apply


def _failure(reason):
    return ExtractionResult(status=FAILED, reason=reason)


def extract_isolated(path, timeout=DEFAULT_TIMEOUT, memory_mb=DEFAULT_MEMORY_MB):
    """The extraction result of the PDF at `path`, computed in a limited child process."""
    command = [sys.executable, "-m", "erbm_cms.documents.extraction.child", os.fspath(path)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        preexec_fn=_limit_child(memory_mb, max(1, int(timeout) + 1)),
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return _failure(f"extraction interrompue : délai de {timeout:g} s dépassé")
    if process.returncode != 0:
        return _failure(_crash_reason(process.returncode, stderr, memory_mb))
    try:
        data = json.loads(stdout)
    except ValueError:
        return _failure("extraction interrompue : réponse illisible du processus d'extraction")
    return ExtractionResult(
        status=data["status"], reason=data["reason"], page_count=data["page_count"], pages=data["pages"],
        peak_memory_kb=data.get("peak_memory_kb", 0),
    )


def _crash_reason(returncode, stderr, memory_mb):
    tail = stderr.decode("utf-8", "replace").strip()
    if "MemoryError" in tail:
        return f"fichier PDF trop lourd : limite de mémoire de {memory_mb} Mo atteinte"
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "extraction interrompue : temps de calcul dépassé"
    if returncode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS):
        return (
            f"le lecteur PDF s'est arrêté brutalement (signal {-returncode}) : fichier trop lourd pour "
            f"la limite de mémoire de {memory_mb} Mo, ou corrompu"
        )
    last_line = tail.splitlines()[-1] if tail else f"code de sortie {returncode}"
    return f"fichier PDF illisible : {last_line[:300]}"
