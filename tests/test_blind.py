"""Blind screening: what is masked, and the name-swap invariance test (max score difference 0)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from stackfit.models import Assessment
from stackfit.parse import parse_file, parse_text
from stackfit.redact import redact_document
from stackfit.role import load_role
from stackfit.score import assess, profile_document

AS_OF = date(2026, 11, 27)
# A replacement name for each sample resume: other genders and origins than the original.
SWAP_NAMES = ["John Miller", "Emily Walsh", "Lakisha Washington", "Jamal Jones", "Olga Ivanova", "Mohammed Al-Sayed",
              "Wei Zhang", "Maria Garcia", "Brad Anderson", "Aisha Bello", "Sven Larsson", "Keiko Tanaka",
              "Dmitri Volkov", "Chloe Dubois", "Rahul Sharma"]
SWAP_WORDS = {"she": "he", "he": "she", "her": "his", "his": "her", "him": "her", "hers": "his", "herself": "himself",
              "himself": "herself", "woman": "man", "man": "woman", "women": "men", "men": "women", "female": "male",
              "male": "female", "mother": "father", "father": "mother", "mrs": "mr", "ms": "mr", "mr": "ms"}
# Gendered sentences added to every sample (the samples themselves use "I"), so the swap has pronouns to swap.
GENDERED = ("Pronouns: she/her\n", "She mentors new hires and her team won the Women in Tech award; "
            "Mrs. {last} is a mother of two and chairs the female engineers' network.")


def _case(src: str, word: str) -> str:
    return word.upper() if src.isupper() and len(src) > 1 else word.capitalize() if src[0].isupper() else word


def swap(text: str, name: str, new_name: str) -> str:
    """Swap the full name, the e-mail's local part, pronouns, honorifics and gendered words."""
    text = text.replace(name, new_name)
    local = re.compile(r"[\w.+-]+(?=@example\.com)")
    text = local.sub(new_name.lower().replace(" ", ".").replace("-", ""), text)
    alt = "|".join(sorted(SWAP_WORDS, key=len, reverse=True))
    return re.sub(rf"(?i)\b({alt})\b", lambda m: _case(m.group(0), SWAP_WORDS[m.group(0).lower()]), text)


def with_gender(text: str, name: str) -> str:
    head, sep, rest = text.partition("\n\n") if "\n\n" in text[:200] else text.partition("\n")
    summary_end = rest.find("\n\n", rest.find("\n") + 1)
    summary_end = summary_end if summary_end > 0 else len(rest)
    return (head + sep + GENDERED[0] + rest[:summary_end] + " " + GENDERED[1].format(last=name.split()[-1])
            + rest[summary_end:])


def numbers(a: Assessment) -> dict[str, object]:
    c = a.candidate
    return {"score": a.score, "components": [(x.id, x.value, x.points) for x in a.components], "layers": c.layers,
            "fit": c.fit, "profile": c.profile, "tags": c.tags, "years": c.years_experience,
            "must": [(r.skill_id, r.met, r.credit, r.strength) for r in a.must_have.requirements],
            "nice": [(r.skill_id, r.met, r.credit) for r in a.nice_to_have.requirements],
            "flags": [f.id for f in a.flags], "checklist": [(i.id, i.state) for i in a.checklist],
            "skills": [(s.id, s.strength, s.years, s.value) for s in c.skills]}


def max_difference(x: dict[str, object], y: dict[str, object]) -> float:
    """0 when every number is equal; inf when anything non-numeric differs."""
    worst = 0.0
    for k in x:
        a, b = x[k], y[k]
        if isinstance(a, float | int) and isinstance(b, float | int):
            worst = max(worst, abs(a - b))
        elif isinstance(a, dict) and isinstance(b, dict):
            worst = max([worst, *(abs(a[i] - b[i]) for i in a)]) if a.keys() == b.keys() else float("inf")
        elif a != b:
            worst = float("inf")
    return worst


@pytest.fixture(scope="module")
def pairs(samples: Path) -> list[tuple[str, str, str]]:
    """(file name, original text with gendered sentences, the same with name and gender swapped)."""
    out = []
    for new, f in zip(SWAP_NAMES, sorted((samples / "resumes").iterdir()), strict=True):
        doc = parse_file(f)
        name = doc.text.split("\n", 1)[0].strip()
        assert name.lower().replace(" ", "_").replace("á", "a") in f.stem.replace("_", "_") or name.split()[0].lower() in f.stem
        base = with_gender(doc.text, name)
        swapped = swap(base, name, new)
        assert new in swapped and name not in swapped and "He mentors" in swapped and "his team" in swapped
        out.append((f.name, base, swapped))
    return out


