"""Requirements stated in words the taxonomy does not know, and "at least N years"."""

from __future__ import annotations

from datetime import date

import pytest

from stackfit.parse import parse_text
from stackfit.role.jd import from_jd
from stackfit.score.candidate import profile_document
from stackfit.score.match import assess

JD = """# Head Baker

## Required Skills
* Mastered artisan baking techniques for bread and pastries
* Meticulous attention to detail
* Food safety certification (HACCP)

## Required Experience
Candidates must have at least 3 years of prior experience as a baker in a bakery or pastry shop.

## Benefits
* Free bread
"""

GOOD = """# Juliette Marchand
## Skills
- Artisan bread and pastries, laminated doughs
- Attention to detail in every bake
- Food safety: HACCP certification
## Experience
Head Baker, Boulangerie du Coin
2019 - 2023
- Baked artisan bread and pastries daily using traditional techniques.
"""

WEAK = """# Paul Martin
## Skills
- Customer service
## Experience
Barista, Coffee House
2022 - 2023
- Served coffee and pastries.
"""

AS_OF = date(2024, 1, 1)


def _role():
    return from_jd(parse_text(JD, "baker.md", "text/markdown"))


def test_jd_keeps_requirement_lines_without_taxonomy_skills_and_min_years() -> None:
    role = _role()
    assert role.must_have == ()
    texts = [r.text for r in role.open_requirements]
    assert texts[0] == "Mastered artisan baking techniques for bread and pastries"
    assert "Meticulous attention to detail" in texts
    assert not any("Free bread" in t for t in texts)  # benefits are not requirements
    assert role.min_years == 3
    assert any(r.field == "min_years" for r in role.reasons)


@pytest.mark.parametrize(("text", "years"), [
    ("5+ years of Python", 5), ("3-5 years in production ML", 3), ("minimum of two years", 2),
    ("at least 4 yrs experience", 4), ("Founded 120 years ago", None), ("a 25 year old company", None),
])
def test_min_years_phrases(text: str, years: float | None) -> None:
    role = from_jd(parse_text(f"# Role\n## Requirements\n- {text}\n", "r.md", "text/markdown"))
    assert role.min_years == years


def test_open_requirements_and_years_separate_a_matching_resume_from_a_weak_one() -> None:
    role = _role()
    doc = parse_text(GOOD, "good.md", "text/markdown")
    good = assess(profile_document(doc, as_of=AS_OF), role)
    weak = assess(profile_document(parse_text(WEAK, "weak.md", "text/markdown"), as_of=AS_OF), role)
    assert good.score > weak.score + 30
    reqs = {r.skill_id: r for r in good.must_have.requirements}
    assert reqs["years"].met and reqs["years"].credit == 1.0
    assert not {r.skill_id: r for r in weak.must_have.requirements}["years"].met
    first = reqs["open:1"]
    assert first.met and first.evidence_start is not None
    assert doc.text[first.evidence_start:].lower().startswith(("artisan", "bread", "pastries", "techniques"))
    # a role that names no AI-stack skill weighs its stated requirements and, in the profile's place,
    # how much of its title ("Head Baker") the candidate's job headings share
    weights = {c.id: c.weight for c in good.components}
    assert weights["layers"] == weights["production"] == 0.0 and weights["profile"] > 0
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-3)
    assert {c.id: c.value for c in good.components}["profile"] == 1.0  # "Head Baker, Boulangerie du Coin"
    assert {c.id: c.value for c in weak.components}["profile"] == 0.0  # "Barista, Coffee House"


def test_unknown_items_of_a_skill_list_become_requirements() -> None:
    jd = "# Systems Engineer\n## Requirements\n- Tools: Git, Subversion, DNS, network architecture\n- Python for automation\n"
    role = from_jd(parse_text(jd, "sys.md", "text/markdown"))
    assert {"DNS", "network architecture"} <= {r.text for r in role.open_requirements}
    assert not any("Python" in r.text for r in role.open_requirements)  # not a list: nothing extra


def test_years_in_the_named_work_count_for_a_years_line() -> None:
    role = _role()
    req = role.open_requirements[-1]
    assert req.years == 3 and "baker" in req.terms
    short = GOOD.replace("2019 - 2023", "2022 - 2023")
    long_ = assess(profile_document(parse_text(GOOD, "a.md", "text/markdown"), as_of=AS_OF), role)
    brief = assess(profile_document(parse_text(short, "b.md", "text/markdown"), as_of=AS_OF), role)
    key = f"open:{len(role.open_requirements)}"
    a = {r.skill_id: r for r in long_.must_have.requirements}[key]
    b = {r.skill_id: r for r in brief.must_have.requirements}[key]
    assert a.credit > b.credit and not b.met
    assert long_.score > brief.score


