"""Real-world PDFs from the shared data folder (skipped where it is absent).

``STACKFIT_SHARED_DATA`` points at the shared data folder; the default is ``../shared/data``
next to the repository. Resumes (``resumes/``, ``templates/`` and the other template
folders) must give at least 500 characters and an experience or skills section.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stackfit.models import Document
from stackfit.parse import parse_file

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("STACKFIT_SHARED_DATA", REPO.parent / "shared" / "data"))
PDF_DIR = SHARED / "resume_pdfs"
PDFS = sorted(PDF_DIR.glob("**/*.pdf")) if PDF_DIR.is_dir() else []

pytestmark = pytest.mark.skipif(not PDFS, reason=f"no shared resume PDFs under {PDF_DIR}")


def _id(p: Path) -> str:
    return str(p.relative_to(PDF_DIR)) if PDFS else str(p)


def is_resume(p: Path) -> bool:
    return "job_descriptions" not in p.parts


@pytest.fixture(scope="module")
def docs() -> dict[Path, Document]:
    return {p: parse_file(p) for p in PDFS}


@pytest.mark.parametrize("path", PDFS or [Path("none")], ids=_id)
def test_real_pdf_has_text(docs: dict[Path, Document], path: Path) -> None:
    doc = docs[path]
    assert len(doc.text) >= 500
    assert doc.pages >= 1 and doc.media_type == "application/pdf"
    assert "\r" not in doc.text and "\ufffe" not in doc.text


@pytest.mark.parametrize("path", [p for p in PDFS if is_resume(p)] or [Path("none")], ids=_id)
def test_real_resume_sections(docs: dict[Path, Document], path: Path) -> None:
    doc = docs[path]
    kinds = {s.kind for s in doc.sections}
    assert kinds & {"experience", "skills"}, [(s.kind, s.title) for s in doc.sections]
    for s in doc.sections[1:]:
        assert doc.text[s.start : s.end].upper().startswith(s.title.upper())


@pytest.mark.parametrize(
    ("name", "titles"),
    [
        ("harvey_dent_mle.pdf", ["Machine Learning Engineer", "Data Scientist", "Junior Data Analyst"]),
        ("bruce_wayne_fullstack.pdf", ["MERN Stack Developer", "Full Stack Developer", "Software Developer"]),
        ("john_doe.pdf", ["Full Stack Java Developer", "Software Developer"]),
        ("two-column.pdf", ["Senior Software Engineer", "Software Engineer", "Software Engineer"]),
        ("openresume-resume.pdf", ["Software Engineer", "Software Engineer Intern", "Research Assistant"]),
        ("sourabh_bajaj_resume.pdf", ["Software Engineer", "Senior Software Engineer", "Data Scientist",
                                      "Research and Teaching Assistant"]),
    ],
)
def test_real_resume_jobs(docs: dict[Path, Document], name: str, titles: list[str]) -> None:
    doc = next(d for p, d in docs.items() if p.name == name)
    jobs = [e for e in doc.entries if e.section == "experience"]
    assert [e.title for e in jobs] == titles
    assert all(e.date_start for e in jobs)
    assert jobs[0].current or jobs[0].date_end


def test_running_footer_removed(docs: dict[Path, Document]) -> None:
    doc = next((d for p, d in docs.items() if p.name == "cv.pdf"), None)
    if doc is None:
        pytest.skip("awesome_cv/cv.pdf absent")
    assert "Curriculum Vitae" not in doc.text  # "February 10, 2026 Claud D. Park · Curriculum Vitae 1"


@pytest.mark.parametrize("name", ["single-column.pdf", "two-column.pdf", "modern-single-column.pdf", "modern-two-column.pdf"])
def test_every_layout_starts_with_the_name(docs: dict[Path, Document], name: str) -> None:
    # modern-two-column draws the name last, at the top of page 1: it is read first all the same
    from stackfit.score.candidate import headline

    doc = next(d for p, d in docs.items() if p.name == name)
    assert doc.text.split("\n")[0].lower() == "john doe"
    assert (headline(doc) or "").lower() == "senior software engineer"


def test_contact_block_set_higher_at_the_right_stays_after_the_name(docs: dict[Path, Document]) -> None:
    doc = next(d for p, d in docs.items() if p.name == "harvey_dent_mle.pdf")
    assert doc.text.startswith("Harvey Dent\nMachine Learning Engineer\n321 Gotham St")
