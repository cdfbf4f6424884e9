"""Make extracted PDF text match as French words: one spelling per word, clean spacing."""

import re
import unicodedata

# Spacing accents that some PDFs (LaTeX OT1 fonts) draw as separate glyphs,
# and the combining marks they stand for.
SPACING_TO_COMBINING = {
    "\u00b4": "\u0301",  # ´ acute
    "\u02cb": "\u0300",  # ˋ modifier grave
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u00b8": "\u0327",  # ¸ cedilla
    "\u02dc": "\u0303",  # ˜ tilde
    "\u02d8": "\u0306",  # ˘ breve
}
SPACING_ACCENT_BEFORE = re.compile("([" + re.escape("".join(SPACING_TO_COMBINING)) + r"])\s?([A-Za-zıȷ])")
# The ASCII backtick stands for a grave accent only before the vowels that take one.
# ("r`egles", "o`u"), or alone before "a" (the word "à": "gr^ace `a la").
BACKTICK_GRAVE = re.compile(r"(?<=\w)`([aeiouAEIOU])|(?<![\w`])`([aA])(?!\w)")
LETTER_SPACE_COMBINING = re.compile(r"(\w) ([\u0300-\u036f])")

# Ligatures and other presentation forms that NFKC folds (ﬁ → fi, ﬀ → ff...).
PRESENTATION_FORMS = re.compile("[\ufb00-\ufb4f\u2000-\u200a\u2024-\u2026\u00a0\u202f\u2060\ufeff]")
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029]")
REPLACEMENT_RUNS = re.compile("\ufffd+")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
SOFT_HYPHEN = "\u00ad"
# "renou-\nveau" → "renouveau"; a capital after the hyphen marks a compound ("Pas-de-\nCalais").
END_OF_LINE_HYPHEN_LOWER = re.compile(r"(\w)-[ \t]*\n[ \t]*([a-zà-ÿœæ])")
END_OF_LINE_HYPHEN_UPPER = re.compile(r"(\w)-[ \t]*\n[ \t]*([A-ZÀ-ÝŒÆ])")
HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
MANY_NEWLINES = re.compile(r"\n{3,}")


def _combine(match):
    accent, letter = match.group(1), match.group(2)
    letter = {"ı": "i", "ȷ": "j"}.get(letter, letter)
    composed = unicodedata.normalize("NFC", letter + SPACING_TO_COMBINING[accent])
    return composed if len(composed) == 1 else match.group(0)


def recombine_accents(text):
    text = SPACING_ACCENT_BEFORE.sub(_combine, text)
    text = BACKTICK_GRAVE.sub(lambda m: unicodedata.normalize("NFC", (m.group(1) or m.group(2)) + "\u0300"), text)
    text = LETTER_SPACE_COMBINING.sub(r"\1\2", text)
    return unicodedata.normalize("NFC", text)


def clean_text(text):
    """Normalised text of one page: the words as a reader would type them."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(SOFT_HYPHEN, "")
    text = REPLACEMENT_RUNS.sub(" ", text)
    text = CONTROL_CHARS.sub(" ", text)
    text = PRIVATE_USE.sub(" ", text)
    text = PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = recombine_accents(text)
    text = END_OF_LINE_HYPHEN_LOWER.sub(r"\1\2", text)
    text = END_OF_LINE_HYPHEN_UPPER.sub(r"\1-\2", text)
    lines = [HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return MANY_NEWLINES.sub("\n\n", text).strip()


def has_words(text):
    return any(char.isalnum() for char in text)
