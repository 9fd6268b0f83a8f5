"""Vector indexes: exact search (numpy) and approximate search (usearch HNSW), one interface.

Keys are int64 (the workspace derives them from document ids: the first 15 hex digits of the sha256).
Vectors are unit length, so the score is the cosine similarity. ``search`` returns the k best keys,
best first (ties by key, so results are deterministic), optionally only among ``filter_keys``.

Choice (measured in docs/scale.md): exact numpy is fast enough and has perfect recall up to about
100k vectors (a matrix product, ~20 ms per query at 100k x 384); above ``HNSW_FROM`` the workspace
index is usearch HNSW, whose query time grows only logarithmically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

HNSW_FROM = 100_000


class VectorIndex(Protocol):
    dim: int

    def __len__(self) -> int: ...

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Add (or replace) vectors under ``keys``."""
        ...

    def remove(self, keys: np.ndarray) -> int:
        """Remove ``keys`` (unknown keys are ignored); returns how many were removed."""
        ...

    def search(self, vector: np.ndarray, k: int, filter_keys: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest keys and their cosine similarities, best first."""
        ...

    def keys(self) -> np.ndarray: ...

    def save(self, path: Path) -> None: ...


def _top(keys: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    if len(keys) == 0 or k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    k = min(k, len(keys))
    part = np.argpartition(-scores, k - 1)[:k] if k < len(keys) else np.arange(len(keys))
    order = np.lexsort((keys[part], -scores[part]))  # score desc, then key asc
    sel = part[order]
    return keys[sel].astype(np.int64), scores[sel].astype(np.float32)


class ExactIndex:
    """Brute force: every query is one matrix-vector product. Perfect recall; persisted as one .npz."""

    kind = "exact"

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._keys = np.zeros(0, dtype=np.int64)
        self._vecs = np.zeros((0, dim), dtype=np.float32)
        self._pos: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(keys), self.dim)
        self.remove(keys)
        self._keys = np.concatenate([self._keys, keys])
        self._vecs = np.concatenate([self._vecs, vectors])
        self._pos = {int(k): i for i, k in enumerate(self._keys)}

    def remove(self, keys: np.ndarray) -> int:
        gone = np.isin(self._keys, np.asarray(keys, dtype=np.int64))
        n = int(gone.sum())
        if n:
            self._keys, self._vecs = self._keys[~gone], self._vecs[~gone]
            self._pos = {int(k): i for i, k in enumerate(self._keys)}
        return n

    def keys(self) -> np.ndarray:
        return self._keys.copy()

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        return self._vecs[[self._pos[int(k)] for k in keys]]

    def search(self, vector: np.ndarray, k: int, filter_keys: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(vector, dtype=np.float32).reshape(self.dim)
        if filter_keys is not None:
            rows = np.array([self._pos[int(x)] for x in filter_keys if int(x) in self._pos], dtype=np.int64)
            return _top(self._keys[rows], self._vecs[rows] @ q, k)
        return _top(self._keys, self._vecs @ q, k)

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=self._keys, vectors=self._vecs)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> ExactIndex:
        with np.load(path) as z:
            idx = cls(int(z["vectors"].shape[1]))
            idx._keys, idx._vecs = z["keys"].astype(np.int64), z["vectors"].astype(np.float32)
        idx._pos = {int(k): i for i, k in enumerate(idx._keys)}
        return idx


class HNSWIndex:
    """usearch HNSW (Apache-2.0): approximate, logarithmic query time, vectors stored as ``dtype``.
    ``expansion_search`` 1024: on clustered resume pools a narrow search misses whole clusters (recall@100
    0.86 at 256 vs 0.97 at 1024 on 100k, docs/scale.md), and at ~10 ms a query the wider one is cheap
    (``f16`` by default: half of float32's memory; ``i8`` halves it again but lost recall in docs/scale.md)."""

    kind = "hnsw"

    def __init__(self, dim: int, *, dtype: str = "f16", connectivity: int = 16, expansion_add: int = 128,
                 expansion_search: int = 1024, threads: int = 0) -> None:
        from usearch.index import Index

        self.dim, self.threads = dim, threads
        self.params = {"dtype": dtype, "connectivity": connectivity, "expansion_add": expansion_add, "expansion_search": expansion_search}
        self._index = Index(ndim=dim, metric="cos", dtype=dtype, connectivity=connectivity,
                            expansion_add=expansion_add, expansion_search=expansion_search)

    def __len__(self) -> int:
        return len(self._index)

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.uint64)
        if len(keys) == 0:
            return
        self.remove(keys.astype(np.int64))
        self._index.add(keys, np.asarray(vectors, dtype=np.float32).reshape(len(keys), self.dim), threads=self.threads)

    def _present(self, keys: np.ndarray) -> np.ndarray:
        keys = np.asarray(keys, dtype=np.int64)
        if len(keys) == 0 or len(self._index) == 0:
            return keys[:0]
        return keys[np.asarray(self._index.contains(keys.astype(np.uint64)), dtype=bool).reshape(-1)]

    def remove(self, keys: np.ndarray) -> int:
        present = self._present(keys)
        if len(present):
            self._index.remove(present.astype(np.uint64))
        return len(present)

    def keys(self) -> np.ndarray:
        return np.asarray(self._index.keys, dtype=np.int64)

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        v = np.asarray(self._index.get(np.asarray(keys, dtype=np.uint64), dtype=np.float32), dtype=np.float32)  # type: ignore[arg-type]
        from stackfit.embed import normalise

        return normalise(v.reshape(len(keys), self.dim))

    def search(self, vector: np.ndarray, k: int, filter_keys: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(vector, dtype=np.float32).reshape(self.dim)
        if len(self) == 0 or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if filter_keys is not None:
            allowed = np.asarray(filter_keys, dtype=np.int64)
            if len(allowed) <= max(10 * k, HNSW_FROM // 10):
                # a selective filter: exact search over the few allowed vectors beats over-fetching
                allowed = self._present(allowed)
                if len(allowed) == 0:
                    return _top(allowed, np.zeros(0, dtype=np.float32), k)
                return _top(allowed, self.vectors(allowed) @ q, k)
            fetch, ok = k * 4, set(allowed.tolist())
            while True:
                keys, scores = self._raw(q, min(fetch, len(self)))
                mask = np.array([int(x) in ok for x in keys], dtype=bool)
                if mask.sum() >= k or fetch >= len(self):
                    return _top(keys[mask], scores[mask], k)
                fetch *= 4
        return _top(*self._raw(q, min(k, len(self))), k)

    def _raw(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        m = self._index.search(q, k, exact=False)
        return np.asarray(m.keys, dtype=np.int64), (1.0 - np.asarray(m.distances, dtype=np.float32))

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        self._index.save(str(tmp))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, dim: int, *, view: bool = False, **params: object) -> HNSWIndex:
        idx = cls(dim, **params)  # type: ignore[arg-type]
        if view:
            idx._index.view(str(path))
        else:
            idx._index.load(str(path))
        idx._index.expansion_search = idx.params["expansion_search"]  # type: ignore[misc,assignment]  # the file keeps its own value
        return idx
