"""Keyword stuffing does not pay: for every sample resume and sample role, appending the role's
skill list ten times or pasting a job description moves the score by at most 2 points of 100,
and the stuffing is flagged."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from stackfit import services
from stackfit.datafiles import package_data
from stackfit.models import CandidateProfile
from stackfit.parse import parse_file, parse_text
from stackfit.score import assess, profile_document
from stackfit.taxonomy import load_taxonomy

AS_OF = date(2026, 11, 27)
SAMPLES = package_data("samples")
RESUMES = sorted(p.name for p in (SAMPLES / "resumes").iterdir())
ROLES = sorted(p.name for p in (SAMPLES / "roles").iterdir())
JDS = [r for r in ROLES if ".jd." in r]
MAX_GAIN = 2.0


@cache
def resume_text(name: str) -> str:
    return parse_file(SAMPLES / "resumes" / name).text


@cache
def role(name: str):
    return services.load_role_file(SAMPLES / "roles" / name)


def profile(text: str, name: str) -> CandidateProfile:
    return profile_document(parse_text(text, name), as_of=AS_OF)


def skill_list(role_name: str) -> str:
    r = role(role_name)
    tax = load_taxonomy()
    ids = dict.fromkeys((*r.must_have, *(i for g in r.any_of for i in g), *r.nice_to_have))
    return ", ".join(tax.skills[i].name for i in ids)


@pytest.mark.parametrize("resume", RESUMES)
def test_skill_list_ten_times_does_not_pay(resume):
    text = resume_text(resume)
    base = profile(text, resume)
    for role_name in ROLES:
        stuffed_text = text + "\n\nSkills\n" + "\n".join([skill_list(role_name)] * 10)
        stuffed = profile(stuffed_text, resume)
        r = role(role_name)
        before, after = assess(base, r).score, assess(stuffed, r).score
        assert after - before <= MAX_GAIN, (role_name, before, after)
        assert "integrity.stuffing" in {f.id for f in assess(stuffed, r).flags}


@pytest.mark.parametrize("resume", RESUMES)
@pytest.mark.parametrize("jd", JDS)
def test_pasted_job_description_does_not_pay(resume, jd):
    text = resume_text(resume)
    base = profile(text, resume)
    stuffed = profile(text + "\n\n" + (SAMPLES / "roles" / jd).read_text(encoding="utf-8"), resume)
    assert any(f.reason == "job_description_text" for f in stuffed.integrity)
    for role_name in ROLES:
        r = role(role_name)
        before, after = assess(base, r).score, assess(stuffed, r).score
        assert after - before <= MAX_GAIN, (role_name, before, after)


def test_a_skill_list_once_still_counts():
    """The exclusion is for repeats: the same list once is an ordinary Skills section and earns listed credit."""
    text = resume_text("grace_kim.txt")
    r = role("inference_platform.jd.txt")
    before = assess(profile(text, "g.txt"), r).score
    once = assess(profile(text + "\n\nSkills\n" + skill_list("inference_platform.jd.txt"), "g.txt"), r)
    assert once.score > before + MAX_GAIN
    assert not any(f.kind == "integrity" for f in once.flags)


def test_sample_resumes_raise_no_integrity_flags():
    for name in RESUMES:
        c = profile_document(parse_file(SAMPLES / "resumes" / name), as_of=AS_OF)
        assert c.integrity == (), name
