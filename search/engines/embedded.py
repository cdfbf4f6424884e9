"""The embedded engine of the database in use: FTS5 on SQLite, tsvector on PostgreSQL."""

from django.db import connection

from .postgresql import PostgreSQLEngine
from .sqlite import SQLiteEngine

ENGINES = {"postgresql": PostgreSQLEngine, "sqlite": SQLiteEngine}


def database_engine(vendor=None):
    """The embedded engine of the database in use (or of `vendor`)."""
    vendor = vendor or connection.vendor
    if vendor not in ENGINES:
        raise RuntimeError(f"no embedded search engine for the {vendor} database")
    return ENGINES[vendor]()
