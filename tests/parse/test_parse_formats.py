"""Every format: key lines survive, sections and dated entries are found, output is stable."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from parse_fixtures import (
    KEY_LINES,
    RESUME_HTML,
    RESUME_MD,
    RESUME_TXT,
    make_docx,
    make_pdf,
    make_two_column_pdf,
    resume_json_bytes,
    resume_pdf_lines,
)

from stackfit.models import Document
from stackfit.parse import SUPPORTED_SUFFIXES, ParseLimits, parse_bytes, parse_file, parse_text

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

FORMATS = {
    "resume.txt": (lambda: RESUME_TXT.encode(), "text/plain"),
    "resume.md": (lambda: RESUME_MD.encode(), "text/markdown"),
    "resume.markdown": (lambda: RESUME_MD.encode(), "text/markdown"),
    "resume.html": (lambda: RESUME_HTML.encode(), "text/html"),
    "resume.htm": (lambda: RESUME_HTML.encode(), "text/html"),
    "resume.json": (resume_json_bytes, "application/json"),
    "resume.docx": (make_docx, DOCX_TYPE),
    "resume.pdf": (lambda: make_pdf([resume_pdf_lines()]), "application/pdf"),
    "two-column.pdf": (make_two_column_pdf, "application/pdf"),
}


@pytest.fixture(scope="module", params=sorted(FORMATS))
def parsed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes, Document]:
    name = request.param
    data = FORMATS[name][0]()
    path = tmp_path_factory.mktemp("fmt") / name
    path.write_bytes(data)
    return name, data, parse_file(path)


def section(doc: Document, kind: str):
    return next(s for s in doc.sections if s.kind == kind)


def test_all_suffixes_covered() -> None:
    assert {Path(n).suffix for n in FORMATS} == set(SUPPORTED_SUFFIXES)


def test_document_identity(parsed: tuple[str, bytes, Document]) -> None:
    name, data, doc = parsed
    assert doc.id == hashlib.sha256(data).hexdigest()
    assert doc.source.endswith(name)
    assert doc.media_type == FORMATS[name][1]
    assert doc.warnings == ()


def test_key_lines_round_trip(parsed: tuple[str, bytes, Document]) -> None:
    name, _, doc = parsed
    if name == "two-column.pdf":
        lines: tuple[str, ...] = ("Priya Raman", "Senior ML Engineer Mar 2021 – Present", "Orbit Labs • Porto", "Python 3.11")
    else:
        lines = KEY_LINES
    for key in lines:
        assert key in doc.text, (name, key)
    for skill in ("Python 3.11", "PyTorch", "LangChain", "Kubernetes"):
        assert skill in doc.text


def test_markup_is_gone(parsed: tuple[str, bytes, Document]) -> None:
    _, _, doc = parsed
    for junk in ("**", "__", "](", "<", "COBOL", "font-family", "Enable JavaScript", "Hidden template", "\r", "\t"):
        assert junk not in doc.text
    assert not any(line.startswith(("•", "* ", "#")) for line in doc.text.splitlines())


@pytest.mark.parametrize("kind", ["experience", "skills", "education"])
def test_sections_found_with_offsets(parsed: tuple[str, bytes, Document], kind: str) -> None:
    name, _, doc = parsed
    s = section(doc, kind)
    body = doc.text[s.start : s.end]
    assert body.lower().startswith(kind), (name, body[:30])
    assert s.title.lower() == kind
    assert doc.sections[0].kind == "header" and doc.sections[0].start == 0
    assert doc.sections[-1].end == len(doc.text)


def test_entries_with_dates(parsed: tuple[str, bytes, Document]) -> None:
    name, _, doc = parsed
    jobs = [e for e in doc.entries if e.section == "experience"]
    assert len(jobs) == 2, name
    first, second = jobs
    assert (first.title, first.date_start, first.date_end, first.current) == ("Senior ML Engineer", "2021-03", None, True)
    assert second.title == "Machine Learning Engineer"
    assert second.date_start == "2018-01" and second.date_end in ("2021-01", "2021-02")  # "2018 – 2021" ends 2021-01; JSON: 2021-02
    exp = section(doc, "experience")
    assert exp.start < first.start < first.end <= second.start < second.end <= exp.end
    assert "Senior ML Engineer" in first.heading and "2021" in first.heading


def test_deterministic(parsed: tuple[str, bytes, Document]) -> None:
    name, data, doc = parsed
    again = parse_bytes(data, doc.source)
    assert again == doc
    assert again.model_dump_json() == doc.model_dump_json()


def test_bullets_are_dashes() -> None:
    doc = parse_bytes(RESUME_TXT.encode(), "r.txt")
    assert "- Built a RAG pipeline" in doc.text


def test_html_lists_headings_and_tables() -> None:
    doc = parse_bytes(RESUME_HTML.encode(), "r.html")
    lines = doc.text.splitlines()
    assert "Experience" in lines and "Skills" in lines
    assert "- Cut inference latency 2x with vLLM on Kubernetes" in lines
    assert "M.Sc. Computer Science, Example University | 2016 – 2018" in lines


def test_markdown_stripping() -> None:
    doc = parse_bytes(RESUME_MD.encode(), "r.md")
    assert "building LLM and retrieval systems" in doc.text
    assert "Senior Machine Learning Engineer · priya.raman@example.com" in doc.text
    assert "- Trained PyTorch models" in doc.text
    assert "#" not in doc.text


def test_json_resume_rendering() -> None:
    doc = parse_bytes(resume_json_bytes(), "r.json")
    lines = doc.text.splitlines()
    assert "Senior ML Engineer, Nimbus Analytics | 2021-03 – Present" in lines
    assert "Machine Learning Engineer, Orbit Labs | 2018-01 – 2021-02" in lines
    assert "- Deployed models with MLflow and Docker" in lines
    assert [s.kind for s in doc.sections] == ["header", "summary", "experience", "projects", "skills", "education", "other"]
    proj = [e for e in doc.entries if e.section == "projects"]
    assert [(e.title, e.date_start, e.current) for e in proj] == [("vecsearch", "2022-01", True)]


def test_docx_header_table_and_footer() -> None:
    doc = parse_bytes(make_docx(), "r.docx")
    lines = doc.text.splitlines()
    assert lines[0] == "Priya Raman — priya.raman@example.com"  # from the page header
    assert "Languages | Python 3.11" in lines  # a table row
    assert lines[-1] == "References available on request"  # from the page footer
    assert "- Built a RAG pipeline with LangChain and pgvector serving 10,000 users" in lines


def test_two_column_pdf_keeps_columns_apart() -> None:
    doc = parse_bytes(make_two_column_pdf(), "two.pdf")
    assert "Senior ML Engineer Mar 2021 – Present" in doc.text
    assert [s.kind for s in doc.sections] == ["header", "skills", "education", "experience"]
    skills = section(doc, "skills")
    assert "PyTorch" in doc.text[skills.start : skills.end]
    assert doc.entries[1].heading == "Machine Learning Engineer Jan 2018 – Feb 2021\nOrbit Labs • Porto"


def test_two_page_pdf_with_running_footer() -> None:
    lines = resume_pdf_lines()
    cut = lines.index("SKILLS")
    data = make_pdf([lines[:cut], lines[cut:]], footer="Priya Raman · Resume · Page {n} of 2")
    doc = parse_bytes(data, "two-page.pdf")
    assert doc.pages == 2
    assert "Page" not in doc.text  # the running footer is dropped
    assert [s.kind for s in doc.sections] == ["header", "summary", "experience", "skills", "education"]
    exp = section(doc, "experience")
    assert doc.entries[-1].end == exp.end  # the last job ends where page 2's SKILLS starts
    assert "Deployed models with MLflow and Docker" in doc.text[doc.entries[-1].start : doc.entries[-1].end]


def test_pdf_page_numbers_dropped() -> None:
    data = make_pdf([["Jane Example", "EXPERIENCE", "Engineer, Acme 2019 – 2021", "1/2"], ["SKILLS", "Python", "2/2"]])
    doc = parse_bytes(data, "p.pdf")
    assert "1/2" not in doc.text and "2/2" not in doc.text
    assert [s.kind for s in doc.sections] == ["header", "experience", "skills"]


def test_pdf_blank_page_warns() -> None:
    data = make_pdf([resume_pdf_lines(), []])
    doc = parse_bytes(data, "blank-page.pdf")
    assert doc.pages == 2
    assert doc.warnings == ("1 page had no text layer",)


def test_pdf_page_limit_warns() -> None:
    words = ["alpha", "beta", "gamma", "delta", "epsilon"]
    data = make_pdf([["Jane Example", f"Section {w}"] for w in words])
    doc = parse_bytes(data, "long.pdf", limits=ParseLimits(max_pages=2))
    assert "Section beta" in doc.text and "Section gamma" not in doc.text
    assert doc.pages == 5
    assert any("first 2 of 5 pages" in w for w in doc.warnings)


def test_max_chars_truncates_with_warning() -> None:
    text = "Jane Example\n" + "\n".join(f"- Built system number {i} with Python" for i in range(200))
    doc = parse_bytes(text.encode(), "big.txt", limits=ParseLimits(max_chars=1000))
    assert len(doc.text) <= 1000
    assert doc.text.endswith("with Python")  # cut at a line end
    assert any("truncated" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8-sig", b""),
        ("utf-16", b""),  # with BOM
        ("utf-16-le", b""),  # no BOM
        ("utf-16-be", b""),
        ("latin-1", b""),
        ("cp1252", b""),
    ],
)
def test_text_encodings(encoding: str, prefix: bytes) -> None:
    text = (
        "José Müller-Løvås\nSenior Data Engineer, Zürich\n\nExperience\n"
        "Data Engineer at Café Analytics, Jan 2019 - Present\n- Built Spark pipelines for façade sensors in Malmö\n"
        "\nSkills\nPython, Spark, Airflow, Größe matters\n"
    )
    data = prefix + text.encode(encoding)
    doc = parse_bytes(data, "cv.txt")
    assert doc.text.startswith("José Müller-Løvås")
    assert "façade sensors in Malmö" in doc.text
    assert [s.kind for s in doc.sections] == ["header", "experience", "skills"]
    assert doc.entries[0].date_start == "2019-01"


def test_crlf_and_tabs_normalised() -> None:
    doc = parse_bytes(b"Jane\r\n\r\n\r\n\r\n\r\nSkills\r\nPython\t\t  Go   \r\n", "r.txt")
    assert doc.text == "Jane\n\n\nSkills\nPython Go"


def test_parse_text_identity_and_media_type() -> None:
    doc = parse_text(RESUME_TXT)
    assert doc.id == hashlib.sha256(RESUME_TXT.encode()).hexdigest()
    assert doc.source == "<text>" and doc.media_type == "text/plain"
    md = parse_text(RESUME_MD, source="jd.md", media_type="text/markdown")
    assert md.media_type == "text/markdown" and "#" not in md.text
    html = parse_text(RESUME_HTML, media_type="text/html")
    assert "COBOL" not in html.text and "Experience" in html.text


def test_parse_bytes_without_suffix_sniffs_content() -> None:
    assert parse_bytes(make_pdf([resume_pdf_lines()]), "upload").media_type == "application/pdf"
    assert parse_bytes(make_docx(), "upload").media_type == DOCX_TYPE
    assert parse_bytes(RESUME_HTML.encode(), "upload").media_type == "text/html"
    assert parse_bytes(resume_json_bytes(), "upload").media_type == "application/json"


def test_magic_bytes_win_over_a_wrong_suffix() -> None:
    doc = parse_bytes(make_pdf([resume_pdf_lines()]), "resume.docx")
    assert doc.media_type == "application/pdf"
    assert doc.warnings == ("the file is a PDF although its name ends in .docx",)
    doc = parse_bytes(make_docx(), "resume.pdf")
    assert doc.media_type == DOCX_TYPE


def test_docx_hyperlinks_and_text_boxes() -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.shared import OxmlElement, qn

    d = docx.Document()
    p = d.add_paragraph("GitHub: ")
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), p.part.relate_to("https://github.com/example", RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "github.com/example"
    run.append(text)
    link.append(run)
    p._p.append(link)
    d.add_paragraph("Skills")
    d.element.body.append(
        parse_xml(
            '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>PyTorch, Ray, Triton</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
        )
    )
    buf = io.BytesIO()
    d.save(buf)
    doc = parse_bytes(buf.getvalue(), "links.docx")
    assert doc.text.splitlines()[0] == "GitHub: github.com/example"  # no <a href> markup
    skills = section(doc, "skills")
    assert "PyTorch, Ray, Triton" in doc.text[skills.start : skills.end]  # text box content
