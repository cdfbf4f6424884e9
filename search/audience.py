"""Who may see which entry.

The database engine asks the site's rule directly; Elasticsearch filters on the audience
stored with each entry (computed from the same view restrictions, see entries.audience_of).
"""

from django.db.models import Q

from erbm_cms.records.visibility import visible_pages

from .entries import GROUPS, LOGIN, PUBLIC


def visible_to(user):
    """A filter on SearchEntry: the records `user` may see (the site's one rule, see records.visibility)."""
    return Q(page__in=visible_pages(user).values("pk"))


def visible_pages_sql(user):
    """(SQL, params) of the ids of the pages `user` may see, for the engines' own SQL."""
    return visible_pages(user).order_by().values("pk").query.sql_with_params()


def audiences_of(user):
    """The audiences and groups `user` belongs to (for engines that filter on their own)."""
    if user is None or not user.is_authenticated:
        return [PUBLIC], []
    if user.is_superuser:
        return [PUBLIC, LOGIN, GROUPS], None
    return [PUBLIC, LOGIN], list(user.groups.values_list("pk", flat=True))
