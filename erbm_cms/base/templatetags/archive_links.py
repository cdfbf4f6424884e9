"""Where a name leads: an axis, a partner, a year to the search filtered on it; an ACTES subject to
the deliberation archive, a subject (tag) to the news, each filtered on it; a section of the site
(the news, the deliberations, the committees) and the files its page serves (feeds, export, calendar)."""

from django import template
from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl
from wagtail.templatetags.wagtailcore_tags import pageurl

from erbm_cms.base import page_cache

register = template.Library()


def _section(context, model):
    """The live page of type `model` ("news.NewsIndexPage"), found once per request; None if there is none."""
    request = context.get("request")
    found = getattr(request, "_sections", None) if request is not None else None
    if found is None:
        found = {}
        if request is not None:
            request._sections = found
    if model not in found:
        found[model] = page_cache.remember(
            request, f"section:{model}", lambda: apps.get_model(model).objects.live().order_by("path").first())
    return found[model]


@register.simple_tag(takes_context=True)
def section_url(context, model, route="", *args):
    """The address of the site's page of type `model` or, given a route name, of that route; "" without the page."""
    page = _section(context, model)
    if page is None:
        return ""
    return routablepageurl(context, page, route, *args) if route else pageurl(context, page)


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


@register.simple_tag(takes_context=True)
def actes_url(context, code):
    return section_url(context, "deliberations.DeliberationIndexPage") + "?" + urlencode({"matiere": code})


@register.simple_tag(takes_context=True)
def subject_url(context, tag):
    return section_url(context, "news.NewsIndexPage") + "?" + urlencode({"sujet": tag.slug})
