"""Spelling suggestions from the words of the index: « rehabilitaton » → « réhabilitation »."""

from rapidfuzz.distance import Levenshtein

from .analysis import STOP_WORDS, fold
from .models import SearchTerm


def max_distance(word):
    return 1 if len(word) <= 5 else 2


def closest_word(word):
    """The indexed word nearest to `word` (by edit distance, then frequency), or None."""
    folded = fold(word)
    if len(folded) < 4 or folded in STOP_WORDS or SearchTerm.objects.filter(folded=folded).exists():
        return None
    limit = max_distance(folded)
    candidates = SearchTerm.objects.filter(
        folded__startswith=folded[0],
    ).values_list("folded", "display", "frequency")
    best = None
    for candidate, display, frequency in candidates:
        if abs(len(candidate) - len(folded)) > limit:
            continue
        distance = Levenshtein.distance(folded, candidate, score_cutoff=limit)
        if distance <= limit:
            key = (distance, -frequency)
            if best is None or key < best[0]:
                best = (key, display)
    return best[1] if best else None


def suggest(query):
    """The query with its unknown words corrected, or None when there is nothing to correct."""
    text = query.text
    changed = False
    for word in sorted(set(query.words), key=len, reverse=True):
        replacement = closest_word(word.strip("-'’"))
        if replacement and replacement != word.lower():
            text = text.replace(word.strip("-'’"), replacement)
            changed = True
    return text if changed else None
