"""Structured filters from the columns kept beside the vector index (``stackfit.index.filters``) give
exactly the keys the SQL filter gives: after screening, more screening, deletes, updates, erasure, a lost
file and a pruned change log."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import delete, select, update

from stackfit import services, trust
from stackfit.index import filters as fc
from stackfit.index.workspace import index_dir
from stackfit.policy import load_policy
from stackfit.retrieve import Filters, _filtered, _filtered_sql, search
from stackfit.store import Workspace, versions_key
from stackfit.store.embeddings import doc_key
from stackfit.store.views import changes_t, views_t

AS_OF = date(2026, 11, 27)
PROFILES = ["ml_engineer", "llm_integration_engineer", "mlops_engineer", "data_engineer", "other"]


def _grid(profiles: list[str]) -> list[Filters]:
    return [Filters(profile=p, min_years=y) for p in [None, *profiles, "no_such_profile"]
            for y in [None, 0, 2.5, 3, 5, 8, 40] if p is not None or y is not None]


def _agree(ws: Workspace, vkey: str, profiles: list[str]) -> int:
    """Every filter of the grid: the index-side keys equal the SQL keys. Returns how many keys matched in all."""
    seen = 0
    for f in _grid(profiles):
        got, want = _filtered(ws, vkey, f, keys=True), _filtered_sql(ws, vkey, f, keys=True)
        assert isinstance(got, np.ndarray) and isinstance(want, np.ndarray)
        assert got.dtype == np.int64 and got.tolist() == want.tolist(), f
        seen += len(got)
    return seen


def _rows(n: int, seed: int, vkey: str, start: int = 0) -> list[dict]:  # type: ignore[type-arg]
    r = random.Random(seed)
    out = []
    for k in range(start, start + n):
        d = f"{r.getrandbits(60):015x}{k:049x}"
        years = None if r.random() < 0.1 else round(r.uniform(0, 15) * 4) / 4  # quarters: exact ties at the thresholds
        out.append({"document_id": d, "versions": vkey, "as_of": AS_OF.isoformat(), "key": doc_key(d), "profile": r.choice(PROFILES),
                    "years": years, "data": "{}"})
    return out


@pytest.fixture(autouse=True)
def _fresh_memory() -> None:
    fc._MEMORY.clear()


def test_index_side_filter_equals_sql_through_inserts_deletes_updates_and_rules(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w.db") as ws:
        folder = index_dir(ws)
        assert folder is not None
        rows = _rows(3000, 1, "v1")
        with ws.engine.begin() as conn:
            conn.execute(views_t.insert(), rows)
            conn.execute(views_t.insert(), _rows(500, 2, "v2"))  # views under other rules are not seen
        assert _agree(ws, "v1", PROFILES) > 0
        path = fc.filter_file(folder, "v1")
        assert path.is_file()  # built from the table and saved
        # the same documents at a second date (several rows per key, years differ), a few deleted, a few updated
        r = random.Random(3)
        again = [{**x, "as_of": "2027-06-01", "years": None if x["years"] is None else x["years"] + 0.5} for x in r.sample(rows, 400)]
        gone = [x["document_id"] for x in r.sample(rows, 300)]
        with ws.engine.begin() as conn:
            conn.execute(views_t.insert(), again)
            conn.execute(delete(views_t).where(views_t.c.document_id.in_(gone)))
            for x in r.sample(rows, 200):
                conn.execute(update(views_t).where(views_t.c.document_id == x["document_id"]).values(profile="other", years=4.0))
            conn.execute(views_t.insert(), _rows(100, 4, "v1", start=10_000))
        _agree(ws, "v1", PROFILES)
        # a new process: the file (behind the table) is brought up to date from the change log
        fc._MEMORY.clear()
        _agree(ws, "v1", PROFILES)
        # a lost or damaged file is rebuilt from the table
        path.write_bytes(b"not an npz")
        fc._MEMORY.clear()
        _agree(ws, "v1", PROFILES)
        # a log pruned past the file's point: read whole again
        with ws.engine.begin() as conn:
            conn.execute(views_t.insert(), _rows(50, 5, "v1", start=20_000))
            conn.execute(delete(changes_t))
            conn.execute(views_t.insert(), _rows(50, 6, "v1", start=30_000))
        fc._MEMORY.clear()
        _agree(ws, "v1", PROFILES)
        with ws.engine.begin() as conn:  # the log emptied after the last change: the table is trusted
            conn.execute(views_t.insert(), _rows(20, 7, "v1", start=40_000))
            conn.execute(delete(changes_t))
        fc._MEMORY.clear()
        _agree(ws, "v1", PROFILES)
        _agree(ws, "v2", PROFILES)


def test_log_is_written_by_every_kind_of_change(tmp_path: Path) -> None:
    with Workspace(tmp_path / "w.db") as ws:
        rows = _rows(3, 1, "v1")
        with ws.engine.begin() as conn:
            conn.execute(views_t.insert(), rows)
            conn.execute(update(views_t).where(views_t.c.document_id == rows[0]["document_id"]).values(years=1.0))
            conn.execute(delete(views_t).where(views_t.c.document_id == rows[1]["document_id"]))
            logged = [r[0] for r in conn.execute(select(changes_t.c.document_id).order_by(changes_t.c.id))]
        d = [x["document_id"] for x in rows]
        assert logged == [d[0], d[1], d[2], d[0], d[0], d[1]]


@pytest.fixture
def screened(screened_sqlite: Path) -> Path:
    return screened_sqlite


def test_search_with_filters_matches_sql_and_erasure_leaves_no_row(screened: Path, samples: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    role = services.load_role_file(samples / "roles" / "rag_assistant.brief.yaml")
    vkey = versions_key(load_policy().versions)
    with Workspace(screened) as ws:
        profiles = sorted({p.id for p in load_policy().profiles.profiles} | {"other"})
        assert _agree(ws, vkey, profiles) > 0
        grid = [Filters(profile="ml_engineer", min_years=3), Filters(profile="llm_integration_engineer"), Filters(min_years=4)]

        def hits(f: Filters) -> list[tuple[str, float]]:
            res = search(ws, role, top=15, filters=f, as_of=AS_OF)
            return [(h.document_id, h.score) for h in res.hits]

        index_side = [hits(f) for f in grid]
        assert all(index_side) and len(index_side[0]) < 15
        with monkeypatch.context() as m:
            m.setattr("stackfit.retrieve._filtered", _filtered_sql)
            assert [hits(f) for f in grid] == index_side
        folder = index_dir(ws)
        assert folder is not None
        doc_id = trust.people.resolve(ws, "amara_okafor.md")
        files = fc.filter_files(folder)
        assert files and all(doc_key(doc_id) in np.load(f)["keys"].tolist() for f in files)
        trust.delete_candidate(ws, "amara_okafor.md", actor="dpo", reason="asked")
        # erasure rewrites the filter files at once, without the candidate's rows
        assert all(doc_key(doc_id) not in np.load(f)["keys"].tolist() for f in files)
        _agree(ws, vkey, profiles)
        fc._MEMORY.clear()
        _agree(ws, vkey, profiles)
        assert all(doc_id not in {d for d, _ in hits(f)} for f in grid)


def test_ivf_file_keeps_its_key_order_so_a_filtered_query_after_load_sorts_nothing(tmp_path: Path) -> None:
    from stackfit.index import IVFIndex

    rng = np.random.default_rng(5)
    vecs = rng.normal(size=(7000, 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    keys = rng.choice(2**60, size=7000, replace=False).astype(np.int64)
    idx = IVFIndex(16, min_scan=500)
    idx.add(keys, vecs)
    path = tmp_path / "x.ivf.npz"
    idx.save(path)
    allowed = np.sort(rng.choice(keys, 2000, replace=False))
    queries = vecs[:5] + 0.1 * rng.normal(size=(5, 16)).astype(np.float32)
    want = [idx.search(q, 20, allowed)[0].tolist() for q in queries]
    back = IVFIndex.load(path)
    assert back._by_key is not None and back._by_key[0].tolist() == sorted(keys.tolist())
    assert [back.search(q, 20, allowed)[0].tolist() for q in queries] == want
    back._by_key = None  # a file saved before the order was kept: sorted on first use, same answers
    assert [back.search(q, 20, allowed)[0].tolist() for q in queries] == want
    back.remove(allowed[:100])  # a change drops the saved order; the next save writes the new one
    back.save(path)
    again = IVFIndex.load(path)
    assert again._by_key is not None and len(again._by_key[0]) == 6900
    assert [again.search(q, 20, allowed)[0].tolist() for q in queries] == [back.search(q, 20, allowed)[0].tolist() for q in queries]
