"""`import_deliberations --files DIR` reads nothing outside DIR, whatever the CSV says, and only PDFs."""

import os
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.deliberations.scdl import COLUMNS
from erbm_cms.demo.pdf import render_pdf
from erbm_cms.documents.confinement import PathRefused, resolve_inside
from erbm_cms.documents.fingerprint import sha256_of_path
from erbm_cms.documents.models import ArchiveDocument, StagedFile

pytestmark = pytest.mark.django_db

SECRET_WORD = "Zyxwelkonfidentiel"
ROW = {
    "COLL_NOM": "Communauté d'agglomération de Lens-Liévin", "DELIB_DATE": "2019-06-20",
    "DELIB_MATIERE_CODE": "8.6", "DELIB_OBJET": "Objet de la délibération importée",
}


@pytest.fixture
def layout(tmp_path):
    """acts/ (the --files folder) holding one good act; a PDF with a secret word beside it, outside."""
    acts = tmp_path / "actes"
    acts.mkdir()
    (acts / "bon.pdf").write_bytes(render_pdf("Acte régulier", [("", ["Texte ordinaire de l'acte."])]))
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(render_pdf("Hors du dossier", [("", [f"Mot unique {SECRET_WORD}."])]))
    (tmp_path / "dehors").mkdir()
    (tmp_path / "dehors" / "acte.pdf").write_bytes(secret.read_bytes())
    return acts, secret


def import_rows(tmp_path, acts, rows):
    lines = [";".join(COLUMNS)]
    for number, url in rows:
        row = dict(ROW, DELIB_ID=number, DELIB_URL=url)
        lines.append(";".join(row.get(column, "") for column in COLUMNS))
    path = tmp_path / "import.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    out = StringIO()
    try:
        call_command("import_deliberations", str(path), "--files", str(acts), stdout=out)
    except CommandError:
        pass
    return out.getvalue()


def line_of(out, line):
    return next(row for row in out.splitlines() if row.startswith(f"ligne {line} :"))


def assert_secret_never_imported(secret):
    assert not ArchiveDocument.objects.filter(sha256=sha256_of_path(secret)).exists()
    assert not StagedFile.objects.exists()
    stored = [p.read_bytes() for p in (settings.MEDIA_ROOT / "documents").rglob("*") if p.is_file()] if (settings.MEDIA_ROOT / "documents").exists() else []
    assert secret.read_bytes() not in stored


HOSTILE_URLS = [
    ("https://exemple.invalid/actes/..%2F..%2Fsecret.pdf", "remonte hors du dossier"),
    ("https://exemple.invalid/actes/..%2fsecret.pdf", "remonte hors du dossier"),
    ("..%2Fsecret.pdf", "remonte hors du dossier"),
    ("../secret.pdf", "remonte hors du dossier"),
    ("actes/../../secret.pdf", "remonte hors du dossier"),
    ("https://exemple.invalid/%2Ftmp%2Fsecret.pdf", "chemin est absolu"),
    ("/etc/passwd", "chemin est absolu"),
    ("C:%5CWindows%5Cwin.ini", "barre oblique inverse"),
    ("https://exemple.invalid/..%5C..%5Csecret.pdf", "barre oblique inverse"),
    ("https://exemple.invalid/acte%00.pdf", "caractère nul"),
    ("https://exemple.invalid/acte%0A.pdf", "caractère de contrôle"),
    ("https://exemple.invalid/%E2%80%AEfdp.etca", "caractère de contrôle ou invisible"),  # right-to-left override
    ("https://exemple.invalid/%EF%BC%8E%EF%BC%8E%EF%BC%8Fsecret.pdf", "séparateur déguisé"),  # fullwidth ．．／
    ("https://exemple.invalid/..%E2%88%95secret.pdf", "séparateur déguisé"),  # division slash
    ("https://exemple.invalid/%E2%80%A5%2Fsecret.pdf", "remonte hors du dossier"),  # two-dot leader ‥
    ("https://exemple.invalid/.%2F.%2F..%2F%2Fsecret.pdf", "élément vide ou « . »"),
]


def test_every_delib_url_leaving_the_folder_is_refused_with_its_reason_and_the_rest_goes_on(tmp_path, layout):
    acts, secret = layout
    rows = [(f"H-{index}", url) for index, (url, _) in enumerate(HOSTILE_URLS)]
    out = import_rows(tmp_path, acts, rows + [("OK-1", "https://exemple.invalid/bon.pdf")])
    for index, (url, reason) in enumerate(HOSTILE_URLS):
        refused = line_of(out, index + 2)
        assert refused.startswith(f"ligne {index + 2} : erreur — DELIB_URL : fichier «") and reason in refused, (url, out)
    assert not DeliberationPage.objects.filter(number__startswith="H-").exists()
    assert line_of(out, len(rows) + 2).startswith(f"ligne {len(rows) + 2} : créée")
    assert DeliberationPage.objects.get(number="OK-1").act_document.extraction_status == "ok"
    assert f"{len(rows) + 1} ligne(s) : 1 créée(s), 0 déjà importée(s), {len(rows)} en erreur" in out
    assert_secret_never_imported(secret)


def test_a_double_encoded_path_is_only_a_strange_name_inside_the_folder(tmp_path, layout):
    acts, secret = layout
    out = import_rows(tmp_path, acts, [("E-1", "https://exemple.invalid/..%252F..%252Fsecret.pdf")])
    assert "attention — acte PDF introuvable (..%2F..%2Fsecret.pdf)" in out, out
    assert DeliberationPage.objects.get(number="E-1").act_document is None
    assert_secret_never_imported(secret)


