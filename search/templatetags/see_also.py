from django import template

from ..related import related

register = template.Library()


@register.inclusion_tag("includes/see_also.html", takes_context=True)
def see_also(context, page):
    """« Voir aussi »: the records most like this one that the visitor may see."""
    request = context.get("request")
    return {"related": related(page, getattr(request, "user", None))}
