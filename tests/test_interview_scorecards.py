"""Scorecards, summaries, recommendations, decisions and the checklist: services, storage and CLI."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackfit import services
from stackfit.cli import app
from stackfit.datafiles import package_data
from stackfit.errors import InputError, NotFoundError
from stackfit.interview import service
from stackfit.interview.scorecard import validate_scores
from stackfit.models import Assessment, RoleProfile
from stackfit.store import Workspace
from stackfit.store.interviews import scorecards

SAMPLES = package_data("samples")
AS_OF = date(2026, 11, 27)
INFRA = SAMPLES / "roles" / "inference_platform.jd.txt"


@pytest.fixture()
def ws(tmp_path: Path):
    with Workspace(tmp_path / "ws.db") as w:
        yield w


@pytest.fixture()
def screened(ws: Workspace) -> tuple[RoleProfile, Assessment]:
    role = services.load_role_file(INFRA)
    services.screen(role, [SAMPLES / "resumes" / "mei_lin_chen.pdf", SAMPLES / "resumes" / "noah_fischer.txt"],
                    workspace=ws, as_of=AS_OF, workers=1)
    return role, service.find_assessment(ws, role, "mei_lin_chen.pdf")


def test_bad_scores_are_reported_together() -> None:
    with pytest.raises(InputError) as exc:
        validate_scores("production", {"prod.no_such": 3, "stack.kv_cache": 2, "prod.rollback_plan": 5,
                                        "stack.claim_listed_skill": 3, "prod.monitoring_strategy": "3.5"})
    msg = str(exc.value)
    assert "5 bad score(s)" in msg
    for part in ("prod.no_such", "belongs to stage stack", "score 5", "'3.5'"):
        assert part in msg


def test_claim_items_name_a_real_skill() -> None:
    assert validate_scores("stack", {"stack.claim_listed_skill#orchestration.kubernetes": 2}) == {
        "stack.claim_listed_skill#orchestration.kubernetes": 2}
    with pytest.raises(InputError):
        validate_scores("stack", {"stack.claim_listed_skill#nope.nope": 2})


def test_candidates_are_found_by_file_name_path_and_id_prefix(ws: Workspace, screened: tuple[RoleProfile, Assessment]) -> None:
    role, a = screened
    assert service.find_assessment(ws, role, a.document_id[:10]).document_id == a.document_id
    assert service.find_assessment(ws, role, a.file).document_id == a.document_id
    with pytest.raises(NotFoundError):
        service.find_assessment(ws, role, "nobody.pdf")


def test_summary_aggregates_latest_scores_and_flags_disagreement(ws: Workspace, screened: tuple[RoleProfile, Assessment]) -> None:
    role, a = screened
    service.record_scorecard(ws, role, a, interviewer="ana", stage="production", scores={"prod.monitoring_strategy": 1})
    service.record_scorecard(ws, role, a, interviewer="ana", stage="production",  # re-scored: the latest counts
                             scores={"prod.monitoring_strategy": 4, "prod.rollback_plan": 3})
    service.record_scorecard(ws, role, a, interviewer="ben", stage="production",
                             scores={"prod.monitoring_strategy": 2, "prod.rollback_plan": 3}, notes="vague on alerts")
    s = service.interview_summary(ws, role, a)
    items = {i.item: i for i in s.items}
    assert items["prod.monitoring_strategy"].scores == {"ana": 4, "ben": 2}
    assert items["prod.monitoring_strategy"].disagreement and items["prod.monitoring_strategy"].spread == 2
    assert not items["prod.rollback_plan"].disagreement
    assert s.disagreements == ("prod.monitoring_strategy",)
    assert s.scorecards == 2 and any("vague on alerts" in n for n in s.notes)
    assert len(scorecards(ws.engine, role.id, a.document_id, latest_only=False)) == 3  # history kept
    assert all(c.versions["bank"] == "interview-bank.v1" for c in scorecards(ws.engine, role.id, a.document_id))
    assert {st.stage: st.mean for st in s.stages}["production"] == 3.0


def test_low_interview_scores_contradict_a_checklist_item_and_cap_the_recommendation(
        ws: Workspace, screened: tuple[RoleProfile, Assessment]) -> None:
    role, a = screened
    before = {c.id: c.state for c in service.candidate_checklist(ws, role, a)}
    assert before["monitoring_pipelines"] == "evidenced"
    service.record_scorecard(ws, role, a, interviewer="ana", stage="production",
                             scores={"prod.monitoring_strategy": 1, "prod.monitoring_experience": 1, "prod.rollback_plan": 4})
    service.record_scorecard(ws, role, a, interviewer="ana", stage="stack",
                             scores={"stack.kv_cache": 4, "stack.llm_serving_engines": 4})
    rec = service.recommendation(ws, role, a)
    items = {c.id: c for c in rec.checklist}
    mon = items["monitoring_pipelines"]
    assert mon.state == "contradicted" and mon.screening_state == "evidenced"
    assert mon.resume_evidence and any(e.startswith("prod.monitoring_strategy: ana 1") for e in mon.interview_evidence)
    assert items["distributed_workflows"].interview_evidence == ()  # not probed: screening state stands
    assert rec.combined is not None and rec.combined >= 0.62  # would be hire or better ...
    assert rec.recommendation == "lean_no_hire"  # ... but the contradiction caps it
    assert any("contradict" in r for r in rec.reasons)


def test_too_few_scores_give_no_recommendation(ws: Workspace, screened: tuple[RoleProfile, Assessment]) -> None:
    role, a = screened
    service.record_scorecard(ws, role, a, interviewer="ana", stage="stack", scores={"stack.kv_cache": 4})
    rec = service.recommendation(ws, role, a)
    assert rec.recommendation == "insufficient_evidence" and rec.combined is None


def test_override_needs_a_reason_and_decisions_are_append_only(ws: Workspace, screened: tuple[RoleProfile, Assessment]) -> None:
    role, a = screened
    service.record_scorecard(ws, role, a, interviewer="ana", stage="stack",
                             scores={"stack.kv_cache": 4, "stack.llm_serving_engines": 3, "stack.gpu_utilisation": 4})
    rec = service.recommendation(ws, role, a)
    assert rec.recommendation == "strong_hire"
    other = "hire"
    with pytest.raises(InputError, match="overriding needs a reason"):
        service.decide(ws, role, a, decision=other, decided_by="lead")
    with pytest.raises(InputError, match="unknown decision"):
        service.decide(ws, role, a, decision="maybe", decided_by="lead")
    d1, _ = service.decide(ws, role, a, decision=rec.recommendation, decided_by="lead")
    d2, _ = service.decide(ws, role, a, decision=other, decided_by="lead", reason="budget allows one level only")
    assert (d1.overridden, d2.overridden) == (False, True)
    history = service.decision_history(ws, role, a)
    assert [(d.decision, d.reason) for d in history] == [("strong_hire", ""), ("hire", "budget allows one level only")]
    assert history[0].versions["bank"] == "interview-bank.v1" and history[0].versions["rules"] == "interview-rules.v1"


def test_an_existing_v01_workspace_gets_the_interview_tables(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    Workspace(db).close()
    con = sqlite3.connect(db)
    con.execute("DROP TABLE scorecards")
    con.execute("DROP TABLE decisions")
    con.execute("DELETE FROM schema_migrations WHERE name = '0002_interviews'")
    con.commit()
    con.close()
    Workspace(db).close()
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"scorecards", "decisions"} <= names
    assert [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name")] [:2] == ["0001_initial", "0002_interviews"]


# --------------------------------------------------------------------------- CLI


def cli(*args: object, code: int = 0):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


def test_cli_interview_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    resume = SAMPLES / "resumes" / "noah_fischer.txt"
    common = ("--db", db, "--as-of", "2026-11-27")
    kit = json.loads(cli("interview", "kit", INFRA, resume, "--format", "json", *common).stdout)
    ids = [q["id"] for q in kit["questions"]]
    assert "stack.claim_listed_skill#orchestration.kubernetes" in ids
    out = cli("interview", "kit", INFRA, resume, "--format", "html", "--out", tmp_path / "kit.html", *common)
    assert "-> " in out.stdout and (tmp_path / "kit.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    card = tmp_path / "card.yaml"
    card.write_text("interviewer: ana\nstage: stack\nscores:\n  stack.claim_listed_skill#orchestration.kubernetes: 1\n"
                    "  stack.cuda_basics: 2\nitem_notes:\n  stack.cuda_basics: knew the terms only\n", encoding="utf-8")
    out = cli("interview", "score", INFRA, resume, "--file", card, *common)
    assert "scorecard #1: ana, stage stack, 2 item(s)" in out.stdout
    cli("interview", "score", INFRA, "noah_fischer.txt", "-i", "ben", "-s", "stack", "--item",
        "stack.claim_listed_skill#orchestration.kubernetes=3", *common)
    bad = cli("interview", "score", INFRA, "noah_fischer.txt", "-i", "ben", "-s", "stack", "--item", "stack.kv_cache=7", *common, code=1)
    assert "not a rubric level" in bad.stderr
    summary = json.loads(cli("interview", "summary", INFRA, "noah_fischer.txt", "--json", *common).stdout)
    assert summary["summary"]["disagreements"] == ["stack.claim_listed_skill#orchestration.kubernetes"]
    assert summary["recommendation"]["recommendation"] == "insufficient_evidence"
    text = cli("interview", "summary", INFRA, "noah_fischer.txt", *common).stdout
    assert "disagree" in text and "recommendation: insufficient_evidence" in text
    refused = cli("interview", "decide", INFRA, "noah_fischer.txt", "-d", "no_hire", "--by", "lead", *common, code=1)
    assert "overriding needs a reason" in refused.stderr
    ok = cli("interview", "decide", INFRA, "noah_fischer.txt", "-d", "no_hire", "--by", "lead", "--reason", "listed tools only", *common)
    assert "overriding insufficient_evidence (listed tools only)" in ok.stdout
    check = json.loads(cli("checklist", "noah_fischer.txt", "--json", *common).stdout)
    states = {c["id"]: c["state"] for c in check["checklist"]}
    assert set(states) == {"stack_matches_goal", "deployed_models", "monitoring_pipelines", "embeddings_or_feature_stores",
                           "inference_optimization", "distributed_workflows"}
    goal = next(c for c in check["checklist"] if c["id"] == "stack_matches_goal")
    assert goal["interview_evidence"][0].startswith("stack.claim_listed_skill#orchestration.kubernetes: ana 1, ben 3")
    assert states["stack_matches_goal"] == "unknown" and "inconclusive (mean 2.00)" in goal["note"]


def test_cli_checklist_without_a_role_or_workspace_is_a_clear_error(tmp_path: Path) -> None:
    r = cli("checklist", SAMPLES / "resumes" / "noah_fischer.txt", "--db", tmp_path / "none.db", code=1)
    assert "--role" in r.stderr
    r = cli("checklist", SAMPLES / "resumes" / "noah_fischer.txt", "--role", INFRA, "--db", tmp_path / "none.db",
            "--as-of", "2026-11-27")
    assert "Has deployed models before" in r.stdout and "not probed" not in r.stdout


def test_knowledge_questions_do_not_count_as_having_deployed(ws: Workspace, screened: tuple[RoleProfile, Assessment]) -> None:
    role, a = screened
    service.record_scorecard(ws, role, a, interviewer="ana", stage="stack", scores={"stack.kv_cache": 1})
    items = {c.id: c for c in service.candidate_checklist(ws, role, a)}
    assert items["inference_optimization"].state == "contradicted"  # a knowledge item: the theory question counts
    assert items["deployed_models"].interview_evidence == () and items["deployed_models"].state == "evidenced"
    service.record_scorecard(ws, role, a, interviewer="ana", stage="production", scores={"prod.last_model_deployed": 1})
    items = {c.id: c for c in service.candidate_checklist(ws, role, a)}
    assert items["deployed_models"].state == "contradicted"
    assert items["deployed_models"].interview_evidence == ("prod.last_model_deployed: ana 1 (mean 1.00)",)


def test_reading_commands_do_not_create_a_workspace(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    for args in (("interview", "kit", INFRA, "noah_fischer.txt"), ("interview", "summary", INFRA, "noah_fischer.txt"),
                 ("interview", "decide", INFRA, "noah_fischer.txt", "-d", "hire", "--by", "x")):
        r = cli(*args, "--db", db, code=1)
        assert "no such workspace" in r.stderr
    assert not db.exists()
