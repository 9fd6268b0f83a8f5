"""Retrieve-and-rerank over a large pool: index build time, p50/p95 latency of the vector stage (with and
without a structured filter) and of vector stage + full re-rank of the top 100, and recall@100 of the
vector stage against exact search.

    python benchmarks/retrieval.py                      # 100k pool (built on first use, bench-out/)
    python benchmarks/retrieval.py --size 1000000       # the 1M figures of docs/scale.md
    python benchmarks/retrieval.py --index hnsw         # the usearch HNSW index it replaced, for comparison

Vectors: ``large_pool.py`` (synthetic resumes embedded by the default static encoder; ``--pool DIR`` reads
pool files built elsewhere). Queries: the four bundled sample roles plus role texts made from each
profile's skills (``--queries`` in all), embedded by the same encoder. Recall@100 = |top 100 of the index ∩
exact top 100| / 100, averaged over queries; exact = float32 dot products over every vector. The filtered
recall compares with the exact top 100 among the vectors passing the filter (profile and >= 5 years).

Re-rank stage: the ids the vector stage returns are mapped onto a SQLite workspace of ``--stored``
really screened synthetic resumes (id mod stored) and handed to ``stackfit.retrieve.rerank``, which
``stackfit search`` uses: one query reads the 100 stored scoring views by primary key (with their semantic
vectors) and each is scored against the role (``score_view``: the score ``assess`` gives). Its cost depends on N (100 profiles),
not on the pool size; the 1M rows themselves are not screened (that would take days on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import large_pool  # noqa: E402
from procmem import peak_rss_mb  # noqa: E402

AS_OF = date(2026, 11, 27)


def _pct(xs: list[float], q: float) -> float:
    return round(float(np.percentile(np.array(xs) * 1000, q)), 2)


def queries(n: int, seed: int = 11) -> list[tuple[str, str]]:
    """(label, role text): the bundled roles, then profile role texts with random skill picks."""
    from pool import PoolGenerator

    from stackfit.datafiles import package_data
    from stackfit.retrieve import role_text
    from stackfit.role import load_role

    out = []
    for p in sorted((package_data("samples") / "roles").iterdir()):
        if p.is_file():
            out.append((p.name, role_text(load_role(p))))
    gen, r = PoolGenerator(seed), random.Random(seed)
    while len(out) < n:
        pid = r.choice(sorted(gen.by_profile))
        skills = r.sample(gen.by_profile[pid], min(8, len(gen.by_profile[pid])))
        out.append((f"synthetic:{pid}", f"{gen.titles[pid]}\nMust have: {', '.join(skills[:5])}\nNice to have: {', '.join(skills[5:])}"))
    return out[:n]


def stored_workspace(folder: Path, n: int):  # type: ignore[no-untyped-def]
    """A workspace of ``n`` screened synthetic resumes (built once, reused while the scoring rules stay the same)."""
    from pool import PoolGenerator
    from sqlalchemy import func, select

    from stackfit import services
    from stackfit.datafiles import package_data
    from stackfit.policy import load_policy
    from stackfit.store import Workspace, candidates_t, versions_key

    db = folder / f"stored-{n}.db"
    ws = Workspace(db)
    with ws.engine.connect() as conn:
        current = conn.execute(select(func.count()).select_from(candidates_t).where(
            candidates_t.c.versions == versions_key(load_policy().versions), candidates_t.c.as_of == AS_OF.isoformat())).scalar_one()
    if current < n and ws.count("candidates"):  # screened under other rules: start again
        ws.close()
        for f in folder.glob(f"stored-{n}.db*"):
            shutil.rmtree(f) if f.is_dir() else f.unlink()
        ws = Workspace(db)
    if current < n:
        src = Path(tempfile.mkdtemp(prefix="stackfit-bench-"))
        files = list(PoolGenerator(3).write_text_pool(src, n))
        role = services.load_role_file(package_data("samples") / "roles" / "inference_platform.jd.txt")
        os.environ["STACKFIT_EMBED"] = "0"
        services.screen(role, files, workspace=ws, as_of=AS_OF, workers=min(os.cpu_count() or 1, 4))
        os.environ.pop("STACKFIT_EMBED")
    return ws


def exact_truth(vecs: np.ndarray, qv: np.ndarray, k: int, chunk: int = 65536) -> list[np.ndarray]:
    """Exact top-k rows of every query at once (chunked float32 matrix products)."""
    best_s = np.full((len(qv), 0), -2.0, dtype=np.float32)
    best_i = np.zeros((len(qv), 0), dtype=np.int64)
    for i in range(0, len(vecs), chunk):
        s = (np.asarray(vecs[i:i + chunk], dtype=np.float32) @ qv.T).T
        s_all = np.concatenate([best_s, s], axis=1)
        i_all = np.concatenate([best_i, np.broadcast_to(np.arange(i, i + s.shape[1]), s.shape)], axis=1)
        top = np.argpartition(-s_all, k - 1, axis=1)[:, :k]
        best_s, best_i = np.take_along_axis(s_all, top, 1), np.take_along_axis(i_all, top, 1)
    return list(best_i)


def timed_queries(index, qv: np.ndarray, truths: list[set[int]], top: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Seconds and recall@top of each query against its exact answer."""
    ts, rs = [], []
    for q, truth in zip(qv, truths, strict=True):
        t = time.perf_counter()
        got, _ = index.search(q, top)
        ts.append(time.perf_counter() - t)
        rs.append(len(set(got.tolist()) & truth) / top)
    return ts, rs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--pool", type=Path, default=None, help="folder holding pool-SIZE.* files built before (default: --out)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--top", type=int, default=100)
    ap.add_argument("--stored", type=int, default=2000, help="screened resumes behind the re-rank stage")
    ap.add_argument("--index", choices=["ivf", "hnsw"], default="ivf", help="ivf: what the workspace uses from 100k vectors on")
    ap.add_argument("--scan", type=float, default=None, help="IVF: share of the pool scored per query (default: the index's)")
    ap.add_argument("--scan-sweep", default="0.02,0.05", help="IVF: also report recall and latency at these shares")
    ap.add_argument("--dtype", default="f16", help="HNSW storage: f16, i8 or f32")
    ap.add_argument("--connectivity", type=int, default=16)
    ap.add_argument("--expansion-add", type=int, default=128)
    ap.add_argument("--expansion-search", type=int, default=1024)
    ap.add_argument("--ef-sweep", default="256,512,1024,2048", help="HNSW: also report recall and latency at these expansion_search values")
    ap.add_argument("--threads", type=int, default=0, help="HNSW build threads (0: all cores)")
    ap.add_argument("--exact-queries", type=int, default=20, help="queries timed for plain exact numpy search")
    ap.add_argument("--no-rerank", action="store_true", help="vector stage only (a host without the full package)")
    ap.add_argument("--no-filter-sql", dest="filter_sql", action="store_false",
                    help="skip timing the SQL side of a filter over a pool-sized candidate_views table")
    ap.add_argument("--filtered-queries", type=int, default=100, help="queries per filter in the end-to-end filtered timing")
    ap.add_argument("--only-filtered", action="store_true",
                    help="build the index, then time only the filtered searches end to end (skips the unfiltered figures)")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()

    from stackfit.embed import get_encoder

    pool_dir = a.pool or a.out
    a.out.mkdir(parents=True, exist_ok=True)
    if a.pool is None:
        large_pool.ensure(a.size, a.out)
    vecs, prof, years, meta = large_pool.load(a.size, pool_dir)
    enc = get_encoder("static")
    qpath = a.out / f"queries-{a.queries}.npy"  # saved once, so a host without the full package can reuse them
    if qpath.is_file():
        qv = np.load(qpath)
    else:
        qv = enc.encode([t for _, t in queries(a.queries)])
        np.save(qpath, qv)
    qv = np.asarray(qv, dtype=np.float32)
    keys = np.arange(a.size, dtype=np.int64)
    load_avg = [os.getloadavg()]

    # ---- exact answers (all queries in one pass) and plain exact search timing
    t = time.perf_counter()
    truths = [set(x.tolist()) for x in exact_truth(vecs, qv, a.top)]
    truth_s = round(time.perf_counter() - t, 1)
    t_exact = []
    if a.exact_queries:
        v32 = np.asarray(vecs, dtype=np.float32)  # in memory, as ExactIndex holds it
        for q in qv[:a.exact_queries]:
            t = time.perf_counter()
            np.argpartition(-(v32 @ q), a.top - 1)
            t_exact.append(time.perf_counter() - t)
        del v32

    # ---- build the index
    index, info, sweep_values = build_index(a, vecs, keys, enc.dim)
    if a.only_filtered:
        load_avg.append(os.getloadavg())
        e2e: dict | None = filtered_e2e(a, index, qv, vecs, prof, years)
        load_avg.append(os.getloadavg())
        result = {"when": datetime.now(UTC).isoformat(timespec="seconds"),
                  "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.platform()}",
                  "load_average_1_5_15": [[round(x, 2) for x in la] for la in load_avg], "size": a.size, "index": info,
                  "filtered_e2e": e2e, "peak_rss_mb": round(peak_rss_mb())}
        print(json.dumps(result, indent=1))
        if a.json:
            a.json.parent.mkdir(parents=True, exist_ok=True)
            a.json.write_text(json.dumps(result, indent=1) + "\n")
        return
    t_vec, recalls = timed_queries(index, qv, truths, a.top)
    load_avg.append(os.getloadavg())

    # ---- recall and latency against the index's knob (the exact answers are computed once above)
    sweep = []
    knob = "scan" if a.index == "ivf" else "expansion_search"
    default = float(index.scan if a.index == "ivf" else a.expansion_search)
    for value in sweep_values:
        set_knob(index, a.index, value)
        ts, rs = timed_queries(index, qv, truths, a.top)
        sweep.append({knob: value, "recall": round(float(np.mean(rs)), 4), "recall_min": round(float(np.min(rs)), 4),
                      "p50_ms": _pct(ts, 50), "p95_ms": _pct(ts, 95)})
        print(f"  {knob}={value}: {sweep[-1]}", file=sys.stderr)
    set_knob(index, a.index, default)

    # ---- filtered vector stage: profile = one of the pool's profiles (by query), at least 5 years
    t_filt, r_filt, shares = [], [], []
    nprof = int(prof.max()) + 1
    for n, q in enumerate(qv):
        rows = np.flatnonzero((prof == n % nprof) & (years >= 5))
        shares.append(len(rows) / a.size)
        s = np.concatenate([np.asarray(vecs[r], dtype=np.float32) @ q for r in np.array_split(rows, max(1, len(rows) // 65536))])
        truth = set(rows[np.argpartition(-s, min(a.top, len(rows)) - 1)[:a.top]].tolist())
        t = time.perf_counter()
        got, _ = index.search(q, a.top, keys[rows])
        t_filt.append(time.perf_counter() - t)
        r_filt.append(len(set(got.tolist()) & truth) / max(1, min(a.top, len(rows))))
    load_avg.append(os.getloadavg())

    # ---- the SQL side of that filter: the candidate_views columns of a workspace holding the whole pool
    t_sql = filter_sql_times(a, prof, years) if a.filter_sql else None

    # ---- retrieve-and-rerank: vector stage + read 100 stored scoring views + score each
    t_rr = [] if a.no_rerank else rerank_times(a, index, qv)
    load_avg.append(os.getloadavg())
    e2e = None if a.no_rerank or not a.filter_sql else filtered_e2e(a, index, qv, vecs, prof, years)
    load_avg.append(os.getloadavg())
    rss_mb = peak_rss_mb()
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.platform()}",
        "load_average_1_5_15": [[round(x, 2) for x in la] for la in load_avg], "python": platform.python_version(),
        "size": a.size, "encoder": meta["encoder"], "dim": enc.dim, "queries": len(qv), "top": a.top, "index": info,
        "recall_at_k": round(float(np.mean(recalls)), 4), "recall_min": round(float(np.min(recalls)), 4),
        "vector_ms": {"p50": _pct(t_vec, 50), "p95": _pct(t_vec, 95)}, "sweep": sweep,
        "filter_sql": t_sql,
        "filtered": {"p50_ms": _pct(t_filt, 50), "p95_ms": _pct(t_filt, 95), "recall_at_k": round(float(np.mean(r_filt)), 4),
                     "recall_min": round(float(np.min(r_filt)), 4), "share_of_pool": round(float(np.mean(shares)), 4),
                     "filter": "profile = one of the pool's profiles (by query) and >= 5 years"},
        "exact_numpy_ms": {"p50": _pct(t_exact, 50), "p95": _pct(t_exact, 95), "queries": len(t_exact),
                           "note": "one float32 matrix-vector product over every vector, in memory (ExactIndex)"} if t_exact else None,
        "exact_truth_all_queries_s": truth_s,
        "retrieve_rerank_ms": {"p50": _pct(t_rr, 50), "p95": _pct(t_rr, 95), "stored": a.stored} if t_rr else None,
        "filtered_e2e": e2e,
        "peak_rss_mb": round(rss_mb), "pool_build": {k: meta.get(k) for k in ("seconds", "workers", "encode_texts_per_s_per_process")},
    }
    print(json.dumps(result, indent=1))
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(result, indent=1) + "\n")


def set_knob(index, kind: str, value: float) -> None:  # type: ignore[no-untyped-def]
    if kind == "ivf":
        index.scan = value
    else:
        index._index.expansion_search = int(value)  # type: ignore[misc]


def build_index(a: argparse.Namespace, vecs: np.ndarray, keys: np.ndarray, dim: int):  # type: ignore[no-untyped-def]
    """(index, description, sweep values). IVF is built in memory each run (about a minute at 1M on 2
    cores); HNSW is built once and reused from bench-out/ (22 min at 1M)."""
    from stackfit.index import HNSWIndex, IVFIndex, ivf_vector_files

    if a.index == "ivf":
        ivf = IVFIndex(dim)
        if a.scan is not None:
            ivf.scan = a.scan
        t = time.perf_counter()
        for i in range(0, a.size, 100_000):
            ivf.add(keys[i:i + 100_000], np.asarray(vecs[i:i + 100_000], dtype=np.float32))
        ivf._ready()  # train the centroids, assign every vector, group by cell
        build_s = round(time.perf_counter() - t, 1)
        path = a.out / f"pool-{a.size}.ivf.npz"
        t = time.perf_counter()
        ivf.save(path)
        save_s = round(time.perf_counter() - t, 1)
        files = [path, *ivf_vector_files(path)]
        file_mb = round(sum(f.stat().st_size for f in files) / 1e6, 1)
        del ivf
        t = time.perf_counter()
        ivf = IVFIndex.load(path)  # the vectors are memory-mapped (what `stackfit search` does per call)
        ivf._ready()
        load_s = round(time.perf_counter() - t, 3)
        if a.scan is not None:
            ivf.scan = a.scan
        t = time.perf_counter()
        ivf.search(np.asarray(vecs[0], dtype=np.float32), a.top)
        first_ms = round((time.perf_counter() - t) * 1000, 1)
        info = {"kind": "IVF (stackfit.index.IVFIndex)", "nlist": len(ivf._centroids), "scan": ivf.scan, "min_scan": ivf.min_scan,
                "storage": "float32, memory-mapped", "build_s": build_s, "save_s": save_s, "load_s": load_s,
                "first_query_ms": first_ms, "first_query_note": "just after load; the file was just written, so its pages were "
                                                                 "probably still in the OS page cache",
                "file_mb": file_mb}
        for f in files:
            f.unlink()  # 1 GB at 1M: rebuilt each run (the mapping stays valid until the process ends)
        return ivf, info, [float(x) for x in a.scan_sweep.split(",") if x]
    idx_path = a.out / f"pool-{a.size}.{a.dtype}.c{a.connectivity}.e{a.expansion_add}.usearch"
    params = {"dtype": a.dtype, "connectivity": a.connectivity, "expansion_add": a.expansion_add, "expansion_search": a.expansion_search}
    hnsw_build_s: float | None = None
    hnsw_load_s: float | None = None
    if idx_path.is_file():
        t = time.perf_counter()
        hnsw = HNSWIndex.load(idx_path, dim, **params)  # type: ignore[arg-type]
        hnsw_load_s = round(time.perf_counter() - t, 2)
    else:
        hnsw = HNSWIndex(dim, threads=a.threads, **params)  # type: ignore[arg-type]
        t = time.perf_counter()
        for i in range(0, a.size, 100_000):
            hnsw.add(keys[i:i + 100_000], np.asarray(vecs[i:i + 100_000], dtype=np.float32))
            print(f"  indexed {min(a.size, i + 100_000):,} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        hnsw_build_s = round(time.perf_counter() - t, 1)
        hnsw.save(idx_path)
    hnsw._index.expansion_search = a.expansion_search  # type: ignore[misc]  # a loaded file keeps the value it was saved with
    info = {"kind": "usearch HNSW", **params, "build_s": hnsw_build_s, "build_threads": a.threads or os.cpu_count(), "load_s": hnsw_load_s,
            "file_mb": round(idx_path.stat().st_size / 1e6, 1)}
    return hnsw, info, [int(x) for x in a.ef_sweep.split(",") if x]


def filter_sql_times(a: argparse.Namespace, prof: np.ndarray, years: np.ndarray, queries: int = 20) -> dict:  # type: ignore[type-arg]
    """The SQL half of a filtered search at pool size: a SQLite workspace whose ``candidate_views`` table
    holds one row per pool vector (profile and years from the pool, no view body), queried by
    ``retrieve._filtered`` as ``stackfit search --filter profile=ID --min-years 5`` does (it returns the
    vector-index keys the embedded index filters on)."""
    from stackfit.retrieve import Filters, _filtered

    folder = Path(tempfile.mkdtemp(prefix="stackfit-filter-"))
    t = time.perf_counter()
    ws = filter_workspace(folder / "filters.db", prof, years)
    fill_s = round(time.perf_counter() - t, 1)
    nprof = int(prof.max()) + 1
    ts, n_rows = [], []
    for n in range(queries):
        t = time.perf_counter()
        ids = _filtered(ws, "bench", Filters(profile=f"p{n % nprof}", min_years=5), keys=True)
        ts.append(time.perf_counter() - t)
        n_rows.append(len(ids))
    ws.close()
    shutil.rmtree(folder)
    return {"p50_ms": _pct(ts, 50), "p95_ms": _pct(ts, 95), "rows_mean": int(np.mean(n_rows)), "queries": queries,
            "table_fill_s": fill_s, "note": "retrieve._filtered over candidate_views (indexed versions, profile, years), returning index keys"}


def filter_workspace(db: Path, prof: np.ndarray, years: np.ndarray):  # type: ignore[no-untyped-def]
    """A SQLite workspace whose ``candidate_views`` table holds one row per pool vector under versions
    "bench" (profile ``p<code>`` and years from the pool, no view body; the row of vector k has index key
    k); reused when it already holds them."""
    from sqlalchemy import func, select

    from stackfit.store import Workspace
    from stackfit.store.embeddings import doc_key
    from stackfit.store.views import views_t

    ws = Workspace(db)
    with ws.engine.connect() as conn:
        have = int(conn.execute(select(func.count()).select_from(views_t)).scalar_one())
    if have == len(prof):
        return ws
    with ws.engine.begin() as conn:
        conn.execute(views_t.delete())
        for i in range(0, len(prof), 50_000):
            rows = []
            for k in range(i, min(len(prof), i + 50_000)):
                d = f"{k:015x}{k:049x}"  # a 64-hex-digit id whose index key is k
                rows.append({"document_id": d, "versions": "bench", "as_of": AS_OF.isoformat(), "key": doc_key(d),
                             "profile": f"p{int(prof[k])}", "years": float(years[k]), "data": "{}"})
            conn.execute(views_t.insert(), rows)
    return ws


FILTERS = [  # (label, profile filter?, min years): broad (~10% and ~7% of the 1M pool) and narrow (~1%)
    ("profile", True, None),
    ("profile + min-years 5", True, 5.0),
    ("profile + min-years 12 (narrow)", True, 12.0),
]


def filtered_e2e(a: argparse.Namespace, index, qv: np.ndarray, vecs: np.ndarray, prof: np.ndarray,  # type: ignore[no-untyped-def]
                 years: np.ndarray) -> dict:  # type: ignore[type-arg]
    """End to end, as ``stackfit search --filter profile=ID [--min-years N]`` runs it per query: the filter
    (``retrieve._filtered`` over a pool-sized ``candidate_views`` table, returning index keys), the filtered
    vector stage, and the re-rank of the top 100 (their ids mapped onto the stored workspace, as in
    ``rerank_times``). p50/p95 of each stage and of the sum; recall@100 of the vector stage against the
    exact top 100 among the vectors passing the filter. ``paths``: "sql" is the SQL filter; "index" the
    filter columns kept beside the vector index, when this version of stackfit has them."""

    from stackfit import retrieve
    from stackfit.retrieve import Filters, rerank

    t = time.perf_counter()
    fws = filter_workspace(a.out / f"filters-{a.size}.db", prof, years)
    fill_s = round(time.perf_counter() - t, 1)
    ws, policy, vkey, stored, roles = rerank_setup(a)
    paths = {"sql": lambda f: retrieve._filtered(fws, "bench", f, keys=True)}
    if hasattr(retrieve, "_filtered_sql"):  # this version keeps the filter columns beside the index
        paths = {"sql": lambda f: retrieve._filtered_sql(fws, "bench", f, keys=True),
                 "index": lambda f: retrieve._filtered(fws, "bench", f, keys=True)}
        t = time.perf_counter()
        paths["index"](Filters(profile="p0"))  # the first call builds the filter columns' file from the table
        first_build_s = round(time.perf_counter() - t, 2)
    nprof = int(prof.max()) + 1
    qs = qv[:a.filtered_queries]
    out: dict = {"table_rows": len(prof), "table_fill_or_check_s": fill_s, "queries": len(qs), "stored": a.stored}  # type: ignore[type-arg]
    if "index" in paths:
        out["index_filter_first_build_s"] = first_build_s
    for label, by_profile, min_years in FILTERS:
        truths, shares = [], []
        for n, q in enumerate(qs):
            ok = (prof == n % nprof) if by_profile else np.ones(len(prof), dtype=bool)
            if min_years is not None:
                ok &= years >= min_years
            rows = np.flatnonzero(ok)
            shares.append(len(rows) / len(prof))
            s = np.concatenate([np.asarray(vecs[r], dtype=np.float32) @ q for r in np.array_split(rows, max(1, len(rows) // 65536))])
            truths.append(set(rows[np.argpartition(-s, min(a.top, len(rows)) - 1)[:a.top]].tolist()))
        entry: dict = {"share_of_pool": round(float(np.mean(shares)), 4)}  # type: ignore[type-arg]
        for name, fn in paths.items():  # back to back over the same queries
            st: dict[str, list[float]] = {"filter": [], "vector": [], "rerank": [], "total": []}
            rec, same = [], True
            for n, q in enumerate(qs):
                f = Filters(profile=f"p{n % nprof}" if by_profile else None, min_years=min_years)
                t0 = time.perf_counter()
                allowed = fn(f)
                t1 = time.perf_counter()
                got, sims = index.search(q, a.top, allowed)
                t2 = time.perf_counter()
                near_d: dict[str, float] = {}
                for k, s_ in zip(got, sims, strict=True):
                    near_d.setdefault(stored[int(k) % len(stored)], float(s_))
                hits = rerank(ws, list(near_d.items()), roles[n % len(roles)], vkey=vkey, as_of=AS_OF, policy=policy)
                t3 = time.perf_counter()
                assert hits
                for key_, v in (("filter", t1 - t0), ("vector", t2 - t1), ("rerank", t3 - t2), ("total", t3 - t0)):
                    st[key_].append(v)
                rec.append(len(set(got.tolist()) & truths[n]) / max(1, min(a.top, len(truths[n]))))
                if name == "index":
                    same = same and bool(np.array_equal(allowed, paths["sql"](f)))
            entry[name] = {**{f"{k}_ms": {"p50": _pct(v, 50), "p95": _pct(v, 95)} for k, v in st.items()},
                           "recall_at_k": round(float(np.mean(rec)), 4), "recall_min": round(float(np.min(rec)), 4)}
            if name == "index":
                entry[name]["same_keys_as_sql"] = same
            entry[name]["load_average_1"] = round(os.getloadavg()[0], 2)
            print(f"  {label} [{name}]: {entry[name]}", file=sys.stderr)
        out[label] = entry
    out["count_queries_ms"] = count_times(a, fws)
    fws.close()
    ws.close()
    return out


def count_times(a: argparse.Namespace, fws, n: int = 20) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """The two ``count(*)`` queries ``stackfit search`` makes per call (documents; embeddings of the encoder),
    over tables of pool size: the filter workspace gets one row per pool vector in each (a small document
    body and vector: the count reads an index, not the rows)."""
    from sqlalchemy import func, select

    from stackfit.embed import encoder_key, get_encoder
    from stackfit.store import documents_t
    from stackfit.store.embeddings import embeddings_t

    ekey = encoder_key(get_encoder("static"))
    with fws.engine.connect() as conn:
        have = int(conn.execute(select(func.count()).select_from(documents_t)).scalar_one())
    if have != a.size:
        with fws.engine.begin() as conn:
            conn.execute(documents_t.delete())
            conn.execute(embeddings_t.delete())
            for i in range(0, a.size, 50_000):
                ids = [f"{k:015x}{k:049x}" for k in range(i, min(a.size, i + 50_000))]
                conn.execute(documents_t.insert(), [{"id": d, "source": f"{d[:12]}.txt", "media_type": "text/plain", "data": "{}",
                                                     "created_at": "2026-11-27T00:00:00+00:00"} for d in ids])
                conn.execute(embeddings_t.insert(), [{"document_id": d, "encoder": ekey, "key": int(d[:15], 16), "dim": 1,
                                                      "vector": b"\0\0\0\0", "created_at": "2026-11-27T00:00:00+00:00"} for d in ids])
    out: dict[str, dict[str, object]] = {}
    for label, q in (("documents", select(func.count()).select_from(documents_t)),
                     ("embeddings", select(func.count()).select_from(embeddings_t).where(embeddings_t.c.encoder == ekey))):
        ts = []
        for _ in range(n):
            t = time.perf_counter()
            with fws.engine.connect() as conn:
                conn.execute(q).scalar_one()
            ts.append(time.perf_counter() - t)
        out[label] = {"p50": _pct(ts, 50), "p95": _pct(ts, 95)}
    try:  # this version keeps the counts in a table filled by triggers: what `stackfit search` reads instead
        from stackfit.store.counts import embeddings_name, kept_count
    except ImportError:
        return out
    for label, name in (("documents", "documents"), ("embeddings", embeddings_name(ekey))):
        ts, got = [], None
        for _ in range(n):
            t = time.perf_counter()
            with fws.engine.connect() as conn:
                got = kept_count(conn, name)
            ts.append(time.perf_counter() - t)
        out[f"{label}_kept"] = {"p50": _pct(ts, 50), "p95": _pct(ts, 95), "count": got}
    return out


def rerank_setup(a: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The stored workspace re-ranks run against: (workspace, policy, versions key, its screened document ids,
    the sample roles)."""
    from sqlalchemy import select

    from stackfit.datafiles import package_data
    from stackfit.models import RoleProfile
    from stackfit.policy import load_policy
    from stackfit.role import load_role
    from stackfit.store import candidates_t, versions_key

    ws = stored_workspace(a.out, a.stored)
    policy = load_policy()
    vkey = versions_key(policy.versions)
    with ws.engine.connect() as conn:
        stored = [r[0] for r in conn.execute(select(candidates_t.c.document_id).where(candidates_t.c.versions == vkey,
                                                                                       candidates_t.c.as_of == AS_OF.isoformat())
                                              .order_by(candidates_t.c.document_id))]
    roles: list[RoleProfile] = [load_role(p) for p in sorted((package_data("samples") / "roles").iterdir()) if p.is_file()]
    return ws, policy, vkey, stored, roles


def rerank_times(a: argparse.Namespace, index, qv: np.ndarray) -> list[float]:  # type: ignore[no-untyped-def]

    from stackfit.retrieve import rerank

    ws, policy, vkey, stored, roles = rerank_setup(a)
    assert len(stored) >= a.stored, "the stored workspace was screened under other rules: delete it to rebuild"
    t_rr = []
    for n, q in enumerate(qv):
        role = roles[n % len(roles)]
        t = time.perf_counter()
        got, sims = index.search(q, a.top)
        near_d: dict[str, float] = {}
        for k, s in zip(got, sims, strict=True):
            near_d.setdefault(stored[int(k) % len(stored)], float(s))
        near = list(near_d.items())
        hits = rerank(ws, near, role, vkey=vkey, as_of=AS_OF, policy=policy)
        t_rr.append(time.perf_counter() - t)
        assert hits
    ws.close()
    return t_rr


if __name__ == "__main__":
    main()
