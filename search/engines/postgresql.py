"""The embedded engine on PostgreSQL: a weighted tsvector per record, GIN-indexed, ranked by ts_rank_cd.

The vector (title A, body B, PDF text C) is computed from the analyzed terms
as the entry is inserted; the terms themselves are not stored.
"""

from dataclasses import replace

from django.db import connection

from ..models import SearchEntry
from .database import DatabaseEngine

# ts_rank_cd weights of D, C (PDF text), B (body), A (title).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
VECTOR = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
    "setweight(to_tsvector('simple', %s), 'C')"
)


def tsquery(query, any_clause=False):
    """The tsquery of a parsed query: clauses joined by & (by | with `any_clause`), alternatives by |, phrases
    by <->, exclusions by !."""

    def quoted(term):
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    def clause(clause):
        return "(" + " | ".join("(" + " <-> ".join(map(quoted, terms)) + ")" for terms in clause.alternatives) + ")"

    positive = (" | " if any_clause else " & ").join(clause(c) for c in query.clauses if not c.excluded)
    excluded = "".join(f" & !{clause(c)}" for c in query.clauses if c.excluded)
    return f"({positive}){excluded}" if excluded else positive


class PostgreSQLEngine(DatabaseEngine):
    def matching(self, query, required=None):
        positive = [c for c in query.clauses if not c.excluded]
        if required is None or required >= len(positive):
            return "search_searchentry e", "e.search_vector @@ to_tsquery('simple', %s)", [tsquery(query)]
        # Any clause matches (through the GIN index), then the records holding at least `required` of them are kept.
        held = " + ".join(["CASE WHEN e.search_vector @@ to_tsquery('simple', %s) THEN 1 ELSE 0 END"] * len(positive))
        return ("search_searchentry e", f"e.search_vector @@ to_tsquery('simple', %s) AND ({held}) >= %s",
                [tsquery(query, any_clause=True)] + [tsquery(replace(query, clauses=(c,))) for c in positive] + [required])

    def contains(self, query):
        return "e.search_vector @@ to_tsquery('simple', %s)", [tsquery(query)]

    def score(self, query):
        return f"ts_rank_cd('{WEIGHTS}', e.search_vector, to_tsquery('simple', %s))", [tsquery(query)]

    def insert(self, texts):
        fields = [field for field in SearchEntry._meta.local_concrete_fields if not field.primary_key]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        rows = [
            [field.get_db_prep_save(field.pre_save(text.row, True), connection) for field in fields]
            + [text.title, text.body, text.pdf]
            for text in texts
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO search_searchentry ({columns}, search_vector) VALUES ({placeholders}, {VECTOR})", rows
            )

    def finish_rebuild(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")

    def size(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchentry') + pg_total_relation_size('search_searchterm')")
            return cursor.fetchone()[0]
