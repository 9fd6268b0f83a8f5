"""The team hiring plan (Step 8) on the bundled sample resumes and teams."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from typer.testing import CliRunner

from stackfit import services
from stackfit.cli import app
from stackfit.errors import InputError
from stackfit.role import load_role
from stackfit.team.plan import saturating
from stackfit.team.schema import load_team_policy

AS_OF = date(2026, 11, 27)
runner = CliRunner()


def write_team(tmp_path: Path, samples: Path, members: list[dict], roadmap: list[dict], **extra: object) -> Path:
    for m in members:
        if "resume" in m:
            m["resume"] = str(samples / "resumes" / m["resume"])
    f = tmp_path / "TEAM.yaml"
    f.write_text(yaml.safe_dump({"name": "Test team", "members": members, "roadmap": roadmap, **extra}), encoding="utf-8")
    return f


DS_LENA = {"name": "Lena", "title": "Data Scientist", "years": 4,
           "skills": ["Python", "pandas", "scikit-learn", "statistics", "Jupyter", "SQL", "XGBoost"]}


def test_two_data_scientists_planning_production_hire_infrastructure_first(samples: Path) -> None:
    plan = services.team_plan(samples / "teams" / "data_science_to_production.yaml", as_of=AS_OF)
    assert [m.profile for m in plan.members] == ["data_scientist", "data_scientist"]
    assert [h.hire for h in plan.hires] == ["infrastructure_engineer", "mlops_specialist"]
    first = plan.hires[0]
    assert first.role.profile == "ai_infrastructure_engineer" and first.role.stage == "production"
    assert "deployment 0 < 60" in first.reason and first.reason.endswith("First: the earliest stage the team cannot cover yet.")
    applied = next(d for d in plan.decisions if d.hire == "applied_ml_engineer")
    assert applied.covered and "Sofia Rossi (data_scientist" in applied.reason
    production = next(g for g in plan.phases if g.stage == "production")
    assert set(production.layers_missing) == {"deployment", "infrastructure"}
    assert production.hires_needed == ("infrastructure_engineer",)


def test_out_of_order_planned_hire_warns(samples: Path) -> None:
    plan = services.team_plan(samples / "teams" / "data_science_to_production.yaml", as_of=AS_OF)
    assert any(w.startswith("out of order: MLOps specialist planned in phase 2 (production)") for w in plan.warnings)
    assert any("before the infrastructure engineer, which the team still needs" in w for w in plan.warnings)


def test_in_order_roadmap_has_no_warnings(samples: Path, tmp_path: Path) -> None:
    f = write_team(tmp_path, samples, [{"name": "Sofia", "resume": "sofia_rossi.docx"}, dict(DS_LENA)],
                   [{"stage": "production", "order": 1, "planned_hires": ["infrastructure_engineer"]},
                    {"stage": "scaling", "order": 2, "planned_hires": ["mlops_specialist"]}])
    assert services.team_plan(f, as_of=AS_OF).warnings == ()


def test_team_covering_infrastructure_gets_the_next_hire(samples: Path, tmp_path: Path) -> None:
    f = write_team(tmp_path, samples, [{"name": "Sofia", "resume": "sofia_rossi.docx"},
                                       {"name": "Mei", "resume": "mei_lin_chen.pdf"}],
                   [{"stage": "production", "date": "2027-01-01"}, {"stage": "scaling", "date": "2027-09-01"}])
    plan = services.team_plan(f, as_of=AS_OF)
    infra = next(d for d in plan.decisions if d.hire == "infrastructure_engineer")
    assert infra.covered and "Mei (ai_infrastructure_engineer" in infra.reason
    assert [h.hire for h in plan.hires] == ["mlops_specialist"]
    assert "drift_detection" in plan.hires[0].reason


def test_roadmap_only_to_production_does_not_hire_for_scaling(samples: Path, tmp_path: Path) -> None:
    f = write_team(tmp_path, samples, [{"name": "Sofia", "resume": "sofia_rossi.docx"}], [{"stage": "production"}])
    assert [h.hire for h in services.team_plan(f, as_of=AS_OF).hires] == ["infrastructure_engineer"]


def test_llm_team_gets_an_llm_integration_profile_for_the_applied_hire(samples: Path) -> None:
    plan = services.team_plan(samples / "teams" / "llm_prototype.yaml", as_of=AS_OF)
    assert [h.hire for h in plan.hires] == ["applied_ml_engineer"]
    assert plan.hires[0].profile == plan.hires[0].role.profile == "llm_integration_engineer"
    assert "integrates models" in plan.hires[0].reason


def test_backwards_roadmap_warns(samples: Path, tmp_path: Path) -> None:
    f = write_team(tmp_path, samples, [dict(DS_LENA)], [{"stage": "scaling", "order": 1}, {"stage": "production", "order": 2}])
    assert any(w.startswith("roadmap: phase 2 (production) comes after a scaling phase") for w in services.team_plan(f, as_of=AS_OF).warnings)


def test_unknown_declared_skill_is_a_typed_error_with_close_matches(samples: Path, tmp_path: Path) -> None:
    f = write_team(tmp_path, samples, [{"name": "Ana", "skills": ["Python", "scikit-lern"]}], [{"stage": "prototype"}])
    with pytest.raises(InputError) as exc:
        services.team_plan(f, as_of=AS_OF)
    assert exc.value.path == str(f)
    assert "member 'Ana': skill 'scikit-lern' is not in the taxonomy" in exc.value.message
    assert "scikit-learn" in exc.value.hint


@pytest.mark.parametrize(("change", "expect"), [
    ({"roadmap": [{"stage": "prototype", "planned_hires": ["ceo"]}]}, "unknown planned hire 'ceo'"),
    ({"roadmap": [{"stage": "launch"}]}, "roadmap.0.stage"),
    ({"members": [{"name": "X"}]}, "give either resume"),
    ({"members": [{"name": "X", "resume": "missing.pdf"}]}, "resume 'missing.pdf' not found"),
    ({"timezone": "Mars/Olympus"}, "unknown time zone"),
    ({"hours": "9 to 5"}, "is not a time range"),
    ({"members": [{**DS_LENA, "location": "Atlantis Nowhere"}]}, "member 'Lena': cannot place 'Atlantis Nowhere'"),
])
def test_bad_team_files_are_input_errors(tmp_path: Path, change: dict, expect: str) -> None:
    data = {"name": "T", "members": [dict(DS_LENA)], "roadmap": [{"stage": "prototype"}], **change}
    f = tmp_path / "TEAM.yaml"
    f.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        services.team_plan(f, as_of=AS_OF)
    assert expect in exc.value.message


def test_saturating_sum() -> None:
    assert saturating([60, 60]) == 84.0
    assert saturating([60, 0]) == 60.0
    assert saturating([]) == 0.0


def test_policy_file_loads_and_follows_the_guide_order() -> None:
    p = load_team_policy()
    assert [h.id for h in p.hires] == ["applied_ml_engineer", "infrastructure_engineer", "mlops_specialist"]
    assert [h.profile for h in p.hires] == ["ml_engineer", "ai_infrastructure_engineer", "mlops_engineer"]


def test_plan_is_deterministic(samples: Path) -> None:
    f = samples / "teams" / "data_science_to_production.yaml"
    a = runner.invoke(app, ["team", "plan", str(f), "--format", "json", "--as-of", "2026-11-27"])
    b = runner.invoke(app, ["team", "plan", str(f), "--format", "json", "--as-of", "2026-11-27"])
    assert a.exit_code == 0 and a.stdout == b.stdout
    html = [runner.invoke(app, ["team", "plan", str(f), "--format", "html", "--as-of", "2026-11-27"]).stdout for _ in range(2)]
    assert html[0] == html[1]  # the embedded PNG carries no timestamp
    data = json.loads(a.stdout)
    assert data["hires"][0]["hire"] == "infrastructure_engineer" and data["hires"][0]["role"]["profile"] == "ai_infrastructure_engineer"


def test_cli_html_has_chart_and_saved_roles_screen(samples: Path, tmp_path: Path) -> None:
    f = samples / "teams" / "data_science_to_production.yaml"
    out, roles = tmp_path / "plan.html", tmp_path / "roles"
    r = runner.invoke(app, ["team", "plan", str(f), "--format", "html", "--out", str(out), "--roles-dir", str(roles),
                            "--as-of", "2026-11-27"])
    assert r.exit_code == 0, r.output
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    img = page.xpath("//img")[0].get("src")
    assert img.startswith("data:image/png;base64,iVBOR")
    assert [li.text_content().split(" (")[0] for li in page.xpath("//h2[.='Recommended hires']/following-sibling::ol[1]/li")] \
        == ["Infrastructure engineer", "MLOps specialist"]
    saved = sorted(p.name for p in roles.iterdir())
    assert saved == ["1-infrastructure_engineer.yaml", "2-mlops_specialist.yaml"]
    role = load_role(roles / saved[0])
    assert role.profile == "ai_infrastructure_engineer"


def test_cli_terminal_and_markdown(samples: Path) -> None:
    f = samples / "teams" / "data_science_to_production.yaml"
    r = runner.invoke(app, ["team", "plan", str(f), "--as-of", "2026-11-27"])
    assert r.exit_code == 0
    assert "1. Infrastructure engineer (ai_infrastructure_engineer)" in r.stdout
    assert "warning: out of order: MLOps specialist" in r.stdout
    md = runner.invoke(app, ["team", "plan", str(f), "--format", "md", "--as-of", "2026-11-27"]).stdout
    assert md.startswith("# Hiring plan: Forecasting team") and "| deployment | 0 | " in md


def test_cli_bad_team_file_exits_1_with_one_line(tmp_path: Path) -> None:
    f = tmp_path / "TEAM.yaml"
    f.write_text("name: T\nmembers: []\nroadmap: []\n", encoding="utf-8")
    r = runner.invoke(app, ["team", "plan", str(f)])
    assert r.exit_code == 1 and "not a valid team file" in r.stderr
