"""The workspace's vector index: vectors in the ``embeddings`` table, an index file beside the database.

For ``stackfit.db`` the index lives in ``stackfit.db.index/`` (one file per encoder plus a small JSON
manifest): exact search below ``IVF_FROM`` vectors, an inverted file (``IVFIndex``) from there on. It is
updated incrementally: screening adds the vectors of new documents, erasure removes them
(``remove_documents``). If the file is missing or its count disagrees with the table, it is
rebuilt from the table, so the index can never serve a vector the database no longer holds.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import delete, func, select

from stackfit.embed import Encoder, encoder_key, get_encoder
from stackfit.index import IVF_FROM, ExactIndex, HNSWIndex, IVFIndex, VectorIndex, ivf_vector_files
from stackfit.models import Document
from stackfit.store import Workspace, documents_t
from stackfit.store.counts import embeddings_name, kept_count
from stackfit.store.embeddings import doc_key, embeddings_t
from stackfit.store.vectors import DIM as PG_DIM
from stackfit.store.vectors import vectors_t

# On PostgreSQL the vectors of this encoder (the one screening indexes) are also kept in pgvector's
# ``document_vectors`` table (HNSW, ``vector(384)``: shorter vectors are padded with zeros, which leaves
# every cosine unchanged), and searches are answered by the server instead of an index in memory.
PGVECTOR_ENCODER = "static"


# what reading a damaged index file raises (numpy, zip, pickle guard, JSON, usearch): the file is rebuilt
_DAMAGED = (OSError, EOFError, ValueError, KeyError, RuntimeError, zipfile.BadZipFile)


def _pad(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    v = v[None, :] if v.ndim == 1 else v
    return np.pad(v, ((0, 0), (0, PG_DIM - v.shape[1]))) if v.shape[1] < PG_DIM else v

EMBED_BATCH = 256
EMBED_MAX_CHARS = 20_000  # about eight pages of resume text


def index_dir(ws: Workspace) -> Path | None:
    """``<db>.index`` beside a SQLite file; None for a server database (the index is kept in memory)."""
    if not ws.url.startswith("sqlite:///") or ws.url == "sqlite:///:memory:":
        return None
    return Path(ws.url.removeprefix("sqlite:///") + ".index")


def _slug(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", key)


_MASK = re.compile("█+")
_SUFFIX = {"exact": ".npz", "ivf": ".ivf.npz", "hnsw": ".usearch"}


def _kind_of(index: VectorIndex) -> str:
    return str(getattr(index, "kind", "exact"))


def _load_kind(kind: str, path: Path, dim: int) -> VectorIndex:
    if kind == "exact":
        return ExactIndex.load(path)
    if kind == "ivf":
        return IVFIndex.load(path)
    return HNSWIndex.load(path, dim)


def _new(kind: str, dim: int) -> VectorIndex:
    return ExactIndex(dim) if kind == "exact" else IVFIndex(dim) if kind == "ivf" else HNSWIndex(dim)


def document_text(doc: Document) -> str:
    """What a resume's vector is computed from: its text with personal details masked (``stackfit.redact``:
    names, contacts, links, birth dates, nationality, gendered words...), so the vector stage cannot
    rank on them, blind mode or not. At most ``EMBED_MAX_CHARS`` characters: a resume's first pages
    say what it is about, and the cap bounds the memory and time one file can cost."""
    from stackfit.redact import candidate_code, redact_document

    return _MASK.sub(" ", redact_document(doc, candidate_code(doc.id)).text[:EMBED_MAX_CHARS])


class WorkspaceIndex:
    """Vectors of one encoder over one workspace."""

    def __init__(self, ws: Workspace, encoder: Encoder, *, kind: str | None = None, pgvector: bool = False) -> None:
        self.ws, self.encoder, self.key = ws, encoder, encoder_key(encoder)
        self.dir = index_dir(ws)
        self.forced_kind = kind
        # pgvector serves this index: a PostgreSQL workspace, the encoder screening indexes, and a vector
        # that fits the column
        self.pg = pgvector and ws.engine.dialect.name == "postgresql" and encoder.dim <= PG_DIM
        self.index: VectorIndex = self._load()

    def size(self) -> int:
        """How many documents the index holds."""
        if self.pg:
            with self.ws.engine.connect() as conn:
                return int(conn.execute(select(func.count()).select_from(vectors_t)).scalar_one())
        return len(self.index)

    # ------------------------------------------------------------------ files
    def _paths(self, kind: str) -> tuple[Path, Path] | None:
        if self.dir is None:
            return None
        base = self.dir / _slug(self.key)
        return base.with_name(base.name + _SUFFIX[kind]), base.with_name(base.name + ".json")

    def stored_count(self) -> int:
        """Vectors of this encoder in the table: the count SQLite's triggers keep (``stackfit.store.counts``), or count(*)."""
        with self.ws.engine.connect() as conn:
            if (n := kept_count(conn, embeddings_name(self.key))) is not None:
                return n
            return int(conn.execute(select(func.count()).select_from(embeddings_t).where(embeddings_t.c.encoder == self.key)).scalar_one())

    def _kind_for(self, n: int) -> str:
        return self.forced_kind or ("ivf" if n >= IVF_FROM else "exact")

    def _load(self) -> VectorIndex:
        n = self.stored_count()
        if self.pg:
            if self.size() != n:  # behind the table (an earlier version, or screening with another engine)
                self._rebuild_pg()
            return _new("exact", self.encoder.dim)  # unused: the server answers
        kind = self._kind_for(n)
        paths = self._paths(kind)
        if paths is not None and paths[0].is_file() and paths[1].is_file():
            try:
                meta = json.loads(paths[1].read_text())
                if meta.get("count") == n and meta.get("encoder") == self.key and meta.get("kind") == kind:
                    return _load_kind(kind, paths[0], self.encoder.dim)
            except _DAMAGED:  # a truncated or overwritten index file: derived data, rebuilt from the table below
                pass
        return self.rebuild(kind)

    def _rebuild_pg(self) -> None:
        """Copy this encoder's vectors from the ``embeddings`` table into pgvector's ``document_vectors``."""
        q = select(embeddings_t.c.document_id, embeddings_t.c.vector).where(embeddings_t.c.encoder == self.key)
        with self.ws.engine.begin() as conn:
            conn.execute(delete(vectors_t))
        with self.ws.engine.connect() as conn:
            res = conn.execution_options(stream_results=True).execute(q)
            while rows := res.fetchmany(5_000):
                vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), self.encoder.dim)
                self.ws.put_vectors([r[0] for r in rows], _pad(vecs))

    def rebuild(self, kind: str | None = None) -> VectorIndex:
        """Build the index from the table (in batches) and save it."""
        if self.pg:
            self._rebuild_pg()
            return self.index
        kind = kind or self._kind_for(self.stored_count())
        idx = _new(kind, self.encoder.dim)
        q = select(embeddings_t.c.key, embeddings_t.c.vector).where(embeddings_t.c.encoder == self.key).order_by(embeddings_t.c.key)
        with self.ws.engine.connect() as conn:
            res = conn.execution_options(stream_results=True).execute(q)
            while rows := res.fetchmany(50_000):
                idx.add(np.array([r[0] for r in rows], dtype=np.int64),
                        np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), self.encoder.dim))
        self.index = idx
        self.save()
        return idx

    def save(self) -> None:
        kind = _kind_of(self.index)
        paths = self._paths(kind)
        if paths is None:
            return
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        self.index.save(paths[0])
        for other in _SUFFIX:  # a file of another kind (the pool crossed IVF_FROM) would keep erased vectors
            if other != kind and (stale := self._paths(other)) is not None:
                for f in [stale[0], *(ivf_vector_files(stale[0]) if other == "ivf" else [])]:
                    f.unlink(missing_ok=True)
        paths[1].write_text(json.dumps({"encoder": self.key, "kind": kind, "count": len(self.index), "dim": self.encoder.dim,
                                        "saved_at": datetime.now(UTC).isoformat(timespec="seconds")}, indent=1) + "\n")

    # ------------------------------------------------------------------ updates
    def missing(self, document_ids: Iterable[str]) -> list[str]:
        ids = sorted(set(document_ids))
        have: set[str] = set()
        with self.ws.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                have.update(r[0] for r in conn.execute(select(embeddings_t.c.document_id).where(
                    embeddings_t.c.encoder == self.key, embeddings_t.c.document_id.in_(ids[i:i + 500]))))
        return [d for d in ids if d not in have]

    def add_documents(self, document_ids: Iterable[str], *, save: bool = True, batch: int = EMBED_BATCH,
                      progress: Callable[[int, int], None] | None = None) -> int:
        """Embed the stored documents among ``document_ids`` that have no vector yet; store and index them.
        Returns how many were added. ``save=False`` leaves the index file to a later ``save()`` (a file
        that falls behind the table is rebuilt from it on next open). ``batch`` documents are read, embedded
        and stored at a time; ``progress(done, total)`` is called after each batch."""
        todo = self.missing(document_ids)
        added = 0
        for i in range(0, len(todo), batch):
            chunk = todo[i:i + batch]
            with self.ws.engine.connect() as conn:
                docs = {r[0]: Document.model_validate_json(r[1]) for r in conn.execute(
                    select(documents_t.c.id, documents_t.c.data).where(documents_t.c.id.in_(chunk)))}
            chunk = [d for d in chunk if d in docs]
            if chunk:
                self.add_vectors(chunk, self.encoder.encode([document_text(docs[d]) for d in chunk]))
                added += len(chunk)
            if progress is not None:
                progress(min(i + batch, len(todo)), len(todo))
        if added and save:
            self.save()
        return added

    def add_encoded(self, document_ids: list[str], blobs: list[bytes]) -> None:
        """Store and index vectors computed elsewhere (screening workers): float32 bytes, one per document."""
        self.add_vectors(document_ids, np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1))

    def add_vectors(self, document_ids: list[str], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        keys = np.array([doc_key(d) for d in document_ids], dtype=np.int64)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.ws.engine.begin() as conn:
            conn.execute(delete(embeddings_t).where(embeddings_t.c.encoder == self.key, embeddings_t.c.document_id.in_(document_ids)))
            conn.execute(embeddings_t.insert(), [{"document_id": d, "encoder": self.key, "key": int(k), "dim": self.encoder.dim,
                                                  "vector": v.tobytes(), "created_at": now}
                                                 for d, k, v in zip(document_ids, keys, vectors, strict=True)])
        if self.pg:
            self.ws.put_vectors(document_ids, _pad(vectors))
        else:
            self.index.add(keys, vectors)

    # ------------------------------------------------------------------ search
    def search(self, vector: np.ndarray, k: int, filter_ids: Iterable[str] | np.ndarray | None = None) -> list[tuple[str, float]]:
        """(document id, cosine) of the ``k`` nearest documents, best first, among ``filter_ids`` if given
        (document ids, or an int64 array of index keys; on pgvector, ids only)."""
        if self.pg:
            return self.ws.knn(_pad(vector)[0], k, None if filter_ids is None else [str(d) for d in filter_ids])
        if filter_ids is None or isinstance(filter_ids, np.ndarray):
            fk = filter_ids
        else:
            fk = np.array(sorted({doc_key(d) for d in filter_ids}), dtype=np.int64)
        keys, scores = self.index.search(vector, k, fk)
        if len(keys) == 0:
            return []
        ids: dict[int, str] = {}
        kl = [int(x) for x in keys]
        with self.ws.engine.connect() as conn:
            for i in range(0, len(kl), 500):
                ids.update((int(r[0]), r[1]) for r in conn.execute(select(embeddings_t.c.key, embeddings_t.c.document_id).where(
                    embeddings_t.c.encoder == self.key, embeddings_t.c.key.in_(kl[i:i + 500]))))
        return [(ids[k], float(s)) for k, s in zip(kl, scores, strict=True) if k in ids]


def stored_document_ids(ws: Workspace) -> list[str]:
    """Every stored document's id, sorted."""
    with ws.engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(select(documents_t.c.id)))


