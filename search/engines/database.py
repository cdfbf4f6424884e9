"""The embedded engine, the part common to SQLite and PostgreSQL.

The database does the work that grows with the archive: it matches the query
against one full-text row per record (title, body and PDF text as three
weighted fields), ranks with the field weights and the exact-title bonus,
cuts the page shown (ORDER BY ... LIMIT), and counts the facets in one
grouped query over the matching set. Python then only builds the page shown:
snippets and the PDF page of each hit. The SQL dialect of each database (its
full-text match, its score, how it stores terms) is in `engines.sqlite` and
`engines.postgresql`.
"""

from collections import Counter
from contextlib import nullcontext
from dataclasses import replace
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from .. import vocabulary, widening
from ..analysis import analyze, exact_term, term, terms, tokens
from ..audience import visible_entries_sql
from ..cited_pages import cited_pages
from ..entries import LOW_CONFIDENCE_WEIGHT, OCR_WEIGHT, TEXT_LAYER_WEIGHT
from ..highlight import snippet
from ..models import FacetGroup, SearchEntry, facet_key
from ..query import InvalidParameter, ParsedQuery, parse_query
from ..suggest import suggest
from ..synonyms import SYNONYM_WEIGHT, expand
from .base import Hit, SearchEngine, SearchResults, check_page, labelled_facets

# A record whose title is exactly the query comes first (within its tier, see DatabaseEngine.tiers).
EXACT_TITLE_BONUS = 1000.0
# Records holding the words as typed, then through near words, then most of the words (DatabaseEngine.tiers).
TIER = 100000.0
# The folded, unstemmed form of a word is indexed beside its stem with this prefix (which no
# analyzed word has), so that the record holding the exact word typed scores more.
EXACT_PREFIX = "00"
# A record whose title holds all the query's words counts this much more (in proportion for some of them).
TITLE_BOOST = 2.0
# The best records by the rest of the score whose words' proximity is then read (it reads the
# words' positions: over every match of a frequent word, a large share of a search's time).
PROXIMITY_WINDOW = 200
TITLE_WORDS = 8
# Records written per transaction by a rebuild: short enough not to hold the
# database for long, long enough to amortize the commits.
BATCH = 250
ENTRY = SearchEntry._meta.db_table


def spaced(values):
    """Values in a space-separated field, with spaces around so that " value " can be looked for."""
    return f" {' '.join(str(value) for value in values)} " if values else ""


def indexed(words):
    """The analyzed terms of these words, then the exact forms of the words that differ from their stem (once each)."""
    exact = {}
    for word in dict.fromkeys(words):
        stem = term(word)
        if stem:
            form = exact_term(word)
            if form != stem:
                exact[form] = None
    return " ".join([stem for stem in map(term, words) if stem] + [EXACT_PREFIX + form for form in exact])


def with_exact_forms(plan):
    """The widened query with the exact form of each of its words as an alternative (it scores, finds nothing more)."""
    clauses = []
    for clause in plan.widened.clauses:
        word = clause.single_word
        form = exact_term(word) if word and not clause.excluded else ""
        if form and form != clause.alternatives[0][0] and tokens(form) == [form]:
            clause = replace(clause, alternatives=clause.alternatives + ((EXACT_PREFIX + form,),),
                             texts=clause.texts + (form,))
        clauses.append(clause)
    return replace(plan.widened, clauses=tuple(clauses))


def like_words(terms):
    """The LIKE pattern of these analyzed terms, one after the other, in a text of terms with a space around."""
    escaped = " ".join(t.replace("!", "!!").replace("%", "!%").replace("_", "!_") for t in terms)
    return f"% {escaped} %"


