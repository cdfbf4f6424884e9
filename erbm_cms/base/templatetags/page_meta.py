"""What a page tells search engines and link previews: description, canonical address, Open Graph."""

import re
from html import unescape

from django import template
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator

register = template.Library()

SITE_NAME = "Renouveau du bassin minier"
SITE_DESCRIPTION = (
    "Site de la délégation interministérielle pour le renouveau du bassin minier du Nord et du "
    "Pas-de-Calais : l'engagement signé en 2017 par 12 partenaires, ses actualités et l'archive des "
    "délibérations et des comptes rendus."
)
MAX_LENGTH = 200
# The fields a page type may summarise itself with, most specific first.
SUMMARY_FIELDS = ("search_description", "lead", "summary", "intro")


def _clean(text):
    """Plain text: tags become spaces (paragraphs stay apart), entities decoded, spaces collapsed."""
    return " ".join(unescape(strip_tags(re.sub(r"<[^>]+>", " ", str(text or "")))).split())


def _first_paragraph(body):
    for block in body or ():
        if block.block_type == "paragraph":
            text = _clean(getattr(block.value, "source", block.value))
            if text:
                return text
    return ""


def page_description(page):
    """A one-or-two sentence summary of a page, from its own fields, else the start of its body."""
    page = getattr(page, "specific", page)
    for name in SUMMARY_FIELDS:
        text = _clean(getattr(page, name, ""))
        if text:
            return text
    return _first_paragraph(getattr(page, "body", None))


@register.simple_tag(takes_context=True)
def meta_description(context):
    text = context.get("meta_description") or page_description(context.get("page")) or SITE_DESCRIPTION
    return Truncator(_clean(text)).chars(MAX_LENGTH)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The address, absolute and without query string (filtered lists and result pages are variants)."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request is not None else ""


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    request = context.get("request")
    url = static(path)
    return request.build_absolute_uri(url) if request is not None else url


@register.simple_tag
def site_name():
    return SITE_NAME
