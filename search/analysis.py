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

Beside the stem, `exact_term` gives a word's folded, unstemmed form (steps 1 to 5): the database
engines index it too, and Elasticsearch has `.folded` fields, so that the record holding the
exact word typed ranks first.
"""

import re
import threading
import unicodedata
from functools import cache, lru_cache
from itertools import islice

import Stemmer

from .lucene_tables import FOLD, LOWER

STEPS = ("lowercase", "elision", "asciifolding", "stop", "stemmer")
# The steps of the folded, unstemmed form (see `exact_term`).
EXACT_STEPS = ("lowercase", "elision", "asciifolding", "stop")

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

# Snowball's French stemmer as Lucene 9 ships it (Snowball 2.0): Elasticsearch's `snowball` filter,
# language French; in Python, PyStemmer 2.2 (libstemmer 2.x, the same French rules).
STEMMER = "French"

# Lucene's standard tokenizer cuts longer words into pieces of this length.
MAX_WORD_LENGTH = 255

_STOP = frozenset(STOP_WORDS)
_ELIDED = frozenset(ELIDED_ARTICLES)
_LOWER = str.maketrans({**{chr(code): chr(code + 32) for code in range(ord("A"), ord("Z") + 1)}, **LOWER})
_FOLD = str.maketrans(FOLD)
_local = threading.local()

# Extended_Pictographic (Unicode emoji data): Lucene's standard tokenizer makes each one a word.
PICTOGRAPHIC_BMP = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u2388\u23cf\u23e9-\u23f3"
    "\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u2605\u2607-\u2612\u2614-\u2685"
    "\u2690-\u2705\u2708-\u2712\u2714\u2716\u271d\u2721\u2728\u2733\u2734\u2744\u2747\u274c\u274e"
    "\u2753-\u2755\u2757\u2763-\u2767\u2795-\u2797\u27a1\u27b0\u27bf\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c"
    "\u2b50\u2b55\u3030\u303d\u3297\u3299"
)
PICTOGRAPHIC_ASTRAL = (
    "\U0001f000-\U0001f0ff\U0001f10d-\U0001f10f\U0001f12f"
    "\U0001f16c-\U0001f171\U0001f17e\U0001f17f\U0001f18e\U0001f191-\U0001f19a\U0001f1ad-\U0001f1e5"
    "\U0001f201-\U0001f20f\U0001f21a\U0001f22f\U0001f232-\U0001f23a\U0001f23c-\U0001f23f"
    "\U0001f249-\U0001f3fa\U0001f400-\U0001f53d\U0001f546-\U0001f64f\U0001f680-\U0001f6ff"
    "\U0001f774-\U0001f77f\U0001f7d5-\U0001f7ff\U0001f80c-\U0001f80f\U0001f848-\U0001f84f"
    "\U0001f85a-\U0001f85f\U0001f888-\U0001f88f\U0001f8ae-\U0001f8ff\U0001f90c-\U0001f93a"
    "\U0001f93c-\U0001f945\U0001f947-\U0001faff\U0001fc00-\U0001fffd"
)


# Letters, marks and format characters are all in these planes (multilingual, supplementary, ideographic, tags).
BMP = (range(0, 0x10000),)
PLANES = (range(0, 0x40000), range(0xE0000, 0xE1000))
# Python's regular expressions test characters beyond the BMP slowly: text without any gets a pattern without them.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# Han ideographs and Hiragana: one word per character.
IDEOGRAPHIC_BMP = "\u3040-\u309f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
IDEOGRAPHIC = re.compile(f"[{IDEOGRAPHIC_BMP}\U00020000-\U0003ffff]")

# Modifier symbols that Unicode's word boundaries count as letters (WB property ALetter).
MODIFIER_LETTERS = re.compile(
    "[\u02c2-\u02c5\u02d2-\u02d7\u02de\u02df\u02e5-\u02eb\u02ed\u02ef-\u02ff\u055a-\u055c\u055e\u058a"
    "\u05f3\ua708-\ua716\ua720\ua721\ua789\ua78a\uab5b\ufb29]"
)


def _char_ranges(accept, planes):
    """The inside of a regex character class: the code points of the planes for which accept(char) is true."""
    ranges, start, previous = [], None, None
    for code in [code for plane in planes for code in plane] + [-1]:
        inside = code >= 0 and accept(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
            start = None
        previous = code
    return "".join(ranges)


@cache
def _word_pattern(astral):
    # Unicode word boundaries (UAX #29) as they fall in Latin-script text: a word starts with a
    # letter, a digit or `_` and goes on with those, combining marks and format characters; `' ’ . :`
    # join two letters, `, ; . ' ’` two digits. A pictograph (©, emoji, flag) is a word of its own,
    # as is each Han ideograph or Hiragana character.
    def category(char):
        return unicodedata.category(char)

    planes = PLANES if astral else BMP
    letters = _char_ranges(lambda c: (category(c)[0] == "L" or category(c) == "Nl" or MODIFIER_LETTERS.fullmatch(c))
                           and not IDEOGRAPHIC.fullmatch(c), planes)
    extenders = _char_ranges(lambda c: category(c)[0] == "M" or category(c) == "Cf" and c not in "\u200b\u200e\u200f",
                             planes)
    letter, extend = f"[{letters}]", f"[{extenders}]"
    start = f"[{letters}\\d_]"
    inside = f"[{letters}\\d_{extenders}]"
    letter_joiner = "['\u2019\u2018.:\u00b7\u2027\ufe13\ufe55\uff1a\ufe52\uff07\uff0e\u2024]"
    digit_joiner = "['\u2019\u2018.,;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b\ufe52\uff07\uff0e\u2024]"
    joined = (
        f"(?:(?<={letter}){letter_joiner}(?={letter})"
        f"|(?<={letter}{extend}){letter_joiner}(?={letter})"
        f"|(?<=\\d){digit_joiner}(?=\\d)|(?<=\\d{extend}){digit_joiner}(?=\\d))"
    )
    if astral:
        pictographs = PICTOGRAPHIC_BMP + PICTOGRAPHIC_ASTRAL
        pictograph = (f"[\U0001f1e6-\U0001f1ff]{{2}}"  # a flag
                      f"|[{pictographs}](?:\ufe0f|[\U0001f3fb-\U0001f3ff]|\u200d[{pictographs}]\ufe0f?)*")
        ideograph = IDEOGRAPHIC.pattern
    else:
        pictograph = f"[{PICTOGRAPHIC_BMP}](?:\ufe0f|\u200d[{PICTOGRAPHIC_BMP}]\ufe0f?)*"
        ideograph = f"[{IDEOGRAPHIC_BMP}]"
    return re.compile(f"{start}{inside}*(?:{joined}{inside}+)*|{pictograph}|{ideograph}")


def lower(text):
    """Lower case, code point by code point, as Lucene's LowerCaseFilter."""
    return text.translate(_LOWER)


