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


@register.simple_tag
def page_links(page_obj):
    """The page numbers a pagination shows: the first, the last, two on each side of the current one;
    None where numbers are left out. Computed from those few numbers, never by walking every page
    (a search for a frequent word has thousands)."""
    last, current = page_obj.paginator.num_pages, page_obj.number
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    links = []
    for number in shown:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links
