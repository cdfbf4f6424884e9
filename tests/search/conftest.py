import os
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from search.engines.database import DatabaseEngine
from search.query import parse_params

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings):
    """Each engine available here: the database one always, Elasticsearch when ELASTICSEARCH_URL is set."""
    if request.param == "database":
        yield DatabaseEngine()
        return
    if not ELASTICSEARCH_URL:
        pytest.skip("ELASTICSEARCH_URL is not set: the Elasticsearch engine is tested as data only")
    from search.engines.elasticsearch import ElasticsearchEngine

    alias = f"erbm-test-{uuid.uuid4().hex[:8]}"
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH_ALIAS = alias
    engine = ElasticsearchEngine(ELASTICSEARCH_URL, alias=alias)
    engine.client.indices.create(index=f"{alias}-initial", aliases={alias: {}}, **_body())
    yield engine
    engine.client.indices.delete(index=f"{alias}-*")


def _body():
    from search.engines.elasticsearch import index_body

    return index_body()


@pytest.fixture
def find(engine):
    """find(q=..., user=None, **params) -> SearchResults, on the engine under test (its index brought up to date)."""

    def run(user=None, **params):
        if engine.name == "elasticsearch":
            from search.entries import build_entry
            from search.indexing import indexable_pages

            engine.rebuild(build_entry(page) for page in indexable_pages())
        query = {key: str(value) for key, value in params.items()}
        return engine.search(parse_params(query), user or AnonymousUser())

    return run


def titles(results):
    return [hit.title for hit in results.hits]
