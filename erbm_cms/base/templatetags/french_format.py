"""Numbers, amounts and file sizes written the French way."""

from django import template
from django.utils.formats import number_format

register = template.Library()

# The French typographic thousands separator is a narrow no-break space.
NARROW_NBSP = "\u202f"


@register.filter
def fr_number(value, decimals=None):
    if value in (None, ""):
        return ""
    formatted = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return formatted.replace("\xa0", NARROW_NBSP).replace(" ", NARROW_NBSP)


@register.filter
def fr_amount(value):
    """1700000 -> '1 700 000 €'."""
    if value in (None, ""):
        return ""
    return f"{fr_number(value)}\xa0€"


@register.filter
def fr_filesize(num_bytes):
    """1258291 -> '1,2 Mo' (French units: octets, Ko, Mo, Go)."""
    if num_bytes in (None, ""):
        return ""
    size = float(num_bytes)
    if size < 1024:
        return f"{int(size)}\xa0octets"
    for unit in ("Ko", "Mo", "Go"):
        size /= 1024
        if size < 1024 or unit == "Go":
            text = f"{size:.1f}".replace(".", ",")
            if text.endswith(",0"):
                text = text[:-2]
            return f"{text}\xa0{unit}"
    return ""
