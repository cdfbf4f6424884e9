"""The French analyzer of the database engines: elision, case, accents, stop words, Snowball stems.

Indexed text and queries go through the same steps, so that « logements »
finds « logement », « rehabilitation » finds « réhabilitation » and
« agglomeration » finds « l'agglomération ». The Elasticsearch engine declares
the equivalent analyzer on its side (see `engines.elasticsearch`).
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

ELIDED = {"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"}

# The French stop words of Lucene / Elasticsearch (`_french_`), accents folded.
STOP_WORDS = frozenset("""
a au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne
nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l
m n s t y ete etee etees etes etant etante etants etantes suis es est sommes etes sont serai seras sera serons
serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent
sois soit soyons soyez soient fusse fusses fut fussions fussiez fussent ayant ayante ayantes ayants eu eue eues
eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait
avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent
""".split())

WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
APOSTROPHES = re.compile(r"['’]")
_stemmer = snowballstemmer.stemmer("french")


def fold(text):
    """Lower case without accents: « Réhabilitation » → « rehabilitation », « cœur » → « coeur »."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def strip_elision(word):
    parts = APOSTROPHES.split(word)
    while len(parts) > 1 and parts[0] in ELIDED:
        parts = parts[1:]
    return "".join(parts)


@lru_cache(maxsize=200_000)
def term(word):
    """The index term of one word, or "" for a stop word."""
    word = strip_elision(fold(word))
    if not word or word in STOP_WORDS:
        return ""
    if word.isdigit() or any(char.isdigit() for char in word):
        return word
    return _stemmer.stemWord(word)


def words(text):
    """(start, end, word) for each word of the text."""
    return [(match.start(), match.end(), match.group()) for match in WORD.finditer(text or "")]


def terms(text):
    """The index terms of a text, in order, stop words dropped."""
    return [t for t in (term(word) for _, _, word in words(text)) if t]


def analyze(text):
    return " ".join(terms(text))
