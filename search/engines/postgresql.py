"""The embedded engine on PostgreSQL: a weighted tsvector per record, GIN-indexed, ranked by ts_rank_cd.

The vector (title A, body B, PDF text layer C, PDF text read by OCR D) is
computed from the analyzed terms as the entry is inserted; the terms themselves
are not stored. PostgreSQL has four weights only: the pages read by OCR with low
confidence are in D too, and also in a small second vector (`low_vector`, empty
for most records) whose rank is taken off, so that they weigh
LOW_CONFIDENCE_WEIGHT / OCR_WEIGHT of the other OCR pages.

The statements of a search find their matches through the GIN index whatever
their number (see `matching_through_index`): the planner does not count what
reading a record's vector costs (it is stored out of line, several kilobytes
for a record with PDFs), so it would often scan the table, or walk another
index, and read every record's vector to test it.
"""

from contextlib import contextmanager
from dataclasses import replace

from django.db import connection, transaction

from ..entries import LOW_CONFIDENCE_WEIGHT, OCR_WEIGHT, TEXT_LAYER_WEIGHT
from ..models import SearchEntry
from ..synonyms import SYNONYM_WEIGHT
from .database import DatabaseEngine

PDF_WEIGHT = 0.2
# ts_rank_cd weights of D (OCR text), C (PDF text layer), B (body), A (title).
WEIGHTS = f"{{{PDF_WEIGHT * OCR_WEIGHT / TEXT_LAYER_WEIGHT:g}, {PDF_WEIGHT:g}, 0.4, 1.0}}"
LOW_DISCOUNT = 1 - LOW_CONFIDENCE_WEIGHT / OCR_WEIGHT
# The analyzed terms of a batch are copied (COPY) into this temporary table, then turned into vectors in one INSERT.
STAGING = "search_entry_staging"
TERMS = ("title_terms", "body_terms", "pdf_terms", "ocr_terms", "low_terms")
VECTOR = (
    "setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'B') || "
    "setweight(to_tsvector('simple', pdf_terms), 'C') || setweight(to_tsvector('simple', ocr_terms), 'D')"
)
LOW_VECTOR = "NULLIF(setweight(to_tsvector('simple', low_terms), 'D'), ''::tsvector)"


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

    @contextmanager
    def matching_through_index(self):
        # Sequential and plain index scans off for the statements inside (matches then come from
        # bitmap scans of the GIN index), in a transaction so that the settings are local to it.
        if getattr(self, "_through_index", False):
            yield
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
                "set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"
            )
            before = cursor.fetchone()[:2]
            self._through_index = True
            try:
                yield
            finally:
                self._through_index = False
            # Back as they were for what an enclosing transaction does next (after an error, the
            # rollback of this block's savepoint restores them).
            cursor.execute("SELECT set_config('enable_seqscan', %s, true), set_config('enable_indexscan', %s, true)",
                           before)

    def score(self, query):
        def rank(vector):
            return f"ts_rank_cd('{WEIGHTS}', e.{vector}, to_tsquery('simple', %s))"

        def relevance(vector):
            # A synonym's matches count SYNONYM_WEIGHT (search.synonyms): the rank of the words as typed (their
            # forms, near spellings) weighs the rest; a record holding a clause only through a synonym has none.
            if not query.has_synonyms:
                return rank(vector), [tsquery(query)]
            return (f"{1 - SYNONYM_WEIGHT:g} * {rank(vector)} + {SYNONYM_WEIGHT:g} * {rank(vector)}",
                    [tsquery(query.without_synonyms()), tsquery(query)])

        (whole, whole_params), (low, low_params) = relevance("search_vector"), relevance("low_vector")
        return f"{whole} - {LOW_DISCOUNT:g} * COALESCE({low}, 0)", whole_params + low_params

    def insert(self, texts):
        fields = [field for field in SearchEntry._meta.local_concrete_fields if not field.primary_key]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ON COMMIT DROP AS "
                           f"SELECT {columns} FROM search_searchentry WITH NO DATA")
            cursor.execute(f"ALTER TABLE {STAGING} " + ", ".join(f"ADD COLUMN {name} text" for name in TERMS))
            with cursor.cursor.copy(f"COPY {STAGING} ({columns}, {', '.join(TERMS)}) FROM STDIN") as copy:
                for text in texts:
                    copy.write_row(
                        [field.get_db_prep_save(field.pre_save(text.row, True), connection) for field in fields]
                        + [text.title, text.body, text.pdf, f"{text.ocr}\n{text.ocr_low}", text.ocr_low]
                    )
            cursor.execute(f"INSERT INTO search_searchentry ({columns}, search_vector, low_vector) "
                           f"SELECT {columns}, {VECTOR}, {LOW_VECTOR} FROM {STAGING}")
            cursor.execute(f"DROP TABLE {STAGING}")

    def finish_rebuild(self):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")

    def size(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchentry') + pg_total_relation_size('search_searchterm')")
            return cursor.fetchone()[0]
