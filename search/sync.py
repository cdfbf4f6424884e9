"""Apply page changes to the index: the database index always, Elasticsearch when configured.

A change Elasticsearch cannot take (server down) is written to
`PendingIndexOperation` and replayed, in order, once it answers again: nothing is lost.
"""

import logging

from django.db import transaction
from wagtail.models import Page

from erbm_cms.base.locking import retry_when_locked

from . import indexing
from .backend import elasticsearch_engine
from .engines.base import EngineUnavailable
from .entries import build_entry, is_indexed
from .models import PendingIndexOperation

logger = logging.getLogger(__name__)


def _send(engine, operation, page_id):
    if operation == PendingIndexOperation.DELETE:
        engine.delete(page_id)
        return
    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if page is None or not page.live or not is_indexed(page):
        engine.delete(page_id)
    else:
        engine.index(build_entry(page))


def _to_elasticsearch(operation, page_id):
    engine = elasticsearch_engine()
    if engine is None:
        return
    try:
        replay_pending(engine)
        _send(engine, operation, page_id)
    except EngineUnavailable as error:
        logger.warning("Elasticsearch unreachable, index change queued: %s %s (%s)", operation, page_id, error)
        PendingIndexOperation.objects.create(page_id=page_id, operation=operation, last_error=str(error)[:1000])


def replay_pending(engine=None):
    """Send the queued changes to Elasticsearch, oldest first; stops at the first failure."""
    engine = engine or elasticsearch_engine()
    if engine is None:
        return 0
    done = 0
    for pending in PendingIndexOperation.objects.order_by("created_at", "pk"):
        try:
            _send(engine, pending.operation, pending.page_id)
        except EngineUnavailable as error:
            PendingIndexOperation.objects.filter(pk=pending.pk).update(attempts=pending.attempts + 1, last_error=str(error)[:1000])
            raise
        pending.delete()
        done += 1
    return done


@retry_when_locked
def update_page(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return delete_page(page_id)
    with transaction.atomic():
        indexing.index_page(page)
    _to_elasticsearch(PendingIndexOperation.UPDATE, page_id)


@retry_when_locked
def delete_page(page_id):
    indexing.remove_entry(page_id)
    _to_elasticsearch(PendingIndexOperation.DELETE, page_id)


def rebuild(progress_for=lambda label: (lambda done, total: None)):
    """Rebuild the database index, then (when configured) a new Elasticsearch index swapped in by alias.

    progress_for(label) gives the progress(done, total) callback of each index.
    """
    count = indexing.rebuild(progress_for("Base de données"))
    engine = elasticsearch_engine()
    if engine is not None:
        PendingIndexOperation.objects.all().delete()
        pages = indexing.indexable_pages()
        engine.rebuild(indexing.entries_of(pages), progress_for("Elasticsearch"), pages.count())
    return count
