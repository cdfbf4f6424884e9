"""Attributes of the State's chart components (@gouvfr/dsfr-chart), which read their data as JSON."""

import json

from django import template

register = template.Library()


@register.filter
def chart_series(value):
    """One series as the components take it, a list of lists (one list per series), in JSON;
    the template's autoescaping makes it safe inside the attribute's quotes."""
    return json.dumps([value], ensure_ascii=False)
