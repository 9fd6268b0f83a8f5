"""Degree requirements: what a job description's line asks for, what a resume's education states, and the credit."""

from __future__ import annotations

from datetime import date

import pytest

from stackfit.extract.degrees import degree_credit, degree_requirement, degrees_held, find_degrees, load_degree_rules
from stackfit.parse import parse_text
from stackfit.role.jd import from_jd
from stackfit.score.candidate import profile_document
from stackfit.score.match import assess
from stackfit.score.view import ScoringView, view_from_json

AS_OF = date(2026, 11, 27)


@pytest.mark.parametrize(("line", "level", "fields", "related", "equivalent"), [
    ("Bachelor's degree in Computer Science, Statistics, Mathematics, or a related field", "bachelor",
     (("comput", "scienc"), ("statist",), ("mathemat",)), True, False),
    ("MS or PhD in Machine Learning, Statistics or a related quantitative field", "master",
     (("machin", "learn"), ("statist",)), True, False),
    ("BS/MS in Computer Science or equivalent practical experience", "bachelor", (("comput", "scienc"),), True, True),
    ("A degree in Electrical Engineering, Mechanical Engineering, or Computer Science", "bachelor",
     (("electr", "engin"), ("mechan", "engin"), ("comput", "scienc")), False, False),
    ("Ph.D. in Computer Vision", "doctorate", (("comput", "vision"),), False, False),
    ("High school diploma or GED", "high_school", (), False, False),
    ("M.Sc. in Physics with a thesis on optics", "master", (("physic",),), False, False),
    ("MS/PhD in CS, EE, or Statistics", "master", (("comput", "scienc"), ("electr", "engin"), ("statist",)), False, False),
    ("PhD in ML or 2+ years of industry research experience", "doctorate", (("machin", "learn"),), False, True),
])
def test_degree_requirement_lines(line: str, level: str, fields: tuple[tuple[str, ...], ...], related: bool,
                                  equivalent: bool) -> None:
    ask = degree_requirement(line)
    assert ask is not None
    assert (ask.level, ask.fields, ask.related, ask.equivalent) == (level, fields, related, equivalent)


@pytest.mark.parametrize("line", [
    "Proficient in MS Office and MS Excel",
    "Scrum Master certification",
    "Master of Oracle databases.",
    "High degree of manual dexterity",
    "5 years as a Secondary school teacher",
    "Proficiency with BA (Business Analytics)",
    "Strong SQL and MS SQL Server skills",
])
def test_lines_that_name_no_degree(line: str) -> None:
    assert find_degrees(line) == []
    assert degree_requirement(line) is None


def test_abbreviations_alone_are_degrees_only_in_an_education_section() -> None:
    line = "MSc Data Science, University of Leeds, 2019"
    assert find_degrees(line) == []
    (found,) = find_degrees(line, education=True)
    assert load_degree_rules().levels[found.level].id == "master"
    text = "Education\nMSc Data Science, University of Leeds\nBSc Physics\n"
    held = degrees_held(text, [(0, len(text))])
    assert [(h.level, text[h.start:h.start + 3]) for h in held] == [("master", "MSc"), ("bachelor", "BSc")]
    assert {"data", "scienc"} <= set(held[0].terms)


JD = """Machine Learning Engineer

Requirements
- 3+ years building and deploying models with Python and PyTorch
- MS or PhD in Computer Science, Statistics or a related field

Responsibilities
- Train and deploy models for search ranking
"""

RESUME = """Jane Doe

Experience
Machine Learning Engineer, Acme, 2018 - 2024
- Built and deployed PyTorch ranking models in Python.

Education
{education}
"""


def _score(education: str) -> tuple[float, float]:
    role = from_jd(parse_text(JD, "jd.md", "text/markdown"))
    cand = profile_document(parse_text(RESUME.format(education=education), "r.md", "text/markdown"), as_of=AS_OF)
    a = assess(cand, role)
    (req,) = [r for r in a.must_have.requirements if r.name.startswith("MS or PhD")]
    return a.score, req.credit


def test_a_degree_line_is_a_requirement_of_level_and_field_not_skills() -> None:
    role = from_jd(parse_text(JD, "jd.md", "text/markdown"))
    (deg,) = [o for o in role.open_requirements if o.degree]
    assert (deg.degree, deg.fields, deg.related) == ("master", (("comput", "scienc"), ("statist",)), True)
    assert "ml-concepts.statistics" not in role.must_have  # a field of study, not a skill to show in experience


