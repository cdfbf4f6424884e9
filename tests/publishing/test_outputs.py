"""Feeds, sitemap, robots.txt, API and open data: the published, public archive, and nothing else."""

import csv
import datetime
import io
import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from frictionless import Resource, Schema

from erbm_cms.deliberations.models import DeliberationPage
from erbm_cms.deliberations.scdl import COLUMNS
from erbm_cms.records.groups import RESTRICTED_COLLECTION
from tests.search import records

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[2] / "erbm_cms" / "deliberations" / "data" / "scdl-deliberations-2.1.5.schema.json"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def hidden_records(django_user_model):
    """A draft, an unpublished, an expired and a private record, each with a PDF holding a unique word."""
    draft = records.deliberation("Brouillon", live=False, pdf_pages=["Mot unique : zinguerie."], partner="ca-lens-lievin")
    unpublished = records.deliberation("Retirée", pdf_pages=["Mot unique : ferronnerie."], partner="ca-lens-lievin")
    records.refresh(unpublished).unpublish()
    expired = records.deliberation("Expirée", pdf_pages=["Mot unique : tonnellerie."], partner="ca-lens-lievin")
    expired.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save_revision().publish()
    private = records.deliberation("Réservée", pdf_pages=["Mot unique : vitrerie."], partner="ca-lens-lievin")
    private = records.refresh(private)
    private.restricted_to_partners = True
    private.save_revision().publish()
    return {"zinguerie": draft, "ferronnerie": unpublished, "tonnellerie": expired, "vitrerie": private}


def everything_public(client):
    """What an anonymous visitor (or robot) can read through every channel, as one text."""
    parts = [client.get(url).content.decode() for url in [
        "/actualites/rss.xml", "/actualites/atom.xml", "/deliberations/ca-lens-lievin/rss.xml",
        "/deliberations/ca-lens-lievin/atom.xml", "/sitemap.xml", "/deliberations/export.csv",
        "/deliberations/ca-lens-lievin/export.csv", "/api/v2/pages/?limit=200", "/api/v2/documents/?limit=200",
    ]]
    return "\n".join(parts)


def test_nothing_hidden_leaks_through_feeds_sitemap_api_export_or_search(hidden_records):
    client = Client()
    text = everything_public(client)
    for word, page in hidden_records.items():
        assert word not in text, word
        assert client.get("/api/recherche/", {"q": word}).json()["total"] == 0, word
        assert page.title not in text, page.title
        assert f"/{page.slug}/" not in text, page.slug
        response = client.get(page.act_document.url)
        assert response.status_code in (302, 403), (word, response.status_code)


def test_the_private_record_answers_a_login_redirect_and_its_pdf_is_in_the_restricted_collection(hidden_records, django_user_model):
    private = hidden_records["vitrerie"]
    response = Client().get(private.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert records.refresh(private).act_document.collection.name == RESTRICTED_COLLECTION
    member = django_user_model.objects.create_user("greffe", password="mot-de-passe-de-test")
    member.groups.add(Group.objects.get(name="Partenaire — Douaisis Agglo"))
    client = Client()
    client.force_login(member)
    assert client.get(private.url).status_code == 200
    document = client.get(private.act_document.url)
    assert document.status_code == 200
    assert document["Content-Security-Policy"] == "default-src 'none'"
    assert document["X-Content-Type-Options"] == "nosniff"
    assert client.get("/api/recherche/", {"q": "vitrerie"}).json()["total"] == 1


def test_shared_password_privacy_is_disabled(settings):
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}


