"""Which engine answers, and the fallback to the database engine when Elasticsearch is down."""

import logging

from django.conf import settings

from .engines.base import EngineUnavailable
from .engines.embedded import database_engine

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Le moteur de recherche principal est momentanément indisponible : ces résultats viennent de la "
    "recherche de secours, qui peut classer les résultats un peu différemment."
)


def elasticsearch_engine():
    """The Elasticsearch engine of the settings, or None when ELASTICSEARCH_URL is not set."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from .engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine.from_settings()


def search(params, user=None):
    """The results of a search; from Elasticsearch when configured and reachable, else from the database."""
    engine = elasticsearch_engine()
    if engine is not None:
        try:
            return engine.search(params, user)
        except EngineUnavailable as error:
            logger.warning("Elasticsearch unreachable, falling back to the database engine: %s", error)
            results = database_engine().search(params, user)
            results.notice = FALLBACK_NOTICE
            return results
    return database_engine().search(params, user)
