"""Golden files: what stackfit extracts from every bundled sample resume, pinned.

For each resume in ``src/stackfit/data/samples/resumes/`` the file
``tests/golden/<resume stem>.json`` holds, as of 2026-11-27:

- ``profile``: the candidate profile id;
- ``layers``: the four layer scores (0-100);
- ``skills``: every skill found, in order of first evidence, with its overall strength and
  every piece of evidence ``[start, end, text, strength]`` (offsets into the parsed text);
- ``signals``: the state of every production-readiness / future-proof signal.

A change in parsing, extraction or scoring that moves any of these shows up as a diff here.
When the change is intended, regenerate the files and review the diff before committing::

    STACKFIT_UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/test_golden.py
    git diff tests/golden/

With ``STACKFIT_UPDATE_GOLDEN=1`` the tests rewrite the files instead of comparing (and pass).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stackfit.datafiles import package_data
from stackfit.parse import parse_file
from stackfit.score import profile_document

AS_OF = date(2026, 11, 27)
GOLDEN = Path(__file__).parent / "golden"
RESUMES = sorted((package_data("samples") / "resumes").iterdir())
UPDATE = os.environ.get("STACKFIT_UPDATE_GOLDEN") == "1"


def extraction(path: Path) -> dict[str, Any]:
    """The pinned view of one resume (see the module docstring)."""
    doc = parse_file(path)
    cand = profile_document(doc, as_of=AS_OF)
    strength = {s.id: s.strength for s in cand.skills}
    skills: dict[str, dict[str, Any]] = {}
    for e in cand.evidence:
        assert doc.text[e.start:e.end] == e.text, (e.skill_id, e.start, e.end)
        entry = skills.setdefault(e.skill_id, {"id": e.skill_id, "strength": strength.get(e.skill_id), "evidence": []})
        entry["evidence"].append([e.start, e.end, e.text, e.strength])
    return {
        "file": path.name,
        "profile": cand.profile,
        "layers": cand.layers,
        "skills": list(skills.values()),
        "signals": {s.id: s.state for s in cand.signals},
    }


def _dump(obj: dict[str, Any]) -> str:
    """Readable, diff-friendly JSON: one skill per block, one piece of evidence per line."""
    j = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    skills = ",\n".join(
        f'  {{"id": {j(s["id"])}, "strength": {j(s["strength"])}, "evidence": [\n'
        + ",\n".join(f"    {j(ev)}" for ev in s["evidence"]) + "\n  ]}"
        for s in obj["skills"]
    )
    text = (f'{{"file": {j(obj["file"])},\n "profile": {j(obj["profile"])},\n "layers": {j(obj["layers"])},\n'
            f' "signals": {json.dumps(obj["signals"], indent=2)},\n "skills": [\n{skills}\n ]}}\n')
    assert json.loads(text) == obj
    return text


@pytest.mark.parametrize("resume", RESUMES, ids=[p.name for p in RESUMES])
def test_extraction_matches_golden(resume: Path) -> None:
    golden = GOLDEN / f"{resume.stem}.json"
    actual = extraction(resume)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(_dump(actual), encoding="utf-8")
        return
    assert golden.exists(), f"no golden file for {resume.name}; create it with STACKFIT_UPDATE_GOLDEN=1"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    # compare piecewise first so a failure names the part that moved
    assert actual["profile"] == expected["profile"]
    assert actual["signals"] == expected["signals"]
    assert actual["layers"] == pytest.approx(expected["layers"], abs=0.05)
    assert [s["id"] for s in actual["skills"]] == [s["id"] for s in expected["skills"]]
    assert actual["skills"] == expected["skills"]


def test_no_stale_golden_files() -> None:
    """Every golden file belongs to a bundled resume (a removed sample must take its file along)."""
    stems = {p.stem for p in RESUMES}
    assert len(stems) == len(RESUMES), "two sample resumes share a stem; golden file names would collide"
    stale = sorted(p.name for p in GOLDEN.glob("*.json") if p.stem not in stems)
    assert not stale, f"golden files without a sample resume: {stale}"


def test_golden_sanity_amara() -> None:
    """A hand-checked anchor for the golden set: Amara built RAG systems with LangChain and pgvector."""
    g = extraction(package_data("samples") / "resumes" / "amara_okafor.md")
    skills = {s["id"]: s for s in g["skills"]}
    assert g["profile"] == "llm_integration_engineer"
    for sid in ("llm-frameworks.langchain", "vector-databases.pgvector"):
        assert skills[sid]["strength"] in ("built", "led"), sid
        assert any(ev[3] == "built" for ev in skills[sid]["evidence"]), sid
    assert g["signals"]["production_deployment"] == "evidenced"
