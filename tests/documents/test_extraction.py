"""Every PDF ends in a final state, with its reason, within the limits, and is never lost."""

import pytest

from erbm_cms.documents.extraction.sandbox import extract_isolated
from tests.documents import pdf_fixtures


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf-fixtures")
    for name in ("text_pdf", "scanned_pdf", "encrypted_pdf", "truncated_pdf", "not_a_pdf"):
        (folder / f"{name}.pdf").write_bytes(getattr(pdf_fixtures, name)())
    (folder / "empty.pdf").write_bytes(b"")
    return folder


@pytest.fixture(scope="session")
def bomb_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    path.write_bytes(pdf_fixtures.decompression_bomb())
    return path


def test_a_text_pdf_yields_its_words_page_by_page(fixture_dir):
    result = extract_isolated(fixture_dir / "text_pdf.pdf")
    assert (result.status, result.reason, result.page_count) == ("ok", "", 2)
    assert "réhabilitation énergétique de 23 000 logements" in result.pages[0]
    assert "chantiers d'insertion du bassin minier" in result.pages[1]
    assert result.peak_memory_kb > 0


@pytest.mark.parametrize(
    "name, status, reason",
    [
        ("scanned_pdf", "no_text", "aucun texte : document numérisé"),
        ("encrypted_pdf", "encrypted", "PDF protégé par un mot de passe"),
        ("truncated_pdf", "failed", "fichier PDF illisible"),
        ("not_a_pdf", "failed", "ce fichier n'est pas un PDF"),
        ("empty", "failed", "le fichier est vide"),
    ],
)
def test_each_bad_case_gets_its_status_and_a_french_reason(fixture_dir, name, status, reason):
    result = extract_isolated(fixture_dir / f"{name}.pdf")
    assert result.status == status
    assert reason in result.reason


def test_a_scan_keeps_its_page_count(fixture_dir):
    assert extract_isolated(fixture_dir / "scanned_pdf.pdf").page_count == 1


def test_a_decompression_bomb_is_stopped_by_the_memory_cap(bomb_path):
    result = extract_isolated(bomb_path, timeout=60, memory_mb=300)
    assert result.status == "failed"
    assert "mémoire" in result.reason


def test_a_file_that_takes_too_long_is_stopped_at_the_deadline(fixture_dir):
    result = extract_isolated(fixture_dir / "text_pdf.pdf", timeout=0)
    assert result.status == "failed"
    assert result.reason == "extraction interrompue : délai de 0 s dépassé"


def test_the_memory_cap_is_what_stops_the_bomb(bomb_path):
    # With room enough, the same file is read to its end: a page of blank space.
    result = extract_isolated(bomb_path, timeout=120, memory_mb=4096)
    assert result.status == "no_text"
