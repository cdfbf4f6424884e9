import os
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from search.engines.embedded import database_engine
from search.query import parse_params

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
NO_SERVER = (
    "ELASTICSEARCH_URL is not set: the live Elasticsearch tests are skipped "
    "(`make search-server` starts a local node; `make test` does it when Java is installed)"
)
needs_server = pytest.mark.skipif(not ELASTICSEARCH_URL, reason=NO_SERVER)


@pytest.fixture
def live_engine(settings):
    """The Elasticsearch engine on the server of ELASTICSEARCH_URL, under an index prefix of its own.

    The site's settings point at it too, so that publishing, the search page and the API use it.
    Its indices are deleted afterwards; parallel runs on one server do not meet.
    """
    if not ELASTICSEARCH_URL:
        pytest.skip(NO_SERVER)
    from search.engines.elasticsearch import ElasticsearchEngine

    prefix = f"erbm-test-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH = {**settings.ELASTICSEARCH, "INDEX_PREFIX": prefix}
    engine = ElasticsearchEngine.from_settings()
    yield engine
    engine.client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request):
    """Each engine available here: the database one always, Elasticsearch when ELASTICSEARCH_URL is set."""
    if request.param == "database":
        return database_engine()
    return request.getfixturevalue("live_engine")


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
