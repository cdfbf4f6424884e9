"""Extract the text of each page of a PDF: PDFium first, pypdf where PDFium cannot.

PDFium (pypdfium2) is fast and tolerant of broken files. pypdf is the fallback:
it opens files encrypted with an empty owner password that PDFium refuses, and
files whose structure only it can read. The result is plain data, so that it
can cross a process boundary as JSON.
"""

import logging
import os

from .cleaning import clean_text, has_words

OK = "ok"
NO_TEXT = "no_text"
ENCRYPTED = "encrypted"
FAILED = "failed"

REASON_ENCRYPTED = "PDF protégé par un mot de passe"
REASON_NO_TEXT = "aucun texte : document numérisé ou composé d'images"
REASON_EMPTY_FILE = "fichier PDF illisible : le fichier est vide"
REASON_NOT_PDF = "ce fichier n'est pas un PDF : son contenu ne commence pas par l'en-tête « %PDF- »"
# The PDF header may be preceded by junk; readers accept it within the first KiB.
PDF_SIGNATURE = b"%PDF-"
PDF_HEADER_WINDOW = 1024


def looks_like_pdf(head):
    """Whether the first bytes of a file carry the PDF header."""
    return PDF_SIGNATURE in head[:PDF_HEADER_WINDOW]


class PasswordRequired(Exception):
    pass


def result(status, reason="", pages=()):
    pages = list(pages)
    return {"status": status, "reason": reason, "page_count": len(pages) or None, "pages": pages}


def pdfium_pages(path):
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise PasswordRequired from error
        raise
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                pages.append(textpage.get_text_bounded())
                textpage.close()
            finally:
                page.close()
        return pages
    finally:
        document.close()


def pypdf_pages(path):
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    reader = PdfReader(path)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as error:  # noqa: BLE001 - any failure to decrypt means a password is needed
            raise PasswordRequired from error
        if not opened:
            raise PasswordRequired
    texts = []
    try:
        for page in reader.pages:
            texts.append(page.extract_text() or "")
    except FileNotDecryptedError as error:
        raise PasswordRequired from error
    return texts


def describe(error):
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"fichier PDF illisible : structure endommagée ou non reconnue ({message[:300]})"


def extract(path):
    """Status, reason and cleaned text per page of the PDF at `path`."""
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    if os.path.getsize(path) == 0:
        return result(FAILED, REASON_EMPTY_FILE)
    with open(path, "rb") as handle:
        if not looks_like_pdf(handle.read(PDF_HEADER_WINDOW)):
            return result(FAILED, REASON_NOT_PDF)
    encrypted = False
    first_error = None
    for engine in (pdfium_pages, pypdf_pages):
        try:
            raw_pages = engine(path)
        except PasswordRequired:
            encrypted = True
            continue
        except MemoryError:
            raise
        except Exception as error:  # noqa: BLE001 - a hostile file may raise anything
            first_error = first_error or error
            continue
        pages = [clean_text(text) for text in raw_pages]
        if any(has_words(text) for text in pages):
            return result(OK, pages=pages)
        if engine is pdfium_pages:
            # PDFium read the structure and found no text: an image-only scan.
            return result(NO_TEXT, REASON_NO_TEXT, pages)
    if encrypted:
        return result(ENCRYPTED, REASON_ENCRYPTED)
    return result(FAILED, describe(first_error) if first_error else "fichier PDF illisible")
