"""Erasure, retention and stages: a person's actions, logged; no byte of an erased candidate left behind."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from stackfit import services, trust
from stackfit.audit import log, people
from stackfit.errors import InputError, NotFoundError
from stackfit.report.write import write_reports
from stackfit.store import Workspace

AS_OF = date(2026, 11, 27)
ERASED = ("Amara Okafor", "amara.okafor@example.com", "+1-555-0101", "amara_okafor")
KEPT = ("Priya Raman", "priya.raman@example.com")


def _encodings(s: str) -> list[bytes]:
    return [s.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")] + [s.lower().encode(), s.upper().encode()]


def _all_bytes(folder: Path) -> bytes:
    return b"".join(f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file())


@pytest.fixture
def screened(tmp_path: Path, samples: Path) -> tuple[Path, Path, Path, str]:
    """A workspace folder: resumes copied in, screened for one role, reports written, a demographics row and a stage."""
    resumes = tmp_path / "ws" / "resumes"
    shutil.copytree(samples / "resumes", resumes)
    db, out = tmp_path / "ws" / "stackfit.db", tmp_path / "ws" / "out"
    role = services.load_role_file(samples / "roles" / "rag_assistant.brief.yaml")
    with Workspace(db) as ws:
        res = services.screen(role, [resumes], workspace=ws, as_of=AS_OF, workers=1, actor="tester")
        write_reports(out, role, ws.iter_report_rows(role.id, res.document_ids), lambda d: ws.assessment(role.id, d),
                      ws.get_document, failures=[], as_of=AS_OF)
        (tmp_path / "demo.csv").write_text("candidate,sex,race_ethnicity\namara_okafor.md,female,Black\npriya_raman.pdf,female,Asian\n")
        assert people.import_demographics(ws, tmp_path / "demo.csv", actor="hr").stored == 2
        trust.set_stage(ws, "amara_okafor.md", role.id, "interviewing", actor="lead", reason="strong RAG evidence")
    return tmp_path / "ws", db, out, role.id


def test_delete_leaves_no_byte_of_the_candidate(screened: tuple[Path, Path, Path, str]) -> None:
    folder, db, out, role_id = screened
    before = _all_bytes(folder)
    assert all(any(b in before for b in _encodings(s)) for s in ERASED)  # the check can see them
    with Workspace(db) as ws:
        doc_id = people.resolve(ws, "amara_okafor.md")
        gone = trust.delete_candidate(ws, "amara_okafor.md", actor="dpo", reason="candidate asked", report_dirs=[out], remove_files=True)
        assert gone.document_ids == [doc_id] and gone.rows["documents"] == 1 and gone.rows["assessments"] == 1
        assert gone.rows["stages"] == 1 and gone.rows["demographics"] == 1 and len(gone.files_removed) == 1
        assert sorted(Path(p).name for p in gone.reports_removed) == ["ranking.csv", "ranking.json", "report.html"]
        live = _all_bytes(folder)  # database, -wal and -shm while the workspace is open
        with pytest.raises(NotFoundError):
            people.resolve(ws, "amara_okafor.md")
        assert len(ws.ranking(role_id)) == 14
        erasure = list(log.entries(ws, action="erasure"))
        assert [e["subject"] for e in erasure] == [doc_id] and log.verify(ws).ok
    after = _all_bytes(folder)
    for s in ERASED:
        for b in _encodings(s):
            assert b not in live and b not in after, (s, b)
    for s in KEPT:  # other candidates remain
        assert s.encode() in after


def test_audit_log_holds_no_personal_data_and_cannot_be_edited(screened: tuple[Path, Path, Path, str]) -> None:
    _, db, _, _ = screened
    with Workspace(db) as ws:
        rows = list(log.entries(ws))
        assert {r["action"] for r in rows} == {"assessment", "demographics_import", "stage"} and len(rows) == 17
        blob = repr(rows)
        assert "Amara" not in blob and "@example.com" not in blob and ".md" not in blob
        for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(Exception, match="append-only"), ws.engine.begin() as conn:
                conn.execute(text(sql))
        assert log.verify(ws).ok and log.verify(ws).entries == 17
    # tampering outside the app (triggers dropped) is detected by the hash chain
    with Workspace(db) as ws, ws.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET detail = '{\"score\": 99}' WHERE seq = 3"))
    with Workspace(db) as ws:
        v = log.verify(ws)
        assert not v.ok and v.first_bad == 3 and "edited" in v.problem


def test_stage_changes_need_a_person_and_a_rejection_needs_a_reason(screened: tuple[Path, Path, Path, str]) -> None:
    _, db, _, role_id = screened
    with Workspace(db) as ws:
        with pytest.raises(InputError, match="reason"):
            trust.set_stage(ws, "priya_raman.pdf", role_id, "rejected", actor="lead")
        with pytest.raises(InputError, match="--by"):
            trust.set_stage(ws, "priya_raman.pdf", role_id, "interviewing", actor=" ")
        with pytest.raises(InputError, match="unknown stage"):
            trust.set_stage(ws, "priya_raman.pdf", role_id, "ghosted", actor="lead")
        change = trust.set_stage(ws, "priya_raman.pdf", role_id, "rejected", actor="lead", reason="no RAG experience")
        assert (change.previous, change.stage) == ("screened", "rejected")
        st = people.stages(ws, role_id)
        assert st[change.document_id] == "rejected" and list(st.values()).count("screened") == 13
        last = list(log.entries(ws, action="stage"))[-1]
        assert last["actor"] == "lead" and '"reason": "no RAG experience"' in last["detail"] and last["role_id"] == role_id


def test_purge_erases_only_candidates_older_than_the_retention(screened: tuple[Path, Path, Path, str]) -> None:
    _, db, _, role_id = screened
    with Workspace(db) as ws:
        old = people.resolve(ws, "grace_kim.txt")
        with ws.engine.begin() as conn:
            conn.execute(text("UPDATE documents SET created_at = :t WHERE id = :d"),
                         {"t": (datetime.now(UTC) - timedelta(days=400)).isoformat(timespec="seconds"), "d": old})
        days, ids = trust.purge(ws, 365, actor="cron")  # dry run
        assert (days, ids) == (365, [old]) and len(ws.ranking(role_id)) == 15
        _, ids = trust.purge(ws, 365, actor="cron", apply=True)
        assert ids == [old] and len(ws.ranking(role_id)) == 14
        assert [e["subject"] for e in log.entries(ws, action="purge")] == [old]
        assert trust.purge(ws, 365, actor="cron", apply=True)[1] == []
        with pytest.raises(InputError, match="retention"):
            trust.purge(ws, None, actor="cron")