def test_rss_and_atom_feeds_of_communiques(client):
    rss = ElementTree.fromstring(client.get("/actualites/rss.xml").content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert titles[0] == "Visite du Premier ministre dans le bassin minier, à Pecquencourt et à Douai"
    assert len(titles) == 3
    atom = ElementTree.fromstring(client.get("/actualites/atom.xml").content)
    assert atom.tag == f"{ATOM}feed" and len(atom.findall(f"{ATOM}entry")) == 3
    home = client.get("/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in home and 'href="/actualites/rss.xml"' in home


def test_each_partner_has_its_deliberations_feed_linked_from_its_page(client):
    rss = ElementTree.fromstring(client.get("/deliberations/douaisis-agglo/rss.xml").content)
    items = list(rss.iter("item"))
    assert len(items) == 2 and all("/deliberations/douaisis-agglo/" in item.findtext("link") for item in items)
    page = client.get("/deliberations/douaisis-agglo/").content.decode()
    assert 'href="/deliberations/douaisis-agglo/rss.xml"' in page and 'href="/deliberations/douaisis-agglo/atom.xml"' in page
    assert client.get("/deliberations/atlantide/rss.xml").status_code == 404


def test_sitemap_and_robots(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/actualites/visite-premier-ministre-pecquencourt-douai/</loc>" in sitemap
    assert "/mentions-legales/</loc>" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /admin/" in robots


def test_the_api_is_read_only_and_public(client):
    pages = client.get("/api/v2/pages/?type=news.CommuniquePage").json()
    assert pages["meta"]["total_count"] == 3
    assert client.post("/api/v2/pages/", {}).status_code == 405
    documents = client.get("/api/v2/documents/").json()
    assert documents["meta"]["total_count"] >= 25
    assert client.get("/api/v2/images/").status_code == 200


def export_rows(client, url="/deliberations/export.csv"):
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    return text, list(csv.DictReader(io.StringIO(text)))


def test_the_open_data_file_follows_the_scdl_columns_and_validates_against_the_schema(client, tmp_path):
    text, rows = export_rows(client)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert len(rows) == DeliberationPage.objects.live().count() == 24
    douaisis = [row for row in rows if row["COLL_NOM"] == "Communauté d'agglomération du Douaisis"]
    assert {row["COLL_SIRET"] for row in douaisis} == {"20004461800011"}
    row = douaisis[0]
    assert row["DELIB_DATE"][4] == "-" and row["DELIB_MATIERE_NOM"] == row["DELIB_MATIERE_NOM"].lower()
    assert row["DELIB_URL"].startswith("http://testserver/documents/")
    path = tmp_path / "deliberations.csv"
    path.write_text(text, encoding="utf-8")
    report = Resource(path=path.name, basepath=str(tmp_path), schema=Schema.from_descriptor(json.loads(SCHEMA.read_text(encoding="utf-8")))).validate()
    errors = [(error.type, error.field_name if hasattr(error, "field_name") else None) for task in report.tasks for error in task.errors]
    # The only departures from the schema: the SIRETs no public source gives, left empty, never invented.
    assert {error for error in errors} <= {("constraint-error", "COLL_SIRET")}
    missing = sum(1 for row in rows if not row["COLL_SIRET"])
    assert len(errors) == missing == 20
    assert client.get("/deliberations/export.csv")["X-SCDL-SIRET-Manquant"] == "20"
    information = client.get("/deliberations/donnees-ouvertes/").content.decode()
    assert "Lignes sans SIRET" in information and "Département du Nord : 2 lignes" in information


def test_the_export_per_partner(client):
    _, rows = export_rows(client, "/deliberations/region-hauts-de-france/export.csv")
    assert len(rows) == 2 and {row["COLL_SIRET"] for row in rows} == {"20005374200017"}


def test_the_export_round_trips_through_import_deliberations(client, tmp_path):
    text, rows = export_rows(client)
    files = tmp_path / "actes"
    files.mkdir()
    for page in DeliberationPage.objects.live():
        shutil.copy(page.act_document.file.path, files / Path(page.act_document.file.name).name)
    (tmp_path / "export.csv").write_text(text, encoding="utf-8")
    before = {(p.partner_id, p.number, p.title, p.session_date, p.votes_for) for p in DeliberationPage.objects.all()}
    for page in DeliberationPage.objects.all():
        page.delete()
    call_command("import_deliberations", str(tmp_path / "export.csv"), "--files", str(files), stdout=io.StringIO())
    after = {(p.partner_id, p.number, p.title, p.session_date, p.votes_for) for p in DeliberationPage.objects.all()}
    assert after == before
    assert all(p.act_document is not None for p in DeliberationPage.objects.all())
    again = export_rows(client)[1]
    assert [{k: v for k, v in row.items() if k != "DELIB_URL"} for row in again] == [
        {k: v for k, v in row.items() if k != "DELIB_URL"} for row in rows]
