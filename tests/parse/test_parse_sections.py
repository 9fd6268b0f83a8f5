"""The sectionizer: headings, section offsets and dated entries in the layouts resumes use."""

from __future__ import annotations

import pytest

from stackfit.models import Document
from stackfit.parse import parse_text
from stackfit.parse.sections import heading_kind, sectionize


def kinds(doc: Document) -> list[str]:
    return [s.kind for s in doc.sections]


def assert_well_formed(doc: Document) -> None:
    """Sections tile the text; each starts at its heading; entries sit inside a section."""
    text = doc.text
    assert doc.sections[0].start == 0
    assert doc.sections[-1].end == len(text)
    for a, b in zip(doc.sections, doc.sections[1:], strict=False):
        assert a.end == b.start
    for s in doc.sections:
        assert s.start < s.end
        if s.kind != "header":
            assert text[s.start : s.end].startswith(s.title) or s.title.upper() in text[s.start : s.end].upper()
    for e in doc.entries:
        owner = [s for s in doc.sections if s.start <= e.start and e.end <= s.end]
        assert owner and owner[0].kind == e.section
        assert text[e.start : e.end].startswith(e.heading)


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Experience", "experience"),
        ("WORK EXPERIENCE", "experience"),
        ("Professional Experience:", "experience"),
        ("— Employment History —", "experience"),
        ("E X P E R I E N C E", "experience"),
        ("Technical Skills", "skills"),
        ("SKILLS & TOOLS", "skills"),
        ("Tech Stack", "skills"),
        ("Core Competencies", "skills"),
        ("Education", "education"),
        ("Academic Background", "education"),
        ("Selected Projects", "projects"),
        ("Open Source", "projects"),
        ("Professional Summary", "summary"),
        ("About Me", "summary"),
        ("Objective", "summary"),
        ("Publications", "publications"),
        ("Licenses & Certifications", "certifications"),
        ("Honors & Awards", "certifications"),
        ("HONORS/AWARDS", "certifications"),
        ("Interests", "other"),
        ("Languages", "other"),
        ("\uf0b1 Experience", "experience"),  # an icon-font glyph before the heading
    ],
)
def test_heading_lines(line: str, kind: str) -> None:
    h = heading_kind(line)
    assert h is not None and h.kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "Experience with Python and PyTorch is a plus",  # too long
        "- Skills",  # a bullet
        "experience",  # lower case, not marked as a heading by the format
        "Machine Learning Engineer",
        "Skills in distributed systems",
        "Senior Software Engineer at Experience Corp",
    ],
)
def test_not_heading_lines(line: str) -> None:
    assert heading_kind(line) is None


def test_lowercase_heading_accepted_when_the_format_marks_it() -> None:
    h = heading_kind("work history", hinted=True)
    assert h is not None and h.kind == "experience"


# --------------------------------------------------------------------------- sections

BASIC = """\
Jane Example
ML Engineer

SUMMARY
Builds LLM systems.

EXPERIENCE
ML Engineer, Acme
Jan 2020 – Present
- Shipped a RAG service

SKILLS
Python, PyTorch

EDUCATION
B.Sc. Physics, Example University, 2012 – 2016
"""


def test_sections_offsets_and_titles() -> None:
    doc = parse_text(BASIC)
    assert kinds(doc) == ["header", "summary", "experience", "skills", "education"]
    assert_well_formed(doc)
    by_kind = {s.kind: s for s in doc.sections}
    assert doc.text[by_kind["skills"].start :].startswith("SKILLS\nPython, PyTorch")
    assert by_kind["experience"].title == "EXPERIENCE"
    assert doc.text[: by_kind["summary"].start].startswith("Jane Example")


def test_no_headings_gives_one_header_section() -> None:
    doc = parse_text("Jane Example\nBuilds things with Python.")
    assert [(s.kind, s.start, s.end) for s in doc.sections] == [("header", 0, len(doc.text))]
    assert doc.entries == ()


