"""A followed search: its parameters, its name in French, and its most recent matches."""

from dataclasses import replace

from django.utils.http import urlencode
from wagtail.models import Page

from erbm_cms.partners.models import Partner
from search import backend
from search.query import KINDS, parse_params

# How many of the most recent matches a feed shows, and a digest looks through for new ones.
FEED_LENGTH = 30
DIGEST_WINDOW = 500


def parse(query):
    """SearchParams of a QueryDict, checked like the search page's (raises InvalidParameter)."""
    return replace(parse_params(query, set(Partner.objects.values_list("slug", flat=True))), page=1)


def query_string(params):
    """The URL parameters of a search, without the page number, in a stable order."""
    return urlencode(sorted(params.as_query_dict(page="").items()))


def describe(params):
    """The search in a few French words: « logement » · Délibération · Douaisis Agglo · 2018."""
    parts = []
    if params.query.text:
        parts.append(f"« {params.query.text} »")
    if params.kind:
        parts.append(KINDS[params.kind])
    if params.partner:
        partner = Partner.objects.filter(slug=params.partner).first()
        parts.append(partner.short_name or partner.name if partner else params.partner)
    if params.year:
        parts.append(str(params.year))
    if params.axis:
        parts.append(f"axe {params.axis}")
    if params.date_from:
        parts.append(f"depuis le {params.date_from:%d/%m/%Y}")
    if params.date_to:
        parts.append(f"jusqu'au {params.date_to:%d/%m/%Y}")
    return " · ".join(parts) or "Tous les enregistrements"


def latest(params, user=None, limit=FEED_LENGTH):
    """The most recent matches (by record date) as `user` may see them."""
    return backend.search(replace(params, sort="date", page=1, per_page=limit), user)


def published_between(params, user, since, until):
    """The matches `user` may see first published in (since, until], newest record first.

    Only the DIGEST_WINDOW most recent matches (by record date) are looked at: a record
    published today but dated long ago, behind that many newer matches, is not announced.
    """
    hits = latest(params, user, DIGEST_WINDOW).hits
    fresh = set(
        Page.objects.filter(pk__in=[hit.page_id for hit in hits], first_published_at__gt=since,
                            first_published_at__lte=until)
        .values_list("pk", flat=True)
    )
    return [hit for hit in hits if hit.page_id in fresh]
