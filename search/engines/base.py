"""What every search engine answers, whatever it runs on."""

from dataclasses import dataclass
from math import ceil

from django.core.paginator import Paginator
from django.utils.http import urlencode

from erbm_cms.partners.models import Partner

from ..query import KINDS, InvalidParameter

FACETS = ("type", "partenaire", "annee", "axe")


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    kind: str
    partner: str | None
    date: object
    snippet: str
    document: dict | None = None

    @property
    def kind_label(self):
        return KINDS.get(self.kind, self.kind)

    def as_json(self):
        return {
            "title": self.title, "url": self.url, "kind": self.kind, "partner": self.partner,
            "date": self.date.isoformat() if self.date else None, "snippet": self.snippet, "document": self.document,
        }


@dataclass
class SearchResults:
    params: object
    total: int
    hits: list
    facets: dict
    suggestion: str | None = None
    notice: str = ""
    engine: str = ""

    @property
    def page(self):
        return self.params.page

    @property
    def pages(self):
        return max(1, ceil(self.total / self.params.per_page))

    @property
    def paginator_page(self):
        """A Django paginator page, for the shared pagination template."""
        return Paginator(range(self.total), self.params.per_page).page(self.page) if self.total else None

    @property
    def base_query(self):
        """The URL parameters of this search but the page number."""
        return urlencode(self.params.as_query_dict(page=""))

    def as_json(self):
        return {
            "query": self.params.query.text, "total": self.total, "page": self.page, "pages": self.pages,
            "results": [hit.as_json() for hit in self.hits],
            "facets": {name: {str(value): count for value, _, count in self.facets.get(name, [])} for name in FACETS},
            "suggestion": self.suggestion,
        }


def check_page(params, total):
    pages = max(1, ceil(total / params.per_page))
    if params.page > pages:
        raise InvalidParameter(
            "page", f"La page {params.page} n'existe pas : la recherche compte {pages} page{'s' if pages > 1 else ''}."
        )


def facet_labels():
    partners = dict(Partner.objects.values_list("slug", "short_name"))
    return {"type": KINDS, "partenaire": partners}


def labelled_facets(counts):
    """{facet: [(value, label, count)]}, most frequent first (years newest first, axes in order)."""
    labels = facet_labels()
    facets = {}
    for name in FACETS:
        items = counts.get(name, {})
        names = labels.get(name, {})
        rows = [(value, names.get(value, f"Axe {value}" if name == "axe" else str(value)), count)
                for value, count in items.items() if count]
        if name == "annee":
            rows.sort(key=lambda row: -int(row[0]))
        elif name == "axe":
            rows.sort(key=lambda row: int(row[0]))
        else:
            rows.sort(key=lambda row: (-row[2], row[1]))
        facets[name] = rows
    return facets