def test_text_starting_with_a_heading_has_no_header_section() -> None:
    doc = parse_text("Skills\nPython, Go\nExperience\nEngineer, Acme 2019 – 2021")
    assert kinds(doc) == ["skills", "experience"]
    assert doc.sections[0].start == 0


def test_languages_inside_skills_is_a_subheading() -> None:
    doc = parse_text("Jane\nSkills\nLanguages\nPython, Go\nFrameworks\nPyTorch\nInterests\nClimbing")
    assert kinds(doc) == ["header", "skills", "other"]
    assert doc.sections[-1].title == "Interests"


def test_languages_outside_skills_is_other() -> None:
    doc = parse_text("Jane\nEducation\nB.Sc.\nLanguages\nEnglish, German")
    assert kinds(doc) == ["header", "education", "other"]


def test_inline_skills_line_opens_a_section() -> None:
    doc = parse_text("Jane Example\nSkills: Python, PyTorch, Docker\nExperience\nEngineer, Acme 2019 – 2021")
    assert kinds(doc) == ["header", "skills", "experience"]
    skills = doc.sections[1]
    assert doc.text[skills.start : skills.end].startswith("Skills: Python")


def test_label_inside_a_job_does_not_end_experience() -> None:
    text = "Jane\nExperience\nEngineer, Acme\n2019 – 2021\nTech stack:\nPython, Kafka\nAchievements:\n- Won\nEducation\nB.Sc."
    doc = parse_text(text)
    assert kinds(doc) == ["header", "experience", "education"]
    assert len(doc.entries) == 1


def test_skills_after_experience_in_title_case() -> None:
    doc = parse_text("Jane\nExperience\nEngineer, Acme 2019 – 2021\n- Built X\nSkills\nPython")
    assert kinds(doc) == ["header", "experience", "skills"]


def test_markdown_heading_hints() -> None:
    doc = parse_text("# Jane\n## work history\nEngineer, Acme | 2019 – 2021\n## tech stack\nPython", media_type="text/markdown")
    assert kinds(doc) == ["header", "experience", "skills"]


def test_sectionize_covers_text_with_hints() -> None:
    text = "Jane\nwork history\nEngineer, Acme 2019 – 2021"
    sections, entries = sectionize(text, hints=["Work History"])
    assert [s.kind for s in sections] == ["header", "experience"]
    assert len(entries) == 1


# --------------------------------------------------------------------------- entries


