"""The bundled synthetic samples screened against the bundled roles: the intended outcomes in
``samples/expected.yaml`` (written with the samples, before the scorer was tuned) must hold."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

from stackfit import services
from stackfit.datafiles import package_data
from stackfit.models import Assessment
from stackfit.parse import parse_file
from stackfit.score import assess, profile_document

AS_OF = date(2026, 11, 27)
SAMPLES = package_data("samples")
EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text())
RESUMES = sorted((SAMPLES / "resumes").iterdir())


@cache
def candidates():
    return {p.name: profile_document(parse_file(p), as_of=AS_OF) for p in RESUMES}


@cache
def ranking(role_file: str) -> list[tuple[str, Assessment]]:
    role = services.load_role_file(SAMPLES / "roles" / role_file)
    out = [(name, assess(c, role)) for name, c in candidates().items()]
    return sorted(out, key=lambda x: (-x[1].score, x[0]))


@pytest.mark.parametrize("role_file", sorted(EXPECTED["roles"]))
def test_role_profile(role_file):
    role = services.load_role_file(SAMPLES / "roles" / role_file)
    assert role.profile == EXPECTED["roles"][role_file]["profile"]


@pytest.mark.parametrize("role_file", sorted(EXPECTED["roles"]))
def test_first_and_top3(role_file):
    exp = EXPECTED["roles"][role_file]
    names = [n for n, _ in ranking(role_file)]
    assert names[0] == exp["first"], names
    assert set(names[:3]) == set(exp["top3"]), names


@pytest.mark.parametrize("role_file", sorted(EXPECTED["roles"]))
def test_below_top3(role_file):
    exp = EXPECTED["roles"][role_file]
    scores = dict((n, a.score) for n, a in ranking(role_file))
    floor = min(scores[n] for n in exp["top3"])
    above = [n for n in exp["below_top3"] if scores[n] >= floor]
    assert not above, f"should rank below the top 3 (lowest top-3 score {floor}): {[(n, scores[n]) for n in above]}"


@pytest.mark.parametrize("role_file", sorted(EXPECTED["flags"]))
def test_expected_flags_raised(role_file):
    got = {n: {f.id for f in a.flags} for n, a in ranking(role_file)}
    missing = {n: sorted(set(ids) - got[n]) for n, ids in EXPECTED["flags"][role_file].items() if set(ids) - got[n]}
    assert not missing, missing


@pytest.mark.parametrize("role_file", sorted(EXPECTED["roles"]))
def test_unflagged(role_file):
    got = {n: [f.id for f in a.flags] for n, a in ranking(role_file)}
    wrong = {n: got[n] for n in EXPECTED["roles"][role_file]["unflagged"] if got[n]}
    assert not wrong, wrong


@pytest.mark.parametrize("resume", sorted(EXPECTED["profiles"]))
def test_candidate_profiles(resume):
    c = candidates()[resume]
    assert c.profile == EXPECTED["profiles"][resume], (c.profile, c.fit, c.profile_reasons)


def test_keyword_stuffer_has_only_listed_evidence():
    c = candidates()["noah_fischer.txt"]
    ai = [s for s in c.skills if s.layer in ("model", "infrastructure")]
    assert ai and all(s.strength == "listed" for s in ai)
    assert max(c.layers["model"], c.layers["infrastructure"]) < 30


def test_every_sample_is_parsed_with_experience(samples: Path):
    for p in RESUMES:
        doc = parse_file(p)
        kinds = {s.kind for s in doc.sections}
        assert "experience" in kinds, (p.name, kinds)
