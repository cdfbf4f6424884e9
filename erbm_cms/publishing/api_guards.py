"""Guards of the public API: bounded pagination and query values without control characters (400, not 500)."""

import unicodedata

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

# Far beyond the archive's size, far below what a database integer holds.
MAX_OFFSET = 1_000_000


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            raw = request.GET.get(name, "")
            if raw and not (raw.isascii() and raw.isdigit() and len(raw) <= 7 and int(raw) <= MAX_OFFSET):
                raise BadRequestError(f"{name} must be an integer between 0 and {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class GuardedAPIMixin:
    """For the API viewsets: a control or unpaired surrogate character in any query value is refused."""

    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        # Every action (list, detail, find): PostgreSQL cannot even compare a text with a NUL in it.
        for name, values in request.GET.lists():
            for text in [name, *values]:
                if any(unicodedata.category(char) in ("Cc", "Cs") for char in text):
                    raise BadRequestError(f"query parameter '{name[:40]}' contains a control character")
        return super().initial(request, *args, **kwargs)
