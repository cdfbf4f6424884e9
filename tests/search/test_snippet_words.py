"""Snippets mark the words searched, and only them, whatever the words around them look like."""

import re

import pytest

from tests.search import records

pytestmark = pytest.mark.django_db


def marked(snippet):
    return re.findall(r"<mark>(.*?)</mark>", snippet)


def test_a_word_longer_than_the_index_keeps_does_not_move_the_mark(find):
    # A reference pasted without spaces (an address, a code read by OCR) is one word of 300 letters: the
    # index cuts it into pieces of 255, and the snippet must still mark the word searched.
    reference = "x" * 300
    records.deliberation("Rapport de la commission", summary=f"Référence {reference} : le lamineur de Douai signe.")
    [hit] = find(q="lamineur").hits
    assert marked(hit.snippet) == ["lamineur"]


def test_a_word_searched_after_a_very_long_word_is_still_marked(find):
    records.deliberation("Relevé de la commission", summary=f"{'y' * 600} tréfileur")
    [hit] = find(q="tréfileur").hits
    assert marked(hit.snippet) == ["tréfileur"]


def test_a_text_of_many_very_long_words_still_answers_the_search(client):
    # Twenty runs of 600 letters (an OCR'd table read without spaces) before the word searched: the
    # index counts 60 pieces of them, the snippet's window starts among them.
    runs = " ".join(["z" * 600] * 20)
    records.deliberation("Relevé des lamineries", summary=f"{runs} tréfileur")
    response = client.get("/api/recherche/", {"q": "tréfileur"})
    assert response.status_code == 200
    [result] = response.json()["results"]
    assert marked(result["snippet"]) == ["tréfileur"]
    assert client.get("/recherche/", {"q": "tréfileur"}).status_code == 200
