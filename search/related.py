"""« Voir aussi »: the records most like a given one, as a user may see them, in a fixed number of queries.

Elasticsearch answers with its `more_like_this` query (the record's own indexed document as
the model, the partner as one of the compared fields). The database engines do the same in
three queries: the record's most frequent analyzed terms (title terms counting triple; its
subjects are part of its body terms) are searched as one OR query, ranked so that rare shared
words weigh more than common ones (FTS5's bm25 under SQLite; under PostgreSQL, the sum of the
inverse document frequencies of the shared words, computed in the same query); records of the
same partner get a bonus and are candidates even without a shared word. Only records the user
may see are candidates: the engine's own visibility condition (`DatabaseEngine.filters`).
"""

import logging
import re
from collections import Counter

from django.db import connection

from .audience import audiences_of
from .engines.base import EngineUnavailable, Hit
from .engines.sqlite import BM25, FTS
from .models import SearchEntry
from .query import SearchParams

logger = logging.getLogger(__name__)

COUNT = 4
MAX_TERMS = 12
MIN_TERM_LENGTH = 3
PARTNER_BONUS = 0.5


def related(page, user=None, count=COUNT):
    """Up to `count` hits like `page`, best first, never one `user` may not see."""
    from .backend import elasticsearch_engine

    engine = elasticsearch_engine()
    if engine is not None:
        try:
            return elasticsearch_related(engine, page.pk, user, count)
        except EngineUnavailable as error:
            logger.warning("Elasticsearch unreachable, « voir aussi » from the database engine: %s", error)
    return database_related(page.pk, user, count)


# The database engines ------------------------------------------------------------------------

CANDIDATES = 50
TSVECTOR_ENTRY = re.compile(r"'((?:[^']|'')+)':([0-9A-D,]+)")


def significant_terms(title_terms, body_terms, limit=MAX_TERMS):
    """The record's most frequent terms, title terms counting triple (digits and short words left out)."""
    counts = Counter()
    for term in title_terms:
        counts[term] += 3
    counts.update(body_terms)
    return [term for term, _ in counts.most_common() if len(term) >= MIN_TERM_LENGTH and not term.isdigit()][:limit]