def grouped_counts(rows):
    """Facet counts (and the total by kind) of rows (facet group id, records).

    Records without a group (written by a process still running the code of before migration 0009, until
    it restarts) count in the total, under no facet."""
    found = dict(rows)
    groups = FacetGroup.objects.filter(pk__in=[group for group in found if group is not None])
    counts = {"total": Counter(), "type": Counter(), "partenaire": Counter(), "annee": Counter(), "axe": Counter()}
    counts["total"][None] = found.get(None, 0)
    for group, kind, partners, year, axes in groups.values_list("pk", "kind", "partner_slugs", "year", "axes"):
        count = found[group]
        counts["total"][kind] += count
        counts["type"][kind] += count
        for slug in partners.split():
            counts["partenaire"][slug] += count
        if year:
            counts["annee"][year] += count
        for axis in axes.split():
            counts["axe"][int(axis)] += count
    return counts


def assign_facet_groups(rows):
    """Set the facet group of these entry rows, the groups missing made (see models.FacetGroup)."""
    keys = [facet_key(row.kind, row.partner_slugs, row.year, row.axes) for row in rows]
    groups = dict(FacetGroup.objects.filter(key__in=set(keys)).values_list("key", "pk"))
    missing = {key: row for row, key in zip(rows, keys) if key not in groups}
    if missing:
        # Another process may make the same group meanwhile: the one made first is kept, and read back.
        FacetGroup.objects.bulk_create([
            FacetGroup(key=key, kind=row.kind, partner_slugs=row.partner_slugs, year=row.year, axes=row.axes)
            for key, row in missing.items()
        ], ignore_conflicts=True)
        groups.update(FacetGroup.objects.filter(key__in=list(missing)).values_list("key", "pk"))
    for row, key in zip(rows, keys):
        row.facet_group_id = groups[key]


class IndexedText:
    """The analyzed terms of one record, field by field, its entry row, and its words (for the vocabulary).

    Each text is cut into words once: the fields' terms and the vocabulary's counts come from the same words.
    """

    def __init__(self, entry):
        self.entry = entry
        title, body = tokens(entry.title), tokens(entry.body)
        pages = [(document.weight(number), tokens(text)) for document in entry.documents for number, text in document.pages]
        self.title = indexed(title)
        self.body = indexed(body + [word for text in [entry.partner_name, *entry.subjects] for word in tokens(text)])
        # PDF text in three fields by where it comes from, each weighing its own (see search.entries).
        self.pdf, self.ocr, self.ocr_low = (
            indexed([word for weight, words in pages if weight == field_weight for word in words])
            for field_weight in (TEXT_LAYER_WEIGHT, OCR_WEIGHT, LOW_CONFIDENCE_WEIGHT)
        )
        self.row = SearchEntry(
            page_id=entry.page_id, kind=entry.kind, title=entry.title, title_key=analyze(entry.title), body=entry.body,
            url=entry.url, partner_slugs=spaced(entry.partner_slugs), partner_name=entry.partner_name,
            date=entry.date, year=entry.year, axes=spaced(entry.axes),
            documents=spaced(document.id for document in entry.documents),
            audience=entry.audience, audience_groups=spaced(entry.audience_groups), expire_at=entry.expire_at,
        )
        self.words = [title, body, *(words for _, words in pages)]


