"""Files sent for an import from the admin: the CSV, and the acts as PDFs or zip archives of PDFs.

They are copied into the job's private folder (`IMPORT_ROOT`), never under `MEDIA_ROOT`. Limits,
from the settings: the whole upload (`IMPORT_MAX_UPLOAD_SIZE`), each act
(`DOCUMENT_MAX_UPLOAD_SIZE`), the number of acts, files sent and zip entries together
(`IMPORT_MAX_FILES`), the size of the unpacked archives (`IMPORT_MAX_UNCOMPRESSED_SIZE`, checked on
the declared sizes before anything is unpacked, and again on the bytes actually read).

A zip entry's name is confined like every name that comes from outside
(`confinement.check_name`: no `..`, absolute path, backslash, control character, device name);
links, encrypted entries and files that are not PDF (by content) are refused, each with its
reason, and the rest of the archive goes on. Entries are unpacked flat under their own name.
"""

import os
import stat
import zipfile
import zlib
from pathlib import PurePosixPath

from django.conf import settings

from erbm_cms.base.templatetags.french_format import fr_filesize
from erbm_cms.deliberations.importing import printable
from erbm_cms.documents.confinement import PathRefused, check_name
from erbm_cms.documents.validators import PDF_HEADER_WINDOW, looks_like_pdf

CHUNK = 1024 * 1024
MAX_CSV_SIZE = 20 * 1024 * 1024
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")


class UploadRefused(Exception):
    """The upload as a whole is refused; the message (French) says why."""


class EntryRefused(Exception):
    """One file is refused; the message (French) says why."""


def size_label(size):
    return fr_filesize(size).replace("\xa0", " ")


class Receiver:
    """Copies the files of one upload into `folder`, keeping the list of refused files with their reasons."""

    def __init__(self, folder):
        self.folder = folder
        self.refused = []
        self.names = set()
        self.count = 0
        self.unpacked = 0

    def receive(self, csv_upload, act_uploads):
        total = csv_upload.size + sum(upload.size for upload in act_uploads)
        if total > settings.IMPORT_MAX_UPLOAD_SIZE:
            raise UploadRefused(
                f"l'envoi pèse {size_label(total)}, plus que la limite de {size_label(settings.IMPORT_MAX_UPLOAD_SIZE)}"
            )
        if csv_upload.size > MAX_CSV_SIZE:
            raise UploadRefused(f"le fichier CSV pèse {size_label(csv_upload.size)}, plus que la limite de {size_label(MAX_CSV_SIZE)}")
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "actes").mkdir(exist_ok=True)
        with open(self.folder / "deliberations.csv", "xb") as target:
            for chunk in csv_upload.chunks():
                target.write(chunk)
        for upload in act_uploads:
            name = printable(upload.name)
            try:
                head = upload.read(PDF_HEADER_WINDOW)
                upload.seek(0)
                if head.startswith(ZIP_SIGNATURES):
                    self.unpack(upload)
                elif looks_like_pdf(head):
                    self.store(upload.name, upload.size, upload.chunks())
                else:
                    raise EntryRefused("ce n'est ni un PDF ni une archive zip (contenu vérifié, pas l'extension)")
            except EntryRefused as error:
                self.refused.append({"nom": name, "motif": str(error)})
        return self.refused

    def unpack(self, upload):
        try:
            archive = zipfile.ZipFile(upload)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise EntryRefused(f"archive zip illisible ({error})") from error
        with archive:
            entries = [info for info in archive.infolist() if not info.is_dir()]
            if self.count + len(entries) > settings.IMPORT_MAX_FILES:
                raise EntryRefused(
                    f"l'archive contient {len(entries)} fichiers : avec les autres, plus que la limite de "
                    f"{settings.IMPORT_MAX_FILES} fichiers par import"
                )
            declared = sum(info.file_size for info in entries)
            if self.unpacked + declared > settings.IMPORT_MAX_UNCOMPRESSED_SIZE:
                raise EntryRefused(
                    f"une fois décompressée, l'archive pèserait {size_label(declared)}, plus que la limite de "
                    f"{size_label(settings.IMPORT_MAX_UNCOMPRESSED_SIZE)} : rien n'en est extrait"
                )
            archive_name = printable(upload.name)
            for info in entries:
                shown = f"{archive_name} › {printable(info.filename)}"
                try:
                    self.unpack_entry(archive, info)
                except EntryRefused as error:
                    self.refused.append({"nom": shown, "motif": str(error)})

    def unpack_entry(self, archive, info):
        try:
            parts = check_name(info.filename)
        except PathRefused as error:
            raise EntryRefused(str(error)) from error
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the archiver recorded no Unix type
        if kind and kind != stat.S_IFREG:
            raise EntryRefused("lien symbolique ou fichier spécial : seuls les fichiers ordinaires sont acceptés")
        if info.flag_bits & 0x1:
            raise EntryRefused("fichier chiffré par un mot de passe")
        if info.file_size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
            raise EntryRefused(
                f"le fichier pèse {size_label(info.file_size)} une fois décompressé, plus que la limite de "
                f"{size_label(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)} par acte"
            )
        try:
            with archive.open(info) as source:
                self.store(PurePosixPath(*parts).name, info.file_size, iter(lambda: source.read(CHUNK), b""), declared=True)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
            raise EntryRefused(f"entrée endommagée ou compressée d'une façon non prise en charge ({error})") from error

    def store(self, name, size, chunks, declared=False):
        """Write one act under `name` in the folder; partial files never stay."""
        try:
            check_name(name)
        except PathRefused as error:
            raise EntryRefused(str(error)) from error
        if "/" in name:
            raise EntryRefused("le nom contient une barre oblique")
        if size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
            raise EntryRefused(
                f"le fichier pèse {size_label(size)}, plus que la limite de {size_label(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)} par acte"
            )
        if name.lower() in self.names:
            raise EntryRefused("un autre fichier du même envoi porte déjà ce nom")
        self.count += 1
        if self.count > settings.IMPORT_MAX_FILES:
            raise EntryRefused(f"plus de {settings.IMPORT_MAX_FILES} fichiers dans un même import")
        path = self.folder / "actes" / name
        written = 0
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            with os.fdopen(descriptor, "wb") as target:
                for index, chunk in enumerate(chunks):
                    if index == 0 and not looks_like_pdf(chunk[:PDF_HEADER_WINDOW]):
                        raise EntryRefused("ce n'est pas un PDF : son contenu ne commence pas par l'en-tête « %PDF- »")
                    written += len(chunk)
                    if written > max(size, 0) or written > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
                        raise EntryRefused("le fichier est plus gros que la taille qu'il annonce")
                    if declared:
                        self.unpacked += len(chunk)
                        if self.unpacked > settings.IMPORT_MAX_UNCOMPRESSED_SIZE:
                            raise EntryRefused("les fichiers décompressés dépassent la limite de l'import")
                    target.write(chunk)
            if written == 0:
                raise EntryRefused("le fichier est vide")
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        self.names.add(name.lower())
