"""Files written by imports: recorded before they are written, so a killed import leaves no orphan.

`stage` commits a `StagedFile` record, then writes the file; `adopt` gives the file to a
new document and deletes the record in the caller's transaction; `discard` removes both
when the row is refused. A record that outlives its process (killed import) is swept by
`sweep`, called at the start of every import, by `extract_pending` and by the worker.
"""

import os
import socket
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ArchiveDocument, StagedFile

STALE_AFTER = timedelta(hours=6)


def current_owner():
    """This process, as `owner_alive` can later check it: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner):
    """True if the process `owner` still runs, False if it is gone, None if it ran on another machine."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None  # another machine: only age tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return int(pid) == os.getpid() or not _is_zombie(int(pid))


def _is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[-1].split()[0] == "Z"
    except OSError:
        return False


def _storage():
    return ArchiveDocument._meta.get_field("file").storage


def stage(source, filename):
    """Copy the open file `source` into the document storage; the StagedFile that records it.

    Call it outside any transaction: the record must be committed before the file is written.
    """
    storage = _storage()
    name = ArchiveDocument._meta.get_field("file").generate_filename(None, filename)
    record = StagedFile.objects.create(name=storage.get_available_name(name), owner=current_owner())
    try:
        saved = storage.save(record.name, source)
    except BaseException:
        discard(record)
        raise
    if saved != record.name:  # another writer took the name meanwhile
        StagedFile.objects.filter(pk=record.pk).update(name=saved)
        record.name = saved
    return record


def adopt(record, document):
    """Give the staged file to `document` (unsaved) and drop the record, in the caller's transaction."""
    document.save_with_file(record.name)
    StagedFile.objects.filter(pk=record.pk).delete()
    return document


def discard(record):
    """Remove a staged file whose row was refused (unless a document uses it after all)."""
    if not ArchiveDocument.objects.filter(file=record.name).exists():
        _storage().delete(record.name)
    StagedFile.objects.filter(pk=record.pk).delete()


def sweep():
    """Remove the files left by imports that stopped between writing a file and committing its row."""
    removed = []
    now = timezone.now()
    for record in StagedFile.objects.order_by("pk"):
        alive = owner_alive(record.owner)
        if alive or (alive is None and now - record.created_at < STALE_AFTER):
            continue
        with transaction.atomic():
            discard(record)
        removed.append(record.name)
    return removed