def test_degree_credit_orders_candidates_by_level_and_field() -> None:
    rules = load_degree_rules()
    phd, msc_stats, msc_other, ba, none = (_score(e) for e in (
        "PhD Computer Science, ETH Zurich, 2018", "M.Sc. Statistics, University of Leeds, 2017",
        "M.A. History, University of Leeds, 2017", "B.A. History, University of Leeds, 2015", ""))
    assert phd[1] == msc_stats[1] == rules.field_credit
    assert msc_other[1] == rules.related_credit  # the line allows a related field
    assert ba[1] == rules.lower_level_credit
    assert none[1] == 0.0
    assert min(phd[0], msc_stats[0]) > msc_other[0] > ba[0] > none[0]


def test_a_role_without_a_degree_line_scores_education_alike() -> None:
    jd = JD.replace("- MS or PhD in Computer Science, Statistics or a related field\n", "")
    role = from_jd(parse_text(jd, "jd.md", "text/markdown"))
    scores = {assess(profile_document(parse_text(RESUME.format(education=e), "r.md", "text/markdown"), as_of=AS_OF),
                     role).score for e in ("PhD Computer Science", "B.A. History")}
    assert not any(o.degree for o in role.open_requirements)
    assert len(scores) == 1


def test_the_scoring_view_keeps_degrees() -> None:
    cand = profile_document(parse_text(RESUME.format(education="M.Sc. Statistics"), "r.md", "text/markdown"), as_of=AS_OF)
    assert [d.level for d in cand.degrees] == ["master"]
    view = ScoringView.of(cand)
    back = view_from_json(view.to_json())
    assert back is not None and back[0] == view


def test_degree_rules_are_ordered_levels_and_credits() -> None:
    rules = load_degree_rules()
    ids = [lv.id for lv in rules.levels]
    assert ids == ["high_school", "associate", "bachelor", "master", "doctorate"]
    assert rules.field_credit >= rules.related_credit >= rules.other_field_credit >= rules.lower_level_credit > 0


def test_field_abbreviations_in_a_resume_meet_the_field_written_out() -> None:
    text = "Education\nMS EE, MIT, 2016\n"
    ask = degree_requirement("Master's degree in Electrical Engineering or Physics")
    assert ask is not None
    assert degree_credit(ask, degrees_held(text, [(0, len(text))])) == (load_degree_rules().field_credit, 10)


@pytest.mark.parametrize(("line", "wanted"), [
    ("BS in Computer Science required, MS preferred", "BS in Computer Science required, "),
    ("Bachelor's degree in CS, Statistics, or Math required; Master's or PhD preferred",
     "Bachelor's degree in CS, Statistics, or Math required; "),
    ("MS preferred, or BS in Statistics and 3+ years of experience", "BS in Statistics and 3+ years of experience"),
    ("BS/MS in Computer Science (MS preferred)", "BS/MS in Computer Science ("),
    ("Bachelor's or Master's degree in Computer Science preferred", None),  # one alternative, all of it preferred
    ("Bachelor's degree in CS, Statistics, or Math preferred", None),
    ("BS in Computer Science required; experience with PyTorch a plus", None),  # the marker is not a degree's
    ("Familiarity with PyTorch; BS in Computer Science", None),
    ("MS or PhD in Computer Science", "MS or PhD in Computer Science"),  # no marker: the whole line
])
def test_only_the_required_degree_of_a_line_with_a_preferred_one_counts(line: str, wanted: str | None) -> None:
    from stackfit.extract.degrees import required_degree_text
    from stackfit.role.jd import load_role_rules

    nice = load_role_rules().jd["nice_line"]
    assert required_degree_text(line, nice) == wanted


def test_bs_required_ms_preferred_asks_for_the_bachelor() -> None:
    jd = JD.replace("- MS or PhD in Computer Science, Statistics or a related field",
                    "- BS in Computer Science or Statistics required, MS or PhD preferred")
    role = from_jd(parse_text(jd, "jd.md", "text/markdown"))
    (deg,) = [o for o in role.open_requirements if o.degree]
    assert (deg.degree, deg.fields) == ("bachelor", (("comput", "scienc"), ("statist",)))
    cand = {e: profile_document(parse_text(RESUME.format(education=e), "r.md", "text/markdown"), as_of=AS_OF)
            for e in ("B.Sc. Computer Science", "B.A. History")}
    assert assess(cand["B.Sc. Computer Science"], role).score > assess(cand["B.A. History"], role).score
