"""Retrieve-and-rerank over a large pool: index build time, p50/p95 latency of the vector stage and of
vector stage + full re-rank of the top 100, and recall@100 of HNSW against exact search.

    python benchmarks/retrieval.py                      # 100k pool (built on first use, bench-out/)
    python benchmarks/retrieval.py --size 1000000       # the 1M figures of docs/scale.md

Vectors: ``large_pool.py`` (synthetic resumes embedded by the default static encoder). Queries: the four
bundled sample roles plus role texts made from each profile's skills (``--queries`` in all), embedded by
the same encoder. Recall@100 = |HNSW top 100 ∩ exact top 100| / 100, averaged over queries.

Re-rank stage: the ids the vector stage returns are mapped onto a SQLite workspace of ``--stored``
really screened synthetic resumes (id mod stored), their stored CandidateProfiles are read by primary key
and each is assessed against the role, as ``stackfit search`` does. Its cost depends on N (100 profiles),
not on the pool size; the 1M rows themselves are not screened (that would take days on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import large_pool  # noqa: E402

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


def exact_topk(vecs: np.ndarray, q: np.ndarray, k: int, chunk: int = 131072) -> np.ndarray:
    """Exact top-k ids over a float16 memmap, in chunks (memory: one chunk in float32)."""
    best_s, best_i = np.full(0, -2.0, dtype=np.float32), np.zeros(0, dtype=np.int64)
    for i in range(0, len(vecs), chunk):
        s = np.asarray(vecs[i:i + chunk], dtype=np.float32) @ q
        s_all, i_all = np.concatenate([best_s, s]), np.concatenate([best_i, np.arange(i, i + len(s))])
        top = np.argpartition(-s_all, k - 1)[:k] if len(s_all) > k else np.arange(len(s_all))
        best_s, best_i = s_all[top], i_all[top]
    return best_i[np.lexsort((best_i, -best_s))]


def stored_workspace(folder: Path, n: int):  # type: ignore[no-untyped-def]
    """A workspace of ``n`` screened synthetic resumes (built once, reused)."""
    from pool import PoolGenerator

    from stackfit import services
    from stackfit.datafiles import package_data
    from stackfit.store import Workspace

    db = folder / f"stored-{n}.db"
    ws = Workspace(db)
    if ws.count("candidates") < n:
        src = Path(tempfile.mkdtemp(prefix="stackfit-bench-"))
        files = list(PoolGenerator(3).write_text_pool(src, n))
        role = services.load_role_file(package_data("samples") / "roles" / "inference_platform.jd.txt")
        os.environ["STACKFIT_EMBED"] = "0"
        services.screen(role, files, workspace=ws, as_of=AS_OF, workers=min(os.cpu_count() or 1, 4))
        os.environ.pop("STACKFIT_EMBED")
    return ws


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--top", type=int, default=100)
    ap.add_argument("--stored", type=int, default=2000, help="screened resumes behind the re-rank stage")
    ap.add_argument("--dtype", default="f16", help="usearch storage: f16 (default), i8 or f32")
    ap.add_argument("--connectivity", type=int, default=16)
    ap.add_argument("--expansion-add", type=int, default=128)
    ap.add_argument("--expansion-search", type=int, default=1024)
    ap.add_argument("--ef-sweep", default="256,512,1024,2048", help="also report recall and latency at these expansion_search values")
    ap.add_argument("--threads", type=int, default=0, help="index build threads (0: all cores)")
    ap.add_argument("--no-rerank", action="store_true", help="vector stage only (a host without the full package)")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()

    from stackfit.embed import get_encoder
    from stackfit.index import HNSWIndex

    large_pool.ensure(a.size, a.out)
    vecs, prof, years, meta = large_pool.load(a.size, a.out)
    enc = get_encoder("static")
    qpath = a.out / f"queries-{a.queries}.npy"  # saved once, so a host without the full package can reuse them
    if qpath.is_file():
        qv = np.load(qpath)
    else:
        qv = enc.encode([t for _, t in queries(a.queries)])
        np.save(qpath, qv)
    keys = np.arange(a.size, dtype=np.int64)

    # ---- build (or load) the HNSW index
    idx_path = a.out / f"pool-{a.size}.{a.dtype}.c{a.connectivity}.e{a.expansion_add}.usearch"
    params = {"dtype": a.dtype, "connectivity": a.connectivity, "expansion_add": a.expansion_add, "expansion_search": a.expansion_search}
    if idx_path.is_file():
        t = time.perf_counter()
        hnsw = HNSWIndex.load(idx_path, enc.dim, **params)  # type: ignore[arg-type]
        build_s, load_s = None, round(time.perf_counter() - t, 2)
    else:
        hnsw = HNSWIndex(enc.dim, threads=a.threads, **params)  # type: ignore[arg-type]
        t = time.perf_counter()
        for i in range(0, a.size, 100_000):
            hnsw.add(keys[i:i + 100_000], np.asarray(vecs[i:i + 100_000], dtype=np.float32))
            print(f"  indexed {min(a.size, i + 100_000):,} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        build_s = round(time.perf_counter() - t, 1)
        hnsw.save(idx_path)
        load_s = None
    hnsw._index.expansion_search = a.expansion_search  # a loaded file keeps the value it was saved with

    # ---- recall@k and vector-stage latency (one thread, as one query in the CLI)
    recalls, t_vec, t_exact, truths = [], [], [], []
    for q in qv:
        t = time.perf_counter()
        truth = exact_topk(vecs, q, a.top)
        t_exact.append(time.perf_counter() - t)
        truths.append(set(truth.tolist()))
        t = time.perf_counter()
        got, _ = hnsw.search(q, a.top)
        t_vec.append(time.perf_counter() - t)
        recalls.append(len(set(got.tolist()) & set(truth.tolist())) / a.top)

    # ---- recall and latency against expansion_search (the exact answers are computed once above)
    sweep = []
    for ef in [int(x) for x in a.ef_sweep.split(",") if x]:
        hnsw._index.expansion_search = ef
        rs, ts = [], []
        for q, truth in zip(qv, truths, strict=True):
            t = time.perf_counter()
            got, _ = hnsw.search(q, a.top)
            ts.append(time.perf_counter() - t)
            rs.append(len(set(got.tolist()) & truth) / a.top)
        sweep.append({"expansion_search": ef, "recall": round(float(np.mean(rs)), 4), "recall_min": round(float(np.min(rs)), 4),
                      "p50_ms": _pct(ts, 50), "p95_ms": _pct(ts, 95)})
        print(f"  ef={ef}: {sweep[-1]}", file=sys.stderr)
    hnsw._index.expansion_search = a.expansion_search

    # ---- filtered vector stage: profile = the query's first listed profile, min years 5
    t_filt = []
    for n, q in enumerate(qv[:10]):
        allowed = keys[(prof == n % (prof.max() + 1)) & (years >= 5)]
        t = time.perf_counter()
        hnsw.search(q, a.top, allowed)
        t_filt.append(time.perf_counter() - t)

    # ---- retrieve-and-rerank: vector stage + read 100 stored profiles + assess each
    t_rr = [] if a.no_rerank else rerank_times(a, hnsw, qv)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(), "size": a.size, "encoder": meta["encoder"], "dim": enc.dim, "queries": len(qv), "top": a.top,
        "index": {"kind": "usearch HNSW", **params, "build_s": build_s, "build_threads": a.threads or os.cpu_count(), "load_s": load_s,
                  "file_mb": round(idx_path.stat().st_size / 1e6, 1)},
        "recall_at_k": round(float(np.mean(recalls)), 4), "recall_min": round(float(np.min(recalls)), 4),
        "vector_ms": {"p50": _pct(t_vec, 50), "p95": _pct(t_vec, 95)}, "sweep": sweep,
        "filtered_vector_ms": {"p50": _pct(t_filt, 50), "p95": _pct(t_filt, 95), "filter": "profile = one of 10 and >= 5 years"},
        "exact_numpy_ms": {"p50": _pct(t_exact, 50), "p95": _pct(t_exact, 95), "note": "float16 memmap, chunked"},
        "retrieve_rerank_ms": {"p50": _pct(t_rr, 50), "p95": _pct(t_rr, 95), "stored": a.stored} if t_rr else None,
        "peak_rss_mb": round(rss_mb), "pool_build": {k: meta.get(k) for k in ("seconds", "workers", "encode_texts_per_s_per_process")},
    }
    print(json.dumps(result, indent=1))
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(result, indent=1) + "\n")


def rerank_times(a: argparse.Namespace, hnsw, qv: np.ndarray) -> list[float]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from stackfit.datafiles import package_data
    from stackfit.models import CandidateProfile, RoleProfile
    from stackfit.policy import load_policy
    from stackfit.role import load_role
    from stackfit.score import assess
    from stackfit.store import candidates_t

    ws = stored_workspace(a.out, a.stored)
    with ws.engine.connect() as conn:
        stored = [r[0] for r in conn.execute(select(candidates_t.c.document_id).order_by(candidates_t.c.document_id))]
    policy = load_policy()
    roles: list[RoleProfile] = [load_role(p) for p in sorted((package_data("samples") / "roles").iterdir()) if p.is_file()]
    t_rr = []
    for n, q in enumerate(qv):
        role = roles[n % len(roles)]
        t = time.perf_counter()
        got, _ = hnsw.search(q, a.top)
        ids = [stored[int(k) % len(stored)] for k in got]
        with ws.engine.connect() as conn:
            rows = {r[0]: r[1] for r in conn.execute(select(candidates_t.c.document_id, candidates_t.c.data).where(
                candidates_t.c.document_id.in_(ids)))}
        ranked = sorted((assess(CandidateProfile.model_validate_json(rows[d]), role, policy=policy).score, d) for d in ids if d in rows)
        t_rr.append(time.perf_counter() - t)
        assert ranked
    ws.close()
    return t_rr


if __name__ == "__main__":
    main()
