"""Table of migration ``0009_row_counts``: row counts kept by SQLite triggers, so ``stackfit search`` does
not count a million rows twice per call.

A search asks how many vectors the table holds for its encoder (is the index file current?) and how many
documents are stored (are some still without a vector?). ``count(*)`` reads a whole index for that: at 1M
rows 33 ms for ``documents`` and 83 ms for ``embeddings`` of one encoder (docs/scale.md), and a search made
three such counts. On SQLite, triggers on ``documents`` and ``embeddings`` keep ``row_counts`` exact in the
writing transaction (whatever code writes), and ``count`` reads one row. PostgreSQL keeps ``count(*)``.
The migration fills the table from the counts of the rows already stored.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Connection, MetaData, String, Table, select

from stackfit.store.embeddings import embeddings_t

counts_metadata = MetaData()

counts_t = Table(
    "row_counts", counts_metadata,
    Column("name", String, primary_key=True),  # "documents", or "embeddings:<encoder>"
    Column("n", BigInteger, nullable=False),
)

TABLES = [counts_t]


def embeddings_name(encoder: str) -> str:
    return f"embeddings:{encoder}"


def count_triggers(conn: Connection) -> None:
    """Fill ``row_counts`` from the stored rows and create the triggers that keep it exact (SQLite only)."""
    if conn.dialect.name != "sqlite":
        return
    t = counts_t.name
    conn.exec_driver_sql(f"DELETE FROM {t}")
    conn.exec_driver_sql(f"INSERT INTO {t} (name, n) SELECT 'documents', count(*) FROM documents")
    conn.exec_driver_sql(f"INSERT INTO {t} (name, n) SELECT 'embeddings:' || encoder, count(*) FROM {embeddings_t.name} GROUP BY encoder")

    def add(name: str, d: int) -> str:
        return f"INSERT OR IGNORE INTO {t} (name, n) VALUES ({name}, 0); UPDATE {t} SET n = n + ({d}) WHERE name = {name};"

    emb_new, emb_old = "'embeddings:' || NEW.encoder", "'embeddings:' || OLD.encoder"
    for name, event, body in (("documents_ai", "INSERT ON documents", add("'documents'", 1)),
                              ("documents_ad", "DELETE ON documents", add("'documents'", -1)),
                              ("embeddings_ai", f"INSERT ON {embeddings_t.name}", add(emb_new, 1)),
                              ("embeddings_ad", f"DELETE ON {embeddings_t.name}", add(emb_old, -1)),
                              ("embeddings_au", f"UPDATE OF encoder ON {embeddings_t.name}", add(emb_old, -1) + " " + add(emb_new, 1))):
        conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {t}_{name} AFTER {event} BEGIN {body} END")


def kept_count(conn: Connection, name: str) -> int | None:
    """The count kept under ``name``; None where the database keeps none (PostgreSQL): count the rows."""
    if conn.dialect.name != "sqlite":
        return None
    n = conn.execute(select(counts_t.c.n).where(counts_t.c.name == name)).scalar_one_or_none()
    return 0 if n is None else int(n)
