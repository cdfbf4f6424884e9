"""The pages of one search follow one order, each record shown once, whatever the proximity window
(search.engines.database.ranked_page); the PDF page cited for each record shown (search.cited_pages)."""

import datetime
from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser

from search.engines import database
from search.query import parse_params
from tests.search import records
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db

FILLER = " ".join(["le conseil délibère sur la suite donnée au dossier"] * 3)


def pages_of(engine, q, count, **extra):
    """The titles of pages 1..count of a search, page after page, and of the same search shown whole."""
    shown = []
    for number in range(1, count + 1):
        shown.append(titles(engine.search(parse_params({"q": q, "page": str(number), **extra}), AnonymousUser())))
    whole = engine.search(replace(parse_params({"q": q, **extra}), per_page=10 * count), AnonymousUser())
    return shown, titles(whole)


@pytest.fixture
def database_engine():
    from search.engines.embedded import database_engine

    return database_engine()


def test_pages_of_one_search_show_each_record_once_when_the_proximity_window_grows(database_engine, monkeypatch):
    # The words' proximity is read for the best PROXIMITY_WINDOW records: a window that grew with the page
    # (it once did) let a record whose words are close enter page 2's order above the records page 1
    # showed. The window is made 10 here so that 11 records show it.
    monkeypatch.setattr(database, "PROXIMITY_WINDOW", 10)
    for n in range(10):
        records.deliberation(f"Dossier lointain {n}", date=datetime.date(2010 + n, 1, 1),
                             summary=f"zorblaque zorblaque {FILLER} quintoire quintoire")
    records.deliberation("Dossier proche", date=datetime.date(2005, 1, 1),
                         summary=f"{FILLER} zorblaque quintoire {FILLER}")
    shown, whole = pages_of(database_engine, "zorblaque quintoire", 2)
    flat = [title for page in shown for title in page]
    assert len(flat) == 11
    assert sorted(flat) == sorted(whole), (shown, whole)  # each record once, none missing
    assert len(set(flat)) == len(flat), shown


def test_records_of_equal_score_at_the_edge_of_the_proximity_window_are_the_newest(database_engine, monkeypatch):
    # Among records of equal score, the newest enter the window, as the page shown puts the newest first.
    monkeypatch.setattr(database, "PROXIMITY_WINDOW", 10)
    for n in range(12):
        records.deliberation(f"Dossier égal {n:02d}", date=datetime.date(2000 + n, 1, 1),
                             summary=f"zorblaque {FILLER} quintoire")
    shown, whole = pages_of(database_engine, "zorblaque quintoire", 2)
    newest_first = [f"Dossier égal {n:02d}" for n in reversed(range(12))]
    assert whole == newest_first
    assert shown[0] == newest_first[:10], shown
    assert shown[1] == newest_first[10:], shown


def test_a_document_shared_by_two_records_is_cited_for_both(find):
    act = records.pdf("Acte commun", ["Exposé.", "La gravelotte du carreau Sainte-Henriette est classée."])
    records.deliberation("Classement, premier acte", act=act, date=datetime.date(2019, 1, 1))
    records.deliberation("Classement, second acte", act=act, date=datetime.date(2020, 1, 1))
    hits = find(q="gravelotte").hits
    assert {hit.title for hit in hits} == {"Classement, premier acte", "Classement, second acte"}
    assert all(hit.document and hit.document["page"] == 2 for hit in hits), [(h.title, h.document) for h in hits]


def test_pages_20_and_21_follow_one_order_at_the_real_proximity_window(database_engine):
    # As above with PROXIMITY_WINDOW as shipped (200): pages 1 to 21 show the 202 records once each, in the
    # order of the search shown whole. The record whose words are close but whose other scores put it
    # last, beyond the window, stays last: proximity is read for the best 200 only.
    for n in range(201):
        records.deliberation(f"Dossier lointain {n:03d}", date=datetime.date(1900, 1, 1) + datetime.timedelta(days=n),
                             summary=f"zorblaque zorblaque {FILLER} quintoire quintoire")
    records.deliberation("Dossier proche", date=datetime.date(1899, 1, 1),
                         summary=f"{FILLER} zorblaque quintoire {FILLER}")
    search = database_engine.search
    whole = titles(search(replace(parse_params({"q": "zorblaque quintoire"}), per_page=300), AnonymousUser()))
    shown = []
    for number in range(1, 22):
        shown += titles(search(parse_params({"q": "zorblaque quintoire", "page": str(number)}), AnonymousUser()))
    assert len(shown) == 202
    assert len(set(shown)) == 202 and "Dossier proche" in shown, [t for t in shown if shown.count(t) > 1]
    assert shown == whole


def test_a_page_across_the_proximity_window_edge_follows_the_same_order(database_engine, monkeypatch):
    # Pages of 4 records with a window of 10: page 3 holds the window's last two and the next two.
    monkeypatch.setattr(database, "PROXIMITY_WINDOW", 10)
    for n in range(13):
        records.deliberation(f"Dossier lointain {n:02d}", date=datetime.date(2010, 1, 1) + datetime.timedelta(days=n),
                             summary=f"zorblaque zorblaque {FILLER} quintoire quintoire")
    records.deliberation("Dossier proche", date=datetime.date(2005, 1, 1),
                         summary=f"{FILLER} zorblaque quintoire {FILLER}")
    shown = []
    for number in range(1, 5):
        params = replace(parse_params({"q": "zorblaque quintoire", "page": str(number)}), per_page=4)
        shown += titles(database_engine.search(params, AnonymousUser()))
    whole = titles(database_engine.search(replace(parse_params({"q": "zorblaque quintoire"}), per_page=40),
                                          AnonymousUser()))
    assert shown == whole and len(set(shown)) == 14
