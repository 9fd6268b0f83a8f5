"""Vector indexes: exact search (numpy) and approximate search (usearch HNSW), one interface.

Keys are int64 (the workspace derives them from document ids: the first 15 hex digits of the sha256).
Vectors are unit length, so the score is the cosine similarity. ``search`` returns the k best keys,
best first (ties by key, so results are deterministic), optionally only among ``filter_keys``.

Choice (measured in docs/scale.md): exact numpy is fast enough and has perfect recall up to about
100k vectors (a matrix product, ~20 ms per query at 100k x 384); from ``IVF_FROM`` on the workspace
index is ``IVFIndex`` (k-means cells, exact cosine inside the cells nearest to the query). usearch HNSW
(``HNSWIndex``) is kept for comparison: on the clustered 1M resume pool its greedy descent reached only
0.76 recall@100, and a structured filter made it over-fetch for seconds.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np

HNSW_FROM = 100_000
IVF_FROM = 100_000



@lru_cache(maxsize=1)
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


F = TypeVar("F", bound=Callable[..., Any])


def one_blas_thread(fn: F) -> F:
    """Run a query's matrix-vector products on one BLAS thread. They are memory-bound, so more threads do
    not make them faster, while OpenBLAS's extra threads keep spinning after each call and take the core the
    re-rank that follows needs (100k pool, same load: retrieve + re-rank p50 40 -> 32 ms, p95 56 -> 40 ms)."""

    @wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> Any:
        with _blas().limit(limits=1, user_api="blas"):
            return fn(*args, **kwargs)

    return inner  # type: ignore[return-value]

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
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []  # appended batches, merged on the next read
        self._n = 0  # rows, pending included
        self._pos_map: dict[int, int] | None = None  # key -> row (pending rows numbered after the stored ones)

    def __len__(self) -> int:
        return self._n

    @property
    def _pos(self) -> dict[int, int]:
        if self._pos_map is None:
            self._flush()
            self._pos_map = {k: i for i, k in enumerate(self._keys.tolist())}
        return self._pos_map

    def _flush(self) -> None:
        if self._pending:
            self._keys = np.concatenate([self._keys, *(k for k, _ in self._pending)])
            self._vecs = np.concatenate([self._vecs, *(v for _, v in self._pending)])
            self._pending = []

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Append (a batch of new keys costs its own size: adding a pool batch by batch is linear, not
        quadratic); a key already present is replaced."""
        keys = np.asarray(keys, dtype=np.int64)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(keys), self.dim)
        pos = self._pos
        kl = keys.tolist()
        if any(k in pos for k in kl):
            self.remove(keys)
            pos = self._pos
        self._pending.append((keys, vectors))
        for i, k in enumerate(kl):
            pos[k] = self._n + i
        self._n += len(kl)

    def remove(self, keys: np.ndarray) -> int:
        self._flush()
        gone = np.isin(self._keys, np.asarray(keys, dtype=np.int64))
        n = int(gone.sum())
        if n:
            self._keys, self._vecs = self._keys[~gone], self._vecs[~gone]
            self._n, self._pos_map = len(self._keys), None
        return n

    def keys(self) -> np.ndarray:
        self._flush()
        return self._keys.copy()

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        pos = self._pos
        self._flush()
        return self._vecs[[pos[int(k)] for k in keys]]

    @one_blas_thread
    def search(self, vector: np.ndarray, k: int, filter_keys: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(vector, dtype=np.float32).reshape(self.dim)
        self._flush()
        if filter_keys is not None:
            pos = self._pos
            rows = np.array([pos[int(x)] for x in filter_keys if int(x) in pos], dtype=np.int64)
            return _top(self._keys[rows], self._vecs[rows] @ q, k)
        return _top(self._keys, self._vecs @ q, k)

    def save(self, path: Path) -> None:
        self._flush()
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=self._keys, vectors=self._vecs)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> ExactIndex:
        with np.load(path) as z:
            idx = cls(int(z["vectors"].shape[1]))
            idx._keys, idx._vecs = z["keys"].astype(np.int64), z["vectors"].astype(np.float32)
        idx._n = len(idx._keys)
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


