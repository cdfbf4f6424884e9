"""Same answers on every engine: one set of records, one set of queries, the same records first.

The database engine of this run (SQLite or PostgreSQL) and, when ELASTICSEARCH_URL is set, the
live Elasticsearch engine answer each query; they must find the same records, rank the same one
first, and point at the same PDF page.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from search.engines.embedded import database_engine
from search.entries import build_entry
from search.indexing import indexable_pages
from search.query import parse_params
from tests.search import records
from tests.search.conftest import ELASTICSEARCH_URL, titles

pytestmark = pytest.mark.django_db

# (what it exercises, parameters, the record expected first)
QUERIES = [
    ("plural", {"q": "houblonnieres"}, "Houblonnières de la plaine"),
    ("singular", {"q": "houblonnière"}, "Houblonnières de la plaine"),
    ("accents", {"q": "TREFILERIE"}, "Reconversion de la tréfilerie"),
    ("elision", {"q": "l'ardoisière"}, "Ardoisière de la vallée"),
    # A phrase without stop words inside: the database engines do not keep the gaps stop words
    # leave, Elasticsearch does, so « "moulin à vent" » also finds « moulin et le vent » there.
    ("phrase", {"q": '"terril boisé"'}, "Boisement du terril"),
    ("exclusion", {"q": "apiculture -charbon"}, "Apiculture urbaine"),
    ("or", {"q": "vannerie OR kiosque"}, "Vannerie sous le kiosque"),
    ("filter", {"q": "lavoir", "type": "communique"}, "Les lavoirs du bassin"),
    ("year", {"q": "lavoir", "annee": "2018"}, "Lavoir de Douai"),
    ("pdf word", {"q": "sylviculture"}, "Plan de gestion forestière"),
]


def make_records():
    records.deliberation("Houblonnières de la plaine", summary="Une houblonnière par commune.", date=datetime.date(2018, 1, 1))
    records.deliberation("Marché agricole", summary="Les houblonnières produisent pour les brasseurs.", date=datetime.date(2019, 1, 1))
    records.deliberation("Reconversion de la tréfilerie", summary="La tréfilerie devient un tiers-lieu.")
    records.deliberation("Patrimoine industriel", summary="Une ancienne tréfilerie parmi d'autres sites.")
    records.deliberation("Ardoisière de la vallée", summary="L'ardoisière est acquise par la commune.")
    records.deliberation("Carrières", summary="Les carrières et l'ardoisière voisine.")
    records.deliberation("Boisement du terril", summary="Le terril boisé accueille le public.")
    records.deliberation("Gestion des espaces", summary="Un espace boisé jouxte le terril.")
    records.deliberation("Apiculture urbaine", summary="Des ruches sur les toits.")
    records.deliberation("Apiculture et charbon", summary="Des ruches sur l'ancien carreau de charbon.")
    records.deliberation("Vannerie sous le kiosque", summary="La vannerie s'expose sous le kiosque.")
    records.deliberation("Atelier de vannerie")
    records.deliberation("Kiosque à journaux")
    records.deliberation("Lavoir de Douai", date=datetime.date(2018, 3, 1))
    records.deliberation("Lavoir de Lens", partner="ca-lens-lievin", date=datetime.date(2019, 3, 1))
    records.communique("Les lavoirs du bassin", body="Le lavoir, patrimoine.", date=datetime.date(2019, 6, 1))
    records.deliberation("Plan de gestion forestière", pdf_pages=[
        "Exposé des motifs.", "Vu le code forestier.", "La sylviculture du massif de Vicoigne sera développée."])


def answers(engine, params):
    results = engine.search(parse_params(params), AnonymousUser())
    first = results.hits[0] if results.hits else None
    return {
        "first": first.title if first else None,
        "found": sorted(titles(results)),
        "page": (first.document or {}).get("page") if first else None,
    }


def test_every_engine_gives_the_same_answers(request):
    make_records()
    engines = [database_engine()]
    if ELASTICSEARCH_URL:
        live = request.getfixturevalue("live_engine")
        live.rebuild(build_entry(page) for page in indexable_pages())
        engines.append(live)
    for label, params, expected_first in QUERIES:
        seen = {engine.name: answers(engine, params) for engine in engines}
        reference = seen["database"]
        assert reference["first"] == expected_first, (label, reference)
        for name, answer in seen.items():
            assert answer == reference, (label, name, answer, reference)
    assert seen["database"]["page"] == 3  # the PDF word: page 3 of the act
