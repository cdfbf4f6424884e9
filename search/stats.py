"""Counts of what the public searches and fails to find: per day and per query, nothing about who searched."""

import datetime

from django.db.models import F, Sum
from django.utils import timezone
from wagtail.search.utils import normalise_query_string

from .models import QueryStat


def record(params, total):
    """Count a search (its first page only, so that paging through results counts once)."""
    if params.query.is_empty or params.page != 1:
        return
    query = normalise_query_string(params.query.text)[:300]
    stat, _ = QueryStat.objects.get_or_create(day=timezone.localdate(), query=query)
    QueryStat.objects.filter(pk=stat.pk).update(
        searches=F("searches") + 1, without_result=F("without_result") + (0 if total else 1)
    )


def report(days, limit=50):
    """(most searched, most often without result) over the last `days` days: rows of query, searches, without result."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = QueryStat.objects.filter(day__gte=since).values("query").annotate(
        total=Sum("searches"), empty=Sum("without_result"))
    frequent = list(rows.order_by("-total", "query")[:limit])
    failing = list(rows.filter(empty__gt=0).order_by("-empty", "query")[:limit])
    return frequent, failing
