"""Bias audit numbers equal fairlearn's on fixed data (1e-12); the 2% rule, unknowns, the CLI and the reports."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from stackfit.audit.impact import UNKNOWN, Person, impact
from stackfit.audit.render import to_csv

fairlearn_metrics = pytest.importorskip("fairlearn.metrics")
pd = pytest.importorskip("pandas")

SEXES = ["female", "male", "nonbinary"]
RACES = ["Asian", "Black", "Hispanic or Latino", "White", "Native Hawaiian or Pacific Islander"]


def fixed_pool(n: int = 400, seed: int = 11) -> list[Person]:
    """A fixed pool with unequal rates, one race under 2% (Pacific Islander: 6 of 400) and some unknowns."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        sex = rng.choices(SEXES + [UNKNOWN], weights=[45, 45, 6, 4])[0]
        race = RACES[4] if i % 67 == 0 else rng.choices(RACES[:4] + [UNKNOWN], weights=[25, 20, 20, 30, 5])[0]
        score = round(rng.uniform(10, 90) + (8 if sex == "male" else 0) + (5 if race == "White" else 0), 1)
        out.append(Person(f"d{i}", sex, race, selected=score >= 60, score=score))
    return out


def _fairlearn(pool: list[Person], dim: str, eligible: set[str]) -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, float]]:
    """selection and scoring rates by group with fairlearn.MetricFrame, and ratios to the best eligible group."""
    from statistics import median

    med = median(p.score for p in pool if p.score is not None)
    sf = pd.Series([p.category(dim) for p in pool], name=dim)
    frames = {}
    for key, y in (("sel", [int(p.selected) for p in pool]), ("score", [int((p.score or 0) > med) for p in pool])):
        mf = fairlearn_metrics.MetricFrame(metrics=fairlearn_metrics.selection_rate, y_true=y, y_pred=y, sensitive_features=sf)
        frames[key] = mf.by_group.to_dict()
    ratios = {}
    for key, rates in frames.items():
        best = max(v for k, v in rates.items() if k in eligible)
        ratios[key] = {k: v / best for k, v in rates.items() if k in eligible}
    return frames["sel"], ratios["sel"], frames["score"], ratios["score"]


@pytest.mark.parametrize("dim", ["sex", "race_ethnicity", "intersection"])
def test_rates_and_impact_ratios_equal_fairlearn(dim: str) -> None:
    pool = fixed_pool()
    rep = impact(pool, outcome="score >= 60")
    rows = {r.category: r for r in rep.rows if r.dimension == dim}
    eligible = {c for c, r in rows.items() if r.in_ratios}
    sel, sel_ir, scoring, scoring_ir = _fairlearn(pool, dim, eligible)
    assert set(rows) == set(sel) and len(eligible) >= 2
    for c, r in rows.items():
        assert abs(r.selection_rate - sel[c]) <= 1e-12 and r.scoring_rate is not None and abs(r.scoring_rate - scoring[c]) <= 1e-12
        if c in eligible:
            assert r.impact_ratio is not None and abs(r.impact_ratio - sel_ir[c]) <= 1e-12
            assert r.scoring_impact_ratio is not None and abs(r.scoring_impact_ratio - scoring_ir[c]) <= 1e-12
        else:
            assert r.impact_ratio is None and r.scoring_impact_ratio is None


def test_small_categories_are_shown_but_not_compared_and_unknowns_are_counted() -> None:
    pool = fixed_pool()
    rep = impact(pool, outcome="score >= 60")
    race = {r.category: r for r in rep.rows if r.dimension == "race_ethnicity"}
    pi = race["Native Hawaiian or Pacific Islander"]
    assert pi.n == 6 and pi.share < 0.02 and not pi.in_ratios and pi.impact_ratio is None and "under 2%" in pi.note
    assert rep.unknown["race_ethnicity"] == race[UNKNOWN].n > 0 and race[UNKNOWN].impact_ratio is None
    # the intersection is unknown when either part is
    assert rep.unknown["intersection"] == sum(1 for p in pool if UNKNOWN in (p.sex, p.race_ethnicity))
    assert sum(r.n for r in rep.rows if r.dimension == "intersection") == rep.n == 400
    best = max((r for r in race.values() if r.in_ratios), key=lambda r: r.selection_rate)
    assert best.impact_ratio == 1.0
    # the CSV holds every row, with the four-fifths flag
    rows = list(csv.DictReader(io.StringIO(to_csv(rep))))
    assert len(rows) == len(rep.rows) and {r["below_four_fifths"] for r in rows} == {"True", "False"}


def test_hand_computed_example() -> None:
    """4 women (2 selected), 6 men (4 selected): rates 0.5 and 0.667, impact ratio of women 0.75 (< 0.8)."""
    pool = [Person(f"w{i}", "female", "White", i < 2, score=float(50 + i)) for i in range(4)]
    pool += [Person(f"m{i}", "male", "White", i < 4, score=float(40 + 3 * i)) for i in range(6)]
    sex = {r.category: r for r in impact(pool, outcome="x").rows if r.dimension == "sex"}
    assert sex["female"].selection_rate == 0.5 and sex["male"].selection_rate == pytest.approx(4 / 6)
    assert sex["female"].impact_ratio == pytest.approx(0.75) and sex["female"].below_four_fifths()
    # median of the 10 scores is 50.5: women 51,52,53 are above (3/4), men 52,55 (2/6)
    assert sex["female"].scoring_rate == 0.75 and sex["male"].scoring_rate == pytest.approx(2 / 6)


def test_audit_command_on_the_samples(tmp_path: Path, samples: Path) -> None:
    from typer.testing import CliRunner

    from stackfit.cli import app

    run = CliRunner().invoke
    role = str(samples / "roles" / "rag_assistant.brief.yaml")
    db, out = str(tmp_path / "w.db"), tmp_path / "audit"
    assert run(app, ["screen", role, str(samples / "resumes"), "--db", db, "--out", str(tmp_path / "o"), "--as-of", "2026-11-27"]).exit_code == 0
    res = run(app, ["audit", role, "--db", db, "--out", str(out)])
    assert res.exit_code == 1 and "choose one outcome" in res.output
    res = run(app, ["audit", role, "--demographics", str(samples / "demographics.csv"), "--top", "5", "--db", db, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "15 candidates, outcome: in the top 5 of the ranking, 5 selected; unknown sex 1, race/ethnicity 1" in res.output
    html = (out / "bias_audit.html").read_text(encoding="utf-8")
    assert "four-fifths" in html and "not a verdict" in html and 'class="low"' in html
    rows = list(csv.DictReader((out / "bias_audit.csv").open(encoding="utf-8")))
    assert {r["dimension"] for r in rows} == {"sex", "race_ethnicity", "intersection"} and len(rows) == 18
    # a stage outcome: one person moved to interviewing
    assert run(app, ["candidate", "stage", "amara_okafor.md", "interviewing", "--role", role, "--by", "lead", "--db", db]).exit_code == 0
    res = run(app, ["audit", role, "--stage", "interviewing", "--db", db, "--out", str(out)])
    assert res.exit_code == 0 and "1 selected" in res.output
