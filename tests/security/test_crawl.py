"""A crawl of everything the site links, as an anonymous visitor and as another partner's editor.

From the home page, the sitemap, the feeds, the API (page after page), the
exports, the calendar and the search (every planted word, and misspelt), every
link of the site is followed, PDFs included (their text is read). The words of
the planted draft, unpublished and expired records appear nowhere; those of the
records reserved to partners only for the partner. The control record's words,
title and PDF, must be found: the crawl proves it reached the content.
"""

import io
import json
import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from pypdf import PdfReader

from erbm_cms.partners.models import Partner

from .planting import HIDDEN_FROM_EVERYONE, IMAGE_TITLE, PUBLIC, RESTRICTED, words

pytestmark = pytest.mark.django_db

MAX_URLS = 2500
SKIPPED_PREFIXES = ("/admin/", "/static/", "/django-admin/")
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']+)["']|<loc>([^<]+)</loc>|<link>([^<]+)</link>|https?://testserver(/[^\s"'<>,;]*)""")
API_LISTINGS = ("/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/")


def starting_points(planted):
    urls = ["/", "/sitemap.xml", "/robots.txt", "/actualites/rss.xml", "/actualites/atom.xml", "/deliberations/export.csv",
            "/deliberations/donnees-ouvertes/", "/comites-de-pilotage/calendrier.ics", "/recherche/", "/api/recherche/"]
    urls += [f"{listing}?limit=20&offset=0" for listing in API_LISTINGS]
    for slug in Partner.objects.values_list("slug", flat=True):
        urls += [f"/deliberations/{slug}/rss.xml", f"/deliberations/{slug}/atom.xml", f"/deliberations/{slug}/export.csv",
                 f"/recherche/?partenaire={slug}", f"/api/recherche/?partenaire={slug}"]
    every_word = words(HIDDEN_FROM_EVERYONE) + words(RESTRICTED) + list(PUBLIC) + [IMAGE_TITLE]
    for word in every_word:
        for typed in (word, word[:4] + word[5:], word.upper()):
            urls += [f"/recherche/?q={typed}", f"/api/recherche/?q={typed}"]
    return urls


def same_site_path(link):
    link = unescape(link.strip())
    if link.startswith("http://testserver"):
        link = link[len("http://testserver"):]
    if not link.startswith("/") or link.startswith("//"):
        return None
    link = urldefrag(link)[0]
    return None if link.startswith(SKIPPED_PREFIXES) else link


def readable(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"%PDF-"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages), True
    if response.get("Content-Type", "").startswith("image/"):
        return "", False
    return content.decode(errors="replace"), False


def more_api_pages(url, text):
    """The next page of an API v2 listing (the API gives a total, not a next link)."""
    path = urlsplit(url).path
    if path not in API_LISTINGS:
        return []
    total = json.loads(text)["meta"]["total_count"]
    offset = int(re.search(r"offset=(\d+)", url).group(1))
    return [f"{path}?limit=20&offset={offset + 20}"] if offset + 20 < total else []


def crawl(client, planted):
    seen, queue, corpus, pdfs = set(), deque(starting_points(planted)), [], 0
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        assert len(seen) <= MAX_URLS, "the crawl did not end: more links than the site can hold"
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code in (301, 302):
            target = same_site_path(response["Location"])
            if target and not target.startswith("/admin/login"):
                queue.append(target)
            continue
        if response.status_code != 200:
            continue
        text, is_pdf = readable(response)
        pdfs += is_pdf
        corpus.append((url, text.lower()))
        if not is_pdf:
            for match in LINK.finditer(text):
                target = same_site_path(next(group for group in match.groups() if group))
                if target and target not in seen:
                    queue.append(target)
            queue.extend(more_api_pages(url, text))
    return seen, corpus, pdfs


def found(corpus, forbidden):
    """(word, url) where a word shows; a search that repeats the words typed in its own address does not count."""
    return sorted({(word, url) for url, text in corpus for word in forbidden if word in text and word not in url.lower()})


def test_an_anonymous_crawl_finds_no_hidden_or_reserved_word(planted, anonymous):
    seen, corpus, pdfs = crawl(anonymous, planted)
    assert len(seen) > 100 and pdfs >= 20, (len(seen), pdfs)
    assert {word for word, _ in found(corpus, PUBLIC)} == set(PUBLIC), "the control record, title and PDF, was reached"
    forbidden = words(HIDDEN_FROM_EVERYONE) + words(RESTRICTED) + [IMAGE_TITLE]
    assert found(corpus, forbidden) == []


def test_another_partners_crawl_finds_no_hidden_word(planted, client_a):
    seen, corpus, pdfs = crawl(client_a, planted)
    assert len(seen) > 100 and pdfs >= 20, (len(seen), pdfs)
    reached = {word for word, _ in found(corpus, list(PUBLIC) + words(RESTRICTED))}
    assert reached == set(PUBLIC) | set(words(RESTRICTED)), "the partner reached the public and the reserved records"
    assert found(corpus, words(HIDDEN_FROM_EVERYONE)) == []
