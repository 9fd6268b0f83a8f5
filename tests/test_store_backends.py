"""The same workspace on SQLite and on PostgreSQL (+ pgvector): storage, audit log, interviews,
erasure, vectors and the CLI. The ``db`` fixture (tests/conftest.py) runs each test on both backends;
the PostgreSQL server is an embedded one started for the session, or STACKFIT_TEST_PG (as in CI)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from stackfit import services, trust
from stackfit.audit import log, people
from stackfit.cli import app
from stackfit.errors import InputError, StorageError
from stackfit.interview import service
from stackfit.report.write import write_reports
from stackfit.store import MIGRATIONS, Workspace, url_for
from stackfit.store.interviews import decisions, scorecards

AS_OF = date(2026, 11, 27)


def _rag(samples: Path):
    return services.load_role_file(samples / "roles" / "rag_assistant.brief.yaml")


def _screen_and_report(db: str, samples: Path, out: Path, resumes: Path | None = None) -> services.ScreenResult:
    role = _rag(samples)
    with Workspace(db) as ws:
        res = services.screen(role, [resumes or samples / "resumes"], workspace=ws, as_of=AS_OF, workers=1, actor="tester")
        write_reports(out, role, ws.iter_report_rows(role.id, res.document_ids), lambda d: ws.assessment(role.id, d),
                      ws.get_document, failures=res.failures, as_of=AS_OF)
    return res


def test_url_for_names_the_psycopg_driver() -> None:
    assert url_for("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert url_for("postgres://u@h:5433/db") == "postgresql+psycopg://u@h:5433/db"
    assert url_for("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert url_for("ws.db").startswith("sqlite:///")


def test_unreachable_server_is_a_clear_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as exc:
        Workspace("postgresql://nobody@127.0.0.1:1/nothing")
    assert "cannot open the workspace" in str(exc.value) and exc.value.path == "postgresql://nobody@127.0.0.1:1/nothing"


def test_migrations_apply_once_and_reopen(db: str) -> None:
    with Workspace(db) as ws:
        with ws.engine.connect() as conn:
            names = [r[0] for r in conn.execute(text("SELECT name FROM schema_migrations ORDER BY name"))]
        assert names == sorted(n for n, _ in MIGRATIONS) and "0005_vectors" in names
    with Workspace(db) as ws:  # reopening applies nothing twice
        assert ws.count("documents") == 0 and ws.list_roles() == []


def test_screen_stores_ranks_and_reuses(db: str, samples: Path, tmp_path: Path) -> None:
    first = _screen_and_report(db, samples, tmp_path / "out1")
    assert first.screened == 15 and first.reused == 0 and not first.failures
    again = _screen_and_report(db, samples, tmp_path / "out2")
    assert again.screened == 15 and again.reused == 15
    assert (tmp_path / "out1" / "ranking.json").read_bytes() == (tmp_path / "out2" / "ranking.json").read_bytes()
    with Workspace(db) as ws:
        assert ws.count("documents") == 15 and ws.count("assessments") == 15 and ws.count("runs") == 2
        rows = ws.ranking(_rag(samples).id)
        assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
        assert log.verify(ws).ok and log.count(ws) == 30  # one assessment entry per candidate and run


def test_postgresql_ranks_and_reports_byte_for_byte_like_sqlite(pg_url: str, samples: Path, tmp_path: Path) -> None:
    _screen_and_report(str(tmp_path / "ws.db"), samples, tmp_path / "sqlite")
    _screen_and_report(pg_url, samples, tmp_path / "pg")
    for name in ("ranking.json", "ranking.csv"):
        assert (tmp_path / "sqlite" / name).read_bytes() == (tmp_path / "pg" / name).read_bytes(), name


def test_audit_log_is_append_only(db: str, samples: Path, tmp_path: Path) -> None:
    _screen_and_report(db, samples, tmp_path / "out", )
    with Workspace(db) as ws:
        for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log WHERE seq = 1"):
            with pytest.raises(Exception, match="append-only"), ws.engine.begin() as conn:
                conn.execute(text(sql))
        if ws.engine.dialect.name == "postgresql":
            with pytest.raises(Exception, match="append-only"), ws.engine.begin() as conn:
                conn.execute(text("TRUNCATE audit_log"))
        assert log.verify(ws).ok and log.count(ws) == 15
    # tampering with the guard removed is still caught by the hash chain
    with Workspace(db) as ws, ws.engine.begin() as conn:
        drop = "DROP TRIGGER audit_log_no_update" if ws.engine.dialect.name == "sqlite" else "DROP TRIGGER audit_log_append_only ON audit_log"
        conn.execute(text(drop))
        conn.execute(text("UPDATE audit_log SET detail = '{\"score\": 99}' WHERE seq = 3"))
    with Workspace(db) as ws:
        v = log.verify(ws)
        assert not v.ok and v.first_bad == 3


def test_interviews_stages_and_demographics(db: str, samples: Path, tmp_path: Path) -> None:
    role = services.load_role_file(samples / "roles" / "inference_platform.jd.txt")
    with Workspace(db) as ws:
        services.screen(role, [samples / "resumes" / "mei_lin_chen.pdf", samples / "resumes" / "noah_fischer.txt"],
                        workspace=ws, as_of=AS_OF, workers=1)
        a = service.find_assessment(ws, role, "mei_lin_chen.pdf")
        service.record_scorecard(ws, role, a, interviewer="ana", stage="stack", scores={"stack.kv_cache": 2})
        service.record_scorecard(ws, role, a, interviewer="ana", stage="stack", scores={"stack.kv_cache": 4})
        cards = scorecards(ws.engine, role.id, a.document_id)
        assert [c.scores for c in cards] == [{"stack.kv_cache": 4}] and cards[0].id == 2
        assert len(scorecards(ws.engine, role.id, a.document_id, latest_only=False)) == 2
        service.decide(ws, role, a, decision="hire", decided_by="lead", reason="strong stack round")
        assert [d.decision for d in decisions(ws.engine, role.id, a.document_id)] == ["hire"]
        trust.set_stage(ws, "mei_lin_chen.pdf", role.id, "interviewing", actor="lead", reason="stack round")
        (tmp_path / "d.csv").write_text("candidate,sex,race_ethnicity\nmei_lin_chen.pdf,female,Asian\n", encoding="utf-8")
        assert people.import_demographics(ws, tmp_path / "d.csv", actor="hr").stored == 1
        assert people.demographics(ws) == {a.document_id: ("female", "Asian")}
        assert log.verify(ws).ok


def _vectors(ws: Workspace) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(text("SELECT COUNT(*) FROM document_vectors")).scalar_one())


def _rand(n: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n, 384)).astype(np.float32)


def test_vectors_put_and_knn_match_exact_search(db: str) -> None:
    vecs = _rand(300)
    ids = [f"doc{i:03d}" for i in range(300)]
    with Workspace(db) as ws:
        assert ws.put_vectors(ids, vecs) == 300
        unit = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
        for qi in (0, 17, 299):
            q = vecs[qi] + 0.05 * _rand(1, seed=qi)[0]
            exact = np.argsort(-(unit @ (q / np.linalg.norm(q))), kind="stable")[:5]
            got = ws.knn(q, k=5)
            assert got[0][0] == ids[qi] and got[0][1] > 0.99
            assert [d for d, _ in got] == [ids[i] for i in exact]  # HNSW finds the true neighbours at this size
            assert all(a[1] >= b[1] for a, b in zip(got, got[1:], strict=False))
        among = ids[100:110]
        got = ws.knn(vecs[0], k=3, filter=among)
        assert len(got) == 3 and all(d in among for d, _ in got)
        assert ws.knn(vecs[0], k=3, filter=[]) == []
        ws.put_vectors(["doc000"], vecs[5])  # replacing a vector
        assert ws.knn(vecs[5], k=2)[0][1] > 0.999 and {d for d, _ in ws.knn(vecs[5], k=2)} == {"doc000", "doc005"}
        assert _vectors(ws) == 300
        with pytest.raises(InputError, match="384"):
            ws.put_vectors(["x"], np.zeros((1, 10)))
        with pytest.raises(InputError, match="one vector per"):
            ws.put_vectors(["x", "y"], vecs[:1])
        with pytest.raises(InputError, match="NaN"):
            ws.put_vectors(["x"], np.full(384, np.nan))


def test_postgresql_uses_pgvector_and_hnsw(pg_url: str) -> None:
    with Workspace(pg_url) as ws:
        ws.put_vectors([f"d{i}" for i in range(50)], _rand(50))
        with ws.engine.begin() as conn:
            assert conn.execute(text("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                                     "WHERE attrelid = 'document_vectors'::regclass AND attname = 'embedding'")).scalar_one() == "vector(384)"
            assert "hnsw" in conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'document_vectors_hnsw'")).scalar_one()
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(r[0] for r in conn.execute(text(
                "EXPLAIN SELECT document_id FROM document_vectors ORDER BY embedding <=> (SELECT embedding FROM document_vectors LIMIT 1) LIMIT 5")))
        assert "document_vectors_hnsw" in plan


def test_search_is_answered_by_the_workspace_backend(db: str, samples: Path, tmp_path: Path) -> None:
    """Screening stores each resume's vector; on PostgreSQL pgvector's HNSW answers the vector stage, on
    SQLite the index beside the database: both give exact search's neighbours on the samples."""
    from sqlalchemy import select

    from stackfit.embed import get_encoder
    from stackfit.index.workspace import open_index
    from stackfit.retrieve import role_text
    from stackfit.store.embeddings import embeddings_t

    _screen_and_report(db, samples, tmp_path / "out")
    role = _rag(samples)
    with Workspace(db) as ws:
        idx = open_index(ws)
        with ws.engine.connect() as conn:
            rows = [(r[0], np.frombuffer(r[1], dtype=np.float32)) for r in conn.execute(
                select(embeddings_t.c.document_id, embeddings_t.c.vector).where(embeddings_t.c.encoder == idx.key))]
        assert len(rows) == 15 and idx.size() == 15
        q = get_encoder("static").encode([role_text(role)])[0]
        exact = sorted(((d, float(v @ q)) for d, v in rows), key=lambda r: (-r[1], r[0]))
        got = idx.search(q, 5)
        assert [d for d, _ in got] == [d for d, _ in exact[:5]]
        assert [c for _, c in got] == pytest.approx([c for _, c in exact[:5]], abs=1e-5)
        among = [d for d, _ in exact[4:10]]
        assert [d for d, _ in idx.search(q, 3, among)] == among[:3]
        if ws.engine.dialect.name == "postgresql":
            assert idx.pg and _vectors(ws) == 15  # the server's table holds them
            with ws.engine.begin() as conn:
                conn.execute(text("DELETE FROM document_vectors"))
            assert open_index(ws).size() == 15  # behind the table: copied again on open
        res = services.search_role(ws, role, top=3, as_of=AS_OF)
        assert len(res.hits) == 3 and res.pool == 15


