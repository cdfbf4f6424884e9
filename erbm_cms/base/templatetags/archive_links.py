"""Where a name leads: an axis, a partner, a year to the search filtered on it; an ACTES subject to
the deliberation archive, a subject (tag) to the news, each filtered on it."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


def _search(**params):
    return reverse("search") + "?" + urlencode({**params, "tri": "date"})


@register.simple_tag
def axis_url(axis):
    return _search(axe=axis.number)


@register.simple_tag
def partner_url(partner):
    return _search(partenaire=partner.slug)


@register.simple_tag
def year_url(year, kind=""):
    return _search(**({"type": kind} if kind else {}), annee=year)


@register.simple_tag
def actes_url(code):
    return "/deliberations/?" + urlencode({"matiere": code})


@register.simple_tag
def subject_url(tag):
    return "/actualites/?" + urlencode({"sujet": tag.slug})
