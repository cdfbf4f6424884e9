"""Results the editors promote for a query (Wagtail's search promotions), shown before the others."""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

from .audience import visible_to
from .models import SearchEntry
from .query import KINDS


@dataclass
class PromotedResult:
    title: str
    url: str
    kind: str | None
    description: str

    @property
    def kind_label(self):
        return KINDS.get(self.kind, "Lien externe" if self.kind is None else self.kind)

    def as_json(self):
        return {"title": self.title, "url": self.url, "kind": self.kind, "description": self.description}


def promoted_results(params, user=None):
    """The promotions of this query that the user may see, in the editors' order; on the first page only."""
    if params.query.is_empty or params.page != 1:
        return []
    query = Query.objects.filter(query_string=normalise_query_string(params.query.text)).first()
    if query is None:
        return []
    picks = list(query.editors_picks.order_by("sort_order", "pk"))
    entries = SearchEntry.objects.filter(visible_to(user), page_id__in=[pick.page_id for pick in picks if pick.page_id])
    visible = {entry.page_id: entry for entry in entries}
    results = []
    for pick in picks:
        if pick.page_id:
            entry = visible.get(pick.page_id)
            if entry is None or (params.kind and entry.kind != params.kind):
                continue
            results.append(PromotedResult(entry.title, entry.url, entry.kind, pick.description or entry.summary))
        elif pick.external_link_url and not params.kind:
            results.append(PromotedResult(pick.external_link_text or pick.external_link_url, pick.external_link_url,
                                          None, pick.description))
    return results
