"""Kill a batch import with SIGKILL at seeded random points; restarting completes it with 0 duplicate and
0 partial candidates, and the final ranking equals a clean run's."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

N = 300


def _screen(role: Path, pool: Path, db: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "stackfit", "screen", str(role), str(pool), "--db", str(db), "--out", str(out),
                             "--as-of", "2026-11-27", "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def _ranking(db: Path) -> list[tuple[str, float]]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT document_id, score FROM assessments ORDER BY score DESC, document_id").fetchall()


@pytest.mark.slow
def test_sigkill_at_random_points_then_restart(tmp_path: Path, samples: Path) -> None:
    from pool import PoolGenerator

    pool = tmp_path / "pool"
    pool.mkdir()
    list(PoolGenerator(seed=3).write_text_pool(pool, N))
    role = samples / "roles" / "ml_engineer_recsys.brief.yaml"
    clean = tmp_path / "clean.db"
    p = _screen(role, pool, clean, tmp_path / "o-clean")
    t0 = time.monotonic()
    assert p.wait(timeout=300) == 0, p.stderr.read() if p.stderr else ""
    clean_seconds = time.monotonic() - t0

    db = tmp_path / "crashy.db"
    rng = random.Random(20261127)
    killed = 0
    for _ in range(4):
        p = _screen(role, pool, db, tmp_path / "o")
        time.sleep(rng.uniform(0.1, 1.0) * clean_seconds)
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)  # the CLI and its worker processes, mid-run
            p.wait()
            killed += 1
    assert killed >= 2  # most kill points land inside the run
    p = _screen(role, pool, db, tmp_path / "o")
    assert p.wait(timeout=300) == 0, p.stderr.read() if p.stderr else ""

    with sqlite3.connect(db) as c:
        one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
        assert one("SELECT COUNT(*) FROM documents") == N
        assert one("SELECT COUNT(DISTINCT document_id) FROM files") == N and one("SELECT COUNT(*) FROM files") == N
        assert one("SELECT COUNT(*) FROM assessments") == N
        # no partial candidate: every document has its profile and its assessment, every row points to a document
        assert one("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM candidates c WHERE c.document_id = d.id)") == 0
        assert one("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.document_id = d.id)") == 0
        for t in ("assessments", "candidates", "files"):
            assert one(f"SELECT COUNT(*) FROM {t} x WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = x.document_id)") == 0
        # no duplicate: one profile per document and date, one assessment per document and role
        assert one("SELECT COUNT(*) FROM (SELECT document_id FROM candidates GROUP BY document_id, as_of HAVING COUNT(*) > 1)") == 0
        assert one("SELECT COUNT(*) FROM (SELECT document_id FROM assessments GROUP BY document_id, role_id HAVING COUNT(*) > 1)") == 0
        assert one("PRAGMA integrity_check") == "ok"
        # every stored assessment was logged in its own transaction; the chain is intact
        assert one("SELECT COUNT(DISTINCT subject) FROM audit_log WHERE action = 'assessment'") == N
    from stackfit.audit.log import verify
    from stackfit.store import Workspace

    with Workspace(db) as ws:
        assert verify(ws).ok
    assert _ranking(db) == _ranking(clean)
