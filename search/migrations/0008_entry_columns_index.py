"""SQLite: the columns the search statements read of each matched entry, in one index.

The ranking and facet statements read, for every record matched, its kind, partners, year,
axes, page, date and analyzed title. In the table these sit in rows that also hold the
record's text (`body`), and `title_key` comes after it, so each match read a wide row, often
over several pages. This covering index lets SQLite read them from the index alone (about
7 % of a search at 10,000 records, bench/search.py's queries). PostgreSQL reads the entries'
vectors from the table anyway: nothing changes there.
"""

from django.db import migrations

INDEX = "search_entry_searched_columns"
COLUMNS = "id, kind, partner_slugs, year, axes, page_id, date, title_key"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry ({COLUMNS})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_field_words")]
    operations = [migrations.RunPython(create, drop)]
