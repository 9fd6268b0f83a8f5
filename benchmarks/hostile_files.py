"""Screen the generated hostile corpus and report outcomes, the slowest files and peak memory.

Builds ``tests/hostile/make_corpus.py``'s corpus in a temporary folder (or reads ``--folder``),
runs the real ``services.screen`` on it into a fresh SQLite workspace, and prints: files per
outcome (parsed, or the rejection code), the slowest files (seconds from hand-off to a worker
to its result), wall time, and peak memory three ways: the largest single process (the parent's ``VmHWM``,
``procmem.peak_rss_mb``, and the reaped workers' ``ru_maxrss``), and the sum of the resident sizes of the parent and
its workers sampled every 10 ms (an upper bound: pages shared after fork count once per process).

    python benchmarks/hostile_files.py                 # the corpus the test suite uses
    python benchmarks/hostile_files.py --huge          # plus a 50 MB text, 1 GB bombs, 100k pages
    python benchmarks/hostile_files.py --workers 4 --time-limit 5 --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from procmem import peak_rss_mb  # noqa: E402

CORPUS = HERE.parent / "tests" / "hostile" / "make_corpus.py"


def _rss(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _pss(pid: str) -> int:
    """Proportional set size: shared pages divided among the processes that map them, so a
    process tree's sum is its real footprint (forked workers share the parent's pages)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _tree() -> list[str]:
    pids = [str(os.getpid())]
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += (task / "children").read_text().split()
        except OSError:
            pass
    return pids


class TreeSampler(threading.Thread):
    """Peak of the summed resident size of this process and its children, sampled."""

    def __init__(self, every: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.every, self.peak, self.peak_pss, self.stop = every, 0, 0, threading.Event()
        self.peak_child_pss = 0

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree()
            self.peak = max(self.peak, sum(_rss(p) for p in pids))
            pss = [_pss(p) for p in pids]
            self.peak_pss = max(self.peak_pss, sum(pss))
            self.peak_child_pss = max([self.peak_child_pss, *pss[1:]])
            time.sleep(self.every)


def run(folder: Path, workers: int, time_limit: float, memory_limit_mb: int, db: Path | None = None) -> dict[str, object]:
    from stackfit import services
    from stackfit.datafiles import package_data
    from stackfit.parse import ParseLimits
    from stackfit.parse.base import MIB
    from stackfit.store import Workspace

    role = services.load_role_file(package_data("samples/roles/rag_assistant.brief.yaml"))
    limits = ParseLimits(time_limit=time_limit, memory_limit=memory_limit_mb * MIB)
    files = sorted(p for p in folder.iterdir() if p.is_file())
    sampler = TreeSampler()
    sampler.start()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Workspace(db or Path(tmp) / "hostile.db") as ws:
        res = services.screen(role, [folder], workspace=ws, as_of=date(2026, 11, 27), workers=workers, limits=limits)
        stored = ws.count("assessments")
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    failed = {f.file: f.code for f in res.failures}
    outcomes = Counter(failed.get(str(f), "parsed") for f in files)
    return {
        "files": len(files), "outcomes": dict(sorted(outcomes.items(), key=lambda kv: (-kv[1], kv[0]))),
        "screened_distinct": res.screened, "stored": stored, "wall_s": round(wall, 1),
        "crashed": sorted(f"{Path(f.file).name}: {f.message}" for f in res.failures
                          if f.code in ("worker_crashed", "internal_error")),
        "run_id": res.run_id, "reused": res.reused,
        "per_file": {f.name: failed.get(str(f), "parsed") for f in files},
        "slowest": [{"seconds": s, "file": Path(f).name, "outcome": failed.get(f, "parsed")} for s, f in res.slowest],
        "peak_parent_mb": round(peak_rss_mb()),
        "peak_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "peak_tree_rss_mb": round(sampler.peak / MIB),
        "peak_tree_pss_mb": round(sampler.peak_pss / MIB),
        "peak_worker_pss_mb": round(sampler.peak_child_pss / MIB),  # sampled; shared pages divided
        "workers": workers, "time_limit_s": time_limit, "memory_limit_mb": memory_limit_mb,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folder", type=Path, help="screen this folder instead of generating the corpus")
    ap.add_argument("--huge", action="store_true", help="add the slow-to-write huge cases")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--memory-limit", type=int, default=512, help="MiB per worker")
    ap.add_argument("--db", type=Path, help="keep the workspace in this SQLite file (default: a temporary one)")
    ap.add_argument("--json", action="store_true", help="print every figure, and each file's outcome, as JSON")
    args = ap.parse_args()
    if args.folder is None:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            t0 = time.perf_counter()
            subprocess.run([sys.executable, str(CORPUS), str(folder), *(["--huge"] if args.huge else [])],
                           check=True, stdout=subprocess.DEVNULL)
            print(f"corpus generated in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            # measured in a fresh process: the generator's memory must not count as a worker's
            rest = [a for a in sys.argv[1:] if a != "--huge"]
            sys.exit(subprocess.run([sys.executable, __file__, "--folder", str(folder), *rest], check=False).returncode)
    out = run(args.folder, args.workers, args.time_limit, args.memory_limit, args.db)
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['files']} files, {out['workers']} workers, time_limit {out['time_limit_s']} s, "
          f"memory_limit {out['memory_limit_mb']} MiB; {out['machine']}; {out['date']}")
    print(f"wall {out['wall_s']} s; {out['screened_distinct']} distinct documents screened and stored")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in out["outcomes"].items()))  # type: ignore[attr-defined]
    print(f"peak memory: parent {out['peak_parent_mb']} MB, largest worker {out['peak_worker_mb']} MB RSS ({out['peak_worker_pss_mb']} MB PSS), "
          f"parent + workers (sampled sums) {out['peak_tree_pss_mb']} MB PSS, {out['peak_tree_rss_mb']} MB RSS (shared pages counted twice)")
    for line in out["crashed"]:  # type: ignore[attr-defined]
        print(f"crashed (isolated, the batch went on): {line}")
    print("slowest files:")
    for s in out["slowest"]:  # type: ignore[attr-defined]
        print(f"  {s['seconds']:6.2f} s  {s['file']}  ({s['outcome']})")


if __name__ == "__main__":
    main()
