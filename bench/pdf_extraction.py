#!/usr/bin/env python
"""Benchmark of the PDF text extraction path against pdftotext (poppler-utils), side by side.

    .venv/bin/python bench/pdf_extraction.py FOLDER [--jobs N]

For every PDF of FOLDER it runs the project's whole extraction path (a limited
child process per file: PDFium, pypdf where needed, cleaning, per-page text) and
then `pdftotext` on the same files, one file at a time for both, and prints pages
per second and peak memory of each. It ends with `ratio: X`, the project's pages
per second divided by pdftotext's. With --jobs N it also times the project's path
with N files at a time, as the import commands run it.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from erbm_cms.documents.extraction.sandbox import extract_isolated  # noqa: E402


def pdf_files(folder):
    return sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")


def run_project(files, jobs=1):
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(extract_isolated, files))
    return time.perf_counter() - started, results


def run_pdftotext(files):
    peak_kb = 0
    started = time.perf_counter()
    for path in files:
        process = subprocess.Popen(["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = 0
        peak_kb = max(peak_kb, usage.ru_maxrss)
    return time.perf_counter() - started, peak_kb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext is not installed (apt-get install poppler-utils)")
    files = pdf_files(args.folder)
    if not files:
        sys.exit(f"no PDF file in {args.folder}")
    for path in files:  # read every file once, so both tools start from a warm page cache
        path.read_bytes()

    project_seconds, results = run_project(files)
    pages = sum(r.page_count or 0 for r in results)
    statuses = {}
    for result in results:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    project_peak = max(r.peak_memory_kb for r in results)
    poppler_seconds, poppler_peak = run_pdftotext(files)
    parallel_seconds, _ = run_project(files, jobs=args.jobs) if args.jobs > 1 else (project_seconds, None)

    project_rate = pages / project_seconds
    poppler_rate = pages / poppler_seconds
    print(f"files: {len(files)}  pages: {pages}  statuses: {', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))}")
    print(f"project (1 file at a time):  {project_seconds:7.2f} s  {project_rate:7.1f} pages/s  peak memory {project_peak / 1024:.0f} MiB per child")
    print(f"pdftotext (1 file at a time): {poppler_seconds:7.2f} s  {poppler_rate:7.1f} pages/s  peak memory {poppler_peak / 1024:.0f} MiB")
    if args.jobs > 1:
        print(f"project ({args.jobs} files at a time): {parallel_seconds:7.2f} s  {pages / parallel_seconds:7.1f} pages/s")
    print(f"ratio: {project_rate / poppler_rate:.2f}")


if __name__ == "__main__":
    main()
