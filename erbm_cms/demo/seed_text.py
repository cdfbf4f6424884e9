"""Turn the plain-text seed publications into rich-text HTML, keeping their wording.

The seeds are text extractions of printed documents: lines are wrapped, some
words are hyphenated across lines, lists use various bullet glyphs and photo
captions are interleaved with the text. These helpers cut passages out of a
seed and rebuild paragraphs, lists and sub-headings from them.
"""

import re
from html import escape
from pathlib import Path

SEEDS_DIR = Path(__file__).parent / "seeds"

TOP_BULLETS = ("■", "•", "▶", "- ", "> ")
SENTENCE_END = tuple(".!?:;…»)")
NESTED_BULLETS = ("●",)


def read_seed(name):
    return (SEEDS_DIR / name).read_text(encoding="utf-8")


def _loose_pattern(passage):
    """A regex matching the passage whatever the line breaks and spacing in between."""
    words = passage.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find(text, passage):
    match = _loose_pattern(passage).search(text)
    if not match:
        raise ValueError(f"passage not found in seed: {passage[:60]!r}")
    return match


def between(text, start, end=None):
    """The text from the passage `start` (included) up to the passage `end` (excluded)."""
    begin = find(text, start).start()
    if end is None:
        return text[begin:]
    stop = find(text[begin:], end).start()
    return text[begin:begin + stop]


def remove(text, passage):
    """The text without an inline passage (a tooltip, a caption printed inside a sentence)."""
    return _loose_pattern(passage).sub(" ", text, count=1)


def clean_line(line):
    return re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()


def join_lines(lines):
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -"):
            text += line
        else:
            text += " " + line
    return text


def _bullet(line):
    for marker in NESTED_BULLETS:
        if line.startswith(marker):
            return 2, line[len(marker):].strip()
    for marker in TOP_BULLETS:
        if line.startswith(marker):
            return 1, line[len(marker):].strip()
    return 0, line


def to_html(passage, headings=()):
    """Rich-text HTML of a passage: paragraphs, (nested) lists and known sub-headings."""
    blocks = []  # [kind, depth, lines]
    current = None
    for raw in passage.splitlines():
        line = clean_line(raw)
        if not line:
            current = None
            continue
        depth, content = _bullet(line)
        if depth:
            current = ["item", depth, [content] if content else []]
            blocks.append(current)
        elif current is None and _continues(blocks, line, headings):
            current = blocks[-1]  # a page break in the middle of a sentence: same paragraph
            current[2].append(line)
        elif current is None:
            current = ["paragraph", 0, [line]]
            blocks.append(current)
        else:
            current[2].append(line)
    heading_set = {plain(heading) for heading in headings}
    return _render(blocks, heading_set)


def _continues(blocks, line, headings):
    """Whether `line`, after a blank line, goes on with the sentence of the previous paragraph."""
    if not blocks or blocks[-1][0] != "paragraph" or not line[:1].islower():
        return False
    previous = join_lines(blocks[-1][2])
    return not previous.endswith(SENTENCE_END) and previous not in {plain(h) for h in headings}


def _render(blocks, heading_set):
    html = []
    depth = 0  # open lists, each holding an open <li>

    def close_to(level):
        nonlocal depth
        while depth > level:
            html.append("</li></ul>")
            depth -= 1

    for kind, level, lines in blocks:
        text = escape(join_lines(lines))
        if kind == "item":
            if level <= depth:
                close_to(level)
                html.append(f"</li><li>{text}")
                continue
            while depth < level:
                html.append("<ul><li>")
                depth += 1
            html.append(text)
            continue
        close_to(0)
        if text:
            tag = "h3" if join_lines(lines) in heading_set else "p"
            html.append(f"<{tag}>{text}</{tag}>")
    close_to(0)
    return "".join(html)


def plain(passage):
    """A passage as one line of text."""
    return join_lines([clean_line(line) for line in passage.splitlines() if clean_line(line)])


def paragraph_starting(text, start):
    """The whole paragraph (up to the next blank line) that begins with `start`."""
    begin = find(text, start).start()
    rest = text[begin:]
    end = re.search(r"\n\s*\n", rest)
    return plain(rest[: end.start()] if end else rest)