def fold(text):
    """Lower case, accents and ligatures folded as Lucene's ASCIIFoldingFilter: « Œuvre » → « oeuvre »."""
    return lower(text).translate(_FOLD)


def strip_elision(word):
    """Without its leading elided article: « l'agglomération » → « agglomération » (the first apostrophe only)."""
    for index, char in enumerate(word):
        if char in "'’":
            return word[index + 1:] if word[:index] in _ELIDED else word
    return word


@lru_cache(maxsize=200_000)
def term(word):
    """The index term of one word, or "" for a stop word."""
    word = strip_elision(lower(word)).translate(_FOLD)
    if not word or word in _STOP:
        return ""
    return stem(word)


@lru_cache(maxsize=200_000)
def exact_term(word):
    """The folded, unstemmed form of one word (as the index keeps it beside the stem), or "" for a stop word."""
    word = strip_elision(lower(word)).translate(_FOLD)
    return "" if word in _STOP else word


def stem(word):
    """The Snowball stem of a folded word, by PyStemmer, one stemmer per thread."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer(STEMMER.lower())
    return stemmer.stemWord(word)


def words(text):
    """(start, end, word) for each word of the text."""
    return list(iter_words(text))


def iter_words(text):
    """(start, end, word) for each word of the text, as they come (for a reader that stops early)."""
    text = text or ""
    for match in _word_pattern(ASTRAL.search(text) is not None).finditer(text):
        start, word = match.start(), match.group()
        if not word.strip("_"):
            continue  # underscores alone make no word
        for offset in range(0, len(word), MAX_WORD_LENGTH):
            piece = word[offset:offset + MAX_WORD_LENGTH]
            yield start + offset, start + offset + len(piece), piece


def word_window(text, found, first, last):
    """(start, end, word) of the words numbered `first` to `last` - 1 of the text, whose words `tokens` found.

    Unless a word was cut or dropped (over-long, underscores), the pattern's matches are the words one for
    one: skipped at C speed up to the window, where `iter_words` would make each one in Python. A word
    was cut when a piece of the longest length was found (`found` holds the pieces, not the word).
    """
    text = text or ""
    if "_" in text or max(map(len, found), default=0) >= MAX_WORD_LENGTH:
        return list(islice(iter_words(text), first, last))
    matches = islice(_word_pattern(ASTRAL.search(text) is not None).finditer(text), first, last)
    return [(match.start(), match.end(), match.group()) for match in matches]


def tokens(text):
    """The words of the text, as `words` cuts them, without their places (faster)."""
    text = text or ""
    found = _word_pattern(ASTRAL.search(text) is not None).findall(text)
    # Tested at C speed: over-long words and underscores are rare, and a loop over every word is not.
    if found and (max(map(len, found)) > MAX_WORD_LENGTH or "_" in text and not all(w.strip("_") for w in found)):
        return [word for _, _, word in words(text)]
    return found


def terms(text):
    """The index terms of a text, in order, stop words dropped."""
    return [t for t in map(term, tokens(text)) if t]


def analyze(text):
    return " ".join(terms(text))
