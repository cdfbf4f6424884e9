"""The SQLite statements force the covering index of the entries (INDEXED BY): it must outlive a migration
that remakes the table."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from search.models import SearchEntry
from search.query import parse_params
from tests.search import records

pytestmark = pytest.mark.django_db

INDEX = "search_entry_searched_columns"


def test_search_still_answers_after_a_migration_remakes_the_entries_table(monkeypatch):
    # Any later AlterField/AddField/RemoveField on SearchEntry makes Django's SQLite schema editor copy the
    # table into a new one with the indexes it knows of: were this one not declared on the model, it would be
    # lost, and every search (SQLite: "no such index") would fail with a 500. The remake is done here inside
    # the test's transaction (rolled back after). PostgreSQL alters the table in place: the same must hold.
    from search.engines.embedded import database_engine

    records.deliberation("Brasserie témoin", summary="La brasserie du carreau.")
    monkeypatch.setattr(connection, "disable_constraint_checking", lambda: True)  # inside the test's transaction
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the rows just written have their deferred checks still pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    old = SearchEntry._meta.get_field("kind")
    new = old.clone()
    new.set_attributes_from_name("kind")
    new.max_length = 30
    try:
        with connection.schema_editor() as editor:
            editor.alter_field(SearchEntry, old, new)
        engine = database_engine()
        assert engine.search(parse_params({"q": "brasserie"}), AnonymousUser()).total == 1
        assert engine.search(parse_params({"q": ""}), AnonymousUser()).total > 0
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry "
                           "(id, kind, partner_slugs, year, axes, page_id, date, title_key, facet_group_id)")
