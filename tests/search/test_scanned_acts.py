"""A new user's scanned act, uploaded in the admin or imported with the CSV, is found by a word of its text, on its page.

Run on every engine available (SQLite or PostgreSQL, and Elasticsearch when ELASTICSEARCH_URL is set),
through the public search API, as an anonymous visitor.
"""

import pytest
from django.core.management import call_command
from django.test import Client

from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.documents.extraction import ocr
from erbm_cms.documents.models import ArchiveDocument
from search.entries import build_entry
from search.indexing import indexable_pages
from tests.deliberations.test_import_deliberations import GOOD_ROWS, csv_text
from tests.documents import scan_fixtures
from tests.documents.test_document_admin import upload
from tests.search import records

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(ocr.unavailable_reason("fra")), reason=f"OCR unavailable: {ocr.unavailable_reason('fra')}"),
]


def api_search(engine, **query):
    if engine.name == "elasticsearch":
        engine.rebuild(build_entry(page) for page in indexable_pages())
    return Client().get("/api/recherche/", query).json()["results"]


def test_a_scan_uploaded_in_the_admin_is_found_on_its_second_page(engine, editor_client):
    assert upload(editor_client, "arrete-signe.pdf", scan_fixtures.scanned_pdf(2), "Arrêté signé numérisé").status_code == 302
    document = ArchiveDocument.objects.get(title="Arrêté signé numérisé")
    assert document.extraction_status == "ocr"
    page = records.deliberation("Convention avec la Région", act=document)
    # « trimestre » is only on page 2 of the scan (see scan_fixtures.page_sections).
    [result] = api_search(engine, q="trimestre")
    assert result["url"] == page.url
    assert result["document"]["url"] == f"{document.url}#page=2" and result["document"]["ocr"] is True
    assert "<mark>trimestre</mark>" in result["snippet"]


def test_a_scan_imported_with_the_csv_is_found_on_its_second_page(engine, tmp_path):
    acts = tmp_path / "actes"
    acts.mkdir()
    (acts / "2019-88.pdf").write_bytes(scan_fixtures.scanned_pdf(2))
    rows = [row for row in GOOD_ROWS if row["DELIB_ID"] == "2019-88"]
    (tmp_path / "deliberations.csv").write_text(csv_text(rows), encoding="utf-8")
    call_command("import_deliberations", str(tmp_path / "deliberations.csv"), "--files", str(acts))
    lens = DeliberationPage.objects.get(number="2019-88")
    assert lens.act_document.extraction_status == "ocr"
    [result] = api_search(engine, q="dépollution", type="deliberation", partenaire="ca-lens-lievin")
    assert result["url"] == lens.url
    assert result["document"]["url"] == f"{lens.act_document.url}#page=2" and result["document"]["ocr"] is True
