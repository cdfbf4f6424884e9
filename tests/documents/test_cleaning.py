"""Extracted text is cleaned so that French words match what people type."""

import pytest

from erbm_cms.documents.extraction.cleaning import clean_text


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("ﬁnancement des ﬂux", "financement des flux"),  # ligatures (NFKC)
        ("e\u0301quipement", "équipement"),  # decomposed accents (NFC)
        ("r´ef´erence", "référence"),  # accents drawn as separate glyphs (LaTeX OT1)
        ("math´ematiques fran¸caises", "mathématiques françaises"),
        ("les r`egles, o`u gr\u02c6ace `a la ma\u02c6\u0131tresse", "les règles, où grâce à la maîtresse"),
        ("No\u00a8el", "Noël"),
        ("renou-\nveau du bassin", "renouveau du bassin"),  # end-of-line hyphenation
        ("Pas-de-\nCalais", "Pas-de-Calais"),  # a compound keeps its hyphen
        ("dé\u00adlibération", "délibération"),  # soft hyphen
        ("cités\x00 \x07minières", "cités minières"),  # control characters
        ("logements\ufffd\ufffd\ufffd sociaux", "logements sociaux"),  # U+FFFD runs
        ("  trop   d'espaces\u00a0\t ici  \r\n\n\n\nfin ", "trop d'espaces ici\n\nfin"),
        ("puce \uf0b7 privée", "puce privée"),  # private-use glyphs of symbol fonts
        ("`ls -l`", "`ls -l`"),  # a backtick in code stays
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_clean_text_of_nothing():
    assert clean_text("") == "" and clean_text(None) == ""
