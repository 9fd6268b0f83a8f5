"""Large synthetic pools for the retrieval benchmarks (100k and 1M resumes): texts, vectors, filter columns.

Benchmarks only. Resumes come from ``pool.PoolGenerator`` (varied templates over the shipped taxonomy:
headline, summary, 2-4 dated jobs with skill bullets, skills, education), deterministic per seed. Each
resume is embedded with the default static encoder (the same one ``stackfit screen`` uses), in chunks,
into a float16 ``.npy`` memmap; its profile and years of experience go into small arrays for the
structured filters. Peak memory stays at one chunk plus the memmap's pages.

    python benchmarks/large_pool.py --size 100000            # bench-out/pool-100000.*
    python benchmarks/large_pool.py --size 1000000           # ~70 min on 2 busy cores; ~4 min on 16
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pool import PoolGenerator  # noqa: E402

CHUNK = 4096
_YEARS = re.compile(r"with (\d+) years")


def paths(out: Path, size: int) -> dict[str, Path]:
    base = out / f"pool-{size}"
    return {"vectors": base.with_suffix(".f16.npy"), "meta": base.with_suffix(".json"), "profiles": base.with_suffix(".profile.npy"),
            "years": base.with_suffix(".years.npy")}


def _chunk(args: tuple[int, int, int, str, int]) -> tuple[int, np.ndarray, np.ndarray, float, float]:
    """Generate resumes [start, stop), embed them into the memmap; return their filter columns and timings."""
    start, stop, seed, vec_path, dim = args
    from stackfit.embed import get_encoder

    enc, gen = get_encoder("static"), _gen(seed)
    names = sorted(gen.by_profile)
    a = time.perf_counter()
    texts = [gen.resume(j) for j in range(start, stop)]
    b = time.perf_counter()
    v = enc.encode(texts).astype(np.float16)
    c = time.perf_counter()
    mm = np.load(vec_path, mmap_mode="r+")
    mm[start:stop] = v
    mm.flush()
    del mm
    prof = np.array([next((k for k, n in enumerate(names) if gen.titles[n] == t.split("\n", 2)[1]), -1) for t in texts], dtype=np.int16)
    years = np.array([float(m.group(1)) if (m := _YEARS.search(t)) else 0.0 for t in texts], dtype=np.float32)
    return start, prof, years, b - a, c - b


_GENS: dict[int, PoolGenerator] = {}


def _gen(seed: int) -> PoolGenerator:
    if seed not in _GENS:
        _GENS[seed] = PoolGenerator(seed)
    return _GENS[seed]


def build(size: int, out: Path, seed: int = 7, workers: int = 0) -> dict[str, object]:
    """Write the pool's vectors and filter columns; ``workers`` processes (default: all cores), one chunk each at a time."""
    import multiprocessing as mp

    from stackfit.embed import get_encoder

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # one thread per worker process
    enc = get_encoder("static")
    names = sorted(_gen(seed).by_profile)
    p = paths(out, size)
    out.mkdir(parents=True, exist_ok=True)
    vec = np.lib.format.open_memmap(p["vectors"], mode="w+", dtype=np.float16, shape=(size, enc.dim))
    del vec
    prof = np.zeros(size, dtype=np.int16)
    years = np.zeros(size, dtype=np.float32)
    workers = workers or os.cpu_count() or 1
    jobs = [(i, min(size, i + CHUNK), seed, str(p["vectors"]), enc.dim) for i in range(0, size, CHUNK)]
    t0 = time.perf_counter()
    t_gen = t_enc = 0.0
    with mp.get_context("fork").Pool(workers) as pool:
        for n, (start, pr, yr, tg, te) in enumerate(pool.imap_unordered(_chunk, jobs)):
            prof[start:start + len(pr)], years[start:start + len(yr)] = pr, yr
            t_gen, t_enc = t_gen + tg, t_enc + te
            if n % 25 == 0:
                print(f"  {(n + 1) * CHUNK:>9,} / {size:,}  {time.perf_counter() - t0:6.0f} s", file=sys.stderr)
    np.save(p["profiles"], prof)
    np.save(p["years"], years)
    meta = {"size": size, "seed": seed, "encoder": f"{enc.name}@{enc.version}", "dim": enc.dim, "profiles": names, "workers": workers,
            "seconds": round(time.perf_counter() - t0, 1), "generate_cpu_s": round(t_gen, 1), "encode_cpu_s": round(t_enc, 1),
            "encode_texts_per_s_per_process": round(size / t_enc, 1)}
    p["meta"].write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def load(size: int, out: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, object]]:
    p = paths(out, size)
    return np.load(p["vectors"], mmap_mode="r"), np.load(p["profiles"]), np.load(p["years"]), json.loads(p["meta"].read_text())


def ensure(size: int, out: Path) -> None:
    p = paths(out, size)
    if not (p["meta"].is_file() and json.loads(p["meta"].read_text()).get("size") == size):
        build(size, out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=0, help="processes (default: all cores)")
    a = ap.parse_args()
    print(json.dumps(build(a.size, a.out, a.seed, a.workers), indent=1))


if __name__ == "__main__":
    main()
