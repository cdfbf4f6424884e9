"""The shared corpus of real PDFs written by others: each file ends as its manifest says, none is lost."""

import csv
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command

from erbm_cms.documents.extraction import recognition
from erbm_cms.documents.fingerprint import sha256_of_path
from erbm_cms.documents.models import ArchiveDocument

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pdf"
EXPECTED_STATUS = {"ok": "ok", "no-text": "no_text", "encrypted": "encrypted", "error": "failed"}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").exists(), reason=f"the shared corpus is absent ({CORPUS})"),
]


def manifest():
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


# Where Tesseract reads French, the corpus files that hold page images end otherwise than their manifest
# (written before OCR) says. What each holds was checked by looking at the pages read.
OCR_EXPECTED = {
    # A 10-page prefectoral decree, scanned: every page read (mean confidence about 89 %).
    "fr-couthenans-arrete-prefectoral-2023-03-23-scan.pdf": "ocr",
    # Council minutes whose page 3 is a scanned motion (« Motion de la commune de ... »): that page read by OCR.
    "fr-couthenans-cr-conseil-2022-10-28.pdf": "ocr",
    # Its cover page is a picture of the word « debian »; the 264 other pages keep their text layer.
    "fr-large-debian-reference.pdf": "ocr",
    # Its cover and a comic strip page are pictures of (English) text; the other pages keep their text layer.
    "en-large-freeculture.pdf": "ocr",
    # Unchanged: page images of Chinese text, which French OCR reads below the confidence floor (set aside),
    # a one-page CCITT image where it finds no word, a broken file whose page is blank.
    "scan-pdfplumber-203.pdf": "no_text",
    "scan-ccittfax-image-only.pdf": "no_text",
    "bad-pdfbox-4352.pdf": "no_text",
    # Chinese text whose layer only gives « 2021 3 31 »: OCR reads it below the floor, the layer is kept.
    "bad-pdfplumber-932.pdf": "ok",
}


def expected_status(row):
    if not recognition.unavailable_reason() and row["file"] in OCR_EXPECTED:
        return OCR_EXPECTED[row["file"]]
    return EXPECTED_STATUS[row["expected"]]


def import_corpus(capsys):
    try:
        call_command("import_documents", str(CORPUS), "--collection", "Corpus")
    except SystemExit:
        pass
    except Exception as error:  # noqa: BLE001 - failures of some files make the command exit non-zero
        assert "n'ont pas pu être importés" in str(error)
    capsys.readouterr()
    return {Path(d.file.name).name: d for d in ArchiveDocument.objects.filter(collection__name="Corpus")}


@pytest.fixture
def imported(capsys):
    return import_corpus(capsys)


def test_every_corpus_file_ends_in_its_expected_state_and_none_is_lost(imported):
    rows = manifest()
    assert len(rows) == 66
    mismatches = []
    for row in rows:
        document = next((d for name, d in imported.items() if d.sha256 == sha256_of_path(CORPUS / row["file"])), None)
        assert document is not None, f"{row['file']} was lost"
        assert document.file.size == int(row["bytes"])
        expected = expected_status(row)
        if document.extraction_status != expected:
            mismatches.append(f"{row['file']}: {document.extraction_status} ({document.extraction_reason}), expected {expected}")
        if expected != "ok":
            assert document.extraction_reason, row["file"]
        if row["pages"] != "-" and expected in ("ok", "ocr", "no_text"):
            assert document.page_count == int(row["pages"]), row["file"]
    assert not mismatches, "\n".join(mismatches)


def words(text):
    text = unicodedata.normalize("NFC", text).lower()
    return {word for word in re.findall(r"[^\W\d_]{4,}", text)}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_french_files_yield_the_words_pdftotext_finds(settings, capsys):
    settings.OCR_ENABLED = False  # the text layer alone is compared with pdftotext
    imported = import_corpus(capsys)
    for row in manifest():
        if row["category"] != "french" or row["expected"] != "ok":
            continue
        reference = subprocess.run(["pdftotext", "-enc", "UTF-8", str(CORPUS / row["file"]), "-"],
                                   capture_output=True, text=True, timeout=120).stdout
        document = next(d for d in imported.values() if d.sha256 == sha256_of_path(CORPUS / row["file"]))
        ours = words(" ".join(document.pages.values_list("text", flat=True)))
        theirs = words(reference)
        recall = len(theirs & ours) / len(theirs)
        assert recall >= 0.9, f"{row['file']}: only {recall:.0%} of pdftotext's words"
