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
