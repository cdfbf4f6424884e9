"""Plain text out of the rich content of pages (StreamField values, rich text HTML), for indexing."""

import re
from html import unescape

from django.utils.html import strip_tags


def stream_text(value):
    """The searchable text of a StreamField value."""
    if not value:
        return ""
    return "\n".join(str(part) for part in value.stream_block.get_searchable_content(value) if part)


def html_text(html):
    text = re.sub(r"<(br|/p|/li|/h\d|/div)\s*/?>", "\n", html or "")
    return unescape(strip_tags(text)).strip()