ERASED = ("Amara Okafor", "amara.okafor@example.com", "amara_okafor")


def _table_bytes(datadir: Path) -> bytes:
    return b"".join(f.read_bytes() for f in sorted((datadir / "base").rglob("*")) if f.is_file())


def test_postgresql_erasure_leaves_no_byte_in_the_table_files(pg_url: str, pg_server, samples: Path, tmp_path: Path) -> None:
    datadir = pg_server[1]
    if datadir is None:
        pytest.skip("the server's data folder is unknown (set STACKFIT_TEST_PG_DATA)")
    resumes = tmp_path / "resumes"
    shutil.copytree(samples / "resumes", resumes)
    with Workspace(pg_url) as ws, ws.engine.begin() as conn:  # store JSON uncompressed, so that a byte scan can see it
        for table, col in (("documents", "data"), ("candidates", "data"), ("assessments", "data"), ("assessments", "entry"),
                           ("assessments", "summary")):
            conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN {col} SET STORAGE EXTERNAL"))
    _screen_and_report(pg_url, samples, tmp_path / "out", resumes)
    with Workspace(pg_url) as ws:
        doc = people.resolve(ws, "amara_okafor.md")
        ws.put_vectors([doc], _rand(1)[0])
        with ws.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))  # statistics keep sample values: they must go too
            conn.execute(text("CHECKPOINT"))
        before = _table_bytes(datadir)
        assert [s for s in ERASED if s.encode() not in before] == []  # the check can see them
        gone = trust.delete_candidate(ws, "amara_okafor.md", actor="dpo", reason="candidate asked", report_dirs=[tmp_path / "out"])
        assert gone.rows["documents"] == 1 and gone.rows["vectors"] == 1 and _vectors(ws) == 14  # the other candidates' stay
        assert len(ws.ranking(_rag(samples).id)) == 14 and log.verify(ws).ok
    after = _table_bytes(datadir)
    for s in ERASED:
        assert s.encode() not in after, s
    assert b"Priya Raman" in after  # the others stay


