"""Who may see which entry.

The database engine asks the site's rule directly; Elasticsearch filters on the audience
stored with each entry (computed from the same view restrictions, see entries.audience_of).
"""

from django.db.models import Q
from django.db.models.expressions import RawSQL

from erbm_cms.records.visibility import visible_pages

from .entries import GROUPS, LOGIN, PUBLIC


def visible_to(user):
    """A filter on SearchEntry: the records `user` may see (the site's one rule, see records.visibility)."""
    return Q(page__in=visible_pages(user).values("pk"))


def visible_entries_sql(user, alias="e"):
    """(SQL condition, params) true for the entries `alias` whose page `user` may see, for the engines' own SQL.

    The site's rule is asked of each entry's page through its primary key: a search touches the
    pages of the records it matches only, where `e.page_id IN (visible pages)` would list every
    visible page of the site in each statement.
    """
    page = visible_pages(user).filter(pk=RawSQL(f"{alias}.page_id", [])).order_by().values("pk")
    sql, params = page.query.sql_with_params()
    return f"EXISTS ({sql})", list(params)


def audiences_of(user):
    """The audiences and groups `user` belongs to (for engines that filter on their own)."""
    if user is None or not user.is_authenticated:
        return [PUBLIC], []
    if user.is_superuser:
        return [PUBLIC, LOGIN, GROUPS], None
    return [PUBLIC, LOGIN], list(user.groups.values_list("pk", flat=True))
