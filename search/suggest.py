"""Spelling suggestions from the words of the index: « rehabilitaton » → « réhabilitation ».

A word is suggested only if it appears in a record the asking user may see: the
vocabulary is shared by every record, so each candidate is checked against the
index restricted to that user's records before it is offered. Question words and
everyday verbs (« quelles », « voté ») are never corrected, and the query suggested
is offered only if it finds records itself.
"""

import re

from rapidfuzz.distance import OSA

from .analysis import STOP_WORDS, fold
from .models import SearchTerm
from .question_words import is_question_word

# Sentence punctuation ending a query (« … minières ? »): the page puts its own « ? » after the suggestion.
FINAL_PUNCTUATION = re.compile(r"[\s?!.…;:,]+$")

MAX_CANDIDATES_CHECKED = 20


def max_distance(word):
    return 1 if len(word) <= 5 else 2


def closest_word(word, seen, near=None):
    """The word nearest to `word` (by edit distance, then frequency) for which `seen(word)` holds, or None.

    `seen` tells whether a word occurs in a record the asking user may see (the engine's `seen_by`).
    """
    if not checked(word) or seen(word):
        return None
    return next((display for display in (near or candidates)(word) if seen(display)), None)


def candidates(word):
    """The words of the index near `word` that `closest_word` asks `seen` about, nearest and most frequent first."""
    folded = fold(word)
    limit = max_distance(folded)
    rows = SearchTerm.objects.filter(folded__startswith=folded[0]).values_list("folded", "display", "frequency")
    ranked = []
    for candidate, display, frequency in rows:
        if abs(len(candidate) - len(folded)) > limit:
            continue
        distance = OSA.distance(folded, candidate, score_cutoff=limit)  # two letters swapped: one edit
        if distance <= limit:
            ranked.append(((distance, -frequency, candidate), display))
    return [display for _, display in sorted(ranked)[:MAX_CANDIDATES_CHECKED]]


def checked(word):
    """Whether a word is looked up for a correction (long enough, not a stop word)."""
    folded = fold(word)
    return len(folded) >= 4 and folded not in STOP_WORDS


def suggestion_words(query):
    """The words of the query `suggest` asks `seen` about first."""
    return [word for word in dict.fromkeys(typed.strip("-'’") for typed in query.words)
            if checked(word) and not is_question_word(word)]


def suggest(query, seen, answers=lambda text: True, near=None):
    """The query with its unknown words corrected, or None when there is nothing to correct.

    `answers(text)` tells whether the corrected query finds records (the engine's `answers`):
    a suggestion that would find nothing is not offered.
    `near(word)`: the candidates of a word, if the engine listed them already (default `candidates`).
    """
    text = query.text
    changed = False
    for word in dict.fromkeys(word.strip("-'’") for word in query.words):
        if is_question_word(word):
            continue
        replacement = closest_word(word, seen, near)
        if replacement and replacement != word.lower():
            text = re.sub(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", lambda _, r=replacement: r, text)
            changed = True
    text = FINAL_PUNCTUATION.sub("", text)
    return text if changed and text and answers(text) else None
