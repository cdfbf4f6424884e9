"""Snippets: a window of the text around the matched words, escaped, the matches in <mark>."""

import re
from html import escape

from .analysis import term, words

WINDOW_WORDS = 36


def snippet(text, query_terms, window=WINDOW_WORDS):
    """HTML of the best passage of `text` for the query terms; everything escaped but <mark>."""
    found = words(text)
    if not found:
        return ""
    matches = [i for i, (_, _, word) in enumerate(found) if term(word) in query_terms] if query_terms else []
    if matches:
        # Start the window where it holds the most matched words.
        best_start, best_count = matches[0], 0
        for first in matches:
            count = sum(1 for m in matches if first <= m < first + window)
            if count > best_count:
                best_start, best_count = first, count
        start = max(0, best_start - window // 4)
    else:
        start = 0
    end = min(len(found), start + window)
    start = max(0, min(start, end - window))
    marked = set(matches)
    pieces = []
    cursor = found[start][0]
    for index in range(start, end):
        begin, finish, word = found[index]
        pieces.append(escape(re.sub(r"\s+", " ", text[cursor:begin])))
        pieces.append(f"<mark>{escape(word)}</mark>" if index in marked else escape(word))
        cursor = finish
    html = "".join(pieces).strip()
    if start > 0:
        html = "… " + html
    if end < len(found):
        html += " …"
    elif found[-1][1] < len(text):
        html += escape(text[found[-1][1]:].strip())
    return html
