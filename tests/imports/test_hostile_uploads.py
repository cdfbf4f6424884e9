"""Files sent for an import as an attacker would: paths out of the folder, links, devices, zip bombs, lies."""

import stat
import struct
import zipfile

import pytest

from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.imports import jobs, tasks
from erbm_cms.imports.models import ImportJob
from erbm_cms.imports.uploads import UploadRefused
from tests.imports.helpers import act, csv_bytes, row, upload, zip_of

pytestmark = pytest.mark.django_db


def refused(job):
    return {entry["nom"].rsplit(" › ", 1)[-1]: entry["motif"] for entry in job.refused_files}


def send(user, rows, files):
    return jobs.create(user, upload("deliberations.csv", csv_bytes(rows)), [upload(name, content) for name, content in files])


def with_declared_size(archive, size):
    """The zip with the uncompressed size of its first entry rewritten in the central directory (a lie)."""
    data = bytearray(archive)
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", size)
    return bytes(data)


def with_password_flag(archive):
    """The zip with its first entry marked as encrypted, as a password-protected archive is."""
    data = bytearray(archive)
    for offset in (data.index(b"PK\x03\x04") + 6, data.index(b"PK\x01\x02") + 8):
        data[offset] |= 0x1
    return bytes(data)


def test_entries_that_leave_the_folder_or_name_a_device_are_refused_and_the_rest_goes_on(douaisis_clerk, tmp_path):
    link = zipfile.ZipInfo("lien.pdf")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = zip_of([
        ("../evasion.pdf", act("A")), ("/etc/absolu.pdf", act("B")), ("actes/../../remonte.pdf", act("C")),
        ("CON.pdf", act("D")), ("sous\\dossier.pdf", act("E")), ("C:/windows.pdf", act("F")),
        (link, b"/etc/passwd"), ("notes.docx", b"PK\x03\x04 pas un pdf"),
        ("actes/IMP-70.pdf", act("IMP-70")), ("autres/IMP-70.pdf", act("IMP-70 bis")),
    ])
    job = send(douaisis_clerk, [row("IMP-70"), row("IMP-71", DELIB_URL="https://exemple.invalid/notes.docx")],
               [("actes.zip", archive)])
    reasons = refused(job)
    assert "remonte hors du dossier" in reasons["../evasion.pdf"]
    assert "absolu" in reasons["/etc/absolu.pdf"]
    assert "remonte hors du dossier" in reasons["actes/../../remonte.pdf"]
    assert "nom réservé à un périphérique" in reasons["CON.pdf"]
    assert "barre oblique inverse" in reasons["sous\\dossier.pdf"]
    assert "absolu" in reasons["C:/windows.pdf"]
    assert "lien symbolique" in reasons["lien.pdf"]
    assert "ce n'est pas un PDF" in reasons["notes.docx"]
    assert "un autre fichier du même envoi porte déjà ce nom" in reasons["autres/IMP-70.pdf"]
    # Only the good entry is unpacked, flat, inside the job's folder; nothing was written elsewhere.
    assert sorted(p.name for p in job.files_path.iterdir()) == ["IMP-70.pdf"]
    assert not (job.path.parent / "evasion.pdf").exists() and not (tmp_path / "evasion.pdf").exists()
    planned = {r.line: (r.planned, r.planned_message) for r in job.rows.all()}
    assert planned[2][0] == "sera créée"
    assert planned[3] == ("erreur", "DELIB_URL : le fichier « notes.docx » a été refusé au dépôt : "
                                    "ce n'est pas un PDF : son contenu ne commence pas par l'en-tête « %PDF- »")


def test_a_huge_declared_entry_and_a_zip_bomb_are_refused_before_unpacking(douaisis_clerk, settings):
    huge = with_declared_size(zip_of([("IMP-72.pdf", act("IMP-72"))]), 1024 ** 3)
    job = send(douaisis_clerk, [row("IMP-72")], [("gros.zip", huge)])
    assert "pèse 1 Go une fois décompressé, plus que la limite de 50 Mo par acte" in refused(job)["IMP-72.pdf"]
    assert not any(job.files_path.iterdir())

    settings.IMPORT_MAX_UNCOMPRESSED_SIZE = 1_000_000
    padding = b"\0" * 600_000  # compresses to almost nothing: a small archive that unpacks big
    bomb = zip_of([("IMP-73.pdf", b"%PDF-1.4\n" + padding), ("IMP-74.pdf", b"%PDF-1.4\n" + padding)])
    assert len(bomb) < 10_000
    job = send(douaisis_clerk, [row("IMP-73")], [("bombe.zip", bomb)])
    (reason,) = refused(job).values()
    assert "plus que la limite de 976,6 Ko : rien n'en est extrait" in reason
    assert not any(job.files_path.iterdir())


