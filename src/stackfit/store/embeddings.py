"""Table of migration ``0006_embeddings``: one vector per document and encoder.

The table is the source of truth; the vector index beside the database (``stackfit.index.workspace``)
is derived from it and rebuilt from it whenever the two disagree. ``key`` is the int64 the index uses
for the document (the first 15 hex digits of its sha256).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, LargeBinary, MetaData, String, Table

embeddings_metadata = MetaData()

embeddings_t = Table(
    "embeddings", embeddings_metadata,
    Column("document_id", String, primary_key=True),
    Column("encoder", String, primary_key=True),  # name@version
    Column("key", BigInteger, nullable=False, index=True),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32, unit length
    Column("created_at", String, nullable=False),
)

TABLES = [embeddings_t]


def doc_key(document_id: str) -> int:
    """The index key of a document: its id's first 15 hex digits (60 bits, fits a signed int64)."""
    return int(document_id[:15], 16)
