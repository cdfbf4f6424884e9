"""The embedded engine: SQLite FTS5, or PostgreSQL full-text search, over the database index.

Each clause of the query (a word, a phrase, or alternatives joined by OR) is
matched against the chunks of every record (its title and body, each page of
its PDFs); a record matches when all its clauses match somewhere in it and no
excluded clause does. Its score adds, for each clause, its best chunk's score,
the title weighing more than the body and the body more than the PDF text.
"""

from collections import Counter, defaultdict

from django.db import connection

from ..audience import visible_to
from ..highlight import snippet
from ..models import SearchChunk, SearchEntry
from ..analysis import analyze
from ..suggest import suggest
from .base import Hit, SearchResults, check_page, labelled_facets

EXACT_TITLE_BONUS = 1000.0
ALL_WORDS_IN_TITLE_BONUS = 5.0


class DatabaseEngine:
    name = "database"

    def __init__(self, vendor=None):
        self.vendor = vendor or connection.vendor

    # Matching -------------------------------------------------------------------------

    def clause_matches(self, clause):
        """{entry_id: (best score, [(chunk_id, source, score)])} for one clause."""
        if self.vendor == "postgresql":
            sql = (
                "SELECT c.entry_id, c.id, c.source, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', c.search_vector, q) "
                "FROM search_searchchunk c, to_tsquery('simple', %s) q WHERE c.search_vector @@ q"
            )
            expression = self.tsquery(clause)
        else:
            sql = (
                "SELECT c.entry_id, c.id, c.source, -bm25(search_fts, 10.0, 3.0, 1.0) "
                "FROM search_fts JOIN search_searchchunk c ON c.id = search_fts.rowid WHERE search_fts MATCH %s"
            )
            expression = self.fts5_query(clause)
        matches = defaultdict(list)
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression])
            for entry_id, chunk_id, source, score in cursor.fetchall():
                matches[entry_id].append((chunk_id, source, float(score)))
        return {entry_id: (max(s for _, _, s in chunks), chunks) for entry_id, chunks in matches.items()}

    @staticmethod
    def fts5_query(clause):
        def phrase(terms):
            return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'

        return " OR ".join(phrase(terms) for terms in clause.alternatives)

    @staticmethod
    def tsquery(clause):
        def phrase(terms):
            quoted = ["'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in terms]
            return "(" + " <-> ".join(quoted) + ")"

        return " | ".join(phrase(terms) for terms in clause.alternatives)

    def match(self, query):
        """{entry_id: (score, matched chunks)} of the records matching the whole query."""
        scores, chunks, candidates = defaultdict(float), defaultdict(list), None
        for clause in query.clauses:
            if clause.excluded:
                continue
            found = self.clause_matches(clause)
            candidates = set(found) if candidates is None else candidates & set(found)
            for entry_id, (score, matched) in found.items():
                scores[entry_id] += score
                chunks[entry_id].extend(matched)
        candidates = candidates or set()
        for clause in query.clauses:
            if clause.excluded:
                candidates -= set(self.clause_matches(clause))
        return {entry_id: (scores[entry_id], chunks[entry_id]) for entry_id in candidates}

    # Searching ------------------------------------------------------------------------

    def filtered_entries(self, params, user):
        entries = SearchEntry.objects.filter(visible_to(user))
        if params.kind:
            entries = entries.filter(kind=params.kind)
        if params.partner:
            entries = entries.filter(partner_slugs__contains=f" {params.partner} ")
        if params.year:
            entries = entries.filter(year=params.year)
        if params.axis:
            entries = entries.filter(axes__contains=f" {params.axis} ")
        if params.date_from:
            entries = entries.filter(date__gte=params.date_from)
        if params.date_to:
            entries = entries.filter(date__lte=params.date_to)
        return entries

    def search(self, params, user=None):
        rows = list(self.filtered_entries(params, user).values_list("id", "kind", "partner_slugs", "year", "axes", "date", "title"))
        if params.query.is_empty:
            matched = {}
            ranked = sorted(rows, key=lambda row: (row[5] is not None, row[5], row[0]), reverse=True)
        else:
            matched = self.match(params.query)
            query_terms = analyze(" ".join(word for word in params.query.text.replace('"', " ").split() if not word.startswith("-") and word != "OR"))
            rows = [row for row in rows if row[0] in matched]

            def score(row):
                value = matched[row[0]][0]
                title_terms = analyze(row[6])
                if query_terms and title_terms == query_terms:
                    value += EXACT_TITLE_BONUS
                elif query_terms and set(query_terms.split()) <= set(title_terms.split()):
                    value += ALL_WORDS_IN_TITLE_BONUS
                return value

            if params.sort == "date":
                ranked = sorted(rows, key=lambda row: (row[5] is not None, row[5], score(row)), reverse=True)
            else:
                ranked = sorted(rows, key=lambda row: (score(row), row[5] is not None, row[5]), reverse=True)
        total = len(ranked)
        check_page(params, total)
        facets = labelled_facets(self.count_facets(ranked))
        start = (params.page - 1) * params.per_page
        page_rows = ranked[start:start + params.per_page]
        hits = self.hits([row[0] for row in page_rows], matched, params.query)
        suggestion = suggest(params.query) if not params.query.is_empty else None
        return SearchResults(params, total, hits, facets, suggestion=suggestion, engine=self.name)

    @staticmethod
    def count_facets(rows):
        counts = {"type": Counter(), "partenaire": Counter(), "annee": Counter(), "axe": Counter()}
        for _, kind, partners, year, axes, _, _ in rows:
            counts["type"][kind] += 1
            counts["partenaire"].update(partners.split())
            if year:
                counts["annee"][year] += 1
            counts["axe"].update(int(axis) for axis in axes.split())
        return counts

    def hits(self, entry_ids, matched, query):
        entries = SearchEntry.objects.in_bulk(entry_ids)
        chunk_ids = {chunk_id for entry_id in entry_ids for chunk_id, _, _ in matched.get(entry_id, ([], []))[1]}
        chunks = SearchChunk.objects.in_bulk(list(chunk_ids))
        records = {c.entry_id: c for c in SearchChunk.objects.filter(entry_id__in=entry_ids, source=SearchChunk.RECORD)}
        query_terms = query.positive_terms
        hits = []
        for entry_id in entry_ids:
            entry = entries[entry_id]
            matched_chunks = sorted(matched.get(entry_id, (0, []))[1], key=lambda item: -item[2])
            best_pdf = next((chunks[c] for c, source, _ in matched_chunks if source == SearchChunk.PDF_PAGE), None)
            best = chunks[matched_chunks[0][0]] if matched_chunks else records.get(entry_id)
            text = snippet((best.text if best is not None else "") or entry.summary, query_terms)
            if "<mark>" not in text and best_pdf is not None:
                # The title matched, not the body: show the PDF page that matched instead.
                text = snippet(best_pdf.text, query_terms)
            hits.append(Hit(
                page_id=entry.page_id, title=entry.title, url=entry.url, kind=entry.kind,
                partner=entry.partner_name or None, date=entry.date, snippet=text,
                document={"title": best_pdf.document_title, "url": f"{best_pdf.document_url}#page={best_pdf.page_number}",
                          "page": best_pdf.page_number} if best_pdf else None,
            ))
        return hits
