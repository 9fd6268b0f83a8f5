"""What the audit log adds to screening: store_batch of 200 assessments with and without the audit
entries, in one process (so machine load affects both alike). Prints ms per batch and per entry.

    python benchmarks/audit_overhead.py [--batches 20]
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

from stackfit.policy import load_policy
from stackfit.store import Screened, Workspace, versions_key
from stackfit.trust import assessment_logger


def batch(k: int, size: int) -> list[Screened]:
    body = '{"x":' + "1" * 2000 + "}"
    return [Screened(file=f"/pool/r{k}_{i}.txt", document_id=hashlib.sha256(f"{k}-{i}".encode()).hexdigest(), score=50.0,
                     profile="ml_engineer", assessment_json=body, entry_json=body, summary_json="{}", candidate_json=body,
                     document_json=body, media_type="text/plain") for i in range(size)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=20)
    ap.add_argument("--size", type=int, default=200)
    a = ap.parse_args()
    v = load_policy().versions
    res: dict[str, list[float]] = {"without log": [], "with log": []}
    with tempfile.TemporaryDirectory() as d, Workspace(Path(d) / "w.db") as ws:
        run = ws.start_run("r")
        for k in range(a.batches):  # alternate, so load drifts hit both
            for label in (("without log", "with log") if k % 2 else ("with log", "without log")):  # WAL checkpoints hit both
                items = batch(k * 2 + (label == "with log"), a.size)
                also = assessment_logger(items, "r", run, "bench", v, False) if label == "with log" else None
                t = time.perf_counter()
                ws.store_batch(run, "r", "2026-11-27", versions_key(v), items, also=also)
                res[label].append(time.perf_counter() - t)
    for label, ts in res.items():
        ts.sort()
        med = ts[len(ts) // 2]
        print(f"{label:12} median {med * 1000:7.1f} ms per batch of {a.size} ({med / a.size * 1e6:6.1f} µs per candidate)")
    extra = sorted(res["with log"])[a.batches // 2] - sorted(res["without log"])[a.batches // 2]
    print(f"audit log: +{extra * 1000:.1f} ms per batch, +{extra / a.size * 1e6:.1f} µs per candidate "
          f"(screening costs about 4,500 µs per candidate per core)")


if __name__ == "__main__":
    main()
