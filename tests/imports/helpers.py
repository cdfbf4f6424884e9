"""CSV and PDF files as a clerk sends them for an import from the admin."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from erbm_cms.deliberations.scdl import COLUMNS
from erbm_cms.demo.pdf import render_pdf


def act(number):
    """A distinct small PDF (its own hash) for the act numbered `number`."""
    return render_pdf(f"Délibération {number}", [("", [f"Acte de la délibération {number} : réhabilitation des cités minières."])])


def row(number, partner="Douaisis Agglo", **values):
    return {"COLL_NOM": partner, "DELIB_ID": number, "DELIB_DATE": "2024-03-14", "DELIB_MATIERE_CODE": "8.5",
            "DELIB_OBJET": f"Délibération importée {number}", **values}


def csv_bytes(rows, encoding="utf-8"):
    lines = [";".join(COLUMNS)] + [";".join(r.get(column, "") for column in COLUMNS) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def zip_of(entries):
    """A zip archive of (name, bytes) or (ZipInfo, bytes) entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()
