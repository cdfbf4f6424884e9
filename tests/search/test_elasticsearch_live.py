"""Against a real Elasticsearch server, when ELASTICSEARCH_URL points at one (skipped otherwise)."""

import os
import uuid

import pytest

from search.entries import build_entry
from search.indexing import indexable_pages
from search.models import PendingIndexOperation
from tests.search import records

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against"),
]


@pytest.fixture
def engine(settings):
    from search.engines.elasticsearch import ElasticsearchEngine

    alias = f"erbm-live-{uuid.uuid4().hex[:8]}"
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH_ALIAS = alias
    engine = ElasticsearchEngine(ELASTICSEARCH_URL, alias=alias)
    yield engine
    engine.client.indices.delete(index=f"{alias}-*", ignore_unavailable=True)


def entries():
    return [build_entry(page) for page in indexable_pages()]


def test_a_rebuild_swaps_in_a_new_index_through_the_alias(engine):
    first = engine.rebuild(entries())
    second = engine.rebuild(entries())
    assert first != second
    assert list(engine.client.indices.get_alias(name=engine.alias)) == [second]
    assert not engine.client.indices.exists(index=first)
    assert engine.client.count(index=engine.alias)["count"] == len(entries())


def test_publishing_and_deleting_reach_elasticsearch(engine, client):
    engine.rebuild(entries())
    page = records.deliberation("Chevalement indexé")
    assert client.get("/api/recherche/", {"q": "chevalement"}).json()["total"] == 1
    records.refresh(page).delete()
    assert client.get("/api/recherche/", {"q": "chevalement"}).json()["total"] == 0


def test_queued_changes_are_replayed_when_the_server_is_back(engine, settings):
    from search.sync import replay_pending

    engine.rebuild(entries())
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    page = records.deliberation("Chevalement en attente")
    assert PendingIndexOperation.objects.filter(page_id=page.pk).exists()
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    assert replay_pending() >= 1
    assert not PendingIndexOperation.objects.exists()
    assert engine.client.exists(index=engine.alias, id=str(page.pk))
