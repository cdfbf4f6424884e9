"""Spelling suggestions from the words of the index: « rehabilitaton » → « réhabilitation ».

A word is suggested only if it appears in a record the asking user may see: the
vocabulary is shared by every record, so each candidate is checked against the
index restricted to that user's records before it is offered.
"""

from rapidfuzz.distance import Levenshtein

from .analysis import STOP_WORDS, fold, terms
from .models import SearchTerm

MAX_CANDIDATES_CHECKED = 20


def max_distance(word):
    return 1 if len(word) <= 5 else 2


def seen_by(user, word):
    """Whether `word` occurs in a record that `user` may see."""
    from .engines.database import database_engine
    from .query import InvalidParameter, parse_query

    if not terms(word):
        return False
    try:
        query = parse_query(word)
    except InvalidParameter:
        return False
    return not query.is_empty and database_engine().has_visible_match(query, user)


def closest_word(word, user=None):
    """The word nearest to `word` (by edit distance, then frequency) that `user` may see, or None."""
    folded = fold(word)
    if len(folded) < 4 or folded in STOP_WORDS or seen_by(user, word):
        return None
    limit = max_distance(folded)
    candidates = SearchTerm.objects.filter(folded__startswith=folded[0]).values_list("folded", "display", "frequency")
    ranked = []
    for candidate, display, frequency in candidates:
        if abs(len(candidate) - len(folded)) > limit:
            continue
        distance = Levenshtein.distance(folded, candidate, score_cutoff=limit)
        if distance <= limit:
            ranked.append(((distance, -frequency, candidate), display))
    for _, display in sorted(ranked)[:MAX_CANDIDATES_CHECKED]:
        if seen_by(user, display):
            return display
    return None


def suggest(query, user=None):
    """The query with its unknown words corrected, or None when there is nothing to correct."""
    text = query.text
    changed = False
    for word in sorted(set(query.words), key=len, reverse=True):
        replacement = closest_word(word.strip("-'’"), user)
        if replacement and replacement != word.lower():
            text = text.replace(word.strip("-'’"), replacement)
            changed = True
    return text if changed else None
