"""Certification requirements: a certification's short form and its name written out are one word, and
"certification" itself is no word a resume must repeat."""

from __future__ import annotations

from datetime import date

import pytest

from stackfit.extract.terms import terms
from stackfit.parse import parse_text
from stackfit.role.jd import from_jd
from stackfit.score.candidate import profile_document
from stackfit.score.match import assess


@pytest.mark.parametrize(("text", "stems"), [
    ("CCNA certification", ["ccna"]),
    ("Cisco Certified Network Associate (CCNA)", ["ccna", "ccna"]),
    ("certified  Kubernetes\nAdministrator", ["cka"]),
    ("Commercial Driver’s License, Class A", ["cdl", "class"]),
    ("Project Management Professional and Scrum", ["pmp", "scrum"]),
    ("Cisco routers and network associates", ["cisco", "router", "network", "associ"]),  # not the full name
])
def test_certification_names_read_as_their_short_form(text: str, stems: list[str]) -> None:
    assert [s for s, _, _ in terms(text)] == stems


def test_offsets_stay_in_text_order() -> None:
    text = "Holds the Certified Kubernetes Administrator title and Terraform"
    found = terms(text)
    assert [s for s, _, _ in found] == ["hold", "cka", "titl", "terraform"]
    assert text[found[1][1]:found[1][2]] == "Certified Kubernetes Administrator"


JD = """Network Administrator

Requirements
- CCNA certification
- Troubleshooting of routing and switching incidents
"""


def _credit(resume: str) -> float:
    role = from_jd(parse_text(JD, "jd.md", "text/markdown"))
    cand = profile_document(parse_text(resume, "r.md", "text/markdown"), as_of=date(2026, 11, 27))
    (req,) = [r for r in assess(cand, role).must_have.requirements if r.name == "CCNA certification"]
    return req.credit


def test_a_certification_requirement_is_met_by_its_name_written_out_or_short() -> None:
    body = "\n\nExperience\nNetwork Administrator, Acme, 2019 - 2024\n- Troubleshot routing and switching incidents.\n"
    assert _credit("Jane Doe\n\nCertifications\nCisco Certified Network Associate" + body) == 1.0
    assert _credit("Jane Doe\n\nCertifications\nCCNA" + body) == 1.0
    assert _credit("Jane Doe\n\nCertifications\nCompTIA Network+" + body) == 0.0
