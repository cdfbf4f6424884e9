from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def search_url(params, **changes):
    """The search page URL for these parameters, some changed; page reset unless given."""
    changes.setdefault("page", "")
    return "?" + urlencode(params.as_query_dict(**changes))


FACET_PARAMETERS = {"type": "type", "partenaire": "partenaire", "annee": "annee", "axe": "axe"}


@register.simple_tag
def facet_url(params, name, value):
    """The search URL with the facet `name` set to `value` (removed when empty), back to page 1."""
    return "?" + urlencode(params.as_query_dict(**{FACET_PARAMETERS[name]: value, "page": ""}))