def test_indented_markdown_headings_are_read_as_sections() -> None:
    # a whole job description indented by a tab: the Markdown reader keeps "## ..." as text
    jd = ("\t## Job title\n\tSkincare Specialist\n\n\t## Required Skills\n\t- Strong knowledge of skincare products\n"
          "\t- Proficient sales skills\n\n\t## Required Experience\n\t- At least 1 year of experience as a Skincare Specialist\n\n"
          "\t## Responsibilities\n\t- Following up with clients regarding their routine\n")
    role = from_jd(parse_text(jd, "skin.md", "text/markdown"))
    assert role.title == "Skincare Specialist"
    texts = [r.text for r in role.open_requirements]
    assert texts[:2] == ["Strong knowledge of skincare products", "Proficient sales skills"]
    assert "At least 1 year of experience as a Skincare Specialist" in texts  # its leading number is kept
    assert not any("clients" in t for t in texts)  # responsibilities are not requirements
    assert "skills under requirement headings" in next(r.text for r in role.reasons if r.field == "must_have")


@pytest.mark.parametrize("jd", [
    # one line per section, the items after the label
    "Job Title: Head Cook\n\nJob Summary: You will cook for our guests.\n\n"
    "Required Skills: Food Safety, Recipe Following, Menu Planning, Inventory Management\n\n"
    "Responsibilities: Coordinating menus and cleaning the kitchen daily.\n",
    # a bulleted label with the items nested under it
    "- Job title: Head Cook\n\n- Job Summary: You will cook for our guests.\n\n- Required Skills:\n"
    "  - Food Safety\n  - Recipe Following\n  - Menu Planning\n  - Inventory Management\n\n"
    "- Responsibilities:\n  - Coordinating menus and cleaning the kitchen daily\n",
])
def test_inline_section_labels_start_their_sections(jd: str) -> None:
    role = from_jd(parse_text(jd, "cook.md", "text/markdown"))
    assert role.title == "Head Cook"
    texts = [r.text for r in role.open_requirements]
    assert texts == ["Food Safety", "Recipe Following", "Menu Planning", "Inventory Management"]


EMBEDDED_JD = """# Embedded Linux Engineer
## Required Skills
- Excellent knowledge of embedded systems
## Required Experience
- Minimum 5 years' experience as an Embedded Linux Engineer
- Further 2 years' experience as a Senior Embedded C Software Engineer
"""

EMBEDDED_CV = """# Sulastri Arnov
## Skills
- Embedded systems, Linux
## Experience
- Embedded Linux Engineer, ABC Tech (2012 - 2018)
- Senior Embedded C Software Engineer, XYZ Technologies (2009 - 2012)
"""


def test_a_years_line_naming_a_skill_is_a_years_requirement_of_the_best_matching_jobs() -> None:
    role = from_jd(parse_text(EMBEDDED_JD, "emb.md", "text/markdown"))
    assert "linux.linux" in role.must_have
    req = next(r for r in role.open_requirements if r.years == 5)
    assert req.text == "Minimum 5 years' experience as an Embedded Linux Engineer"
    key = f"open:{role.open_requirements.index(req) + 1}"
    # the Senior Embedded C Software Engineer job shares "embedded" and "engineer" with the line, but
    # only the Embedded Linux Engineer job (the heading sharing most of its words) counts for it
    short = EMBEDDED_CV.replace("2012 - 2018", "2012 - 2015")
    long_ = assess(profile_document(parse_text(EMBEDDED_CV, "a.md", "text/markdown"), as_of=AS_OF), role)
    brief = assess(profile_document(parse_text(short, "b.md", "text/markdown"), as_of=AS_OF), role)
    a = {r.skill_id: r for r in long_.must_have.requirements}[key]
    b = {r.skill_id: r for r in brief.must_have.requirements}[key]
    assert a.met and a.credit == 1.0
    assert not b.met and b.credit < a.credit
    assert long_.score > brief.score


PROSE_CV = """# Ravi Kumar
## Skills
- Unix, Oracle Pro*C, SQL
## Experience
5 years tenure as a C/Pro*C Programmer. Successfully served as a Senior DBA for 4 years. Holds 3 years of
experience as Sr. Systems Engineer where I shouldered build and packaging.
"""


def test_jobs_written_as_prose_give_their_durations() -> None:
    cv = profile_document(parse_text(PROSE_CV, "prose.md", "text/markdown"), as_of=AS_OF)
    assert [(st.months, st.terms) for st in cv.experience] == [
        (60, ("pro", "programm")), (48, ("senior", "dba")), (36, ("sr", "system", "engin"))]
    assert cv.years_experience == 12.0
    # dated jobs win: a resume with dates keeps its dated jobs only
    dated = profile_document(parse_text(GOOD, "good.md", "text/markdown"), as_of=AS_OF)
    assert [st.months for st in dated.experience] == [49] and dated.years_experience == 4.1  # "2019 - 2023": 2019-01..2023-01
    role = from_jd(parse_text("# DBA\n## Required Experience\n- At least 4 years as a Senior DBA\n", "dba.md", "text/markdown"))
    req = {r.skill_id: r for r in assess(cv, role).must_have.requirements}["open:1"]
    assert req.met and req.credit == 1.0


def test_a_short_labelled_line_is_read_as_content_not_as_a_heading() -> None:
    jd = "Job Title: Baker\n\nRequirements: Baking, Hygiene, Stamina\n\nResponsibilities: Baking bread daily.\n"
    role = from_jd(parse_text(jd, "baker.md", "text/markdown"))
    assert [r.text for r in role.open_requirements] == ["Baking", "Hygiene", "Stamina"]
