"""The French analyzer shared by the database engines."""

import pytest

from search.analysis import analyze, fold


@pytest.mark.parametrize(
    "a, b",
    [
        ("logement", "logements"),
        ("réhabilitation", "rehabilitation"),
        ("l'agglomération", "agglomeration"),
        ("d’insertion", "insertion"),
        ("Cœur d'Ostrevent", "coeur ostrevent"),
        ("CITÉS MINIÈRES", "cité minière"),
        ("subventions", "subvention"),
    ],
)
def test_forms_a_clerk_expects_to_match_give_the_same_terms(a, b):
    assert analyze(a) == analyze(b) != ""


def test_stop_words_are_dropped():
    assert analyze("le logement des habitants et de la ville") == analyze("logement habitants ville")


def test_fold():
    assert fold("Réhabilitation Œuvre") == "rehabilitation oeuvre"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l'agglomération d’Arras", ["agglomer", "arras"]),  # the elided article goes, the word stays whole
        ("aujourd'hui", ["aujourd'hui"]),  # not an elided article: the apostrophe stays, as on the server
        ("3,5 m² en 2019", ["3,5", "2019"]),  # « m » is a stop word once « ² » is cut off
        ("bien-être", ["bien", "etre"]),
        ("Calais, palais", ["cal", "pal"]),  # Snowball French as Lucene has it
        ("ŒUVRES", ["oeuvr"]),
    ],
)
def test_words_are_cut_folded_and_stemmed_as_elasticsearch_does(text, expected):
    from search.analysis import terms

    assert terms(text) == expected
