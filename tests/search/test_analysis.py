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


def test_stems_are_those_of_the_pure_python_snowball_stemmer():
    """PyStemmer (the C Snowball) replaced snowballstemmer for speed: the same French stems."""
    import re
    from pathlib import Path

    from snowballstemmer.french_stemmer import FrenchStemmer

    from search.analysis import _stemmer

    seeds = Path(__file__).resolve().parents[2] / "erbm_cms" / "demo" / "seeds"
    words = {fold(word) for path in seeds.glob("*.txt") for word in re.findall(r"[^\W\d_]+", path.read_text())}
    assert len(words) > 1000
    reference = FrenchStemmer()
    assert [w for w in sorted(words) if _stemmer.stemWord(w) != reference.stemWord(w)] == []
