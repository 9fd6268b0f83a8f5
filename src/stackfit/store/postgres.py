"""What differs when the workspace lives on PostgreSQL (``--db postgresql://user@host/db``).

Everything else is the same SQLAlchemy Core as on SQLite. The differences, kept here:

* the URL: ``postgresql://`` and ``postgres://`` use the psycopg 3 driver (``pip install 'stackfit[postgres]'``);
* the audit log's append-only guard is a plpgsql trigger (``stackfit.store.trust``);
* text order: ranking ties are broken by file path in byte order (``COLLATE "C"``), as SQLite does,
  whatever the server's default collation, so both backends rank identically;
* erasure: SQLite rewrites the file (``VACUUM``, ``secure_delete``); PostgreSQL rewrites the tables the
  candidate was erased from (``VACUUM (FULL, ANALYZE)``), which leaves no byte of them in the table,
  TOAST or index files, and refreshes the planner statistics (which keep sample values of columns).
  The write-ahead log, WAL archives, replicas and backups still hold the rows until they rotate: that
  is the server operator's retention (README, data protection);
* vectors: the ``vector`` extension (pgvector) and an HNSW index (``stackfit.store.vectors``).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

SCHEMES = ("postgresql://", "postgres://")


def driver_url(url: str) -> str:
    """``postgresql://...`` with the psycopg 3 driver named; any other URL as given."""
    for s in SCHEMES:
        if url.startswith(s):
            return "postgresql+psycopg://" + url[len(s):]
    return url


def is_postgres(url: str) -> bool:
    return url.startswith(SCHEMES) or url.startswith("postgresql+")


def compact(engine: Engine, tables: list[str]) -> None:
    """Rewrite the tables a candidate was erased from, so their files hold no dead rows, and refresh
    the planner statistics (``pg_statistic`` keeps sample column values). VACUUM runs outside a transaction."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"VACUUM (FULL, ANALYZE) {', '.join(tables)}"))
        try:  # old statistics rows are dead tuples of pg_statistic: rewrite it too where allowed (owner or superuser)
            conn.execute(text("VACUUM FULL pg_catalog.pg_statistic"))
            conn.execute(text("CHECKPOINT"))
        except DBAPIError:
            pass
