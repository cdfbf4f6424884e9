"""The kinds of page that search indexes, read from the page models (each names its own kind once)."""

from collections.abc import Mapping

from django.apps import apps
from wagtail.models import Page

from erbm_cms.base.models import IndexedPage

from .records import ArchiveRecord


def _page_models():
    """The concrete page models, in the order of INSTALLED_APPS (not of imports), then of their definition."""
    return [model for app in apps.get_app_configs() for model in app.get_models() if issubclass(model, Page)]


def indexed_models():
    """The indexed page types: the record types, then the plain pages."""
    models = [model for model in _page_models() if issubclass(model, IndexedPage) and model.index_kind]
    return tuple(sorted(models, key=lambda model: not issubclass(model, ArchiveRecord)))


def record_models():
    """The record types (the page models built on ArchiveRecord)."""
    return tuple(model for model in _page_models() if issubclass(model, ArchiveRecord))


class Kinds(Mapping):
    """{kind: label} of the indexed page types, as the search form and its facets offer them."""

    def _table(self):
        return {model.index_kind: model.index_kind_label for model in indexed_models()}

    def __getitem__(self, kind):
        return self._table()[kind]

    def __iter__(self):
        return iter(self._table())

    def __len__(self):
        return len(self._table())


KINDS = Kinds()