class DatabaseEngine(SearchEngine):
    name = "database"
    # The FROM clause of the entries `e` when no words are searched (every visible record counted).
    entries = f"{ENTRY} e"

    # Per database (see engines.sqlite and engines.postgresql) ----------------------------

    def matching(self, query, required=None):
        """(FROM clause joining the entries as `e`, WHERE condition, params) of the records matching the query:
        holding all its clauses, or `required` of them, and none of its exclusions."""
        raise NotImplementedError

    def score(self, query):
        """(SQL expression of a matching record's relevance, params), higher is better."""
        raise NotImplementedError

    def insert(self, texts):
        """Write the entries and their terms (a list of IndexedText)."""
        raise NotImplementedError

    def finish_rebuild(self):
        """Compact the full-text structure after a rebuild."""

    def title_holds(self, alternatives):
        """(SQL condition true for the entries `e` whose title holds one of these alternatives, params): by
        default, read in the title's terms (`title_key`) of each record matched."""
        condition = " OR ".join(["(' ' || e.title_key || ' ') LIKE %s ESCAPE '!'"] * len(alternatives))
        return f"({condition})", [like_words(terms) for terms in alternatives]

    def matching_through_index(self):
        """The context in which the statements matching a query run (see engines.postgresql); none by default."""
        return nullcontext()

    def size(self):
        """Bytes on disk of the index (entries, full-text structure, vocabulary)."""
        raise NotImplementedError

    # Searching ----------------------------------------------------------------------------

    def contains(self, query):
        """(SQL condition true for the entries `e` holding every clause of the query, params)."""
        raise NotImplementedError

    def records_with(self, clause, limit):
        """How many records hold the clause, counted up to `limit`."""
        source, condition, match_params = self.matching(ParsedQuery("", (clause,)))
        with self.matching_through_index(), connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {condition} LIMIT %s) found",
                           match_params + [limit])
            return cursor.fetchone()[0]

    def search(self, params, user=None):
        query = params.query
        visible = visible_entries_sql(user)
        seen = self.seen_by(user, visible)
        filters, filter_params = self.filters(params, user, visible)
        if query.is_empty:
            plan = widening.Plan(query)
            counts = self.facet_counts(self.entries, filters, filter_params)
            total = sum(counts.pop("total").values())
            check_page(params, total)
            ranked = self.ranked_ids(params, plan, 0, self.entries, filters, filter_params) if total else []
        else:
            with self.matching_through_index():
                plan, counts, total, ranked = self.matches(params, seen, filters, filter_params)
        hits = self.hits(ranked, plan.widened)
        suggestion = suggest(query, seen, self.answers(filters, filter_params)) if not query.is_empty else None
        return SearchResults(params, total, hits, labelled_facets(counts), suggestion=suggestion, engine=self.name,
                             searched_instead=plan.searched_instead)

    def matches(self, params, seen, filters, filter_params):
        """(widening plan, facet counts, total, [(entry id, complete)] of the page shown) of a non-empty query."""
        plan = widening.plan(params.query, self.records_with, seen)
        scored = with_exact_forms(plan)
        for required in dict.fromkeys([plan.positive, plan.partial_required]):
            source, condition, match_params = self.matching(scored, required)
            counts, ranked = self.ranked_page(params, plan, required, source, f"{condition} AND {filters}",
                                              match_params + filter_params)
            total = sum(counts.pop("total").values())
            if total >= plan.partial_below:
                break
        check_page(params, total)
        return plan, counts, total, ranked

    @staticmethod
    def filters(params, user, visible=None):
        """(SQL condition on the entries `e`, params): who may see them (`visible`, if computed already), and
        the search's filters."""
        visible, visible_params = visible or visible_entries_sql(user)
        sql, values = [visible], list(visible_params)
        for condition, value in [
            ("e.kind = %s", params.kind or None),
            ("e.partner_slugs LIKE %s", f"% {params.partner} %" if params.partner else None),
            ("e.year = %s", params.year),
            ("e.axes LIKE %s", f"% {params.axis} %" if params.axis else None),
            ("e.date >= %s", params.date_from),
            ("e.date <= %s", params.date_to),
        ]:
            if value is not None:
                sql.append(condition)
                values.append(value)
        return " AND ".join(sql), values

    @staticmethod
    def facet_counts(source, where, params):
        """Facet counts (and the total) from one grouped query over the matching records."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.facet_group_id, COUNT(*) FROM {source} WHERE {where} GROUP BY e.facet_group_id", params,
            )
            return grouped_counts(cursor.fetchall())

    def tiers(self, plan, required):
        """(SQL of a matching record's tier, params) and (SQL of "holds every clause", params).

        With partial results, each clause held counts 2; a record holding the words as typed (not
        only near spellings of them) gets 1 more: all the words as typed, then all through near
        spellings, then most of the words, the more the better.
        """
        parts, params = [], []
        complete, complete_params = "1 = 1", []
        if required < plan.positive:
            for clause in plan.widened.clauses:
                if not clause.excluded:
                    held, held_params = self.contains(replace(plan.widened, clauses=(clause,)))
                    parts.append(f"(CASE WHEN {held} THEN 2 ELSE 0 END)")
                    params += held_params
            complete, complete_params = self.contains(plan.widened)
        if plan.corrections:
            strict, strict_params = self.contains(plan.query)
            parts.append(f"(CASE WHEN {strict} THEN 1 ELSE 0 END)")
            params += strict_params
        return f"({' + '.join(parts) or '0'})", params, complete, complete_params

    def in_title(self, query):
        """(SQL of the share of the query's clauses that a record's title holds, params).

        The full-text score weighs the title's words more, but measures their frequency against the
        length of the whole record (its PDFs included), so that a long record whose title names the
        words asked scored as one that mentions them once: the title counts apart, as the
        Elasticsearch engine scores each field apart. A clause held only through a synonym counts
        SYNONYM_WEIGHT; a title of more than TITLE_WORDS words, which names many things, counts in
        proportion.
        """
        positive = [clause for clause in query.clauses if not clause.excluded]
        parts, params, every = [], [], []
        for clause in positive:
            own = [terms for terms in clause.own if not terms[0].startswith(EXACT_PREFIX)]
            synonyms = [terms for terms in clause.alternatives if terms in clause.synonyms]
            cases = []
            for found, weight in ((own, 1), (synonyms, SYNONYM_WEIGHT)):
                if found:
                    condition, condition_params = self.title_holds(found)
                    cases.append(f"WHEN {condition} THEN {weight:g}")
                    params += condition_params
                    every += found
            if cases:
                parts.append(f"CASE {' '.join(cases)} ELSE 0 END")
        if not parts:
            return "0", []
        # Most records' titles hold none of the words: one test, and their share is 0.
        any_word, any_params = self.title_holds(every)
        title_terms = "(LENGTH(e.title_key) - LENGTH(REPLACE(e.title_key, ' ', '')) + 1)"
        return (f"CASE WHEN {any_word} THEN ({' + '.join(parts)}) / {float(len(positive))} "
                f"* CASE WHEN {title_terms} > {TITLE_WORDS} THEN {float(TITLE_WORDS)} / {title_terms} ELSE 1 END "
                "ELSE 0 END"), any_params + params

    def proximity(self, query, near_words=frozenset()):
        """(SQL bonus of a record holding the query's words close together, params); none by default.

        `near_words`: the terms of the near spellings searched for rare words (search.widening)."""
        return "0", []

    def ranking(self, params, plan, required, alias="e"):
        """(SQL of the columns `score` and `complete` (holds every clause) of a matching entry `e`, params,
        ORDER BY of the page shown, best first or newest first, on the columns of `alias`, and the SQL of
        the proximity bonus of an entry `e` with its params, not in `score`: see ranked_page)."""
        newest = f"{alias}.date IS NULL, {alias}.date DESC"
        if params.query.is_empty:
            return "0 AS score, 1 AS complete", [], f"{newest}, {alias}.id DESC", "0", []
        score, score_params = self.score(with_exact_forms(plan))
        if plan.corrections:
            # Through near spellings, the archive's records come before the site's pages (unless much better).
            kinds = widening.record_kinds()
            score = f"({score}) * CASE WHEN e.kind IN ({', '.join(['%s'] * len(kinds))}) THEN 1 " \
                    f"ELSE {widening.SITE_PAGE_WEIGHT} END"
            score_params = score_params + kinds
        title, title_params = self.in_title(plan.widened)
        score = f"({score}) * (1 + {TITLE_BOOST} * {title})"
        score_params = score_params + title_params
        tier, tier_params, complete, complete_params = self.tiers(plan, required)
        near_words = frozenset(term(word) for correction in plan.corrections for word in correction.near)
        near, near_params = self.proximity(plan.widened, near_words)
        score = f"{tier} * {TIER} + ({score}) + CASE WHEN e.title_key = %s THEN {EXACT_TITLE_BONUS} ELSE 0 END"
        select = f"{score} AS score, {complete} AS complete"
        select_params = tier_params + score_params + [self.query_key(params.query)] + complete_params
        order = f"{newest}, score DESC" if params.sort == "date" else f"score DESC, {newest}"
        return select, select_params, f"{order}, {alias}.id DESC", near, near_params

    def ranked_ids(self, params, plan, required, source, where, where_params):
        """[(entry id, holds every clause)] of the page shown, newest first (a query without words)."""
        select, select_params, order, _, _ = self.ranking(params, plan, required)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, {select} FROM {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
                select_params + where_params + [params.per_page, (params.page - 1) * params.per_page],
            )
            return [(row[0], bool(row[-1])) for row in cursor.fetchall()]

    def ranked_page(self, params, plan, required, source, where, where_params):
        """(facet counts with the total, [(entry id, holds every clause)] of the page shown) in one statement.

        The records matched are found (and their visibility asked) once: their scores and facet
        groups are kept aside (a materialized CTE), then cut to the page shown and grouped. The
        proximity bonus is asked of the best PROXIMITY_WINDOW records only (as Elasticsearch's rescore).
        """
        select, select_params, order, near, near_params = self.ranking(params, plan, required, alias="m")
        window, ranked, ranked_params = "", "m", []
        first, last = (params.page - 1) * params.per_page, params.page * params.per_page
        if near != "0" and params.sort != "date" and first < PROXIMITY_WINDOW:
            # The same window for every page (records of equal score: newest first, as the page shown), so
            # that the pages of a search follow one order: the window by its full score, then the others by
            # the rest of it (a page beyond the window is cut from `m` as it is). Proximity only orders
            # records of one date when sorted by date: it is not read then.
            columns = "e.id, e.date, e.facet_group_id, e.complete"
            window = f", w AS MATERIALIZED (SELECT m.* FROM m ORDER BY {order} LIMIT {PROXIMITY_WINDOW})"
            ranked = f"(SELECT {columns}, e.score + ({near}) AS score FROM w e)"
            ranked_params = near_params
            if last > PROXIMITY_WINDOW:
                # A page across the window's edge (a page size that does not divide it): its end from the others.
                ranked = (f"(SELECT *, 1 AS windowed FROM {ranked} UNION ALL SELECT {columns}, e.score, 0 "
                          "FROM m e WHERE e.id NOT IN (SELECT w.id FROM w))")
                order = f"windowed DESC, {order}"
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH m AS MATERIALIZED (SELECT e.id, e.date, e.facet_group_id, {select} "
                f"FROM {source} WHERE {where}){window} "
                "SELECT * FROM (SELECT 0 AS part, m.id, m.complete, 0 AS found "
                f"FROM {ranked} m ORDER BY {order} LIMIT %s OFFSET %s) page "
                "UNION ALL SELECT 1, m.facet_group_id, NULL, COUNT(*) FROM m GROUP BY m.facet_group_id",
                select_params + where_params + ranked_params + [params.per_page, first],
            )
            rows = cursor.fetchall()
        ranked = [(entry_id, bool(complete)) for part, entry_id, complete, _ in rows if part == 0]
        return grouped_counts([(group, found) for part, group, _, found in rows if part == 1]), ranked

    def has_visible_match(self, query, user, visible=None):
        """Whether a record that `user` may see (`visible`, if computed already) matches the query."""
        source, condition, match_params = self.matching(query)
        visible, visible_params = visible or visible_entries_sql(user)
        with self.matching_through_index(), connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {source} WHERE {condition} AND {visible} LIMIT 1",
                           match_params + list(visible_params))
            return cursor.fetchone() is not None

    def answers(self, filters, filter_params):
        """A test of whether a query typed finds records under the search's conditions (`filters`: who may
        see them and the search's filters), for suggestions: the records holding all its words, or as many
        as a partial result must."""
        def answers(text):
            try:
                query = expand(parse_query(text))
            except InvalidParameter:
                return False
            if query.is_empty:
                return False
            source, condition, match_params = self.matching(query, widening.Plan(query).partial_required)
            with self.matching_through_index(), connection.cursor() as cursor:
                cursor.execute(f"SELECT 1 FROM {source} WHERE {condition} AND {filters} LIMIT 1",
                               match_params + filter_params)
                return cursor.fetchone() is not None

        return answers

    def seen_by(self, user, visible=None):
        """A test of whether a word occurs in a record that `user` may see (`visible`, if computed already).

        Suggestions and near spellings come from the vocabulary, shared by every record: each
        candidate word passes this test before it is searched or named on the page. The test
        answers each word once.
        """
        visible = visible or visible_entries_sql(user)
        answers = {}

        def seen(word):
            if word not in answers:
                answers[word] = self.word_seen(word, user, visible)
            return answers[word]

        return seen

    def word_seen(self, word, user, visible):
        if not terms(word):
            return False
        try:
            query = parse_query(word)
        except InvalidParameter:
            return False
        return not query.is_empty and self.has_visible_match(query, user, visible)

    @staticmethod
    def query_key(query):
        """The query's words as an analyzed title would read (for the exact-title bonus)."""
        words = [word for word in query.text.replace('"', " ").split() if not word.startswith("-") and word != "OR"]
        return analyze(" ".join(words))

    # The page shown -----------------------------------------------------------------------

    def hits(self, ranked, query):
        complete = dict(ranked)
        entries = SearchEntry.objects.in_bulk([entry_id for entry_id, _ in ranked])
        # An entry the worker re-indexed or removed since it was ranked (each statement reads the
        # database as it is then) is left out rather than failing the search.
        ids = [entry_id for entry_id, _ in ranked if entry_id in entries]
        query_terms = query.positive_terms
        pages = cited_pages({entry_id: entries[entry_id].document_ids() for entry_id in ids}, query_terms)
        hits = []
        for entry_id in ids:
            entry = entries[entry_id]
            text = snippet(entry.body, query_terms)
            document, page_text = pages.get(entry_id, (None, ""))
            if document and "<mark>" not in text:
                # The title matched, not the body: show the PDF page that matched instead.
                text = snippet(page_text, query_terms)
            hits.append(Hit(
                page_id=entry.page_id, title=entry.title, url=entry.url, kind=entry.kind,
                partner=entry.partner_name or None, date=entry.date, snippet=text, document=document,
                partial=not complete[entry_id],
            ))
        return hits

    # Indexing ------------------------------------------------------------------------------

    def index(self, entry):
        """Write (or replace) the index of one record, its words added to the vocabulary."""
        text = IndexedText(entry)
        counts = vocabulary.WordCounts()
        counts.add_words(*text.words)
        with transaction.atomic():
            self.write([text])
            vocabulary.add(counts)

    def delete(self, page_id):
        SearchEntry.objects.filter(page_id=page_id).delete()

    def write(self, texts):
        """Replace the entries of these analyzed records (inside the caller's transaction)."""
        SearchEntry.objects.filter(page_id__in=[text.entry.page_id for text in texts]).delete()
        assign_facet_groups([text.row for text in texts])
        self.insert(texts)

    def rebuild(self, entries, progress=lambda done, total: None, total=None):
        """Rewrite the index of every record, in short transactions; the entries left over are removed at the end.

        Searches go on meanwhile: each record is in the index, old or new, all along.
        """
        started = timezone.now()
        counts = vocabulary.WordCounts()
        done = 0
        entries = iter(entries)
        while batch := list(islice(entries, BATCH)):
            texts = [IndexedText(entry) for entry in batch]  # analyzed before the transaction: it only writes
            for text in texts:
                counts.add_words(*text.words)
            with transaction.atomic():
                self.write(texts)
            done += len(batch)
            progress(done, total or done)
        with transaction.atomic():
            SearchEntry.objects.filter(indexed_at__lt=started).delete()
            vocabulary.replace(counts)
        self.finish_rebuild()
        return done