def read_documents_json(ws: Workspace, document_ids: list[str], batch: int) -> Iterator[tuple[list[str], list[str]]]:
    """(ids, Document JSON) of the stored documents among ``document_ids``, ``batch`` at a time, in the
    given order (ids no longer stored are left out): what ``add_documents`` reads, for an engine that
    parses and embeds them elsewhere."""
    for i in range(0, len(document_ids), batch):
        chunk = document_ids[i:i + batch]
        with ws.engine.connect() as conn:
            data = {r[0]: r[1] for r in conn.execute(select(documents_t.c.id, documents_t.c.data).where(documents_t.c.id.in_(chunk)))}
        ids = [d for d in chunk if d in data]
        yield ids, [data[d] for d in ids]


def open_index(ws: Workspace, encoder: str | Encoder = "static") -> WorkspaceIndex:
    return WorkspaceIndex(ws, get_encoder(encoder) if isinstance(encoder, str) else encoder,
                          pgvector=encoder == PGVECTOR_ENCODER)


def remove_documents(ws: Workspace, document_ids: list[str]) -> int:
    """Erase the vectors of ``document_ids`` from the table and from every index file beside the database.

    Exact and IVF indexes are rewritten without them. An HNSW file is deleted (usearch only tombstones
    removed nodes, so their bytes could stay in the file) and rebuilt from the table on next use.
    """
    with ws.engine.begin() as conn:
        n = int(conn.execute(delete(embeddings_t).where(embeddings_t.c.document_id.in_(document_ids))).rowcount or 0)
    remove_from_index_files(ws, document_ids)
    return n


def remove_from_index_files(ws: Workspace, document_ids: list[str]) -> None:
    """The index-file half of ``remove_documents`` (erasure deletes the table rows in its own transaction)."""
    folder = index_dir(ws)
    if folder is None or not folder.is_dir():
        return
    keys = np.array([doc_key(d) for d in document_ids], dtype=np.int64)
    for meta_path in sorted(folder.glob("*.json")):
        meta = json.loads(meta_path.read_text())
        kind = str(meta.get("kind", "exact"))
        data = meta_path.with_name(meta_path.name.removesuffix(".json") + _SUFFIX.get(kind, ".usearch"))
        if not data.exists():
            continue
        if kind in ("exact", "ivf"):
            idx = _load_kind(kind, data, int(meta.get("dim", 0)))
            if idx.remove(keys):
                idx.save(data)
                meta["count"] = len(idx)
                meta_path.write_text(json.dumps(meta, indent=1) + "\n")
        else:
            data.unlink()
            meta_path.unlink()