def test_cli_commands_on_a_postgresql_url(pg_url: str, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    role = samples / "roles" / "inference_platform.jd.txt"
    r = runner.invoke(app, ["screen", str(role), str(samples / "resumes"), "--db", pg_url, "--out", str(tmp_path / "out"),
                            "--as-of", "2026-11-27", "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert "15 screened" in r.stdout
    monkeypatch.setenv("STACKFIT_DB", pg_url)  # the setting works as well as --db
    for args in (["interview", "score", str(role), "mei_lin_chen.pdf", "-i", "ana", "-s", "stack", "--item", "stack.kv_cache=3"],
                 ["candidate", "stage", "mei_lin_chen.pdf", "interviewing", "--role", str(role), "--by", "lead"],
                 ["audit-log", "verify"]):
        r = runner.invoke(app, args)
        assert r.exit_code == 0, (args, r.output)
    assert "scorecard #2: ben" in runner.invoke(app, ["interview", "score", str(role), "mei_lin_chen.pdf", "-i", "ben", "-s", "stack",
                                                      "--item", "stack.kv_cache=2"]).stdout
    r = runner.invoke(app, ["audit-log", "verify"])
    assert r.exit_code == 0 and "audit log intact" in r.stdout, r.output


def test_concurrent_writers_keep_one_audit_chain(db: str) -> None:
    """Several connections appending at once (a server's request handlers) never fork the hash chain."""
    from concurrent.futures import ThreadPoolExecutor

    with Workspace(db) as ws:
        def write(i: int) -> None:
            for j in range(10):
                log.record(ws, "stage", f"doc{i}-{j}", actor=f"user{i}", detail={"n": j}, versions={"x": "1"})

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(write, range(4)))
        v = log.verify(ws)
        assert v.ok and v.entries == 40, v
