"""Snippets: a window of the text around the matched words, escaped, the matches in <mark>."""

import re
from html import escape

from .analysis import term, tokens, word_window

WINDOW_WORDS = 36


def snippet(text, query_terms, window=WINDOW_WORDS):
    """HTML of the best passage of `text` for the query terms; everything escaped but <mark>."""
    found = tokens(text)  # the words as `iter_words` cuts them; their places are read for the window only
    if not found:
        return ""
    # Each distinct word analyzed once: a long text says the same words many times.
    matched = {word for word in set(found) if term(word) in query_terms} if query_terms else set()
    matches = [i for i, word in enumerate(found) if word in matched] if matched else []
    if matches:
        # Start the window where it holds the most matched words (the first such place).
        best_start, best_count, last = matches[0], 0, 0
        for index, first in enumerate(matches):
            while last < len(matches) and matches[last] < first + window:
                last += 1
            if last - index > best_count:
                best_start, best_count = first, last - index
        start = max(0, best_start - window // 4)
    else:
        start = 0
    end = min(len(found), start + window)
    start = max(0, min(start, end - window))
    marked = set(matches)
    shown = word_window(text, found, start, end)
    pieces = []
    cursor = shown[0][0]
    for index, (begin, finish, word) in enumerate(shown, start):
        pieces.append(escape(re.sub(r"\s+", " ", text[cursor:begin])))
        pieces.append(f"<mark>{escape(word)}</mark>" if index in marked else escape(word))
        cursor = finish
    html = "".join(pieces).strip()
    if start > 0:
        html = "… " + html
    if end < len(found):
        html += " …"
    elif shown[-1][1] < len(text):
        html += escape(text[shown[-1][1]:].strip())
    return html
