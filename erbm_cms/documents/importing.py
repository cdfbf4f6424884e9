"""Import PDF files into the archive, keeping every file, duplicates detected by hash."""

import re
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.db import transaction

from . import staging
from .fingerprint import sha256_of
from .models import ArchiveDocument
from .validators import validate_pdf_content

IMPORT_COLLECTION = "Import"


@dataclass
class ImportedFile:
    path: Path
    document: ArchiveDocument
    created: bool


def title_from_filename(path):
    stem = re.sub(r"[-_]+", " ", Path(path).stem).strip()
    return (stem[:1].upper() + stem[1:])[:255] or Path(path).name


def find_pdf_files(paths):
    """The files named by `paths`: files as given, folders searched for *.pdf; plus the missing paths."""
    files, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


@dataclass
class PreparedFile:
    """A file ready to become a document: the existing one with the same content, or its staged copy."""

    path: Path
    existing: ArchiveDocument | None = None
    staged: object = None

    def document(self, collection, title=None):
        """The document (created from the staged copy in the caller's transaction if new)."""
        if self.existing is not None:
            return self.existing
        document = ArchiveDocument(title=title or title_from_filename(self.path), collection=collection)
        return staging.adopt(self.staged, document)

    def discard(self):
        if self.staged is not None:
            staging.discard(self.staged)
            self.staged = None


def prepare_file(path, require_pdf=True, opener=open):
    """Check the file at `path` and copy it into storage unless the same content is already there.

    Runs outside any transaction. Raises ValidationError (French message) if `require_pdf`
    and the content is not a PDF. `opener` opens the path for reading (see confinement.open_inside).
    """
    with opener(path, "rb") as handle:
        if require_pdf:
            validate_pdf_content(handle)
        existing = ArchiveDocument.objects.filter(sha256=sha256_of(handle)).order_by("pk").first()
        if existing is not None:
            return PreparedFile(Path(path), existing=existing)
        handle.seek(0)
        return PreparedFile(Path(path), staged=staging.stage(File(handle, name=Path(path).name), Path(path).name))


def import_file(path, collection, title=None, require_pdf=True):
    """The archive document holding the file at `path`, created unless the same content is already there."""
    prepared = prepare_file(path, require_pdf=require_pdf)
    if prepared.existing is not None:
        return ImportedFile(path, prepared.existing, created=False)
    try:
        with transaction.atomic():
            document = prepared.document(collection, title)
    except BaseException:
        prepared.discard()
        raise
    return ImportedFile(path, document, created=True)
