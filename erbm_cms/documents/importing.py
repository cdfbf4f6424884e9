"""Import PDF files into the archive, keeping every file, duplicates detected by hash."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from wagtail.models import Collection

from .models import ArchiveDocument, HASH_CHUNK

IMPORT_COLLECTION = "Import"


@dataclass
class ImportedFile:
    path: Path
    document: ArchiveDocument
    created: bool


def sha256_of_path(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def collection_named(name):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


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


def import_file(path, collection, title=None):
    """The archive document holding the file at `path`, created unless the same content is already there."""
    digest = sha256_of_path(path)
    existing = ArchiveDocument.objects.filter(sha256=digest).order_by("pk").first()
    if existing is not None:
        return ImportedFile(path, existing, created=False)
    document = ArchiveDocument(title=title or title_from_filename(path), collection=collection)
    with open(path, "rb") as handle:
        document.file.save(Path(path).name, File(handle), save=False)
    document.sha256 = digest
    document._set_document_file_metadata()
    document.save()
    return ImportedFile(path, document, created=True)
