"""Keep the database index in step with the pages, through the embedded engine of the database in use."""

from wagtail.models import Page

from erbm_cms.archive.kinds import indexed_models

from .engines.embedded import database_engine
from .entries import build_entries, build_entry, is_indexed

BATCH = 250


def indexable_pages():
    """The live pages of the indexed types."""
    return Page.objects.live().type(*indexed_models()).specific()


def remove_entry(page_id):
    database_engine().delete(page_id)


def index_page(page):
    """Index a page if it is live and of an indexed type; remove it from the index otherwise."""
    page = page.specific
    if not page.live or not is_indexed(page):
        remove_entry(page.pk)
        return None
    return database_engine().index(build_entry(page))


def rebuild(progress=lambda done, total: None):
    """Rebuild the whole database index from the pages, in short transactions."""
    pages = indexable_pages()
    return database_engine().rebuild(entries_of(pages), progress, pages.count())


def entries_of(pages):
    """The index entries of the pages, built batch by batch.

    The ids come first, then each batch's pages by id: no read stays open while the index is
    written. (On SQLite an open read holds its snapshot, so the WAL cannot be checkpointed: it grew
    to the size of the whole index and slowed every read as the rebuild went on.)
    """
    ids = list(pages.order_by("path").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        yield from build_entries(list(pages.filter(pk__in=ids[start:start + BATCH]).order_by("path")))
