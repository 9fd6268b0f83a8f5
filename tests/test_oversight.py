"""Human oversight through the CLI: explanations for candidates, the notice, erasure and the audit log."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackfit.cli import app

run = CliRunner().invoke


@pytest.fixture
def ws(tmp_path: Path, samples: Path) -> tuple[str, str, Path]:
    shutil.copytree(samples / "resumes", tmp_path / "resumes")
    role, db, out = str(samples / "roles" / "inference_platform.jd.txt"), str(tmp_path / "w.db"), tmp_path / "out"
    res = run(app, ["screen", role, str(tmp_path / "resumes"), "--db", db, "--out", str(out), "--as-of", "2026-11-27"])
    assert res.exit_code == 0, res.output
    return role, db, out


def test_report_says_machine_generated_and_how_to_override(ws: tuple[str, str, Path]) -> None:
    html = (ws[2] / "report.html").read_text(encoding="utf-8")
    assert "machine-generated" in html and "No candidate is rejected automatically" in html
    assert "stackfit candidate stage CANDIDATE interviewing --role" in html and 'class="ev ' in html


def test_explanation_lists_matched_and_missing_requirements_with_text(ws: tuple[str, str, Path]) -> None:
    role, db, _ = ws
    res = run(app, ["candidate", "explain", "mei_lin_chen.pdf", "--role", role, "--format", "json", "--db", db])
    assert res.exit_code == 0, res.output
    e = json.loads(res.output)
    assert e["score"] == 90.7 and len(e["matched_requirements"]) + len(e["missing_requirements"]) == 14  # 13 skills + 4 years
    assert "machine" in e["machine_generated"] and "review" in e["review"]
    shown = [r for r in e["matched_requirements"] if r["shown_in_experience"]]
    assert len(shown) == 12 and all(r["supporting_text"] and "\n" not in r["supporting_text"] for r in shown)
    cuda = next(r for r in e["matched_requirements"] if r["skill"] == "CUDA")
    assert cuda["supporting_text"].startswith("- Tuned CUDA graphs") and cuda["strength"] in ("used", "built", "led")
    python = next(r for r in e["matched_requirements"] if r["skill"] == "Python")
    assert not python["shown_in_experience"] and python["supporting_text"] == "- Languages: Python, C++, Go"
    md = run(app, ["candidate", "explain", "mei_lin_chen.pdf", "--role", role, "--db", db]).output
    assert md.startswith("# Why this result") and "## Required skills not found" in md and "score 91/100" in md
    html = run(app, ["candidate", "explain", "mei_lin_chen.pdf", "--role", role, "--format", "html", "--db", db]).output
    assert html.startswith("<!doctype html>") and "<h2>Required skills found</h2>" in html
    blind = run(app, ["candidate", "explain", "mei_lin_chen.pdf", "--role", role, "--format", "json", "--blind", "--db", db]).output
    assert "Mei Lin" not in blind and "meilin" not in blind and json.loads(blind)["file"].startswith("C-")
    bad = run(app, ["candidate", "explain", "nobody.pdf", "--role", role, "--db", db])
    assert bad.exit_code == 1 and "no candidate 'nobody.pdf'" in bad.output


def test_notice_names_the_tool_what_it_assesses_retention_and_alternative(samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STACKFIT_RETENTION_DAYS", "180")
    monkeypatch.setenv("STACKFIT_CONTACT", "hiring@example.com")
    res = run(app, ["notice", str(samples / "roles" / "rag_assistant.brief.yaml")])
    assert res.exit_code == 0, res.output
    t = res.output
    assert "automated employment decision tool" in t and "retrieval-augmented generation" in t
    assert "erased 180 days after" in t and "write to hiring@example.com" in t and "alternative process" in t.lower()
    monkeypatch.setenv("STACKFIT_RETENTION_DAYS", "zero")
    bad = run(app, ["notice", str(samples / "roles" / "rag_assistant.brief.yaml")])
    assert bad.exit_code == 1 and "invalid settings: retention_days" in bad.output


def test_delete_stage_and_log_commands(ws: tuple[str, str, Path], tmp_path: Path) -> None:
    role, db, out = ws
    res = run(app, ["candidate", "stage", "grace_kim.txt", "rejected", "--role", role, "--by", "lead", "--db", db])
    assert res.exit_code == 1 and "a rejection needs a reason" in res.output
    res = run(app, ["candidate", "stage", "grace_kim.txt", "rejected", "--role", role, "--by", "lead", "--reason", "no ML", "--db", db])
    assert res.exit_code == 0 and "screened → rejected" in res.output
    dry = run(app, ["candidate", "delete", "grace_kim.txt", "--db", db])
    assert dry.exit_code == 0 and "add --yes" in dry.output and (out / "report.html").exists()
    res = run(app, ["candidate", "delete", "grace_kim.txt", "--yes", "--reports", str(out), "--db", db])
    assert res.exit_code == 0 and "erased candidate" in res.output and "documents 1" in res.output and not (out / "report.html").exists()
    assert run(app, ["candidate", "delete", "grace_kim.txt", "--yes", "--db", db]).exit_code == 1
    v = run(app, ["audit-log", "verify", "--db", db])
    assert v.exit_code == 0 and "audit log intact: 17 entries" in v.output
    shown = run(app, ["audit-log", "show", "--action", "erasure", "--db", db]).output
    assert "erasure" in shown and "Grace" not in shown
    assert run(app, ["purge", "--older-than", "30", "--db", db]).output.startswith("would erase 0 candidate(s) older than 30 days")
