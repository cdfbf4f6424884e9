"""The production engine: Elasticsearch 8, through its Python client.

Its French analyzer is generated from the one declaration of `search.analysis`,
so that both engines cut, fold and stem a text the same way. A record is one
document; the pages of its PDFs are nested documents, so that a hit knows its
page. User input only ever reaches Elasticsearch through `simple_query_string`,
whose syntax cannot fail or reach fields it is not given. Indices are versioned
and reached through an alias, so that a rebuild swaps the new index in at once.
"""

import re
from contextlib import contextmanager
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions
from elasticsearch_dsl import Boolean, Date, Document, Float, InnerDoc, Integer, Keyword, Nested, Text

from .. import analysis
from ..highlight import snippet
from ..suggest import suggest
from .base import FACETS, EngineUnavailable, Hit, SearchEngine, SearchResults, check_page, labelled_facets

UNREACHABLE = (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout, es_exceptions.TransportError)
# Answers of a server that is there but cannot serve yet (starting, overloaded).
UNAVAILABLE_STATUSES = {429, 502, 503, 504}

FRENCH = "erbm_french"
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
    return {
        "filter": {name: definition for name, definition in steps if definition},
        "analyzer": {FRENCH: {"type": "custom", "tokenizer": "standard", "filter": [name for name, _ in steps]}},
        "normalizer": {FOLDED: {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
    }


RECORD_FIELDS = ["title^10", "summary^3", "body^3", "subjects^3"]
SQS_FLAGS = "AND|OR|NOT|PHRASE|WHITESPACE|PRECEDENCE"
SQS_SPECIAL = re.compile(r'([+\-=&|><!(){}\[\]^"~*?:\\/])')
HIGHLIGHT = {"encoder": "html", "pre_tags": ["<mark>"], "post_tags": ["</mark>"]}


class PdfPage(InnerDoc):
    document_id = Integer()
    document_title = Text(analyzer=FRENCH)
    document_url = Keyword(index=False)
    number = Integer()
    text = Text(analyzer=FRENCH)
    ocr = Boolean()
    weight = Float()


class Record(Document):
    page_id = Integer()
    kind = Keyword()
    title = Text(analyzer=FRENCH, fields={"exact": Keyword(normalizer=FOLDED)})
    summary = Text(analyzer=FRENCH)
    body = Text(analyzer=FRENCH)
    url = Keyword(index=False)
    partner_slugs = Keyword()
    partner_name = Keyword()
    date = Date()
    year = Integer()
    axes = Integer()
    subjects = Text(analyzer=FRENCH)
    audience = Keyword()
    audience_groups = Integer()
    expire_at = Date()
    pdf_pages = Nested(PdfPage)


def index_body(replicas=0):
    """Settings and mappings of a new index (the analyzer included), as sent to Elasticsearch."""
    return {
        "settings": {"number_of_shards": 1, "number_of_replicas": replicas, "analysis": analysis_settings()},
        "mappings": Record._doc_type.mapping.to_dict(),
    }


def record_source(entry):
    """The Elasticsearch document of an index entry."""
    return {
        "page_id": entry.page_id, "kind": entry.kind, "title": entry.title, "summary": entry.summary,
        "body": entry.body, "url": entry.url, "partner_slugs": entry.partner_slugs, "partner_name": entry.partner_name,
        "date": entry.date.isoformat() if entry.date else None, "year": entry.year, "axes": entry.axes,
        "subjects": entry.subjects, "audience": entry.audience, "audience_groups": entry.audience_groups,
        "expire_at": entry.expire_at.isoformat() if entry.expire_at else None,
        "pdf_pages": [
            {"document_id": d.id, "document_title": d.title, "document_url": d.url, "number": number, "text": text,
             "ocr": d.is_ocr(number), "weight": d.weight(number)}
            for d in entry.documents for number, text in d.pages
        ],
    }


def sqs_text(clause):
    """A clause as simple_query_string syntax: phrases quoted, alternatives joined by |."""
    def escaped(text):
        words = [SQS_SPECIAL.sub(r"\\\1", word) for word in text.split()]
        return f'"{" ".join(words)}"' if len(words) > 1 else words[0]

    return " | ".join(escaped(text) for text in clause.texts)


def clause_query(clause, inner_hits_name=None):
    """Matches the clause in the record's own fields or in one page of its PDFs."""
    text = sqs_text(clause)
    page_query = {"simple_query_string": {
        "query": text, "fields": ["pdf_pages.text"], "default_operator": "and", "flags": SQS_FLAGS}}
    # A page read by OCR with low confidence weighs less (its weight), as on the database engines.
    weighted = {"function_score": {"query": page_query, "boost_mode": "multiply", "functions": [
        {"field_value_factor": {"field": "pdf_pages.weight", "missing": 1}}]}}
    nested = {"path": "pdf_pages", "score_mode": "max", "query": weighted}
    if inner_hits_name:
        nested["inner_hits"] = {
            "name": inner_hits_name, "size": 1,
            "_source": ["pdf_pages.document_id", "pdf_pages.document_title", "pdf_pages.document_url", "pdf_pages.number",
                        "pdf_pages.ocr"],
            "highlight": {**HIGHLIGHT, "fields": {"pdf_pages.text": {"fragment_size": 220, "number_of_fragments": 1}}},
        }
    return {"bool": {"should": [
        {"simple_query_string": {"query": text, "fields": RECORD_FIELDS, "default_operator": "and", "flags": SQS_FLAGS}},
        {"nested": nested},
    ], "minimum_should_match": 1}}


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


def build_request(params, audiences, groups, now=None):
    """The search request body for the parameters, as sent to Elasticsearch."""
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
    positive = [c for c in params.query.clauses if not c.excluded]
    if positive:
        query["bool"]["must"] = [clause_query(c, f"pdf_{i}") for i, c in enumerate(positive)]
        query["bool"]["should"] = [{"term": {"title.exact": {"value": params.query.text.lower(), "boost": 100}}}]
    excluded = [clause_query(c) for c in params.query.clauses if c.excluded]
    if excluded:
        query["bool"]["must_not"] = excluded
    by_date = {"date": {"order": "desc", "missing": "_last"}}
    sort = [by_date, "_score"] if params.sorted_by_date else ["_score", by_date]
    return {
        "query": query,
        "sort": sort,
        "from": (params.page - 1) * params.per_page,
        "size": params.per_page,
        "track_total_hits": True,
        "_source": ["page_id", "title", "url", "kind", "partner_name", "date", "summary", "body"],
        "highlight": {**HIGHLIGHT, "fields": {
            "title": {"number_of_fragments": 0}, "summary": {"number_of_fragments": 0},
            "body": {"fragment_size": 220, "number_of_fragments": 1},
        }},
        "aggs": {
            "type": {"terms": {"field": "kind", "size": 10}},
            "partenaire": {"terms": {"field": "partner_slugs", "size": 50}},
            "annee": {"terms": {"field": "year", "size": 100}},
            "axe": {"terms": {"field": "axes", "size": 50}},
        },
    }


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
        """The engine of settings.ELASTICSEARCH_URL, or None when it is not set."""
        if not settings.ELASTICSEARCH_URL:
            return None
        config = settings.ELASTICSEARCH
        return cls(
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

    def rebuild(self, entries, progress=lambda done, total: None):
        """Load every entry into a new index through the bulk helper, then point the alias at it.

        Searches keep answering from the old index until the alias moves, in one atomic step.
        The index it leaves stays one rebuild longer, so that searches already running on it
        finish; older ones are deleted.
        """
        entries = list(entries)
        name = f"{self.alias}-{datetime.now():%Y%m%d%H%M%S%f}"
        with reaching(self.url):
            self.client.indices.create(index=name, **index_body(self.replicas))
            try:
                actions = ({"_index": name, "_id": str(e.page_id), "_source": record_source(e)} for e in entries)
                done = 0
                progress(done, len(entries))
                for _ok, _item in helpers.streaming_bulk(self.client, actions, chunk_size=200, raise_on_error=True):
                    done += 1
                    progress(done, len(entries))
                self.client.indices.refresh(index=name)
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
        return len(entries)

    # Searching ------------------------------------------------------------------------------

    def search(self, params, user=None):
        from ..audience import audiences_of

        audiences, groups = audiences_of(user)
        body = build_request(params, audiences, groups or [])
        with reaching(self.url):
            response = self.client.search(index=self.alias, **body)
        total = response["hits"]["total"]["value"]
        check_page(params, total)
        hits = [self.hit(item, params) for item in response["hits"]["hits"]]
        counts = {name: {bucket["key"]: bucket["doc_count"] for bucket in response["aggregations"][name]["buckets"]}
                  for name in FACETS}
        suggestion = suggest(params.query, user) if not params.query.is_empty else None
        return SearchResults(params, total, hits, labelled_facets(counts), suggestion=suggestion, engine=self.name)

    @staticmethod
    def hit(item, params):
        source, highlight = item["_source"], item.get("highlight", {})
        document = None
        fragments = highlight.get("body") or highlight.get("summary") or []
        for inner in (item.get("inner_hits") or {}).values():
            inner_hits = inner["hits"]["hits"]
            if inner_hits:
                page = inner_hits[0]["_source"]
                document = {"title": page["document_title"], "url": f"{page['document_url']}#page={page['number']}",
                            "page": page["number"], "ocr": bool(page.get("ocr"))}
                fragments = fragments or inner_hits[0].get("highlight", {}).get("pdf_pages.text", [])
                break
        text_snippet = fragments[0] if fragments else snippet(source.get("summary") or source.get("body", ""), set())
        date = source.get("date")
        return Hit(
            page_id=source["page_id"], title=source["title"], url=source["url"], kind=source["kind"],
            partner=source.get("partner_name") or None,
            date=datetime.fromisoformat(date).date() if date else None, snippet=text_snippet, document=document,
        )
