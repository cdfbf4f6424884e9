"""The embedded engine on SQLite: an FTS5 table holding the analyzed terms of each record, ranked by bm25.

One FTS5 row per record, keyed by its entry id, with five columns weighted
10 (title), 3 (body) and, for its PDFs' text, 1 (text layer), 0.8 (read by OCR)
and 0.4 (read by OCR with low confidence). The terms are stored there only; a
trigger removes the row when its entry goes (page deleted, record replaced).
"""

from dataclasses import replace
from itertools import islice, product

from django.db import connection

from ..entries import LOW_CONFIDENCE_WEIGHT, OCR_WEIGHT, TEXT_LAYER_WEIGHT
from ..models import SearchEntry
from ..synonyms import SYNONYM_WEIGHT
from .database import DatabaseEngine

FTS = "search_fts"
WEIGHTS = (10.0, 3.0, TEXT_LAYER_WEIGHT, OCR_WEIGHT, LOW_CONFIDENCE_WEIGHT)
BM25 = f"bm25({FTS}, {', '.join(map(str, WEIGHTS))})"
# The entries' columns the statements read, without their text (SearchEntry.Meta.indexes).
SEARCHED_COLUMNS = "search_entry_searched_columns"


# Records holding the query's words within this many words of each other score more.
NEAR_WORDS = 10
NEAR_BONUS = 5.0
NEAR_GROUPS = 16


def phrase(terms):
    return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'


def fts5_query(query, any_clause=False):
    """The FTS5 expression of a parsed query: clauses joined by AND (by OR with `any_clause`), alternatives
    by OR, exclusions by NOT."""

    def clause(clause):
        return "(" + " OR ".join([phrase(terms) for terms in clause.own]
                                 + [phrase(terms) for terms in clause.alternatives if terms in clause.synonyms]) + ")"

    expression = (" OR " if any_clause else " AND ").join(clause(c) for c in query.clauses if not c.excluded)
    for excluded in (c for c in query.clauses if c.excluded):
        expression = f"({expression}) NOT {clause(excluded)}"
    return expression


class SQLiteEngine(DatabaseEngine):
    entries = f"search_searchentry e INDEXED BY {SEARCHED_COLUMNS}"

    def matching(self, query, required=None):
        source = f"{FTS} JOIN {self.entries} ON e.id = {FTS}.rowid"
        positive = [c for c in query.clauses if not c.excluded]
        if required is None or required >= len(positive):
            return source, f"{FTS} MATCH %s", [fts5_query(query)]
        # Any clause matches, then the records holding at least `required` of them are kept.
        held = [self.contains(replace(query, clauses=(c,))) for c in positive]
        condition = f"{FTS} MATCH %s AND ({' + '.join(f'({sql})' for sql, _ in held)}) >= %s"
        return source, condition, ([fts5_query(query, any_clause=True)] + [p for _, ps in held for p in ps]
                                   + [required])

    def contains(self, query):
        return f"e.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)", [fts5_query(query)]

    def title_holds(self, alternatives):
        # The title's column of the full-text table: the set of records is read once, from the index.
        expression = f"title : ({' OR '.join(phrase(terms) for terms in alternatives)})"
        return f"e.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)", [expression]

    def proximity(self, query, near_words=frozenset()):
        # Each word as typed, or through its near spellings or synonyms (its other gender, « minier » for
        # « minières », agrees with the same neighbours as typed: not looked for). FTS5's NEAR takes phrases
        # only, so the groups are the combinations of them, the words as typed first, at most NEAR_GROUPS.
        choices = [[c.alternatives[0][0]] + [terms[0] for terms in c.alternatives[1:]
                                             if terms in c.synonyms or terms[0] in near_words]
                   for c in query.clauses if not c.excluded and c.single_word]
        if len(choices) < 2:
            return "0", []
        groups = islice(product(*choices), NEAR_GROUPS)
        near = " OR ".join(f"NEAR({' '.join(phrase([word]) for word in words)}, {NEAR_WORDS})" for words in groups)
        return f"CASE WHEN e.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s) THEN {NEAR_BONUS} ELSE 0 END", [near]

    def score(self, query):
        # A synonym's matches count SYNONYM_WEIGHT (search.synonyms): the share of the score of a clause that a
        # record holds only through its synonyms is so weighted. (bm25 has no weight per phrase: writing the
        # words typed twice, as was done, doubled the work of every search with a synonym.)
        positive = [clause for clause in query.clauses if not clause.excluded]
        with_synonyms = [clause for clause in positive if clause.synonyms]
        if not with_synonyms:
            return f"-{BM25}", []
        held = [self.contains(replace(query, clauses=(clause.without_synonyms(),))) for clause in with_synonyms]
        cases = [f"CASE WHEN {sql} THEN 1 ELSE {SYNONYM_WEIGHT:g} END" for sql, _ in held]
        share = f"({' + '.join(cases)} + {len(positive) - len(with_synonyms)}) / {float(len(positive))}"
        return f"-{BM25} * {share}", [param for _, params in held for param in params]

    def insert(self, texts):
        SearchEntry.objects.bulk_create([text.row for text in texts])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, title, body, pdf, ocr, ocr_low) VALUES (%s, %s, %s, %s, %s, %s)",
                [(text.row.pk, text.title, text.body, text.pdf, text.ocr, text.ocr_low) for text in texts],
            )

    def finish_rebuild(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")
            cursor.execute("ANALYZE")

    def size(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT SUM(d.pgsize) FROM dbstat d JOIN sqlite_master m ON m.name = d.name WHERE m.tbl_name LIKE %s",
                ["search_%"],
            )
            return cursor.fetchone()[0] or 0
