"""`stackfit role new`: the guide's Step 1 questions answered at the terminal give the same
RoleProfile as the same answers written in a brief file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from stackfit.cli import app
from stackfit.role import Brief, from_brief

runner = CliRunner()


def test_role_new_equals_the_brief_with_the_same_answers(tmp_path: Path) -> None:
    out = tmp_path / "role.yaml"
    answers = "\n".join([
        "Edge vision engineer",   # title
        "bogus, computer vision",  # unknown system: asked again
        "computer_vision, edge_deployment",
        "tr",                     # unique prefix of "train"
        "edge",
        "y",                      # real-time
        "n",                      # privacy
        "sc",                     # scaling
    ]) + "\n"
    r = runner.invoke(app, ["role", "new", "--out", str(out)], input=answers)
    assert r.exit_code == 0, r.output + r.stderr
    assert "unknown: bogus" in r.stderr
    saved = yaml.safe_load(out.read_text())
    expected = from_brief(Brief(title="Edge vision engineer", systems=("computer_vision", "edge_deployment"), models="train",
                                deployment="edge", real_time=True, privacy_sensitive=False, stage="scaling"))
    assert saved["source"] == "interactive"
    assert {k: v for k, v in saved.items() if k != "source"} == {
        k: v for k, v in json.loads(expected.model_dump_json()).items() if k != "source"}
    assert saved["constraints"] == {"edge": True, "real_time": True, "privacy": False}
    assert saved["profile"] == "ai_infrastructure_engineer"


def test_role_new_rejects_an_answer_outside_the_options(tmp_path: Path) -> None:
    answers = "T\nrag\nmaybe\nintegrate\n\nn\nn\n\n"
    r = runner.invoke(app, ["role", "new", "--out", str(tmp_path / "r.yaml"), "--json"], input=answers)
    assert r.exit_code == 0, r.stderr
    assert "answer one of: integrate, train, both" in r.stderr
    assert "Are we training models" in r.stderr and "Are we training models" not in r.stdout  # questions on stderr
    role = json.loads(r.stdout[r.stdout.index("{"):])  # CliRunner echoes the typed answers to stdout first
    assert role["profile"] == "llm_integration_engineer" and role["stage"] == "production"
