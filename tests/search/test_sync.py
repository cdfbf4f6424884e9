"""The index follows every change, and nothing is lost when Elasticsearch is down."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from erbm_cms.deliberations.models import PartnerDeliberationsPage
from erbm_cms.documents.extraction import service
from erbm_cms.documents.extraction.sandbox import ExtractionResult
from search.models import PendingIndexOperation, SearchEntry
from tests.search import records

pytestmark = pytest.mark.django_db

UNREACHABLE_ELASTICSEARCH = "http://127.0.0.1:9"  # the discard port: connection refused at once


def api(client, **params):
    return client.get("/api/recherche/", params).json()


def test_publishing_unpublishing_and_deleting_update_the_index(client):
    page = records.deliberation("Chevalement en projet", live=False)
    assert api(client, q="chevalement")["total"] == 0
    page.save_revision().publish()
    assert api(client, q="chevalement")["total"] == 1
    records.refresh(page).unpublish()  # the in-memory page still says "draft"
    assert api(client, q="chevalement")["total"] == 0
    page.save_revision().publish()
    Page.objects.get(pk=page.pk).delete()
    assert api(client, q="chevalement")["total"] == 0
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_moving_a_page_updates_its_address_in_the_results(client):
    page = records.deliberation("Chevalement déplacé", partner="douaisis-agglo")
    target = PartnerDeliberationsPage.objects.get(partner__slug="ca-lens-lievin")
    Page.objects.get(pk=page.pk).move(target, pos="last-child")
    [result] = api(client, q="chevalement")["results"]
    assert result["url"].startswith("/deliberations/ca-lens-lievin/")


def test_a_new_extraction_of_a_document_updates_the_records_using_it(client):
    page = records.deliberation("Acte sans mot rare", pdf_pages=["Texte initial."])
    assert api(client, q="sylviculture")["total"] == 0
    document = page.act_document
    document.pages.update(text="La sylviculture du massif.")
    service.store(document, ExtractionResult("ok", "", 1, ["La sylviculture du massif."]))
    assert api(client, q="sylviculture")["total"] == 1


def test_editing_a_record_is_reflected_after_publishing(client):
    page = records.deliberation("Kiosque ancien")
    page.title = "Lavoir restauré"
    page.save_revision().publish()
    assert api(client, q="lavoir")["total"] == 1 and api(client, q="kiosque")["total"] == 0


def test_when_elasticsearch_is_down_changes_are_queued_and_search_falls_back(client, settings):
    settings.ELASTICSEARCH_URL = UNREACHABLE_ELASTICSEARCH
    page = records.deliberation("Chevalement pendant la panne")
    queued = PendingIndexOperation.objects.filter(page_id=page.pk)
    assert queued.exists() and queued.first().operation == "update"
    data = api(client, q="chevalement")
    assert data["total"] == 1  # answered by the database engine
    assert "momentanément indisponible" in data["notice"]
    html = client.get("/recherche/", {"q": "chevalement"}).content.decode()
    assert "momentanément indisponible" in html
    with pytest.raises(CommandError, match="toujours injoignable"):
        call_command("replay_search_queue")
    assert queued.exists()  # still waiting, nothing lost
    Page.objects.get(pk=page.pk).delete()
    assert PendingIndexOperation.objects.filter(page_id=page.pk, operation="delete").exists()


def test_rebuild_command_rebuilds_the_database_index(capsys):
    expected = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert "Index de recherche reconstruit" in capsys.readouterr().out
    assert SearchEntry.objects.count() == expected >= 30


def test_in_production_a_publication_is_on_the_news_at_once_and_in_search_once_the_worker_indexed_it(client, settings):
    from django_tasks_db.models import DBTaskResult

    from search import sync

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = records.communique("Jardin d’héliotropes au carreau de fosse", date=records.datetime.date.today())
    # The publication did not index the page itself: it queued the work for the db_worker.
    queued = DBTaskResult.objects.filter(task_path="search.tasks.update_search_index")
    assert [result.args_kwargs["args"] for result in queued] == [[page.pk]]
    assert api(client, q="héliotropes")["total"] == 0
    assert "Jardin d’héliotropes au carreau de fosse" in client.get("/actualites/").content.decode()
    sync.update_page(page.pk)  # what the worker's task does
    assert [result["title"] for result in api(client, q="héliotropes")["results"]] == ["Jardin d’héliotropes au carreau de fosse"]


def test_a_record_reindexed_while_a_search_is_under_way_is_left_out_and_the_search_answers(client, monkeypatch):
    from search.engines.database import DatabaseEngine

    records.deliberation("Chevalement de la fosse Delloye")
    records.deliberation("Chevalement de la fosse Arenberg")
    original = DatabaseEngine.hits

    def hits_after_the_worker_went_by(self, ranked, query):
        SearchEntry.objects.filter(pk=ranked[0][0]).delete()  # the db_worker re-indexes that record meanwhile
        return original(self, ranked, query)

    monkeypatch.setattr(DatabaseEngine, "hits", hits_after_the_worker_went_by)
    response = client.get("/api/recherche/", {"q": "chevalement fosse"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
    assert client.get("/recherche/", {"q": "chevalement fosse"}).status_code == 200
