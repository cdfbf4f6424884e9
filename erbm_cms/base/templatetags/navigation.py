from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def aria_current(item, page):
    """aria-current for a menu link: "page" on the page itself, "true" inside its section."""
    if page is None or not hasattr(page, "path"):
        return ""
    if page.pk == item.pk:
        return format_html('aria-current="page"')
    if page.path.startswith(item.path):
        return format_html('aria-current="true"')
    return ""
