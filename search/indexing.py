"""Keep the database index in step with the pages, through the embedded engine of the database in use."""

from itertools import islice

from wagtail.models import Page

from erbm_cms.archive.kinds import indexed_models

from .engines.database import database_engine
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
    """The index entries of the pages, built batch by batch."""
    pages = pages.iterator(chunk_size=BATCH)
    while batch := list(islice(pages, BATCH)):
        yield from build_entries(batch)