class IVFIndex:
    """Inverted file: the vectors are grouped by their nearest of ``nlist`` k-means centroids (spherical
    k-means on a sample) and kept in float32, cell by cell. A query ranks the centroids and scores exactly
    every vector of the nearest cells until ``scan`` (a share of the pool, at least ``min_scan`` vectors)
    have been scored; the best ``k`` of those are returned with their exact cosines.

    Why not HNSW (docs/scale.md): on a pool clustered by profile, HNSW's greedy descent can end in the
    wrong cluster (recall 0 for some queries at 1M); scoring whole cells has no such failure, is as
    incremental as a table (a new vector joins its nearest cell, a removed one is deleted outright, so no
    tombstoned bytes stay in the file) and a structured filter is a mask applied before the top-k: the
    cells are then taken in centroid order until ``scan`` of the *allowed* vectors have been scored.
    Centroids (2·sqrt(n) cells) are retrained when the pool has grown fourfold since they were trained.
    Defaults measured on the 1M pool (docs/scale.md, 2000 cells): 5% of the pool scored gave recall@100
    0.986 at p95 34 ms, 3% 0.953, 2% 0.904; under a filter passing 7% of the pool, scoring at least 30k
    allowed vectors gave 0.971 (20k: 0.929) at the same latency."""

    kind = "ivf"

    def __init__(self, dim: int, *, nlist: int | None = None, scan: float = 0.05, min_scan: int = 30_000, seed: int = 0) -> None:
        self.dim, self.nlist_param, self.scan, self.min_scan, self.seed = dim, nlist, scan, min_scan, seed
        self._keys = np.zeros(0, dtype=np.int64)
        self._vecs = np.zeros((0, dim), dtype=np.float32)
        self._cells = np.zeros(0, dtype=np.int32)  # -1: not assigned yet
        self._centroids = np.zeros((0, dim), dtype=np.float32)
        self._offsets = np.zeros(1, dtype=np.int64)
        self._trained_n = 0
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._pending_keys: set[int] = set()  # the keys in _pending: an add checks them without scanning every batch
        self._sorted = True
        self._by_key: tuple[np.ndarray, np.ndarray] | None = None  # (sorted keys, their rows)
        self._clean = False  # grouped by cell, every vector assigned, offsets current: a query does no upkeep

    # ------------------------------------------------------------------ upkeep
    def __len__(self) -> int:
        return len(self._keys) + sum(len(k) for k, _ in self._pending)

    def _flush(self) -> None:
        if self._pending:
            keys = np.concatenate([self._keys, *(k for k, _ in self._pending)])
            vecs = np.concatenate([self._vecs, *(v for _, v in self._pending)])
            cells = np.concatenate([self._cells, np.full(len(keys) - len(self._keys), -1, dtype=np.int32)])
            self._keys, self._vecs, self._cells, self._pending = keys, vecs, cells, []
            self._pending_keys = set()
            self._sorted, self._by_key = False, None

    def _ready(self) -> None:
        """Apply pending additions: (re)train if needed, assign new vectors to cells, regroup by cell."""
        if self._clean and not self._pending:
            return
        self._flush()
        n = len(self._keys)
        if n and (self._trained_n == 0 or n >= 4 * self._trained_n):
            self._train()
            self._cells[:] = -1
        new = np.flatnonzero(self._cells < 0)
        if len(new):
            self._cells[new] = self._assign(self._vecs[new])
            self._sorted = False
        if not self._sorted:
            order = np.argsort(self._cells, kind="stable")
            self._keys, self._vecs, self._cells = self._keys[order], self._vecs[order], self._cells[order]
            self._sorted, self._by_key = True, None
        self._offsets = np.concatenate([[0], np.cumsum(np.bincount(self._cells, minlength=len(self._centroids)))]).astype(np.int64)
        self._clean = True

    def _nlist(self, n: int) -> int:
        return max(1, min(n // 64, self.nlist_param or int(round(2 * np.sqrt(n)))))

    def _train(self, iterations: int = 10) -> None:
        n, rng = len(self._keys), np.random.default_rng(self.seed)
        nlist = self._nlist(n)
        sample = self._vecs[np.sort(rng.choice(n, min(n, 48 * nlist), replace=False))]
        cent = sample[np.sort(rng.choice(len(sample), nlist, replace=False))].copy()
        for _ in range(iterations):
            a = self._assign(sample, cent)
            sums = np.zeros_like(cent)
            np.add.at(sums, a, sample)
            norms = np.linalg.norm(sums, axis=1)
            ok = norms > 0  # an empty cell keeps its centroid
            cent[ok] = sums[ok] / norms[ok, None]
        self._centroids, self._trained_n = cent.astype(np.float32), n

    def _assign(self, vecs: np.ndarray, centroids: np.ndarray | None = None) -> np.ndarray:
        c = self._centroids if centroids is None else centroids
        out = np.empty(len(vecs), dtype=np.int32)
        for i in range(0, len(vecs), 32768):
            out[i:i + 32768] = np.argmax(vecs[i:i + 32768] @ c.T, axis=1)
        return out

    def _rows(self, keys: np.ndarray) -> np.ndarray:
        """Rows of the (grouped) arrays holding ``keys``, ascending; unknown keys are dropped."""
        if self._by_key is None:
            order = np.argsort(self._keys, kind="stable")
            self._by_key = (self._keys[order], order)
        sk, rows = self._by_key
        keys = np.asarray(keys, dtype=np.int64)
        if len(sk) == 0 or len(keys) == 0:
            return np.zeros(0, dtype=np.int64)
        pos = np.minimum(np.searchsorted(sk, keys), len(sk) - 1)
        return np.sort(rows[pos[sk[pos] == keys]])

    # ------------------------------------------------------------------ VectorIndex
    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        if len(keys) == 0:
            return
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(keys), self.dim)
        keys, first = np.unique(keys[::-1], return_index=True)  # a key given twice: its last vector
        kl = keys.tolist()
        if not self._pending_keys.isdisjoint(kl):
            self._remove_pending(keys)
        if len(self._keys):
            self._remove_rows(self._rows(keys))
        self._pending.append((keys, vectors[::-1][first]))
        self._pending_keys.update(kl)

    def _remove_pending(self, keys: np.ndarray) -> int:
        if self._pending_keys.isdisjoint(keys.tolist()):
            return 0
        n, kept = 0, []
        for k, v in self._pending:
            gone = np.isin(k, keys)
            n += int(gone.sum())
            kept.append((k[~gone], v[~gone]))
        self._pending = kept
        self._pending_keys.difference_update(keys.tolist())
        return n

    def remove(self, keys: np.ndarray) -> int:
        keys = np.unique(np.asarray(keys, dtype=np.int64))
        return self._remove_pending(keys) + self._remove_rows(self._rows(keys))

    def _remove_rows(self, rows: np.ndarray) -> int:
        if len(rows):
            keep = np.ones(len(self._keys), dtype=bool)
            keep[rows] = False
            self._keys, self._vecs, self._cells = self._keys[keep], self._vecs[keep], self._cells[keep]
            self._by_key, self._clean = None, False  # grouping by cell survives a deletion
            if self._sorted and len(self._centroids) and (self._cells >= 0).all():
                self._offsets = np.concatenate([[0], np.cumsum(np.bincount(self._cells, minlength=len(self._centroids)))]).astype(np.int64)
        return len(rows)

    def keys(self) -> np.ndarray:
        self._flush()
        return self._keys.copy()

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        self._ready()
        rows = self._rows(keys)
        pos = {int(k): r for k, r in zip(self._keys[rows], rows, strict=True)}
        return self._vecs[[pos[int(k)] for k in keys]]

    def _budget(self, eligible: int) -> int:
        return max(self.min_scan, int(np.ceil(self.scan * eligible)))

    @one_blas_thread
    def search(self, vector: np.ndarray, k: int, filter_keys: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(vector, dtype=np.float32).reshape(self.dim)
        self._ready()
        if len(self._keys) == 0 or k <= 0:
            return _top(self._keys[:0], np.zeros(0, dtype=np.float32), k)
        order = np.argsort(-(self._centroids @ q), kind="stable")  # cells, nearest first
        if filter_keys is None:
            sizes = np.diff(self._offsets)[order]
            m = int(np.searchsorted(np.cumsum(sizes), min(len(self._keys), self._budget(len(self._keys))))) + 1
            cells = np.sort(order[:m])  # contiguous slices, scored in place
            o = self._offsets
            rows = np.concatenate([np.arange(o[c], o[c + 1]) for c in cells])
            scores = np.concatenate([self._vecs[o[c]:o[c + 1]] @ q for c in cells])
            return _top(self._keys[rows], scores, k)
        rows = self._rows(filter_keys)
        if len(rows) > self._budget(len(rows)):
            counts = np.bincount(self._cells[rows], minlength=len(self._centroids))[order]
            m = int(np.searchsorted(np.cumsum(counts), self._budget(len(rows)))) + 1
            chosen = np.zeros(len(self._centroids), dtype=bool)
            chosen[order[:m]] = True
            rows = rows[chosen[self._cells[rows]]]
        return _top(self._keys[rows], self._vecs[rows] @ q, k)

    def save(self, path: Path) -> None:
        """Two files: ``path`` (an .npz of keys, cells, centroids and parameters) and the vectors as a plain
        .npy beside it, named with a fresh generation that the .npz records, so a reader maps the vectors
        from disk instead of reading them all (1 GB at 1M vectors) and a crash between the two writes leaves
        the previous pair intact. Older generations are deleted once the new .npz is in place."""
        self._ready()
        vec_name = f"{path.name.removesuffix('.npz')}.{uuid.uuid4().hex[:12]}.vectors.npy"
        vec_tmp = path.with_name(vec_name + ".tmp")
        with open(vec_tmp, "wb") as fh:
            np.save(fh, np.ascontiguousarray(self._vecs, dtype=np.float32))
        vec_tmp.replace(path.with_name(vec_name))
        tmp = path.with_name(path.name + ".tmp.npz")
        self._rows(self._keys[:0])  # the rows in key order (what a filtered query maps keys with), saved with the keys
        assert self._by_key is not None
        np.savez(tmp, keys=self._keys, cells=self._cells, centroids=self._centroids, vectors_file=np.array(vec_name),
                 params=np.array([self.scan, self.min_scan, self.seed, self._trained_n, self.nlist_param or 0], dtype=np.float64),
                 key_order=self._by_key[1])
        tmp.replace(path)
        for old in ivf_vector_files(path):
            if old.name != vec_name:
                old.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path) -> IVFIndex:
        """The index saved at ``path``; its vectors are memory-mapped read-only (pages are read as the cells
        a query scores are touched; the first change copies them into memory)."""
        with np.load(path) as z:
            scan, min_scan, seed, trained_n, nlist = (float(x) for x in z["params"])
            if "vectors_file" in z.files:
                vecs = np.load(path.with_name(str(z["vectors_file"])), mmap_mode="r")
            else:  # the single-file format of earlier versions
                vecs = z["vectors"].astype(np.float32)
            idx = cls(int(vecs.shape[1]), nlist=int(nlist) or None, scan=scan, min_scan=int(min_scan), seed=int(seed))
            idx._keys, idx._vecs = z["keys"].astype(np.int64), vecs
            idx._cells, idx._centroids = z["cells"].astype(np.int32), z["centroids"].astype(np.float32)
            order = z["key_order"].astype(np.int64) if "key_order" in z.files else None  # files saved before lack it
            if order is not None and len(order) == len(idx._keys):  # no sort of 1M keys on the first filtered query
                idx._by_key = (idx._keys[order], order)
        idx._trained_n = int(trained_n)
        # saved after _ready(): grouped by cell, every vector assigned, so no regrouping (which would copy
        # the mapped vectors) is needed
        idx._sorted = bool(len(idx._cells) == 0 or ((idx._cells >= 0).all() and (np.diff(idx._cells) >= 0).all()))
        if idx._sorted and len(idx._centroids):
            idx._offsets = np.concatenate([[0], np.cumsum(np.bincount(idx._cells, minlength=len(idx._centroids)))]).astype(np.int64)
            idx._clean = True
        return idx


def ivf_vector_files(path: Path) -> list[Path]:
    """The vector files of the IVF index saved at ``path`` (every generation still on disk)."""
    stem = path.name.removesuffix(".npz")
    return sorted(p for p in path.parent.glob(f"{stem}.*.vectors.npy") if p.is_file())
