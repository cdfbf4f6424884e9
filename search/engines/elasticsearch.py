"""The production engine: Elasticsearch 8, through its Python client.

Its French analyzer is generated from the one declaration of `search.analysis`,
so that both engines cut, fold and stem a text the same way. A record is one
document. Its PDFs' text is matched and scored in three fields (text layer, OCR,
OCR read with low confidence, weighing less), one value per page; the page cited
for each record shown is read from the database for the records shown only
(search.cited_pages), as on the database engines. User input only ever reaches
Elasticsearch through `simple_query_string`, whose syntax cannot fail or reach
fields it is not given, and through `match` queries on the `.folded` fields
(exact forms, near spellings), which take no syntax. Indices are versioned and
reached through an alias, so that a rebuild swaps the new index in at once.
"""

import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from itertools import islice

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions
from elasticsearch_dsl import Date, Document, Integer, Keyword, Text
from wagtail.models import Page

from erbm_cms.records.visibility import visible_pages

from .. import analysis, widening
from ..audience import audiences_of
from ..cited_pages import cited_pages
from ..entries import LOW_CONFIDENCE_WEIGHT, OCR_WEIGHT, TEXT_LAYER_WEIGHT
from ..highlight import snippet
from ..query import InvalidParameter, ParsedQuery, parse_query
from ..suggest import candidates, suggest, suggestion_words
from ..synonyms import SYNONYM_WEIGHT
from .base import FACETS, EngineUnavailable, Hit, SearchEngine, SearchResults, check_page, labelled_facets
from .embedded import database_engine

UNREACHABLE = (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout, es_exceptions.TransportError)
# Answers of a server that is there but cannot serve yet (starting, overloaded).
UNAVAILABLE_STATUSES = {429, 502, 503, 504}

FRENCH = "erbm_french"
# The folded, unstemmed words (search.analysis.EXACT_STEPS), in the `.folded` subfields.
EXACT = "erbm_exact"
FOLDED = "erbm_folded"
# The steps of search.analysis.STEPS as Elasticsearch filters.
FILTERS = {
    "lowercase": ("lowercase", None),
    "elision": ("erbm_elision", {"type": "elision", "articles": list(analysis.ELIDED_ARTICLES), "articles_case": True}),
    "asciifolding": ("asciifolding", None),
    "stop": ("erbm_stop", {"type": "stop", "stopwords": list(analysis.STOP_WORDS), "ignore_case": False}),
    "stemmer": ("erbm_stemmer", {"type": "snowball", "language": analysis.STEMMER}),
}