def test_an_encrypted_entry_is_refused(douaisis_clerk):
    job = send(douaisis_clerk, [row("IMP-76")], [("chiffre.zip", with_password_flag(zip_of([("IMP-76.pdf", act("IMP-76"))])))])
    assert refused(job) == {"IMP-76.pdf": "fichier chiffré par un mot de passe"}
    (planned,) = job.rows.all()
    assert planned.planned == "erreur" and "chiffré" in planned.planned_message


def test_an_entry_larger_than_it_declares_is_refused(douaisis_clerk):
    liar = with_declared_size(zip_of([("IMP-75.pdf", act("IMP-75"))]), 20)
    job = send(douaisis_clerk, [row("IMP-75")], [("menteur.zip", liar)])
    assert "endommagée" in refused(job)["IMP-75.pdf"] or "plus gros que la taille" in refused(job)["IMP-75.pdf"]
    assert not any(job.files_path.iterdir())


def test_too_many_files_and_too_big_an_upload(douaisis_clerk, settings):
    settings.IMPORT_MAX_FILES = 3
    many = zip_of([(f"IMP-8{n}.pdf", act(f"IMP-8{n}")) for n in range(5)])
    job = send(douaisis_clerk, [row("IMP-80")], [("nombreux.zip", many)])
    (reason,) = refused(job).values()
    assert "5 fichiers" in reason and "limite de 3 fichiers" in reason
    settings.IMPORT_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(UploadRefused, match="plus que la limite de 1000 octets"):
        send(douaisis_clerk, [row("IMP-81")], [("IMP-81.pdf", act("IMP-81"))])
    assert not ImportJob.objects.filter(csv_name="deliberations.csv", rows__number="IMP-81").exists()


def test_a_file_that_is_neither_pdf_nor_zip_is_refused_with_its_reason(douaisis_clerk):
    job = send(douaisis_clerk, [row("IMP-90")], [("IMP-90.pdf", b"MZ\x90\x00 un executable"), ("vide.pdf", b"")])
    reasons = refused(job)
    assert reasons["IMP-90.pdf"] == "ce n'est ni un PDF ni une archive zip (contenu vérifié, pas l'extension)"
    assert "vide.pdf" in reasons
    (row_90,) = job.rows.all()
    assert row_90.planned == "erreur" and "a été refusé au dépôt" in row_90.planned_message


def test_a_latin_1_csv_with_a_bom_is_read(douaisis_clerk):
    data = "\ufeff".encode() + csv_bytes([row("IMP-91", DELIB_OBJET="Réhabilitation énergétique des cités")], "cp1252")
    job = jobs.create(douaisis_clerk, upload("latin1.csv", data), [upload("IMP-91.pdf", act("IMP-91"))])
    (planned,) = job.rows.all()
    assert planned.planned == "sera créée", planned.planned_message
    tasks.start(job)
    assert DeliberationPage.objects.get(number="IMP-91").title == "Réhabilitation énergétique des cités"


def test_a_csv_that_cannot_be_read_is_refused_whole_and_leaves_nothing(douaisis_clerk, settings):
    from erbm_cms.deliberations.importing import BadFile

    before = set(settings.IMPORT_ROOT.iterdir())
    with pytest.raises(BadFile, match="colonnes obligatoires absentes"):
        jobs.create(douaisis_clerk, upload("x.csv", b"nom;date\r\na;b\r\n"), [])
    assert set(settings.IMPORT_ROOT.iterdir()) == before
    assert not ImportJob.objects.filter(csv_name="x.csv").exists()


def test_device_names_are_refused_for_csv_names_too(tmp_path):
    from erbm_cms.documents.confinement import PathRefused, resolve_inside

    for name in ("NUL", "aux.pdf", "com1.PDF", "LPT9.txt", "con .pdf"):
        with pytest.raises(PathRefused, match="périphérique"):
            resolve_inside(tmp_path, name)
    assert resolve_inside(tmp_path, "console.pdf") is None  # an ordinary name, absent


def test_an_over_long_cell_is_refused_even_when_a_library_raised_the_processs_csv_limit():
    import csv
    import sys

    from erbm_cms.deliberations.importing import BadFile, read_rows

    previous = csv.field_size_limit(sys.maxsize)  # as frictionless does when it is imported
    try:
        with pytest.raises(BadFile, match="ligne 2 illisible \\(un champ dépasse 131\u202f072 caractères\\)"):
            read_rows(csv_bytes([row("IMP-190", DELIB_OBJET="A" * 200_000)]))
        assert csv.field_size_limit() == sys.maxsize  # the process's limit is given back
    finally:
        csv.field_size_limit(previous)
