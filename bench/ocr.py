#!/usr/bin/env python
"""Benchmark of the OCR path on generated scans, against plain `tesseract` on the same images, in the same run.

    .venv/bin/python bench/ocr.py [--pages 20] [--dpi 300]

It typesets PAGES pages of known French text, renders each to a 200 dpi image,
rotates it slightly and adds speckles, and saves the images both as PNG files
and as one image-only PDF (no text layer). Then, one after the other:

- the project's path on the PDF: the extraction sandbox (finds no text layer),
  then the OCR sandbox (each page rendered by PDFium at the scan's resolution,
  200 dpi here, capped by --dpi, cleaned, read by
  Tesseract in French through pytesseract), which is all that stands between an
  upload and its pages in the search index;
- `tesseract IMAGE - -l fra` run by hand on each PNG, one at a time.

It prints pages per second and the word recall (share of the known words found,
accents included) of each, the time to make the whole scan searchable, and ends
with `ratio: X`, the project's pages per second divided by plain tesseract's.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from erbm_cms.documents.extraction.ocr import unavailable_reason  # noqa: E402
from erbm_cms.documents.extraction.sandbox import extract_isolated, ocr_isolated  # noqa: E402
from tests.documents.scan_fixtures import image_only_pdf, known_text, scan_images, word_recall  # noqa: E402


def run_project(pdf, pages, dpi):
    started = time.perf_counter()
    extracted = extract_isolated(pdf)
    assert extracted.status == "no_text", extracted.status
    outcome = ocr_isolated(pdf, range(1, pages + 1), dpi=dpi, page_timeout=120, timeout=3600)
    elapsed = time.perf_counter() - started
    if outcome.interruption:
        sys.exit(f"the project's OCR stopped: {outcome.interruption}")
    return elapsed, {page["number"]: page["text"] for page in outcome.pages}


def run_tesseract(images):
    texts = {}
    started = time.perf_counter()
    for number, path in enumerate(images, 1):
        texts[number] = subprocess.run(
            ["tesseract", str(path), "-", "-l", "fra"], capture_output=True, text=True, check=True
        ).stdout
    return time.perf_counter() - started, texts


def recalls(texts, pages):
    return [word_recall(known_text(number), texts.get(number, "")) for number in range(1, pages + 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--dpi", type=int, default=300, help="rendering resolution of the project's OCR (OCR_DPI)")
    args = parser.parse_args()
    reason = unavailable_reason("fra")
    if reason:
        sys.exit(f"OCR unavailable: {reason}")

    with tempfile.TemporaryDirectory(prefix="erbm-ocr-bench-") as folder:
        images = scan_images(args.pages)
        paths = []
        for number, image in enumerate(images, 1):
            paths.append(Path(folder) / f"page-{number:02d}.png")
            image.save(paths[-1])
        pdf = Path(folder) / "scan.pdf"
        pdf.write_bytes(image_only_pdf(images))
        print(f"{args.pages} generated scan pages (200 dpi, rotated about 1°, speckled), image-only PDF of "
              f"{pdf.stat().st_size / 1e6:.1f} MB; tesseract {tesseract_version()}, {os.cpu_count()} cores")

        project_time, project_texts = run_project(pdf, args.pages, args.dpi)
        tesseract_time, tesseract_texts = run_tesseract(paths)

    for name, elapsed, texts in (
        (f"project (sandboxed extraction + OCR, pytesseract, scan read at its 200 dpi, up to {args.dpi})",
         project_time, project_texts),
        ("tesseract by hand (PNG images, -l fra)", tesseract_time, tesseract_texts),
    ):
        scores = recalls(texts, args.pages)
        print(f"{name}: {args.pages / elapsed:.2f} pages/s, word recall {mean(scores):.3f} (lowest page {min(scores):.3f})")
    print(f"time to make the {args.pages}-page scan searchable: project {project_time:.1f} s, "
          f"tesseract by hand {tesseract_time:.1f} s")
    print(f"ratio: {tesseract_time / project_time:.2f}")


def tesseract_version():
    output = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout
    return output.splitlines()[0].split()[-1] if output else "?"


if __name__ == "__main__":
    if shutil.which("tesseract") is None:
        sys.exit("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra)")
    main()