@pytest.fixture(scope="module")
def roles(samples: Path) -> list:
    return [load_role(p) for p in sorted((samples / "roles").iterdir())]


def _assess(text: str, name: str, role: object, blind: bool) -> dict[str, object]:
    doc = parse_text(text, name)
    if blind:
        doc = redact_document(doc, "C-x")
    return numbers(assess(profile_document(doc, as_of=AS_OF), role))  # type: ignore[arg-type]


@pytest.mark.parametrize("blind", [True, False], ids=["blind", "not-blind"])
def test_name_swap_changes_no_score(pairs: list[tuple[str, str, str]], roles: list, blind: bool) -> None:
    """Swapping names, pronouns and gendered words across all 15 samples x 4 roles: max difference 0."""
    worst, scored = 0.0, 0
    for name, base, swapped in pairs:
        for role in roles:
            a, b = _assess(base, name, role, blind), _assess(swapped, name, role, blind)
            assert max_difference(a, b) == 0, (name, role.id, blind)
            worst, scored = max(worst, max_difference(a, b)), scored + 1
    assert scored == 60 and worst == 0


def test_a_name_that_is_a_skill_moves_no_score_in_blind_mode(pairs: list[tuple[str, str, str]], roles: list) -> None:
    """'Julia Rust' names two languages: without blind mode the name is read as skills; blind mode masks it."""
    name, base, _ = next(p for p in pairs if p[0].startswith("ethan_walker"))
    renamed = base.replace("Ethan Walker", "Julia Rust")
    plain = profile_document(parse_text(renamed, name), as_of=AS_OF)
    assert {"Julia", "Rust"} <= {s.name for s in plain.skills}  # the risk blind mode removes
    for role in roles:
        assert max_difference(_assess(base, name, role, True), _assess(renamed, name, role, True)) == 0


REDACTED = """Jane Q. Doe
Senior ML Engineer
Home address: 12 Baker Street, London | https://github.com/janedoe
Date of birth: 01.02.1990
Nationality: British
Marital status: married

Summary
She is an ML engineer. Mrs. Doe led her team; Mr Smith reported to her. Latency 120 ms. Call +44 20 7946 0958.
Worked 2019 - 2022 on PyTorch. Jane Q. Doe built Kubernetes operators. Office: 221B Baker Street.

Education
BSc Computer Science, University of Oxford, 2012
"""


def test_redaction_masks_personal_details_and_keeps_offsets() -> None:
    doc = parse_text(REDACTED, "jane.txt")
    red = redact_document(doc, "C-1")
    assert len(red.text) == len(doc.text) and red.sections == doc.sections and red.source == "C-1"
    for gone in ("Jane", "Doe", "Baker", "github", "1990", "British", "married", "She", "her", "Mrs", "Smith", "7946", "2012"):
        assert not re.search(rf"\b{gone}\b", red.text), gone
    for kept in ("Senior ML Engineer", "Latency 120 ms", "Worked 2019 - 2022 on PyTorch", "built Kubernetes operators",
                 "University of Oxford", "Date of birth:", "Nationality:"):
        assert kept in red.text, kept
    assert redact_document(red, "C-1") == red  # idempotent
    assert all(e.date_start is None for e in red.entries if e.section == "education")


def test_blind_screen_reports_show_no_name_file_or_contact(tmp_path: Path, samples: Path) -> None:
    from typer.testing import CliRunner

    from stackfit.cli import app

    broken = tmp_path / "jane_doe.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    res = CliRunner().invoke(app, ["screen", str(samples / "roles" / "rag_assistant.brief.yaml"), str(samples / "resumes"), str(broken),
                                   "--db", str(tmp_path / "w.db"), "--out", str(tmp_path / "out"), "--as-of", "2026-11-27",
                                   "--blind"])
    assert res.exit_code == 3, res.output
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "jane_doe" not in html and "unscreened file 1.pdf" in html  # the terminal names it for the operator only
    shown = res.stdout + "".join((tmp_path / "out" / n).read_text(encoding="utf-8") for n in ("report.html", "ranking.json", "ranking.csv"))
    for f in (samples / "resumes").iterdir():
        # the full name and the file name are gone; a first name alone may remain inside another name
        # ("Kwame Nkrumah University"): masking single name words everywhere would let a name like "Julia" move a score
        first, last = f.stem.split("_")[0], f.stem.split("_")[-1]
        assert not re.search(rf"(?i)\b{first}\W+(\w+\W+)?{last}\b|{f.stem}", shown), f.name
        assert f"{first}.{last}@".lower() not in shown.lower()
    assert "555-01" not in shown and "C-" in shown
