"""The report of an import: one line per CSV row, then one per refused file, safe to open in a spreadsheet."""

from django.conf import settings
from django.urls import reverse

from erbm_cms.base.csv_safety import SafeDictWriter

from .jobs import acts_of

COLUMNS = ["ligne", "DELIB_ID", "essai", "résultat", "détail", "avertissements", "délibération", "texte de l'acte"]


def write_report(job, stream):
    """Write the report of `job` to the text stream (UTF-8 with BOM and « ; », as French spreadsheets expect)."""
    stream.write("\ufeff")
    writer = SafeDictWriter(stream, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    acts = {document.pk: document for document in acts_of(job)}
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for row in job.rows.select_related("page"):
        act = acts.get(row.page.act_document_id) if row.page is not None else None
        writer.writerow({
            "ligne": row.line,
            "DELIB_ID": row.number,
            "essai": row.planned,
            "résultat": row.status or "pas encore traitée",
            "détail": row.message if row.status else row.planned_message,
            "avertissements": " ; ".join(row.warnings),
            "délibération": base + reverse("wagtailadmin_pages:edit", args=[row.page.pk]) if row.page is not None else "",
            "texte de l'acte": act.status_label if act is not None else "",
        })
    for refused in job.refused_files:
        writer.writerow({"résultat": "fichier refusé", "détail": f"{refused['nom']} : {refused['motif']}"})
