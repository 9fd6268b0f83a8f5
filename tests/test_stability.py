"""Scores do not move when text that says nothing about the person changes (issue: stability)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.accuracy import stability as st

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STACKFIT_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="module")
def roles():
    return st.roles()


def test_reverse_sections_really_reorders(roles) -> None:
    text = (st.SAMPLES / "resumes" / "amara_okafor.md").read_text(encoding="utf-8")
    moved = st.reverse_sections(text)
    assert moved != text and sorted(moved.split()) == sorted(text.split())
    assert moved.index("## Skills") < moved.index("## Experience")


def test_synonym_swap_replaces_names_not_verbs() -> None:
    text, n = st.swap_synonyms("Deployed on Kubernetes and fine-tuned models with PyTorch.")
    assert n >= 1 and "Kubernetes" not in text and "fine-tuned" in text


@pytest.mark.parametrize("name", ["section_order", "synonyms", "markdown_as_text", "markdown_as_html"])
def test_irrelevant_changes_move_scores_at_most_two_points(name: str, roles) -> None:
    fn = {"section_order": (st.reverse_sections, "text/markdown"),
          "synonyms": (lambda t: st.swap_synonyms(t)[0], "text/markdown"),
          "markdown_as_text": (st.markdown_to_text, "text/plain"),
          "markdown_as_html": (st.markdown_to_html, "text/html")}[name]
    saved = list(st.TEXT_SAMPLES)
    if name.startswith("markdown"):
        st.TEXT_SAMPLES[:] = [p for p in saved if p.suffix == ".md"]
    try:
        res = st.perturbation(name, fn[0], roles, fn[1])
    finally:
        st.TEXT_SAMPLES[:] = saved
    assert res["max_abs_score_change"] <= 2.0, res


@pytest.mark.skipif(not (SHARED / "resume_pdfs").exists(), reason="shared data not found (set STACKFIT_SHARED_DATA)")
def test_four_layouts_of_one_resume_give_the_same_skills_and_scores_within_two_points(roles) -> None:
    res = st.layouts(SHARED, roles)
    assert res["files"] == 4 and res["same_skills"]
    assert max(res["max_score_spread"].values()) <= 2.0, res


@pytest.mark.skipif(not (SHARED / "resume_pdfs").exists(), reason="shared data not found (set STACKFIT_SHARED_DATA)")
def test_four_layouts_give_every_skill_the_same_strength_and_signals() -> None:
    # the layouts break bullets at different places: a wrapped bullet is one statement (evidence.v2, signals.v2)
    from stackfit.parse import parse_file
    from stackfit.score.candidate import profile_document

    profs = [profile_document(parse_file(SHARED / f), as_of=st.AS_OF) for f in st.LAYOUTS]
    strengths = [{s.id: s.strength for s in p.skills} for p in profs]
    signals = [{s.id: s.state for s in p.signals} for p in profs]
    assert all(s == strengths[0] for s in strengths), strengths
    assert all(s == signals[0] for s in signals), signals
    assert strengths[0]["api.microservices"] == "led"
