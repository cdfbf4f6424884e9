"""One full-text row per record instead of one per chunk; terms stored in the full-text structure only.

The index is derived data: this migration empties it, and
`manage.py rebuild_search_index` fills it again.
"""

from django.db import migrations, models

OLD = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS search_chunk_au",
        "DROP TRIGGER IF EXISTS search_chunk_ad",
        "DROP TRIGGER IF EXISTS search_chunk_ai",
        "DROP TABLE IF EXISTS search_fts",
    ],
    "postgresql": [
        "DROP INDEX IF EXISTS search_chunk_vector",
        "ALTER TABLE search_searchchunk DROP COLUMN IF EXISTS search_vector",
    ],
}
NEW = {
    "sqlite": [
        "DELETE FROM search_searchentry",
        "DELETE FROM search_searchterm",
        """CREATE VIRTUAL TABLE search_fts USING fts5(
            title, body, pdf, tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
            DELETE FROM search_fts WHERE rowid = old.id;
        END""",
    ],
    "postgresql": [
        "DELETE FROM search_searchentry",
        "DELETE FROM search_searchterm",
        "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector",
        "CREATE INDEX search_entry_vector ON search_searchentry USING GIN (search_vector)",
    ],
}
NEW_BACKWARD = {
    "sqlite": ["DROP TRIGGER IF EXISTS search_entry_ad", "DROP TABLE IF EXISTS search_fts", "DELETE FROM search_searchentry"],
    "postgresql": [
        "DROP INDEX IF EXISTS search_entry_vector",
        "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
        "DELETE FROM search_searchentry",
    ],
}


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise RuntimeError(f"no full-text structures for the {vendor} database")
        for statement in statements[vendor]:
            schema_editor.execute(statement)

    return apply


def nothing(apps, schema_editor):
    """Going back: 0002 recreates the old structures."""


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_structures")]

    operations = [
        migrations.RunPython(run(OLD), nothing),
        migrations.RemoveField(model_name="searchentry", name="subjects"),
        migrations.RemoveField(model_name="searchentry", name="summary"),
        migrations.AddField(
            model_name="searchentry", name="body",
            field=models.TextField(blank=True, help_text="the record's own text (not its PDFs), for snippets"),
        ),
        migrations.AddField(
            model_name="searchentry", name="documents",
            field=models.TextField(blank=True, help_text="ids of the record's PDFs, space separated"),
        ),
        migrations.AddField(
            model_name="searchentry", name="title_key",
            field=models.TextField(blank=True, help_text="the analyzed title, for the exact-title bonus"),
        ),
        migrations.DeleteModel(name="SearchChunk"),
        migrations.RunPython(run(NEW), run(NEW_BACKWARD)),
    ]