HOSTILE_IDS = [
    ("../secret", "remonte hors du dossier"),
    ("../dehors/acte", "remonte hors du dossier"),
    (os.sep + "tmp" + os.sep + "secret", "chemin est absolu"),
    ("..\\secret", "barre oblique inverse"),
]


def test_every_delib_id_leaving_the_folder_is_refused(tmp_path, layout):
    acts, secret = layout
    out = import_rows(tmp_path, acts, [(number, "") for number, _ in HOSTILE_IDS])
    for index, (number, reason) in enumerate(HOSTILE_IDS):
        refused = line_of(out, index + 2)
        assert refused.startswith(f"ligne {index + 2} : erreur — DELIB_ID : fichier «") and reason in refused, out
        assert not DeliberationPage.objects.filter(number=number).exists()
    assert_secret_never_imported(secret)


def test_a_symbolic_link_leading_out_is_refused_whatever_its_name(tmp_path, layout):
    acts, secret = layout
    (acts / "lien.pdf").symlink_to(secret)
    (acts / "LIEN-MAJ.PDF").symlink_to(secret)  # found by the case-insensitive fallback
    (acts / "systeme.pdf").symlink_to("/etc/hostname")
    (acts / "sous-dossier").symlink_to(tmp_path / "dehors", target_is_directory=True)
    (acts / "S-4.pdf").symlink_to(secret)  # found as <DELIB_ID>.pdf
    out = import_rows(tmp_path, acts, [
        ("S-1", "https://exemple.invalid/lien.pdf"),
        ("S-2", "https://exemple.invalid/lien-maj.pdf"),
        ("S-3", "https://exemple.invalid/systeme.pdf"),
        ("S-5", "sous-dossier/acte.pdf"),
        ("S-4", ""),
    ])
    for line in (2, 3, 4, 5, 6):
        assert "erreur" in line_of(out, line) and "lien qui mène hors du dossier" in line_of(out, line), out
    assert not DeliberationPage.objects.filter(number__startswith="S-").exists()
    assert_secret_never_imported(secret)


def test_a_link_inside_the_folder_and_a_subfolder_are_accepted(tmp_path, layout):
    acts, _ = layout
    (acts / "2019").mkdir()
    (acts / "2019" / "acte 12.pdf").write_bytes(render_pdf("Acte rangé", [("", ["Acte rangé dans un sous-dossier."])]))
    (acts / "alias.pdf").symlink_to(acts / "2019" / "acte 12.pdf")
    out = import_rows(tmp_path, acts, [("2019/12", "https://exemple.invalid/x/2019%2Facte%2012.pdf"), ("A-1", "alias.pdf")])
    assert "ligne 2 : créée" in out and "ligne 3 : créée" in out, out
    assert DeliberationPage.objects.get(number="2019/12").act_document == DeliberationPage.objects.get(number="A-1").act_document


NOT_PDF = [
    (b"root:x:0:0:root:/root:/bin/bash\n", "n'est pas un PDF"),
    (b"", "Le fichier est vide"),
    (b"<html><script>alert(1)</script></html>", "n'est pas un PDF"),
]


def test_an_act_that_is_not_a_pdf_is_refused_not_published(tmp_path, layout):
    acts, _ = layout
    for index, (content, _) in enumerate(NOT_PDF):
        (acts / f"N-{index}.pdf").write_bytes(content)
    before = set(ArchiveDocument.objects.values_list("pk", flat=True))
    out = import_rows(tmp_path, acts, [(f"N-{index}", "") for index in range(len(NOT_PDF))])
    for index, (_, message) in enumerate(NOT_PDF):
        refused = line_of(out, index + 2)
        assert refused.startswith(f"ligne {index + 2} : erreur — l'acte « N-{index}.pdf » est refusé") and message in refused, out
    assert not DeliberationPage.objects.filter(number__startswith="N-").exists()
    assert set(ArchiveDocument.objects.values_list("pk", flat=True)) == before


def test_a_fifo_or_folder_named_as_the_act_is_refused(tmp_path, layout):
    acts, _ = layout
    os.mkfifo(acts / "F-1.pdf")  # reading it would block the import forever
    (acts / "D-1.pdf").mkdir()
    out = import_rows(tmp_path, acts, [("F-1", ""), ("D-1", "")])
    assert "ce n'est pas un fichier ordinaire" in line_of(out, 2), out
    assert "ce n'est pas un fichier ordinaire" in line_of(out, 3), out


@pytest.mark.parametrize("name", [
    "../x.pdf", "a/../../x.pdf", "/etc/passwd", "a\\b.pdf", "x\x00.pdf", "x\x1b.pdf", "\u202epdf.exe",
    "．．／x.pdf", "‥/x.pdf", "a//b.pdf", "./x.pdf", "C:x.pdf", "", "\ud800.pdf", "x" * 256 + ".pdf",
])
def test_the_reusable_resolver_refuses_each_trick(tmp_path, name):
    with pytest.raises(PathRefused):
        resolve_inside(tmp_path, name)


def test_the_reusable_resolver_finds_ordinary_names(tmp_path):
    (tmp_path / "Délibération n° 12 (signée).pdf").write_bytes(b"%PDF-1.4")
    assert resolve_inside(tmp_path, "Délibération n° 12 (signée).pdf") == (tmp_path / "Délibération n° 12 (signée).pdf").resolve()
    assert resolve_inside(tmp_path, "absent.pdf") is None
