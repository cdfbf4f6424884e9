"""The archive's French analyzer, declared once for every engine.

The declaration (`ELIDED_ARTICLES`, `STOP_WORDS`, `STEMMER` and the order of
the steps in `STEPS`) is what the Elasticsearch engine turns into its index
settings (`search.engines.elasticsearch.analysis_settings`); the functions
below apply the same steps in Python for the database engines, so that one
text gives the same terms everywhere (tests/search/test_analyzer_agreement.py
checks it word for word against a live server):

1. words as Unicode's word boundaries cut them (Lucene's standard tokenizer):
   « l'agglomération », « 3,5 », « M.Dupont » are one word each, « m² » is « m »;
2. lower case;
3. a leading elided article removed: « l'agglomération » → « agglomération »;
4. accents and ligatures folded to ASCII: « Œuvre » → « oeuvre »;
5. French stop words dropped (the list is in folded form);
6. the Snowball French stemmer: « logements » → « logement ».
"""

import re
import sys
import threading
import unicodedata
from functools import lru_cache

import Stemmer

STEPS = ("lowercase", "elision", "asciifolding", "stop", "stemmer")

# Elided articles and pronouns, removed with their apostrophe at the start of a word.
ELIDED_ARTICLES = ("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu")

# French stop words, accents folded (they are dropped after folding).
STOP_WORDS = tuple(dict.fromkeys("""
a au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne
nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l
m n s t y ete etee etees etes etant etante etants etantes suis es est sommes etes sont serai seras sera serons
serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent
sois soit soyons soyez soient fusse fusses fut fussions fussiez fussent ayant ayante ayantes ayants eu eue eues
eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait
avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent
""".split()))

# Snowball's French stemmer (Elasticsearch: the `snowball` filter, language French).
STEMMER = "French"

# Lucene's standard tokenizer cuts longer words into pieces of this length.
MAX_WORD_LENGTH = 255

_STOP = frozenset(STOP_WORDS)
_ELIDED = frozenset(ELIDED_ARTICLES)
_local = threading.local()


def _char_class(accept):
    """A regex character class of the code points for which accept(char) is true."""
    ranges, start = [], None
    for code in range(sys.maxunicode + 2):
        inside = code <= sys.maxunicode and accept(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(code - 1)) if code - 1 > start else ""))
            start = None
    return "[" + "".join(ranges) + "]"


@lru_cache(maxsize=None)
def _word_pattern():
    # Unicode word boundaries (UAX #29) as they fall in Latin-script text: letters, marks and
    # digits make words, joined by `_`; `' ’ . : ·` join two letters, `, ; . ' ’` two digits.
    def category(char):
        return unicodedata.category(char)

    letter = _char_class(lambda c: category(c)[0] in "LM" or category(c) in ("Nl", "Cf") and c not in "\u200b\u200e\u200f")
    digit = r"\d"
    inside = f"(?:{letter}|{digit}|_)"
    letter_joiner = "['\u2019\u2018.:\u00b7\u2027\ufe13\ufe55\uff1a\ufe52\uff07\uff0e\u2024]"
    digit_joiner = "['\u2019\u2018.,;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b\ufe52\uff07\uff0e\u2024]"
    return re.compile(
        f"{inside}+(?:(?:(?<={letter}){letter_joiner}(?={letter})|(?<={digit}){digit_joiner}(?={digit})){inside}+)*"
    )


def fold(text):
    """Lower case, accents and ligatures folded: « Réhabilitation » → « rehabilitation », « Cœur » → « coeur »."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss").replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def strip_elision(word):
    """Without its leading elided article: « l'agglomération » → « agglomération » (the first apostrophe only)."""
    for index, char in enumerate(word):
        if char in "'’":
            return word[index + 1:] if word[:index] in _ELIDED else word
    return word


@lru_cache(maxsize=200_000)
def term(word):
    """The index term of one word, or "" for a stop word."""
    word = fold(strip_elision(word.lower()))
    if not word or word in _STOP:
        return ""
    return stem(word)


def stem(word):
    """The Snowball stem of a folded word, by PyStemmer (the C Snowball, same stems), one stemmer per thread."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer(STEMMER.lower())
    return stemmer.stemWord(word)


def words(text):
    """(start, end, word) for each word of the text."""
    found = []
    for match in _word_pattern().finditer(text or ""):
        start, word = match.start(), match.group()
        for offset in range(0, len(word), MAX_WORD_LENGTH):
            piece = word[offset:offset + MAX_WORD_LENGTH]
            found.append((start + offset, start + offset + len(piece), piece))
    return found


def tokens(text):
    """The words of the text, as `words` cuts them, without their places (faster)."""
    found = _word_pattern().findall(text or "")
    if any(len(word) > MAX_WORD_LENGTH for word in found):
        return [word for _, _, word in words(text)]
    return found


def terms(text):
    """The index terms of a text, in order, stop words dropped."""
    return [t for t in map(term, tokens(text)) if t]


def analyze(text):
    return " ".join(terms(text))
