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

