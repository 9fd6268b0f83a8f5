"""Large synthetic pools for the retrieval benchmarks (100k and 1M resumes): texts, vectors, filter columns.

Benchmarks only. Resumes come from ``pool.PoolGenerator`` (varied templates over the shipped taxonomy:
headline, summary, 2-4 dated jobs with skill bullets, skills, education), deterministic per seed. Each
resume is embedded with the default static encoder (the same one ``stackfit screen`` uses), in chunks,
into a float16 ``.npy`` memmap; its profile and years of experience go into small arrays for the
structured filters. Peak memory stays at one chunk plus the memmap's pages.

    python benchmarks/large_pool.py --size 100000            # bench-out/pool-100000.*
    python benchmarks/large_pool.py --size 1000000           # ~10-20 min on 2 CPU cores
"""

from __future__ import annotations

import argparse
import json
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


def build(size: int, out: Path, seed: int = 7) -> dict[str, object]:
    from stackfit.embed import get_encoder

    enc = get_encoder("static")
    gen = PoolGenerator(seed)
    names = sorted(gen.by_profile)
    p = paths(out, size)
    out.mkdir(parents=True, exist_ok=True)
    vec = np.lib.format.open_memmap(p["vectors"], mode="w+", dtype=np.float16, shape=(size, enc.dim))
    prof = np.zeros(size, dtype=np.int16)
    years = np.zeros(size, dtype=np.float32)
    t0 = time.perf_counter()
    t_gen = t_enc = 0.0
    for i in range(0, size, CHUNK):
        a = time.perf_counter()
        texts = [gen.resume(j) for j in range(i, min(size, i + CHUNK))]
        b = time.perf_counter()
        vec[i:i + len(texts)] = enc.encode(texts).astype(np.float16)
        t_gen, t_enc = t_gen + b - a, t_enc + time.perf_counter() - b
        for j, t in enumerate(texts):
            head = t.split("\n", 2)[1]
            prof[i + j] = next((k for k, n in enumerate(names) if gen.titles[n] == head), -1)
            m = _YEARS.search(t)
            years[i + j] = float(m.group(1)) if m else 0.0
        if (i // CHUNK) % 25 == 0:
            print(f"  {i + len(texts):>9,} / {size:,}  {time.perf_counter() - t0:6.0f} s", file=sys.stderr)
    vec.flush()
    del vec
    np.save(p["profiles"], prof)
    np.save(p["years"], years)
    meta = {"size": size, "seed": seed, "encoder": f"{enc.name}@{enc.version}", "dim": enc.dim, "profiles": names,
            "seconds": round(time.perf_counter() - t0, 1), "generate_s": round(t_gen, 1), "encode_s": round(t_enc, 1),
            "encode_texts_per_s": round(size / t_enc, 1)}
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
    a = ap.parse_args()
    print(json.dumps(build(a.size, a.out, a.seed), indent=1))


if __name__ == "__main__":
    main()
