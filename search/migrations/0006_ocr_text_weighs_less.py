"""The PDF text read by OCR gets its own place in the full-text structures, so that it weighs less.

SQLite: the FTS5 table gets two columns (`ocr`, `ocr_low`); PostgreSQL: a second vector
(`low_vector`) for the pages read with low confidence. The rows already indexed are kept
as they are (their OCR text counted as text layer) until the next `rebuild_search_index`.
"""

from django.db import migrations

TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
TRIGGER = """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
END"""


def sqlite_fts(columns, copied):
    return [
        "DROP TRIGGER IF EXISTS search_entry_ad",
        "ALTER TABLE search_fts RENAME TO search_fts_previous",
        f"CREATE VIRTUAL TABLE search_fts USING fts5({', '.join(columns)}, {TOKENIZE})",
        f"INSERT INTO search_fts (rowid, {copied}) SELECT rowid, {copied} FROM search_fts_previous",
        "DROP TABLE search_fts_previous",
        TRIGGER,
    ]


FORWARD = {
    "sqlite": sqlite_fts(["title", "body", "pdf", "ocr", "ocr_low"], "title, body, pdf"),
    "postgresql": ["ALTER TABLE search_searchentry ADD COLUMN low_vector tsvector"],
}
BACKWARD = {
    "sqlite": sqlite_fts(["title", "body", "pdf"], "title, body, pdf"),
    "postgresql": ["ALTER TABLE search_searchentry DROP COLUMN IF EXISTS low_vector"],
}


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise RuntimeError(f"no full-text structures for the {vendor} database")
        for statement in statements[vendor]:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0005_field_synonyms")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
