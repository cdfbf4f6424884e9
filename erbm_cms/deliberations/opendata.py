"""The published deliberations in the SCDL « Délibérations » format (open data).

Served by the deliberation pages' routes: export.csv of the archive and of each partner's section.
"""

import io

from django.http import HttpResponse

from erbm_cms.base.csv_safety import SafeDictWriter
from erbm_cms.records.visibility import public_pages

from . import actes
from .scdl import COLUMNS, write_fields

SCHEMA_FILE = "scdl-deliberations-2.1.5.schema.json"


def scdl_subject(code):
    """DELIB_MATIERE_CODE and DELIB_MATIERE_NOM: the level-2 subject, its names in lower case."""
    subject = actes.lookup(code)
    if subject is None:
        return code, ""
    return subject.code, subject.scdl_name.lower()


def published(deliberations):
    """The deliberations of the queryset that anyone may see, in the export's order."""
    return (
        public_pages(deliberations).select_related("partner", "act_document")
        .order_by("partner__sort_order", "session_date", "number")
    )


def row(page, absolute):
    code, name = scdl_subject(page.actes_code)
    return {
        **write_fields(page),
        "COLL_NOM": page.partner.name,
        "COLL_SIRET": page.partner.siret,
        "DELIB_MATIERE_CODE": code,
        "DELIB_MATIERE_NOM": name,
        "PREF_ID": page.prefecture_id,
        "DELIB_URL": absolute(page.act_document.url) if page.act_document else "",
    }


def export_csv(pages, absolute):
    """The CSV text: SCDL columns in the schema's order, comma-separated, ISO dates, no cell read as a formula."""
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for page in pages:
        writer.writerow(row(page, absolute))
    return buffer.getvalue()


def rows_missing_siret(pages):
    """(partner name, number of rows) for the partners whose SIRET is unknown."""
    counts = {}
    for page in pages:
        if not page.partner.siret:
            counts[page.partner.name] = counts.get(page.partner.name, 0) + 1
    return sorted(counts.items())


def csv_response(pages, request, filename):
    """The CSV file of `pages` as a download; the number of rows without a SIRET in a header."""
    response = HttpResponse(export_csv(pages, request.build_absolute_uri), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    missing = rows_missing_siret(pages)
    if missing:
        response["X-SCDL-SIRET-Manquant"] = str(sum(count for _, count in missing))
    return response
