"""The wording component, requirement lists without taxonomy skills, and which roles are AI-stack roles."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.accuracy.rjdb import split_of
from stackfit.extract.terms import term_weight, weighted_share
from stackfit.parse import parse_text
from stackfit.policy import load_policy
from stackfit.role.jd import from_jd
from stackfit.score.candidate import profile_document
from stackfit.score.match import assess, is_ai_stack_role
from stackfit.taxonomy import load_taxonomy

AS_OF = date(2024, 1, 1)

JD = """# Pump Operator

## Required Skills
- Operation Monitoring, Equipment Maintenance, Troubleshooting, Time Management
- Critical Thinking,

## Responsibilities
- Operate centrifugal pumps and control valves at the water treatment plant.
- Log pressure readings and report leaks.
"""

# Both resumes meet the same requirements word for word; one also describes the job's own work.
BASE = """# Sam Rivera
## Skills
- Operation monitoring, equipment maintenance, troubleshooting, time management, critical thinking
## Experience
Pump Operator, City Utilities
2018 - 2023
- {work}
"""
SPECIFIC = BASE.format(work="Operated centrifugal pumps and valves at a water treatment plant; logged pressure readings and leaks.")
GENERIC = BASE.format(work="Worked with the team to manage daily operations and support the company.")


def _score(text: str, role):  # noqa: ANN001, ANN202
    return assess(profile_document(parse_text(text, "r.md", "text/markdown"), as_of=AS_OF), role)


def test_term_weights_favour_the_words_of_a_trade() -> None:
    assert term_weight("pump") > 2 * term_weight("manag")  # "pump" is rare across occupations, "manage" is not
    assert term_weight("zzzzunknown") >= term_weight("pump")  # a word no description uses weighs most
    assert weighted_share(["pump", "manag"], {"pump"}) == pytest.approx(
        term_weight("pump") / (term_weight("pump") + term_weight("manag")))
    assert weighted_share([], {"pump"}) == 0.0


def test_a_list_of_short_items_is_one_requirement_per_item() -> None:
    role = from_jd(parse_text(JD, "pump.md", "text/markdown"))
    texts = [r.text for r in role.open_requirements]
    assert texts[:4] == ["Operation Monitoring", "Equipment Maintenance", "Troubleshooting", "Time Management"]
    assert "Critical Thinking," in texts  # a short line under a requirements heading is not a sub-heading
    assert not any("pressure" in t for t in texts)  # responsibilities are not requirements
    assert {"pump", "pressur", "leak"} <= set(role.terms)  # but they are part of the job's wording


def test_prose_with_commas_stays_one_requirement() -> None:
    jd = "# Analyst\n## Requirements\n- Excellent problem-solving ability related to network, software, and hardware issues.\n"
    role = from_jd(parse_text(jd, "a.md", "text/markdown"))
    assert len(role.open_requirements) == 1


def test_wording_separates_resumes_that_meet_the_same_requirements() -> None:
    role = from_jd(parse_text(JD, "pump.md", "text/markdown"))
    specific, generic = _score(SPECIFIC, role), _score(GENERIC, role)
    assert specific.must_have.ratio == generic.must_have.ratio
    wording = {c.id: c for c in specific.components}["wording"]
    assert wording.weight > 0 and wording.value > {c.id: c for c in generic.components}["wording"].value
    assert specific.score > generic.score
    assert sum(c.weight for c in specific.components) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(("requirements", "ai"), [
    ("- PyTorch and model training\n- SQL", True),
    ("- Customer service\n- Windows troubleshooting\n## Nice to have\n- Machine learning", False),  # a plus only
    ("- Active Learning\n- Critical Thinking\n- Patient care", False),  # O*NET's basic skill, not the ML technique
    ("- Active learning and PyTorch for labelling images", True),
])
def test_ai_stack_roles_are_named_by_their_required_skills(requirements: str, ai: bool) -> None:
    role = from_jd(parse_text(f"# Role\n## Requirements\n{requirements}\n", "r.md", "text/markdown"))
    assert is_ai_stack_role(role, load_taxonomy(), load_policy()) is ai


def test_wording_is_not_weighted_on_ai_stack_roles() -> None:
    role = from_jd(parse_text("# ML Engineer\n## Requirements\n- PyTorch\n- Kubernetes\n", "ml.md", "text/markdown"))
    ids = {c.id for c in _score(SPECIFIC, role).components}
    assert "wording" not in ids and "layers" in ids


def test_rjdb_split_is_a_fixed_hash_of_the_job_description() -> None:
    # sha1("a") ends in 0xb8 (even), sha1("e") in 0x7f (odd)
    assert split_of("a") == "dev" and split_of("e") == "heldout"