def _record(page_id):
    """(entry id, partner slugs, title terms, body terms) of an indexed record, or None."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT id, partner_slugs, search_vector::text FROM search_searchentry WHERE page_id = %s",
                           [page_id])
            row = cursor.fetchone()
            if row is None:
                return None
            title, body = [], []
            for term, positions in TSVECTOR_ENTRY.findall(row[2] or ""):
                term = term.replace("''", "'")
                for position in positions.split(","):
                    if position.endswith("A"):
                        title.append(term)
                    elif position.endswith("B"):
                        body.append(term)
            return row[0], row[1].split(), title, body
        cursor.execute(
            f"SELECT e.id, e.partner_slugs, f.title, f.body FROM search_searchentry e "
            f"JOIN {FTS} f ON f.rowid = e.id WHERE e.page_id = %s", [page_id])
        row = cursor.fetchone()
        return (row[0], row[1].split(), (row[2] or "").split(), (row[3] or "").split()) if row else None


def _ranked(terms, entry_id, visible, visible_params):
    """{entry id: score} of the visible records sharing terms, rare shared terms weighing most."""
    if connection.vendor == "postgresql":
        # ts_rank_cd knows nothing of how rare a word is: each shared word weighs its inverse document
        # frequency, and the sum is damped by the record's length (a long press kit shares many words).
        sql = (
            "WITH m AS (SELECT t.q, e.id FROM unnest(%s::text[]) AS t(q) "
            "JOIN search_searchentry e ON e.search_vector @@ to_tsquery('simple', t.q) WHERE " + visible + "), "
            "df AS (SELECT q, COUNT(*) AS n FROM m GROUP BY q), "
            "total AS (SELECT COUNT(*) + 1.0 AS n FROM search_searchentry) "
            "SELECT m.id, SUM(LN(total.n / df.n)) / LN(2.0 + MAX(length(x.search_vector))) AS score "
            "FROM m JOIN df USING (q) CROSS JOIN total JOIN search_searchentry x ON x.id = m.id "
            "WHERE m.id <> %s GROUP BY m.id ORDER BY score DESC LIMIT %s"
        )
        quoted = ["'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in terms]
        params = [quoted, *visible_params, entry_id, CANDIDATES]
    else:
        # FTS5's bm25 weighs each word by its rarity already.
        sql = (
            f"SELECT e.id, -{BM25} AS score FROM {FTS} JOIN search_searchentry e ON e.id = {FTS}.rowid "
            f"WHERE {FTS} MATCH %s AND e.id <> %s AND " + visible + " ORDER BY score DESC LIMIT %s"
        )
        expression = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
        params = [expression, entry_id, *visible_params, CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: float(row[1]) for row in cursor.fetchall()}


def database_related(page_id, user=None, count=COUNT):
    from .engines.database import DatabaseEngine

    record = _record(page_id)
    if record is None:
        return []
    entry_id, partners, title, body = record
    visible, visible_params = DatabaseEngine.filters(SearchParams(), user)
    terms = significant_terms(title, body)
    scores = _ranked(terms, entry_id, visible, visible_params) if terms else {}
    # Records sharing words, and records of the same partner, that the user may see.
    near, near_params = [], []
    if scores:
        near.append(f"e.id IN ({', '.join(['%s'] * len(scores))})")
        near_params += list(scores)
    for slug in partners:
        near.append("e.partner_slugs LIKE %s")
        near_params.append(f"% {slug} %")
    if not near:
        return []
    candidates = list(SearchEntry.objects.raw(
        f"SELECT e.id, e.page_id, e.title, e.url, e.kind, e.partner_name, e.partner_slugs, e.date "
        f"FROM search_searchentry e WHERE ({' OR '.join(near)}) AND e.id <> %s AND {visible} "
        f"ORDER BY e.date DESC LIMIT %s",
        [*near_params, entry_id, *visible_params, CANDIDATES * 2],
    ))
    best = max(scores.values(), default=0) or 1.0

    def score(entry):
        value = scores.get(entry.pk, 0.0) / best
        if set(entry.partner_slugs.split()) & set(partners):
            value += PARTNER_BONUS
        return value

    ranked = sorted(candidates, key=lambda e: (score(e), e.date is not None, e.date), reverse=True)[:count]
    return [Hit(page_id=e.page_id, title=e.title, url=e.url, kind=e.kind, partner=e.partner_name or None,
                date=e.date, snippet="") for e in ranked]


# Elasticsearch -------------------------------------------------------------------------------

MLT_FIELDS = ["title", "summary", "body", "subjects", "partner_slugs"]


def more_like_this_request(alias, page_id, audiences, groups, count=COUNT, now=None):
    """The request body of « voir aussi » on Elasticsearch, as sent."""
    from django.utils import timezone

    from .engines.elasticsearch import visibility_filter

    now = (now or timezone.now()).isoformat()
    return {
        "query": {"bool": {
            "filter": visibility_filter(audiences, groups, now),
            "must_not": [{"ids": {"values": [str(page_id)]}}],
            "must": [{"more_like_this": {
                "fields": MLT_FIELDS, "like": [{"_index": alias, "_id": str(page_id)}],
                "min_term_freq": 1, "min_doc_freq": 1, "max_query_terms": MAX_TERMS,
                "minimum_should_match": "1", "include": False,
            }}],
        }},
        "size": count,
        "_source": ["page_id", "title", "url", "kind", "partner_name", "date"],
    }


def elasticsearch_related(engine, page_id, user, count=COUNT):
    from datetime import datetime

    from .engines.elasticsearch import reaching

    audiences, groups = audiences_of(user)
    body = more_like_this_request(engine.alias, page_id, audiences, groups or [], count)
    with reaching(engine.url):
        response = engine.client.search(index=engine.alias, **body)
    hits = []
    for item in response["hits"]["hits"]:
        source = item["_source"]
        date = source.get("date")
        hits.append(Hit(page_id=source["page_id"], title=source["title"], url=source["url"], kind=source["kind"],
                        partner=source.get("partner_name") or None,
                        date=datetime.fromisoformat(date).date() if date else None, snippet=""))
    return hits
