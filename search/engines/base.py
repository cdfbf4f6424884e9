"""What every search engine does and answers, whatever it runs on.

An engine (SQLite, PostgreSQL, Elasticsearch) keeps its own index of the
records (`search.entries.IndexEntry`) and answers searches from it:

    engine.index(entry)          add or replace one record
    engine.delete(page_id)       remove one record (no error if it is not there)
    engine.rebuild(entries, progress)  replace the whole index; returns the count
    engine.search(params, user)  a `SearchResults`

An engine that cannot be reached (server down, timeout, refused connection)
raises `EngineUnavailable`, whatever its client library raises, so that the
caller can fall back and queue the change.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from math import ceil

from django.core.paginator import Paginator
from django.utils.http import urlencode

from erbm_cms.partners.models import Partner

from ..query import KINDS, InvalidParameter

FACETS = ("type", "partenaire", "annee", "axe")


class EngineUnavailable(Exception):
    """The search engine cannot be reached; the message says which and why."""


class SearchEngine(ABC):
    name = ""

    @abstractmethod
    def index(self, entry):
        """Add or replace the record of this index entry."""

    @abstractmethod
    def delete(self, page_id):
        """Remove the record of this page, if it is indexed."""

    @abstractmethod
    def rebuild(self, entries, progress=lambda done, total: None):
        """Replace the whole index by these entries, calling progress(done, total); returns the count."""

    @abstractmethod
    def search(self, params, user=None):
        """The `SearchResults` of these parameters, as seen by this user."""


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
    partial: bool = False  # holds most of the query's words, not all


    @property
    def kind_label(self):
        return KINDS.get(self.kind, self.kind)

    def as_json(self):
        found = {
            "title": self.title, "url": self.url, "kind": self.kind, "partner": self.partner,
            "date": self.date.isoformat() if self.date else None, "snippet": self.snippet, "document": self.document,
        }
        if self.partial:  # only then: the documented answer keeps its shape
            found["partial"] = True
        return found


@dataclass
class SearchResults:
    params: object
    total: int
    hits: list
    facets: dict
    suggestion: str | None = None
    notice: str = ""
    engine: str = ""
    searched_instead: dict = field(default_factory=dict)  # {rare word typed: [near words searched too]}

    @property
    def first_partial(self):
        """The first hit holding only part of the words (the page shows the label above it), or None."""
        return next((hit for hit in self.hits if hit.partial), None)

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
        answer = {
            "query": self.params.query.text, "total": self.total, "page": self.page, "pages": self.pages,
            "results": [hit.as_json() for hit in self.hits],
            "facets": {name: {str(value): count for value, _, count in self.facets.get(name, [])} for name in FACETS},
            "suggestion": self.suggestion,
        }
        if self.searched_instead:  # only then, as "partial" on a result
            answer["searched_instead"] = self.searched_instead
        return answer


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
