"""Read the pages of a scanned PDF in French with Tesseract: render with PDFium, recognise with pytesseract.

Plain Python (no Django): it runs inside the child process that `sandbox` starts
with a time and memory limit. Tesseract itself is Debian's `tesseract-ocr` with
the French data of `tesseract-ocr-fra`; pytesseract runs it once per page, with
a per-page time limit, and the child's memory limit applies to it as well.
"""

import os
import re
import shutil
import subprocess
from functools import lru_cache

from .cleaning import clean_text

DEFAULT_LANGUAGE = "fra"
DEFAULT_DPI = 300
# A scan at this resolution or more is read as it is; coarser ones are enlarged to DEFAULT_DPI for Tesseract.
MIN_NATIVE_DPI = 200
# A page is never rendered above this many pixels (an A0 poster at 300 dpi would need 140 million).
MAX_PIXELS = 40_000_000
# Words Tesseract reads with less confidence than this and without a letter or digit are specks, not text.
SPECK_CONFIDENCE = 50
# A page of the text layer with fewer words than this (page numbers, stray marks) is read again by OCR.
MIN_LAYER_WORDS = 3
WORD = re.compile(r"[^\W\d_]{2,}")

REASON_NO_TESSERACT = "Tesseract n'est pas installé sur ce serveur (paquet Debian tesseract-ocr)"
REASON_NO_LANGUAGE = "les données de Tesseract pour la langue « {language} » manquent (paquet Debian tesseract-ocr-{language})"


@lru_cache(maxsize=4)
def unavailable_reason(language=DEFAULT_LANGUAGE):
    """Why OCR cannot run here, or "" when Tesseract and its data for `language` are installed."""
    if shutil.which("tesseract") is None:
        return REASON_NO_TESSERACT
    try:
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        return f"Tesseract ne répond pas ({error})"
    languages = {line.strip() for line in listing.stdout.splitlines()[1:]}
    if language not in languages:
        return REASON_NO_LANGUAGE.format(language=language)
    return ""


def layer_word_count(text):
    return len(WORD.findall(text or ""))


def needs_ocr(text):
    """Whether a page's text layer is missing or only noise (a page number, a stamp, stray glyphs)."""
    return layer_word_count(text) < MIN_LAYER_WORDS


def scan_resolution(page):
    """The resolution (dpi) of the page's largest picture, as scanned; 0 when it has none."""
    import pypdfium2.raw as pdfium_c

    largest, resolution = 0, 0.0
    for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        metadata = picture.get_metadata()
        if metadata.width * metadata.height > largest:
            largest, resolution = metadata.width * metadata.height, metadata.horizontal_dpi
    return resolution


def render(page, dpi=DEFAULT_DPI):
    """The page as a grayscale image, scanner specks removed.

    At `dpi`, or at the scan's own resolution when it is lower but still fine
    enough (200 dpi and up): a larger rendering adds no detail, only time.
    Never above MAX_PIXELS.
    """
    from PIL import ImageFilter

    scanned = scan_resolution(page)
    if MIN_NATIVE_DPI <= scanned < dpi:
        dpi = scanned
    width, height = page.get_size()
    scale = dpi / 72
    pixels = width * scale * height * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    # A 3x3 median removes salt-and-pepper noise and keeps strokes: Tesseract's confidence rises markedly.
    return page.render(scale=scale, grayscale=True).to_pil().filter(ImageFilter.MedianFilter(3))


def recognise(image, language=DEFAULT_LANGUAGE, timeout=60):
    """(text, confidence from 0 to 100 or None when no word was read) of one page image."""
    import pytesseract

    data = pytesseract.image_to_data(image, lang=language, output_type=pytesseract.Output.DICT, timeout=timeout)
    lines, weights, total = {}, 0, 0.0
    for word, confidence, *position in zip(
        data["text"], data["conf"], data["block_num"], data["par_num"], data["line_num"]
    ):
        word, confidence = word.strip(), float(confidence)
        if not word or confidence < 0:
            continue
        if confidence < SPECK_CONFIDENCE and not any(char.isalnum() for char in word):
            continue
        lines.setdefault(tuple(position), []).append(word)
        weights += len(word)
        total += confidence * len(word)
    text, previous_block = [], None
    for (block, paragraph, _), words in lines.items():
        if previous_block is not None and (block, paragraph) != previous_block:
            text.append("")
        text.append(" ".join(words))
        previous_block = (block, paragraph)
    return clean_text("\n".join(text)), (round(total / weights, 1) if weights else None)


def read_pages(path, numbers, dpi=DEFAULT_DPI, language=DEFAULT_LANGUAGE, page_timeout=60):
    """For each page number (1-based) of the PDF at `path`: a dict with its OCR text and confidence.

    A page that cannot be read (time limit, rendering error) yields an `error`
    instead, and the next page is read all the same.
    """
    import pypdfium2 as pdfium

    # Tesseract's OpenMP threads slow it down when several pages are read at once.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    document = pdfium.PdfDocument(path)
    try:
        for number in numbers:
            try:
                page = document[number - 1]
                try:
                    image = render(page, dpi)
                finally:
                    page.close()
                text, confidence = recognise(image, language, page_timeout)
                yield {"number": number, "text": text, "confidence": confidence, "error": ""}
            except MemoryError:
                raise
            except RuntimeError as error:
                message = str(error)
                if "timeout" in message.lower():
                    message = f"délai de lecture d'une page ({page_timeout:g} s) dépassé"
                yield {"number": number, "text": "", "confidence": None, "error": message[:300]}
            except Exception as error:  # noqa: BLE001 - a hostile page may raise anything
                yield {"number": number, "text": "", "confidence": None, "error": f"page illisible ({str(error)[:300]})"}
    finally:
        document.close()