def analysis_settings():
    """The `analysis` index settings: the analyzer of search.analysis, step by step."""
    steps = [FILTERS[step] for step in analysis.STEPS]
    exact_steps = [FILTERS[step] for step in analysis.EXACT_STEPS]
    return {
        "filter": {name: definition for name, definition in steps if definition},
        "analyzer": {
            FRENCH: {"type": "custom", "tokenizer": "standard", "filter": [name for name, _ in steps]},
            EXACT: {"type": "custom", "tokenizer": "standard", "filter": [name for name, _ in exact_steps]},
        },
        "normalizer": {FOLDED: {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
    }


RECORD_FIELDS = ["title^10", "summary^3", "body^3", "subjects^3", "partner_name.text^3"]
EXACT_FIELDS = ["title.folded^10", "summary.folded^3", "body.folded^3", "subjects.folded^3", "partner_name.folded^3"]
# The PDFs' text by how it was read, and how much its words weigh (as on the database engines).
PDF_FIELD_WEIGHTS = {"pdf_text": TEXT_LAYER_WEIGHT, "pdf_ocr": OCR_WEIGHT, "pdf_ocr_low": LOW_CONFIDENCE_WEIGHT}
# The PDFs' words against the record's own (title 10, summary and body 3): as when the page cited
# was also scored, which counted a PDF's matches twice; the judged queries were tuned on it.
PDF_BOOST = 2
PDF_FIELDS = [f"{field}^{PDF_BOOST * weight:g}" for field, weight in PDF_FIELD_WEIGHTS.items()]
PDF_EXACT_FIELDS = [f"{field}.folded^{PDF_BOOST * weight:g}" for field, weight in PDF_FIELD_WEIGHTS.items()]
# Near spellings of a rare word (search.widening): 1 edit from 4 letters, 2 from 8, the first letter kept.
FUZZINESS = {"fuzziness": "AUTO:4,8", "prefix_length": 1, "max_expansions": 20}
# Records holding the words as typed, then through near spellings, then most of the words (search.widening).
TIER = 10000
# The PDFs' text is scored by BM25 without length normalization: a long PDF is not worth less for its length.
PAGE_SIMILARITY = "erbm_page"
# Words of the query within this many positions of each other score more.
NEAR_SLOP = 10
# The best records by the words' matches whose score the exact forms typed and the words'
# proximity then add to (a rescore): both read positions or a second field of every record they
# reach, which, over every match of a frequent word, was most of a search's time.
RESCORE_WINDOW = 200
SQS_FLAGS = "AND|OR|NOT|PHRASE|WHITESPACE|PRECEDENCE"
SQS_SPECIAL = re.compile(r'([+\-=&|><!(){}\[\]^"~*?:\\/])')
HIGHLIGHT = {"encoder": "html", "pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
# Characters of the body's beginning returned in its place when none of its words is marked.
NO_MATCH_SIZE = 220
# The highlighted fields keep their words' offsets in the index: the highlighter reads them there
# instead of analysing each text shown again, which was most of a search's time.
OFFSETS = "offsets"
# While a new index is loaded: no refresh, no flush to disk per request (it is not searched yet).
LOADING_SETTINGS = {"refresh_interval": "-1", "translog.durability": "async"}
SERVING_SETTINGS = {"refresh_interval": None, "translog.durability": None}
BULK_THREADS = 2
BULK_BATCH = 200
# Seconds a loading request may take (a busy server indexing, merging), beyond the searches' TIMEOUT.
LOADING_TIMEOUT = 600


def pdf_text_field():
    """The PDFs' text read one way (one value per page, without length normalization), stemmed and folded."""
    return Text(analyzer=FRENCH, similarity=PAGE_SIMILARITY,
                fields={"folded": Text(analyzer=EXACT, similarity=PAGE_SIMILARITY)})


class Record(Document):
    page_id = Integer()
    kind = Keyword()
    title = Text(analyzer=FRENCH, fields={"exact": Keyword(normalizer=FOLDED), "folded": Text(analyzer=EXACT)})
    summary = Text(analyzer=FRENCH, index_options=OFFSETS, fields={"folded": Text(analyzer=EXACT, index_options=OFFSETS)})
    body = Text(analyzer=FRENCH, index_options=OFFSETS, fields={"folded": Text(analyzer=EXACT, index_options=OFFSETS)})
    url = Keyword(index=False)
    partner_slugs = Keyword()
    partner_name = Keyword(fields={"text": Text(analyzer=FRENCH), "folded": Text(analyzer=EXACT)})
    date = Date()
    year = Integer()
    axes = Integer()
    subjects = Text(analyzer=FRENCH, fields={"folded": Text(analyzer=EXACT)})
    audience = Keyword()
    audience_groups = Integer()
    expire_at = Date()
    # One value per page: a phrase or a proximity does not reach across two pages (position gap).
    pdf_text = pdf_text_field()
    pdf_ocr = pdf_text_field()
    pdf_ocr_low = pdf_text_field()
    # The ids of the record's PDFs, whose page cited is read from the database (search.cited_pages).
    documents = Integer(index=False)


def index_body(replicas=0):
    """Settings and mappings of a new index (the analyzer included), as sent to Elasticsearch."""
    return {
        "settings": {"number_of_shards": 1, "number_of_replicas": replicas, "analysis": analysis_settings(),
                     "similarity": {PAGE_SIMILARITY: {"type": "BM25", "b": 0}}},
        # The PDFs' text is indexed, not kept: the page cited is read from the database, as a rebuild reads it.
        "mappings": {**Record._doc_type.mapping.to_dict(), "_source": {"excludes": list(PDF_FIELD_WEIGHTS)}},
    }


def record_source(entry):
    """The Elasticsearch document of an index entry."""
    pages = [(d.weight(number), text) for d in entry.documents for number, text in d.pages]
    pdf_text = {field: [text for found, text in pages if found == weight] for field, weight in PDF_FIELD_WEIGHTS.items()}
    return {
        **pdf_text, "documents": [d.id for d in entry.documents],
        "page_id": entry.page_id, "kind": entry.kind, "title": entry.title, "summary": entry.summary,
        "body": entry.body, "url": entry.url, "partner_slugs": entry.partner_slugs, "partner_name": entry.partner_name,
        "date": entry.date.isoformat() if entry.date else None, "year": entry.year, "axes": entry.axes,
        "subjects": entry.subjects, "audience": entry.audience, "audience_groups": entry.audience_groups,
        "expire_at": entry.expire_at.isoformat() if entry.expire_at else None,
    }


def sqs_text(clause, texts=None):
    """A clause (or some of its alternatives' `texts`) as simple_query_string syntax: phrases quoted,
    alternatives joined by |."""
    def escaped(text):
        words = [SQS_SPECIAL.sub(r"\\\1", word) for word in text.split()]
        return f'"{" ".join(words)}"' if len(words) > 1 else words[0]

    return " | ".join(escaped(text) for text in (clause.texts if texts is None else texts))


def words_queries(text, boost=1.0):
    """The simple_query_string of `text` on the record's own fields, and on its PDFs' text."""
    options = {"query": text, "default_operator": "and", "flags": SQS_FLAGS, "boost": boost}
    return ({"simple_query_string": {**options, "fields": RECORD_FIELDS}},
            {"simple_query_string": {**options, "fields": PDF_FIELDS}})


def clause_query(clause, fuzzy=False):
    """Matches the clause in the record's own fields or in its PDFs' text.

    With `fuzzy`, the word also matches near spellings (`search.widening`) in the folded,
    unstemmed words (`.folded`); its synonyms match too, scoring less.
    """
    should = [*words_queries(sqs_text(clause, clause.own_texts))]
    if clause.synonyms:
        # A synonym's matches count SYNONYM_WEIGHT of the word typed (search.synonyms).
        should += words_queries(sqs_text(clause, clause.synonym_texts), SYNONYM_WEIGHT)
    word = clause.single_word if not clause.excluded else None
    if word and fuzzy:
        should += [{"multi_match": {"query": word, "fields": fields, **FUZZINESS}}
                   for fields in (EXACT_FIELDS, PDF_EXACT_FIELDS)]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def exact_forms_query(clauses):
    """Scores the records holding the words as typed (folded, unstemmed: `.folded`); finds nothing more."""
    should = []
    for clause in clauses:
        if clause.single_word and not clause.excluded:
            should += [{"multi_match": {"query": clause.single_word, "fields": fields}}
                       for fields in (EXACT_FIELDS, PDF_EXACT_FIELDS)]
    return should


def proximity_query(clauses):
    """Scores the records holding the query's words close together (a phrase with some slop)."""
    words = [c.single_word for c in clauses if c.single_word]
    if len(words) < 2:
        return []
    text = " ".join(words)
    return [{"multi_match": {"query": text, "fields": fields, "type": "phrase", "slop": NEAR_SLOP}}
            for fields in (RECORD_FIELDS, PDF_FIELDS)]


def visibility_filter(audiences, groups, now):
    allowed = [{"terms": {"audience": [a for a in audiences if a != "groups"]}}]
    if "groups" in audiences:
        allowed.append({"term": {"audience": "groups"}})
    elif groups:
        allowed.append({"bool": {"filter": [{"term": {"audience": "groups"}}, {"terms": {"audience_groups": groups}}]}})
    unexpired = {"bool": {"should": [
        {"bool": {"must_not": {"exists": {"field": "expire_at"}}}},
        {"range": {"expire_at": {"gt": now}}},
    ], "minimum_should_match": 1}}
    return [{"bool": {"should": allowed, "minimum_should_match": 1}}, unexpired]


def build_request(params, audiences, groups, now=None, plan=None, required=None):
    """The search request body for the parameters, as sent to Elasticsearch.

    `plan` (search.widening) names the rare words that also match near spellings; with `required`
    under the number of clauses, records holding that many of them match too, ranked after.
    """
    now = (now or timezone.now()).isoformat()
    filters = visibility_filter(audiences, groups, now)
    if params.kind:
        filters.append({"term": {"kind": params.kind}})
    if params.partner:
        filters.append({"term": {"partner_slugs": params.partner}})
    if params.year:
        filters.append({"term": {"year": params.year}})
    if params.axis:
        filters.append({"term": {"axes": params.axis}})
    if params.date_from or params.date_to:
        bounds = {}
        if params.date_from:
            bounds["gte"] = params.date_from.isoformat()
        if params.date_to:
            bounds["lte"] = params.date_to.isoformat()
        filters.append({"range": {"date": bounds}})
    query = {"bool": {"filter": filters}}
    # The near words of the rare words (and their synonyms) are searched too, as on the database engines.
    clauses = plan.widened.clauses if plan else params.query.clauses
    fuzzy = {correction.clause for correction in plan.corrections} if plan else set()
    positive = [i for i, c in enumerate(clauses) if not c.excluded]
    required = len(positive) if required is None else required
    rescored = []
    if positive:
        matching = [clause_query(clauses[i], fuzzy=i in fuzzy) for i in positive]
        should = [{"term": {"title.exact": {"value": params.query.text.lower(), "boost": 100}}}]
        rescored = exact_forms_query([clauses[i] for i in positive]) + proximity_query([clauses[i] for i in positive])
        if required < len(positive):
            # Most of the clauses: each one held weighs 2 tiers, so that the more a record holds, the higher.
            query["bool"]["must"] = [{"bool": {"should": matching, "minimum_should_match": required}}]
            held = [clause_query(clauses[i], fuzzy=i in fuzzy) for i in positive]
            should += [{"constant_score": {"filter": clause, "boost": 2 * TIER}} for clause in held]
            should.append({"constant_score": {"filter": {"bool": {"must": held}}, "boost": 0, "_name": "complete"}})
        else:
            query["bool"]["must"] = matching
        if fuzzy:
            # Through near spellings, a site page's relevance counts less (search.widening), not its tier.
            query["bool"]["must"] = [{"function_score": {
                "query": {"bool": {"must": query["bool"]["must"]}}, "boost_mode": "multiply",
                "functions": [{"filter": {"bool": {"must_not": {"terms": {"kind": widening.record_kinds()}}}},
                               "weight": widening.SITE_PAGE_WEIGHT}],
            }}]
            strict = [clause_query(params.query.clauses[i]) for i in positive]
            should.append({"constant_score": {"filter": {"bool": {"must": strict}}, "boost": TIER, "_name": "strict"}})
        query["bool"]["should"] = should
    excluded = [clause_query(c) for c in params.query.clauses if c.excluded]
    if excluded:
        query["bool"]["must_not"] = excluded
    by_date = {"date": {"order": "desc", "missing": "_last"}}
    sort = [by_date, "_score"] if params.sorted_by_date else ["_score", by_date]
    extra = {"sort": sort}
    if rescored and params.sorted_by_date:
        # A rescore cannot follow a sort on a field: the score only orders the records of one date.
        query["bool"]["should"] += rescored
    elif rescored:
        # Ordered by score alone (a rescore allows no sort): ElasticsearchEngine.search puts the records
        # of equal score of the page shown newest first. The same window for every page, so that the
        # pages follow one order (the records beyond it come after, by the first score).
        extra = {"rescore": {"window_size": RESCORE_WINDOW,
                             "query": {"rescore_query": {"bool": {"should": rescored}}}}}
    return {
        **extra,
        "query": query,
        "from": (params.page - 1) * params.per_page,
        "size": params.per_page,
        "track_total_hits": True,
        # Not the body, which may be long: its highlight says what a snippet needs of it.
        "_source": ["page_id", "title", "url", "kind", "partner_name", "date", "summary", "documents"],
        "highlight": {**HIGHLIGHT, "fields": {
            "summary": {"number_of_fragments": 0},
            "body": {"fragment_size": 220, "number_of_fragments": 1, "no_match_size": NO_MATCH_SIZE},
            "body.folded": {"fragment_size": 220, "number_of_fragments": 1},
        }},
        "aggs": {
            "type": {"terms": {"field": "kind", "size": 10}},
            "partenaire": {"terms": {"field": "partner_slugs", "size": 50}},
            "annee": {"terms": {"field": "year", "size": 100}},
            "axe": {"terms": {"field": "axes", "size": 50}},
        },
    }


def count_request(query, limit, filters=()):
    """A request counting, up to `limit`, the records matching a parsed query (none of them fetched)."""
    found = {"filter": list(filters), "must": [clause_query(c) for c in query.clauses if not c.excluded]}
    excluded = [clause_query(c) for c in query.clauses if c.excluded]
    if excluded:
        found["must_not"] = excluded
    return {"query": {"bool": found}, "size": 0, "terminate_after": limit, "track_total_hits": limit}


class Probe:
    """How many records hold a clause, and whether a word is in a record the user may see.

    The answers `search.widening` and `search.suggest` ask for, from the index itself: those
    a search is sure to ask are sent with the search (`requests`, then `read`); any other
    question is one small request.
    """

    def __init__(self, engine, visible):
        self.engine = engine
        self.visible = visible  # the filters of the records the user may see
        self.counts = {}  # {clause: records holding it, up to widening.FEW}
        self.words = {}  # {word: seen?}
        self.asked = []

    def requests(self, query):
        self.asked = [("count", clause) for clause in query.clauses if widening.rarity_asked(clause)]
        self.asked += [("seen", word) for word in suggestion_words(query) if seen_query(word) is not None]
        return [self.request(kind, key) for kind, key in self.asked]

    def request(self, kind, key):
        if kind == "count":
            return count_request(ParsedQuery("", (key,)), widening.FEW)
        return count_request(seen_query(key), 1, self.visible)

    def read(self, answers):
        for (kind, key), answer in zip(self.asked, answers, strict=True):
            found = answer["hits"]["total"]["value"]
            if kind == "count":
                self.counts[key] = found
            else:
                self.words[key] = found > 0

    def records_with(self, clause, limit):
        if clause not in self.counts or limit > widening.FEW:
            (answer,) = self.engine.msearch([count_request(ParsedQuery("", (clause,)), limit)])
            return answer["hits"]["total"]["value"]
        return min(self.counts[clause], limit)

    def ask(self, words):
        """Whether each of `words` is in a record the user may see, in one request (a filters aggregation)."""
        queries = {}
        for word in dict.fromkeys(words):
            if word not in self.words:
                query = seen_query(word)
                if query is None:
                    self.words[word] = False
                else:
                    queries[word] = {"bool": {"must": [clause_query(c) for c in query.clauses if not c.excluded]}}
        if not queries:
            return
        (answer,) = self.engine.msearch([{
            "query": {"bool": {"filter": self.visible, "should": list(queries.values()), "minimum_should_match": 1}},
            "size": 0, "track_total_hits": False, "aggs": {"seen": {"filters": {"filters": queries}}},
        }])
        for word, bucket in answer["aggregations"]["seen"]["buckets"].items():
            self.words[word] = bucket["doc_count"] > 0

    def seen(self, word):
        if word not in self.words:
            query = seen_query(word)
            if query is None:
                self.words[word] = False
            else:
                (answer,) = self.engine.msearch([self.request("seen", word)])
                self.words[word] = answer["hits"]["total"]["value"] > 0
        return self.words[word]


def seen_query(word):
    """The parsed query of one word, or None when it holds nothing to look for."""
    if not analysis.terms(word):
        return None
    try:
        query = parse_query(word)
    except InvalidParameter:
        return None
    return None if query.is_empty else query


def failed(answer):
    """Raise the error of one answer of a multi-search, as the client raises that of a search."""
    status, error = answer.get("status", 500), answer["error"]
    reason = error.get("reason", error) if isinstance(error, dict) else error
    if status in UNAVAILABLE_STATUSES or (status == 404 and "index_not_found" in str(error)):
        raise EngineUnavailable(f"Elasticsearch indisponible : {reason}")
    raise RuntimeError(f"Elasticsearch a refusé la recherche ({status}) : {reason}")


@contextmanager
def reaching(url):
    """Turns the client's "cannot reach the server" errors into EngineUnavailable."""
    try:
        yield
    except UNREACHABLE as error:
        raise EngineUnavailable(f"Elasticsearch injoignable ({url}) : {error}") from error
    except es_exceptions.ApiError as error:
        if error.meta.status in UNAVAILABLE_STATUSES:
            raise EngineUnavailable(f"Elasticsearch indisponible ({url}) : {error}") from error
        if error.meta.status == 404 and "index_not_found" in str(error):
            raise EngineUnavailable(f"Index Elasticsearch absent ({url}) : lancez rebuild_search_index") from error
        raise


def still_visible(hits, user):
    """The hits `user` may still see by the database's rule.

    The index learns of a restriction, an unpublication or a deletion from the background worker,
    a moment later: until then, the page shown must not name a record its reader may no longer see.
    """
    if not hits:
        return hits
    shown = Page.objects.filter(pk__in=[hit.page_id for hit in hits])
    visible = set(visible_pages(user, shown).values_list("pk", flat=True))
    return [hit for hit in hits if hit.page_id in visible]


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url, prefix="erbm", timeout=5, api_key=None, username=None, password=None, ca_certs=None,
                 replicas=0):
        self.url = url
        self.prefix = prefix
        self.alias = f"{prefix}-records"
        self.replicas = replicas
        options = {"request_timeout": timeout, "retry_on_timeout": False, "max_retries": 0}
        if api_key:
            options["api_key"] = api_key
        elif username:
            options["basic_auth"] = (username, password)
        if ca_certs:
            options["ca_certs"] = ca_certs
        self.client = Elasticsearch(url, **options)

    @classmethod
    def from_settings(cls):
        """The engine of settings.ELASTICSEARCH_URL, or None when it is not set.

        One engine per configuration and process, so that its client's connections are kept
        open from one search to the next instead of being opened for each.
        """
        if not settings.ELASTICSEARCH_URL:
            return None
        config = settings.ELASTICSEARCH
        return shared_engine(
            settings.ELASTICSEARCH_URL, prefix=config["INDEX_PREFIX"], timeout=config["TIMEOUT"],
            api_key=config["API_KEY"], username=config["USERNAME"], password=config["PASSWORD"],
            ca_certs=config["CA_CERTS"], replicas=config["REPLICAS"],
        )

    # Indexing ------------------------------------------------------------------------------

    def index(self, entry):
        with reaching(self.url):
            # require_alias: never let a write create a bare index with guessed mappings.
            self.client.index(index=self.alias, id=str(entry.page_id), document=record_source(entry),
                              refresh=True, require_alias=True)

    def delete(self, page_id):
        with reaching(self.url):
            try:
                self.client.delete(index=self.alias, id=str(page_id), refresh=True)
            except es_exceptions.NotFoundError as error:
                if "index_not_found" in str(error):
                    raise
                # The record was not in the index: nothing to remove.

    def indices(self):
        """The indices the alias points at."""
        with reaching(self.url):
            if not self.client.indices.exists_alias(name=self.alias):
                return []
            return sorted(self.client.indices.get_alias(name=self.alias))

    def rebuild(self, entries, progress=lambda done, total: None, total=None):
        """Load every entry into a new index through the bulk helper, then point the alias at it.

        Searches keep answering from the old index until the alias moves, in one atomic step.
        The index it leaves stays one rebuild longer, so that searches already running on it
        finish; older ones are deleted. `entries` may be an iterator (then give `total`): the
        entries are built while the previous ones are sent, never all held at once.
        """
        if total is None:
            entries = list(entries)
            total = len(entries)
        name = f"{self.alias}-{datetime.now():%Y%m%d%H%M%S%f}"
        body = index_body()
        body["settings"].update(LOADING_SETTINGS)
        with reaching(self.url):
            self.client.indices.create(index=name, **body)
            try:
                done = self.load(name, entries, progress, total)
                loading = self.client.options(request_timeout=LOADING_TIMEOUT)
                loading.indices.put_settings(
                    index=name, settings={**SERVING_SETTINGS, "number_of_replicas": self.replicas})
                loading.indices.refresh(index=name)
                # One segment: searches then visit each term's postings once (the index is not served yet).
                loading.indices.forcemerge(index=name, max_num_segments=1)
            except BaseException:
                self.client.indices.delete(index=name, ignore_unavailable=True)
                raise
            current = self.indices()
            moves = [{"remove": {"index": old, "alias": self.alias}} for old in current]
            moves.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=moves)
            versions = sorted(self.client.indices.get(index=f"{self.alias}-*", expand_wildcards="open"))
            for old in versions:
                if old != name and old not in current:
                    self.client.indices.delete(index=old)
        self.current_index = name
        return done

    def load(self, name, entries, progress, total):
        """Send the entries to the index in bulk requests; returns their count.

        The entries are built here (they read the database) while up to BULK_THREADS requests
        are indexed by the server; each thread only talks to Elasticsearch.
        """
        entries = iter(entries)
        done = 0
        sending = deque()

        def wait_for_oldest():
            nonlocal done
            done += sending.popleft().result()
            progress(done, max(total, done))

        progress(done, total)
        with ThreadPoolExecutor(BULK_THREADS) as pool:
            while batch := list(islice(entries, BULK_BATCH)):
                actions = [{"_index": name, "_id": str(e.page_id), "_source": record_source(e)} for e in batch]
                sending.append(pool.submit(self.bulk, actions))
                while len(sending) > BULK_THREADS:
                    wait_for_oldest()
            while sending:
                wait_for_oldest()
        return done

    def bulk(self, actions):
        indexed, _errors = helpers.bulk(self.client.options(request_timeout=LOADING_TIMEOUT), actions,
                                        chunk_size=len(actions), raise_on_error=True)
        return indexed

    # Searching ------------------------------------------------------------------------------

    def search(self, params, user=None):
        audiences, groups = audiences_of(user)
        now = timezone.now()
        query = params.query
        probe = Probe(self, visibility_filter(audiences, groups or [], now.isoformat()))
        plan = widening.Plan(query)
        request = build_request(params, audiences, groups or [], now=now, plan=plan)
        if query.is_empty:
            (response,) = self.msearch([request])
        else:
            # The search as typed and, in the same round trip, the counts that decide whether a word
            # is rare (near spellings) or unknown (suggestion): a second search only when one is.
            response, *answers = self.msearch([request, *probe.requests(query)])
            probe.read(answers)
            # The near words of the rare words, then the suggestions' candidates: each set in one request.
            rare = widening.rare_words(query, probe.records_with)
            probe.ask(display for _, _, near in rare for display, _ in near)
            plan = widening.plan(query, probe.records_with, probe.seen, rare)
            if plan.corrections:
                (response,) = self.msearch([build_request(params, audiences, groups or [], now=now, plan=plan)])
        required = plan.positive
        if response["hits"]["total"]["value"] < plan.partial_below and plan.partial_required < plan.positive:
            required = plan.partial_required
            (response,) = self.msearch([build_request(params, audiences, groups or [], now=now, plan=plan,
                                                      required=required)])
        total = response["hits"]["total"]["value"]
        check_page(params, total)
        partial = required < plan.positive
        items = response["hits"]["hits"]
        if not params.sorted_by_date:
            # Equal scores, newest first (a rescored search has no `sort` to say it, see build_request).
            items = sorted(items, key=lambda item: (item["_score"], item["_source"].get("date") or ""), reverse=True)
        query_terms = plan.widened.positive_terms
        pages = cited_pages({item["_source"]["page_id"]: item["_source"].get("documents") or [] for item in items},
                            query_terms)
        hits = still_visible([self.hit(item, query_terms, pages.get(item["_source"]["page_id"]), partial)
                              for item in items], user)
        counts = {name: {bucket["key"]: bucket["doc_count"] for bucket in response["aggregations"][name]["buckets"]}
                  for name in FACETS}
        suggestion = None
        if not query.is_empty:
            # Whether a correction finds records is asked of the database index (only when there is one).
            embedded = database_engine()
            nearby = {word: candidates(word) for word in suggestion_words(query) if not probe.seen(word)}
            probe.ask(candidate for found in nearby.values() for candidate in found)
            suggestion = suggest(query, probe.seen, embedded.answers(*embedded.filters(params, user)),
                                 near=lambda word: nearby[word] if word in nearby else candidates(word))
        return SearchResults(params, total, hits, labelled_facets(counts), suggestion=suggestion, engine=self.name,
                             searched_instead=plan.searched_instead)

    def msearch(self, requests):
        """The answers of several search requests, sent in one round trip."""
        searches = []
        for request in requests:
            searches += [{}, request]
        with reaching(self.url):
            answers = self.client.msearch(index=self.alias, searches=searches)["responses"]
        for answer in answers:
            if "error" in answer:
                failed(answer)
        return answers

    def seen_by(self, user):
        """A test of whether a word occurs in a record that `user` may see (see DatabaseEngine.seen_by)."""
        audiences, groups = audiences_of(user)
        return Probe(self, visibility_filter(audiences, groups or [], timezone.now().isoformat())).seen

    @staticmethod
    def hit(item, query_terms, cited=None, partial=False):
        """The Hit of a search's answer; `cited`: (document, page text) of its PDF page cited (cited_pages)."""
        source, highlight = item["_source"], item.get("highlight", {})
        document, page_text = cited or (None, "")
        fragments = [*highlight.get("body", []), *highlight.get("summary", []), *highlight.get("body.folded", [])]
        text_snippet = next((fragment for fragment in fragments if "<mark>" in fragment), None)
        if text_snippet is None and document:
            # The record's own text did not match: the PDF page cited (analyzed only then).
            page_snippet = snippet(page_text, query_terms)
            text_snippet = page_snippet if "<mark>" in page_snippet else None
        if text_snippet is None:
            # Nothing to mark in the text (the words are in the title): the summary, else the body's beginning.
            beginning = highlight.get("body", [""])[0]
            text_snippet = snippet(source["summary"], set()) if source.get("summary") else (
                f"{beginning} …" if len(beginning) >= NO_MATCH_SIZE - 20 else beginning)
        date = source.get("date")
        return Hit(
            page_id=source["page_id"], title=source["title"], url=source["url"], kind=source["kind"],
            partner=source.get("partner_name") or None,
            date=datetime.fromisoformat(date).date() if date else None, snippet=text_snippet, document=document,
            partial=partial and "complete" not in item.get("matched_queries", []),
        )


@lru_cache(maxsize=16)
def shared_engine(url, **options):
    return ElasticsearchEngine(url, **options)
