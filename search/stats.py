"""Counts of what the public searches and fails to find: per day and per query, nothing about who searched."""

import datetime
import logging

from django.db import DatabaseError, connection
from django.db.models import Sum
from django.utils import timezone
from wagtail.search.utils import normalise_query_string

from erbm_cms.base.locking import retry_when_locked

from .models import QueryStat

logger = logging.getLogger(__name__)


def record(params, total):
    """Count a search (its first page only, so that paging through results counts once)."""
    if params.query.is_empty or params.page != 1:
        return
    _count(normalise_query_string(params.query.text)[:300], total)


def record_after(response, params, total):
    """Count the search once `response` has been sent: the visitor never waits for this write
    (on SQLite it may have to wait for a publication or an import to release the database)."""
    def count():
        try:
            record(params, total)
        except DatabaseError:  # a statistic is not worth an error page, nor a lost response
            logger.exception("search statistic not recorded: %r", params.query.text)

    response._resource_closers.append(count)
    return response


@retry_when_locked
def _count(query, total):
    # One statement (an upsert), the shortest write there is: each search of a busy site makes one, and on
    # SQLite each waits for the others' writes.
    table = QueryStat._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, query, searches, without_result) VALUES (%s, %s, 1, %s) "
            f"ON CONFLICT (day, query) DO UPDATE SET searches = {table}.searches + 1, "
            f"without_result = {table}.without_result + excluded.without_result",
            [timezone.localdate(), query, 0 if total else 1],
        )


def report(days, limit=50):
    """(most searched, most often without result) over the last `days` days: rows of query, searches, without result."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = QueryStat.objects.filter(day__gte=since).values("query").annotate(
        total=Sum("searches"), empty=Sum("without_result"))
    frequent = list(rows.order_by("-total", "query")[:limit])
    failing = list(rows.filter(empty__gt=0).order_by("-empty", "query")[:limit])
    return frequent, failing
