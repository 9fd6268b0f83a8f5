"""The structured-filter columns of ``candidate_views`` kept beside the vector index, so a filter is a
numpy mask instead of tens of thousands of rows read out of SQLite.

``stackfit search --filter profile=ID --min-years N`` needs the index keys of the documents whose stored
view (under the current rules) passes the filter. At 1M candidates a broad filter matches ~73k rows, and
reading them through the database driver took 55-61 ms a query (docs/scale.md); the same answer from
arrays in memory takes a few milliseconds. The table stays the source of truth:

* ``<db>.index/filters.<hash of the versions key>.npz`` holds, for one versions key, every view row's
  index key (sorted), profile (as a small int code) and years (float64, NaN for none), and the id of the
  last change of ``candidate_view_changes`` it reflects.
* That change log is written by SQLite triggers on ``candidate_views`` (migration
  ``0008_candidate_view_changes``): every insert, update and delete of a view row, by whatever code path,
  appends the document id. Reading the columns first applies the changes logged since the file (or the
  copy in memory) was made: the changed documents' rows are re-read from the table. The file is rebuilt
  from the table when it is missing, of another format, or the log no longer reaches back to it.
* Erasure removes the erased documents' rows from every filter file at once (``drop_keys``), as it does
  for the vector files; nothing waits for the next search.

Only SQLite workspaces with an index folder use this; PostgreSQL (pgvector and SQL ``WHERE``) and
in-memory databases keep the SQL filter.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Connection

from stackfit.store import Workspace
from stackfit.store.embeddings import doc_key
from stackfit.store.views import changes_t, views_t

FORMAT = 1
REREAD_MAX = 50_000  # changed documents above which the whole table is read again instead
SAVE_FROM = 1_000  # changed rows from which an update is written back to the file (below: kept in memory only)
KEEP_CHANGES = 200_000  # the change log keeps at least this many recent entries


@dataclass
class FilterColumns:
    """``keys`` sorted ascending; ``profile`` codes into ``names``; ``years`` NaN where the view has none."""

    vkey: str
    keys: np.ndarray  # int64
    profile: np.ndarray  # int32
    years: np.ndarray  # float64
    names: list[str]
    last: int  # the id of the last logged change these columns reflect
    saved_last: int = -1  # the ``last`` of the file on disk

    def select(self, profile: str | None, min_years: float | None) -> np.ndarray:
        """Sorted unique keys of the rows passing the filters: what the SQL filter returns."""
        mask: np.ndarray | None = None
        if profile is not None:
            if profile not in self.names:
                return np.zeros(0, dtype=np.int64)
            mask = self.profile == self.names.index(profile)
        if min_years is not None:
            ok = self.years >= float(min_years)  # NaN (no years) never passes, as SQL's NULL >= x
            mask = ok if mask is None else mask & ok
        k = self.keys if mask is None else self.keys[mask]
        if len(k) < 2:
            return k.copy()
        return k[np.concatenate(([True], k[1:] != k[:-1]))]  # a document with views at several dates: once

    def drop_keys(self, keys: np.ndarray) -> int:
        """Remove every row of ``keys``; returns how many rows went."""
        keys = np.unique(np.asarray(keys, dtype=np.int64))
        lo, hi = np.searchsorted(self.keys, keys, "left"), np.searchsorted(self.keys, keys, "right")
        n = int((hi - lo).sum())
        if n:
            gone = np.zeros(len(self.keys), dtype=bool)
            for a, b in zip(lo, hi, strict=True):
                gone[a:b] = True
            self.keys, self.profile, self.years = self.keys[~gone], self.profile[~gone], self.years[~gone]
        return n

    def put_rows(self, rows: list[tuple[int, str, float | None]]) -> None:
        """Insert (key, profile, years) rows, keeping ``keys`` sorted."""
        if not rows:
            return
        for _, p, _ in rows:
            if p not in self.names:
                self.names.append(p)
        code = {p: i for i, p in enumerate(self.names)}
        rows = sorted(rows, key=lambda r: r[0])
        k = np.array([r[0] for r in rows], dtype=np.int64)
        at = np.searchsorted(self.keys, k)
        self.keys = np.insert(self.keys, at, k)
        self.profile = np.insert(self.profile, at, np.array([code[r[1]] for r in rows], dtype=np.int32))
        self.years = np.insert(self.years, at, np.array([np.nan if r[2] is None else float(r[2]) for r in rows], dtype=np.float64))

    # ------------------------------------------------------------------ file
    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(tmp, keys=self.keys, profile=self.profile, years=self.years, names=np.array(self.names, dtype=str),
                 vkey=np.array(self.vkey), meta=np.array([FORMAT, self.last], dtype=np.int64))
        tmp.replace(path)
        self.saved_last = self.last

    @classmethod
    def load(cls, path: Path, vkey: str) -> FilterColumns | None:
        try:
            with np.load(path) as z:
                fmt, last = (int(x) for x in z["meta"])
                if fmt != FORMAT or str(z["vkey"]) != vkey:
                    return None
                return cls(vkey, z["keys"].astype(np.int64), z["profile"].astype(np.int32), z["years"].astype(np.float64),
                           [str(x) for x in z["names"]], last, saved_last=last)
        except (OSError, KeyError, ValueError):  # missing, half-written by a crashed writer, or of an older layout
            return None


def filter_file(folder: Path, vkey: str) -> Path:
    return folder / f"filters.{hashlib.sha256(vkey.encode()).hexdigest()[:16]}.npz"


def filter_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("filters.*.npz") if p.is_file() and not p.name.endswith(".tmp.npz"))


_MEMORY: dict[tuple[str, str], FilterColumns] = {}  # (index folder, versions key) -> columns, per process


def _log_span(conn: Connection) -> tuple[int, int | None]:
    """(id of the last logged change or 0, id of the oldest one kept or None)."""
    hi, lo = conn.exec_driver_sql(f"SELECT max(id), min(id) FROM {changes_t.name}").one()
    return int(hi or 0), (None if lo is None else int(lo))


def _read_all(conn: Connection, vkey: str) -> FilterColumns:
    rows = conn.exec_driver_sql(f"SELECT key, profile, years FROM {views_t.name} WHERE versions = ?", (vkey,)).fetchall()
    names = sorted({r[1] for r in rows})
    code = {p: i for i, p in enumerate(names)}
    keys = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    prof = np.fromiter((code[r[1]] for r in rows), dtype=np.int32, count=len(rows))
    years = np.fromiter((np.nan if r[2] is None else r[2] for r in rows), dtype=np.float64, count=len(rows))
    order = np.argsort(keys, kind="stable")
    return FilterColumns(vkey, keys[order], prof[order], years[order], names, 0)


def _apply_changes(conn: Connection, cols: FilterColumns, upto: int) -> int:
    """Re-read the rows of the documents changed after ``cols.last`` (up to ``upto``); returns the rows
    re-read, or -1 when too many documents changed (read the whole table instead)."""
    ids = [r[0] for r in conn.exec_driver_sql(
        f"SELECT DISTINCT document_id FROM {changes_t.name} WHERE id > ? AND id <= ?", (cols.last, upto))]
    if len(ids) > REREAD_MAX:
        return -1
    rows: list[tuple[int, str, float | None]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        rows.extend((int(r[0]), str(r[1]), r[2]) for r in conn.exec_driver_sql(  # by primary key (document_id first)
            f"SELECT key, profile, years, versions FROM {views_t.name} WHERE document_id IN ({marks})", tuple(chunk)) if r[3] == cols.vkey)
    cols.drop_keys(np.array([doc_key(d) for d in ids], dtype=np.int64))
    cols.put_rows(rows)
    cols.last = upto
    return len(ids) + len(rows)


def filter_columns(ws: Workspace, folder: Path, vkey: str) -> FilterColumns:
    """The filter columns of ``vkey``, current with the table: from memory or the file, brought up to date
    from the change log, or read whole from the table."""
    path = filter_file(folder, vkey)
    mem = (str(folder), vkey)
    with ws.engine.connect() as conn:
        upto, oldest = _log_span(conn)
        cols = _MEMORY.get(mem)
        if cols is None or cols.last > upto:
            cols = FilterColumns.load(path, vkey)
        if cols is not None and cols.last > upto:  # the log was emptied or replaced: trust only the table
            cols = None
        changed = 0
        if cols is not None and cols.last < upto:
            reaches = oldest is not None and oldest <= cols.last + 1
            changed = _apply_changes(conn, cols, upto) if reaches else -1
            if changed < 0:
                cols = None
        if cols is None:
            cols = _read_all(conn, vkey)
            cols.last, changed = upto, SAVE_FROM
    if changed >= SAVE_FROM:
        cols.save(path)
        _prune(ws, upto)
    _MEMORY[mem] = cols
    return cols


def _prune(ws: Workspace, upto: int) -> None:
    """Keep the change log short: entries older than the last ``KEEP_CHANGES`` go (a filter file further
    behind than that is read whole from the table again)."""
    if upto > 2 * KEEP_CHANGES:
        with ws.engine.begin() as conn:
            conn.exec_driver_sql(f"DELETE FROM {changes_t.name} WHERE id <= ?", (upto - KEEP_CHANGES,))


def drop_from_filter_files(folder: Path, keys: np.ndarray) -> None:
    """Erasure: remove the rows of ``keys`` from every filter file in ``folder`` and from the copies in
    memory (the change log has their deletions too, so later updates agree)."""
    for path in filter_files(folder):
        try:
            with np.load(path) as z:
                vkey = str(z["vkey"])
        except (OSError, KeyError, ValueError):
            path.unlink(missing_ok=True)  # unreadable: rebuilt from the table on next use
            continue
        cols = FilterColumns.load(path, vkey)
        if cols is None:
            path.unlink(missing_ok=True)
            continue
        if cols.drop_keys(keys):
            cols.save(path)
    for (f, _), cols in _MEMORY.items():
        if f == str(folder):
            cols.drop_keys(keys)
