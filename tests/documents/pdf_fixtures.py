"""Small generated PDFs for the must-hold extraction cases, so they run on a fresh machine."""

import io
import zlib

from fpdf import FPDF
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from erbm_cms.demo.pdf import render_pdf

FRENCH_PAGES = [
    ("Réhabilitation des cités minières", ["Le conseil communautaire approuve la réhabilitation énergétique de 23 000 logements."]),
    ("\f", []),
    ("Insertion par l'activité économique", ["L'agglomération soutient les chantiers d'insertion du bassin minier."]),
]


def text_pdf():
    """Two pages of French text."""
    return render_pdf("Délibération de démonstration", FRENCH_PAGES)


def scan_status():
    """What a scan ends as here: read by OCR where Tesseract and its French data are installed."""
    from erbm_cms.documents.extraction.recognition import unavailable_reason

    return "no_text" if unavailable_reason() else "ocr"


def scanned_pdf():
    """One page holding only a picture of text: what a scanner produces."""
    picture = Image.new("L", (800, 1100), 255)
    ImageDraw.Draw(picture).text((60, 60), "ARRETE PREFECTORAL (image)", fill=0)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buffer, x=0, y=0, w=210)
    return bytes(pdf.output())


def encrypted_pdf(password="motdepasse"):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=password, owner_password=password + "-proprietaire", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def truncated_pdf():
    """The first third of a PDF: a download cut short."""
    data = text_pdf()
    return data[: len(data) // 3]


def not_a_pdf():
    return "Bonjour, ceci est un courriel enregistré avec l'extension .pdf\n".encode()


def decompression_bomb(uncompressed_mb=600):
    """A one-page PDF whose content stream inflates from ~0.6 Mo to `uncompressed_mb` Mo."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    stream = b"".join(compressor.compress(chunk) for _ in range(uncompressed_mb)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
