"""The Elasticsearch engine's index and requests, checked as data (no server needed).

The database is reached for the field's synonym list, which a query's parsing reads.
"""

import datetime
import json

import pytest

from search.analysis import ELIDED_ARTICLES, STOP_WORDS
from search.engines.elasticsearch import build_request, index_body, record_source
from search.entries import build_entry
from search.query import parse_params
from tests.search import records

NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


def test_the_index_analyzer_is_generated_from_the_one_declaration():
    analysis = index_body()["settings"]["analysis"]
    assert analysis["analyzer"]["erbm_french"] == {
        "type": "custom", "tokenizer": "standard",
        "filter": ["lowercase", "erbm_elision", "asciifolding", "erbm_stop", "erbm_stemmer"],
    }
    filters = analysis["filter"]
    assert filters["erbm_elision"]["articles"] == list(ELIDED_ARTICLES) and filters["erbm_elision"]["articles_case"]
    assert filters["erbm_stop"]["stopwords"] == list(STOP_WORDS)
    assert filters["erbm_stemmer"] == {"type": "snowball", "language": "French"}


def test_the_mapping_holds_the_pdfs_text_by_how_it_was_read_and_keeps_facets_as_keywords():
    mappings = index_body()["mappings"]
    properties = mappings["properties"]
    # The PDFs' text in three fields, by how it was read, one value per page, without length normalization:
    # indexed, not kept (the page cited is read from the database). No nested page: a search visits none.
    # Each text is analyzed twice: stemmed, and folded but unstemmed (`.folded`), so the exact word typed scores more.
    assert "pdf_pages" not in properties and '"nested"' not in json.dumps(mappings)
    for field in ("pdf_text", "pdf_ocr", "pdf_ocr_low"):
        assert properties[field] == {
            "type": "text", "analyzer": "erbm_french", "similarity": "erbm_page",
            "fields": {"folded": {"type": "text", "analyzer": "erbm_exact", "similarity": "erbm_page"}}}
    assert mappings["_source"] == {"excludes": ["pdf_text", "pdf_ocr", "pdf_ocr_low"]}
    for field in ("title", "summary", "body", "subjects"):
        assert properties[field]["analyzer"] == "erbm_french"
        assert properties[field]["fields"]["folded"]["analyzer"] == "erbm_exact"
    for field in ("kind", "partner_slugs", "audience"):
        assert properties[field]["type"] == "keyword"
    assert properties["date"]["type"] == "date" and properties["year"]["type"] == "integer"


def request(**params):
    return build_request(parse_params(params), ["public"], [], now=NOW)


def test_user_input_only_reaches_simple_query_string():
    body = json.dumps(request(q='"bassin minier" -charbon logement OR habitat'))
    assert "simple_query_string" in body and '"query_string"' not in body
    must = request(q='"bassin minier" logement OR habitat')["query"]["bool"]["must"]
    queries = [clause["bool"]["should"][0]["simple_query_string"]["query"] for clause in must]
    # « minier » and « minière » stem apart: the phrase is also looked for with the other form.
    assert queries == ['"bassin minier" | "bassin minière"', "logement | habitat"]
    excluded = request(q="logement -charbon")["query"]["bool"]["must_not"]
    assert excluded[0]["bool"]["should"][0]["simple_query_string"]["query"] == "charbon"


def test_operators_typed_as_text_are_escaped():
    must = request(q="logement+social")["query"]["bool"]["must"]
    assert must[0]["bool"]["should"][0]["simple_query_string"]["query"] == "logement\\+social"


def test_each_clause_matches_the_record_fields_or_its_pdfs_text():
    body = request(q="sylviculture")
    clause = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert clause[0]["simple_query_string"]["fields"] == [
        "title^10", "summary^3", "body^3", "subjects^3", "partner_name.text^3"]
    # The PDFs' text: a page read by OCR weighs less, one read with low confidence less again, as on the
    # database engines.
    assert clause[1]["simple_query_string"]["fields"] == ["pdf_text^2", "pdf_ocr^1.6", "pdf_ocr_low^0.8"]
    # The hits bring the ids of their PDFs, whose page cited is read from the database.
    assert "documents" in body["_source"]


def test_filters_visibility_highlight_facets_and_sort():
    body = request(q="logement", type="deliberation", partenaire="douaisis-agglo", annee="2019", axe="2",
                   du="2019-01-01", au="2019-12-31", tri="date", page="3")
    filters = body["query"]["bool"]["filter"]
    assert filters[0] == {"bool": {"should": [{"terms": {"audience": ["public"]}}], "minimum_should_match": 1}}
    assert {"range": {"expire_at": {"gt": NOW.isoformat()}}} in filters[1]["bool"]["should"]
    assert {"term": {"kind": "deliberation"}} in filters
    assert {"term": {"partner_slugs": "douaisis-agglo"}} in filters
    assert {"term": {"year": 2019}} in filters and {"term": {"axes": 2}} in filters
    assert {"range": {"date": {"gte": "2019-01-01", "lte": "2019-12-31"}}} in filters
    assert body["highlight"]["encoder"] == "html" and body["highlight"]["pre_tags"] == ["<mark>"]
    assert set(body["aggs"]) == {"type", "partenaire", "annee", "axe"}
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert (body["from"], body["size"]) == (20, 10)
    # By relevance: the exact forms typed and the words' proximity rescore the best records only.
    by_relevance = request(q="logements sociaux")
    assert "sort" not in by_relevance and by_relevance["rescore"]["window_size"] == 200
    rescored = json.dumps(by_relevance["rescore"])
    assert '"title.folded^10"' in rescored and '"pdf_text.folded^2"' in rescored and '"slop": 10' in rescored
    assert '".folded' not in json.dumps(by_relevance["query"])


def test_signed_in_members_see_their_groups_records():
    body = build_request(parse_params({"q": "logement"}), ["public", "login"], [4, 7], now=NOW)
    allowed = body["query"]["bool"]["filter"][0]["bool"]["should"]
    assert {"terms": {"audience": ["public", "login"]}} in allowed
    assert {"bool": {"filter": [{"term": {"audience": "groups"}}, {"terms": {"audience_groups": [4, 7]}}]}} in allowed


def test_a_record_becomes_one_document_with_its_pdfs_text_page_by_page():
    page = records.deliberation("Plan de gestion forestière", pdf_pages=["Motifs.", "La sylviculture."], axes=[2])
    source = record_source(build_entry(page))
    assert source["kind"] == "deliberation" and source["partner_slugs"] == ["douaisis-agglo"]
    assert source["axes"] == [2] and source["year"] == 2019 and source["audience"] == "public"
    assert source["pdf_text"][-1] == "La sylviculture.\npage 2/2" and len(source["pdf_text"]) == 2
    assert source["pdf_ocr"] == source["pdf_ocr_low"] == []
    assert source["documents"] == [page.act_document_id]
