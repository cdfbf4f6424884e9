"""Guards of the public API: bounded pagination and query values without control characters (400, not 500)."""

import unicodedata

from django.db import DatabaseError, transaction
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
        try:
            # A search the database's full-text syntax cannot read is the visitor's error, not the server's.
            with transaction.atomic():
                return super().paginate_queryset(queryset, request, view)
        except DatabaseError as error:
            raise BadRequestError("search could not be read: use plain words") from error


class GuardedAPIMixin:
    """For the API viewsets: a control or unpaired surrogate character in any query value is refused."""

    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        # Every action (list, detail, find): PostgreSQL cannot even compare a text with a NUL in it.
        for name, values in request.GET.lists():
            for text in [name, *values]:
                if any(unicodedata.category(char) in ("Cc", "Cs") for char in text):
                    raise BadRequestError(f"query parameter '{name[:40]}' contains a control character")
        search = request.GET.get("search")
        if search is not None and search and not search.split():
            raise BadRequestError("search must contain at least one word")
        if search and search.count('"') % 2:
            raise BadRequestError("search has an unbalanced double quote")
        for name in ("id",):
            raw = request.GET.get(name)
            if raw is not None and not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
                raise BadRequestError(f"{name} must be a positive integer")
        return super().initial(request, *args, **kwargs)