@pytest.mark.parametrize(
    ("name", "body", "expected"),
    [
        (
            "title line, date line below",
            "Senior ML Engineer — Acme\nMar 2021 – Present\n- Built A\n- Built B\n"
            "Data Scientist — Beta\nJan 2018 - Feb 2021\n- Did C",
            [("Senior ML Engineer", "2021-03", None, True), ("Data Scientist", "2018-01", "2021-02", False)],
        ),
        (
            "date first, title after (resume_matcher layout)",
            "2021 –\nPresent\nMachine Learning Engineer, OpenAI, San Francisco, USA\nLeading a team. Designed models.\n"
            "2018 – 2021 Data Scientist, Uber, San Francisco, USA\nDeveloped models.",
            [("Machine Learning Engineer", "2021-01", None, True), ("Data Scientist", "2018-01", "2021-01", False)],
        ),
        (
            "company line, then title with date (open-resume layout)",
            "ABC Company\nSoftware Engineer May 2023 - Present\n- Lead a team of 5 engineers\n- Write clean code\n"
            "DEF Organization\nSoftware Engineer Intern Summer 2022\n- Fixed 5 bugs",
            [("Software Engineer", "2023-05", None, True), ("Software Engineer Intern", "2022-06", "2022-08", False)],
        ),
        (
            "title with date, company below (two-column template)",
            "Senior Software Engineer Jan 2023 - Present\nStripe • San Francisco, CA\n- Designed fraud pipeline\n"
            "across payments platform team, ensuring clean code practices\n"
            "Software Engineer Jun 2021 - Dec 2022\nFigma • San Francisco, CA\n- Built editing infrastructure",
            [("Senior Software Engineer", "2023-01", None, True), ("Software Engineer", "2021-06", "2022-12", False)],
        ),
        (
            "bulleted company line (sb2nov layout)",
            "- Google Mountain View, CA\nSoftware Engineer Oct 2016 – Present\n- TensorFlow: worked on TPUs.\n"
            "- Coursera Mountain View, CA\nSenior Software Engineer Jan 2014 – Oct 2016\n- Notifications service.",
            [("Software Engineer", "2016-10", None, True), ("Senior Software Engineer", "2014-01", "2016-10", False)],
        ),
        (
            "everything on one line",
            "Full Stack Java Developer, ABC Company, Inc., Anywhere, USA, June 2018 - Present\n- Developed apps\n"
            "Software Developer at XYZ Solutions (July 2016 - June 2018)\n- Implemented logic",
            [("Full Stack Java Developer", "2018-06", None, True), ("Software Developer", "2016-07", "2018-06", False)],
        ),
        (
            "slash and ISO dates, blank-line separated",
            "Acme Corp | ML Engineer | 03/2018 - 06/2020\n- Trained models\n\n"
            "Beta GmbH | Data Engineer | 2016-01 – 2018-02\n- Built ETL",
            [("ML Engineer", "2018-03", "2020-06", False), ("Data Engineer", "2016-01", "2018-02", False)],
        ),
        (
            "first job dated inline, later ones on a line of their own",
            "ML Engineer, Acme 2021 – Present\n- Built A\nData Scientist, Beta\nJan 2018 - Feb 2021\n- Did C",
            [("ML Engineer", "2021-01", None, True), ("Data Scientist", "2018-01", "2021-02", False)],
        ),
        (
            "no role word in the heading",
            "Acme Corp, Berlin 2019 – 2021\n- Built things",
            [(None, "2019-01", "2021-01", False)],
        ),
    ],
)
def test_entry_layouts(name: str, body: str, expected: list[tuple[str | None, str, str | None, bool]]) -> None:
    doc = parse_text("Jane Example\nExperience\n" + body + "\nEducation\nB.Sc. Physics")
    assert_well_formed(doc)
    got = [(e.title, e.date_start, e.date_end, e.current) for e in doc.entries]
    assert got == expected, name
    exp = next(s for s in doc.sections if s.kind == "experience")
    # the entries run back to back to the end of the section
    assert doc.entries[-1].end == exp.end
    for a, b in zip(doc.entries, doc.entries[1:], strict=False):
        assert a.end == b.start


def test_entry_heading_and_span() -> None:
    doc = parse_text("Jane\nExperience\nSenior ML Engineer — Acme\nMar 2021 – Present\n- Built A\nSkills\nPython")
    (e,) = doc.entries
    assert e.heading == "Senior ML Engineer — Acme\nMar 2021 – Present"
    assert doc.text[e.start : e.end] == "Senior ML Engineer — Acme\nMar 2021 – Present\n- Built A\n"


def test_projects_entries_take_the_project_name() -> None:
    doc = parse_text("Jane\nProjects\nvecsearch — vector search demo | 2022\n- FAISS and FastAPI\nSkills\nPython")
    (e,) = doc.entries
    assert e.section == "projects" and e.title == "vecsearch" and e.date_start == "2022-01"


def test_no_entries_outside_experience_and_projects() -> None:
    doc = parse_text("Jane\nEducation\nB.Sc. Physics 2012 – 2016\nCertifications\nAWS 2020 – 2023")
    assert doc.entries == ()


@pytest.mark.parametrize(
    "bullet",
    [
        "- Served 10,000 users since 2019 with Python 3.11",
        "- Made training 2x faster on 8 GPUs",
        "- Led the migration from 2019 to 2021 of the whole legacy billing platform to Kubernetes.",
        "Call +1 (555) 201-2019 for references",
    ],
)
def test_dates_in_bullets_do_not_start_entries(bullet: str) -> None:
    doc = parse_text(f"Jane\nExperience\nML Engineer, Acme 2018 – 2022\n{bullet}\n- Another bullet")
    assert len(doc.entries) == 1


