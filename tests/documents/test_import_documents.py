"""`manage.py import_documents`: one line per file, a summary, exit status 0 only if all imported."""

import pytest
from django.core.management import CommandError, call_command

from erbm_cms.documents.models import ArchiveDocument
from tests.documents import pdf_fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "deliberation-2018-12.pdf").write_bytes(pdf_fixtures.text_pdf())
    (tmp_path / "scan.PDF").write_bytes(pdf_fixtures.scanned_pdf())
    (tmp_path / "notes.txt").write_text("pas un PDF, ignoré dans un dossier")
    sub = tmp_path / "annexes"
    sub.mkdir()
    (sub / "protege.pdf").write_bytes(pdf_fixtures.encrypted_pdf())
    return tmp_path


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_documents", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def test_a_folder_is_imported_with_one_line_per_file_and_a_summary(folder):
    code, out, err = run(folder)
    assert code == 0, out + err
    lines = out.strip().splitlines()
    assert len(lines) == 4
    assert any(line.startswith("[texte extrait]") and "deliberation-2018-12.pdf" in line and "2 pages" in line for line in lines)
    scan = "texte reconnu par ocr" if pdf_fixtures.scan_status() == "ocr" else "sans texte (numérisé)"
    assert any(line.startswith(f"[{scan}]") and "scan.PDF" in line for line in lines)
    assert any(line.startswith("[protégé par mot de passe]") and "protege.pdf" in line for line in lines)
    assert lines[-1] == f"3 fichier(s) : {', '.join(sorted(['1 protégé par mot de passe', f'1 {scan}', '1 texte extrait']))}"
    document = ArchiveDocument.objects.get(title="Deliberation 2018 12")
    assert document.collection.name == "Import"
    assert document.pages.count() == 2


def test_importing_again_creates_nothing(folder):
    run(folder)
    count = ArchiveDocument.objects.count()
    code, out, _ = run(folder)
    assert code == 0
    assert ArchiveDocument.objects.count() == count
    assert out.strip().splitlines()[-1] == "3 fichier(s) : 3 déjà présent"


def test_unreadable_files_are_kept_reported_and_make_the_exit_status_non_zero(tmp_path):
    (tmp_path / "tronque.pdf").write_bytes(pdf_fixtures.truncated_pdf())
    (tmp_path / "courriel.pdf").write_bytes(pdf_fixtures.not_a_pdf())
    (tmp_path / "bon.pdf").write_bytes(pdf_fixtures.text_pdf())
    code, out, err = run(tmp_path, tmp_path / "absent.pdf")
    assert code == 1
    assert "[échec]" in out and "ce fichier n'est pas un PDF" in out and "fichier PDF illisible" in out
    assert "introuvable" in err and "absent.pdf" in err
    assert "[texte extrait]" in out  # the rest of the batch went on
    # Nothing is lost: the unreadable files are in the archive with their reason.
    kept = ArchiveDocument.objects.filter(title__in=["Tronque", "Courriel"])
    assert kept.count() == 2 and all(d.extraction_status == "failed" and d.file.size > 0 for d in kept)


def test_files_named_explicitly_are_taken_whatever_their_extension(tmp_path):
    path = tmp_path / "acte.bin"
    path.write_bytes(pdf_fixtures.text_pdf())
    code, out, _ = run(path)
    assert code == 0 and "[texte extrait]" in out
