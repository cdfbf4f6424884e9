"""The full-text structures of the database engine: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms, pdf_terms,
        content='search_searchchunk', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER search_chunk_ai AFTER INSERT ON search_searchchunk BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms, pdf_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.pdf_terms);
    END""",
    """CREATE TRIGGER search_chunk_ad AFTER DELETE ON search_searchchunk BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms, pdf_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.pdf_terms);
    END""",
    """CREATE TRIGGER search_chunk_au AFTER UPDATE ON search_searchchunk BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms, pdf_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.pdf_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms, pdf_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.pdf_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_chunk_au",
    "DROP TRIGGER IF EXISTS search_chunk_ad",
    "DROP TRIGGER IF EXISTS search_chunk_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_FORWARD = [
    """ALTER TABLE search_searchchunk ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_terms, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(body_terms, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(pdf_terms, '')), 'C')
    ) STORED""",
    "CREATE INDEX search_chunk_vector ON search_searchchunk USING GIN (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_chunk_vector",
    "ALTER TABLE search_searchchunk DROP COLUMN IF EXISTS search_vector",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
}


def run(direction):
    def apply(apps, schema_editor):
        statements = STATEMENTS.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"no full-text structures for the {schema_editor.connection.vendor} database")
        for statement in statements[direction]:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(0), run(1))]