def test_deterministic() -> None:
    assert parse_text(BASIC) == parse_text(BASIC)


def test_every_synonym_in_the_table_is_recognised() -> None:
    from importlib.resources import files

    import yaml

    raw = yaml.safe_load((files("stackfit") / "data" / "sections.yaml").read_text(encoding="utf-8"))
    for kind, synonyms in raw["kinds"].items():
        for syn in synonyms:
            for line in (syn.title(), syn.upper(), f"{syn.title()}:"):
                h = heading_kind(line)
                if len(line) <= 40 and line.count(" ") < 5:
                    assert h is not None and h.kind == kind, line


def test_bullet_jobs_with_dates_after_the_title_are_entries() -> None:
    text = (
        "Alex Doe\n\nExperience\n"
        "- Release Manager (2015 - 2017): Coordinated firmware releases across six internal teams, wrote release notes "
        "for every major version and ran the change advisory board, cutting failed releases by a third over two years.\n"
        "- QA Engineer, Acme Mobile, 2012 - 2015\n"
        "- Shipped 40 releases in 2016 - 2017 with zero rollbacks.\n"
    )
    doc = parse_text(text, "bullets.txt")
    assert_well_formed(doc)
    got = [(e.date_start, e.date_end) for e in doc.entries]
    assert got == [("2015-01", "2017-01"), ("2012-01", "2015-01")]  # the achievement bullet is not a job


def test_a_free_form_line_with_several_ranges_is_one_entry_per_range() -> None:
    text = (
        "Lea Wu\n\nExperience\n"
        "Software Development Engineer for Acme Payments (2015 - 2019), Principal C++ Engineer for Globex (2012-2015)\n"
    )
    doc = parse_text(text, "two.txt")
    assert_well_formed(doc)
    assert [(e.date_start, e.date_end) for e in doc.entries] == [("2015-01", "2019-01"), ("2012-01", "2015-01")]
    assert all("Acme Payments" in e.heading for e in doc.entries)  # both entries are headed by the line


def test_free_form_experience_lines_with_one_range_are_entries() -> None:
    text = (
        "Sam Roe\n\nExperience\n"
        "Worked as a survey researcher between 2013 and 2016, designing questionnaires for public agencies.\n\n"
        "Employed as an equipment repairer from 2008 to 2013 in a regional workshop.\n"
    )
    doc = parse_text(text, "prose.txt")
    assert_well_formed(doc)
    assert [(e.date_start, e.date_end) for e in doc.entries] == [("2013-01", "2016-01"), ("2008-01", "2013-01")]


def test_bulleted_section_labels_head_their_lists() -> None:
    """ "- Experience:" with the list below it (a nested Markdown list, flattened) opens the experience section;
    "- Education: BSc ..." is an inline education line."""
    text = ("- Personal Information: Juliette Strickland\n\n- Education: Bachelor's degree in Computer Science\n\n"
            "- Skills:\n- Adept with HTTP protocols\n\n- Experience:\n"
            "- Architecture Technology director at XYZ Inc. (2011-2015)\n"
            "- Business Intelligence Engineer, DEF Technologies (2004-2005)")
    sections, entries = sectionize(text)
    assert [s.kind for s in sections] == ["header", "education", "skills", "experience"]
    assert [(e.date_start, e.date_end, e.title) for e in entries] == [
        ("2011-01", "2015-01", "Architecture Technology director"),
        ("2004-01", "2005-01", "Business Intelligence Engineer"),
    ]


def test_a_bullet_with_text_after_its_label_is_not_a_heading() -> None:
    assert heading_kind("- Experience: five years of Python") is None
    assert heading_kind("- Led the experience team:") is None
