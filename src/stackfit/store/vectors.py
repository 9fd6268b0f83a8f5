"""Document embeddings in the workspace (migration ``0005_vectors``): a minimal store API.

``put_vectors(ids, array)`` stores one 384-dimensional embedding per document (replacing an
earlier one); ``knn(vector, k, filter)`` returns the nearest documents by cosine similarity.

* PostgreSQL: a ``vector(384)`` column (the pgvector extension, created by the migration) with an
  HNSW index (``vector_cosine_ops``): approximate search, answered by the server. With ``filter``
  the query asks pgvector (0.8+) for an iterative index scan so that filtered searches still
  return ``k`` rows when ``k`` match.
* SQLite: float32 bytes, searched exactly in memory with numpy. This is the fallback that keeps the
  API working everywhere; large SQLite workspaces use the in-process vector index instead.

Vectors are written by the embedding stage; erasing a candidate deletes its vector.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from sqlalchemy import DDL, Column, LargeBinary, MetaData, String, Table, bindparam, delete, event, select, text
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.types import TypeDecorator, UserDefinedType

from stackfit.errors import InputError, StorageError

DIM = 384  # all-MiniLM-L6-v2 and its distillations


class _PgVector(UserDefinedType[Any]):
    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return f"vector({DIM})"


class Vector(TypeDecorator[Any]):
    """A float32 vector: pgvector's ``vector`` on PostgreSQL, raw float32 bytes elsewhere."""

    impl = LargeBinary
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        return dialect.type_descriptor(_PgVector() if dialect.name == "postgresql" else LargeBinary())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        arr = np.asarray(value, dtype=np.float32)
        if dialect.name == "postgresql":  # pgvector's text form; float32 -> repr(float) -> float4 is exact
            return "[" + ",".join(map(repr, arr.tolist())) + "]"
        return arr.tobytes()

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, str):
            return np.array([float(x) for x in value.strip("[]").split(",")], dtype=np.float32)
        return np.frombuffer(value, dtype=np.float32)


vec_metadata = MetaData()
vectors_t = Table(
    "document_vectors", vec_metadata,
    Column("document_id", String, primary_key=True),
    Column("embedding", Vector(), nullable=False),
)
event.listen(vectors_t, "before_create", DDL("CREATE EXTENSION IF NOT EXISTS vector").execute_if(dialect="postgresql"))
event.listen(vectors_t, "after_create", DDL(
    "CREATE INDEX IF NOT EXISTS document_vectors_hnsw ON document_vectors USING hnsw (embedding vector_cosine_ops)"
).execute_if(dialect="postgresql"))

VECTOR_TABLES = [vectors_t]


def _matrix(vectors: object, n: int | None = None) -> np.ndarray:
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != DIM:
        raise InputError(f"vectors must have {DIM} dimensions, got shape {arr.shape}",
                         hint="embed with a 384-dimensional model (all-MiniLM-L6-v2)")
    if n is not None and arr.shape[0] != n:
        raise InputError(f"{n} document ids but {arr.shape[0]} vectors", hint="give one vector per document id")
    if not np.isfinite(arr).all():
        raise InputError("vectors contain NaN or infinity", hint="check the embedding model's output")
    return arr


def put_vectors(engine: Engine, document_ids: list[str], vectors: object, *, chunk: int = 1000) -> int:
    """Store (or replace) the embedding of each document; returns the number stored."""
    ids = list(document_ids)
    arr = _matrix(vectors, len(ids))
    if len(set(ids)) != len(ids):
        raise InputError("a document id appears twice", hint="give each document one vector")
    try:
        with engine.begin() as conn:
            for i in range(0, len(ids), chunk):
                part = ids[i:i + chunk]
                conn.execute(delete(vectors_t).where(vectors_t.c.document_id.in_(part)))
                conn.execute(vectors_t.insert(), [{"document_id": d, "embedding": v} for d, v in zip(part, arr[i:i + chunk], strict=True)])
    except SQLAlchemyError as exc:
        raise StorageError(f"could not store vectors: {exc}".splitlines()[0], hint="check the workspace database") from exc
    return len(ids)


def knn(engine: Engine, vector: object, k: int = 10, filter: Iterable[str] | None = None) -> list[tuple[str, float]]:
    """Up to ``k`` (document id, cosine similarity) pairs, most similar first (ties by id), among the
    documents in ``filter`` when it is given."""
    q = _matrix(vector)[0]
    if k < 1:
        return []
    among = None if filter is None else sorted(set(filter))
    if among is not None and not among:
        return []
    if engine.dialect.name == "postgresql":
        return _knn_pg(engine, q, k, among)
    return _knn_exact(engine, q, k, among)


def _knn_pg(engine: Engine, q: np.ndarray, k: int, among: list[str] | None) -> list[tuple[str, float]]:
    qv = "[" + ",".join(map(repr, q.tolist())) + "]"
    where = "WHERE document_id = ANY(:ids) " if among is not None else ""
    sql = text(f"SELECT document_id, embedding <=> CAST(:q AS vector) AS d FROM document_vectors {where}"
               "ORDER BY embedding <=> CAST(:q AS vector) LIMIT :k")
    params: dict[str, Any] = {"q": qv, "k": k}
    if among is not None:
        sql = sql.bindparams(bindparam("ids", expanding=False))
        params["ids"] = among
    with engine.begin() as conn:
        if among is not None:  # pgvector >= 0.8: keep scanning the index until k rows pass the filter
            conn.execute(text("SET LOCAL hnsw.iterative_scan = relaxed_order"))
        rows = [(str(r[0]), 1.0 - float(r[1])) for r in conn.execute(sql, params)]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def _knn_exact(engine: Engine, q: np.ndarray, k: int, among: list[str] | None) -> list[tuple[str, float]]:
    ids: list[str] = []
    mats: list[np.ndarray] = []
    with engine.connect() as conn:
        chunks = [None] if among is None else [among[i:i + 500] for i in range(0, len(among), 500)]
        for part in chunks:
            stmt = select(vectors_t.c.document_id, vectors_t.c.embedding)
            if part is not None:
                stmt = stmt.where(vectors_t.c.document_id.in_(part))
            for d, v in conn.execute(stmt):
                ids.append(d)
                mats.append(v)
    if not ids:
        return []
    m = np.vstack(mats)
    norms = np.linalg.norm(m, axis=1) * (np.linalg.norm(q) or 1.0)
    sims = (m @ q) / np.where(norms == 0, 1.0, norms)
    order = sorted(range(len(ids)), key=lambda i: (-float(sims[i]), ids[i]))[:k]
    return [(ids[i], float(sims[i])) for i in order]
