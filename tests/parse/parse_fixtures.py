"""Synthetic resume fixtures for the parse tests (no real people).

PDFs are drawn with reportlab, DOCX files written with python-docx; the other formats
are strings. Every builder returns bytes so tests can also feed ``parse_bytes``.
"""

from __future__ import annotations

import io
import json

# The same synthetic resume in every format. Key lines are checked after parsing.
NAME = "Priya Raman"
KEY_LINES = (
    "Priya Raman",
    "Senior ML Engineer, Nimbus Analytics",
    "Built a RAG pipeline with LangChain and pgvector serving 10,000 users",
    "Trained PyTorch models for demand forecasting",
)

RESUME_TXT = """\
Priya Raman
Senior Machine Learning Engineer
priya.raman@example.com | +1 (555) 010-2233 | github.com/praman-example

Summary
ML engineer with 7 years of experience building LLM and retrieval systems.

Experience
Senior ML Engineer, Nimbus Analytics
Mar 2021 – Present
• Built a RAG pipeline with LangChain and pgvector serving 10,000 users
• Cut inference latency 2x with vLLM on Kubernetes

Machine Learning Engineer | Orbit Labs | 2018 – 2021
• Trained PyTorch models for demand forecasting
• Deployed models with MLflow and Docker

Skills
Python 3.11, PyTorch, LangChain, Kubernetes, Docker, MLflow

Education
M.Sc. Computer Science, Example University, 2016 – 2018
"""

RESUME_MD = """\
# Priya Raman
Senior Machine Learning Engineer · [priya.raman@example.com](mailto:priya.raman@example.com)

## Summary
ML engineer with 7 years of experience building **LLM** and __retrieval__ systems.

## Experience

### Senior ML Engineer, Nimbus Analytics
*Mar 2021 – Present*

- Built a RAG pipeline with [LangChain](https://example.com/langchain) and pgvector serving 10,000 users
- Cut inference latency 2x with `vLLM` on Kubernetes

### Machine Learning Engineer | Orbit Labs | 2018 – 2021
* Trained PyTorch models for demand forecasting
* Deployed models with MLflow and Docker

## skills
Python 3.11, PyTorch, LangChain, Kubernetes, Docker, MLflow

## Education
M.Sc. Computer Science, Example University, 2016 – 2018
"""

RESUME_HTML = """\
<!DOCTYPE html>
<html><head><title>Resume of Priya Raman</title>
<style>body { font-family: sans-serif } .x::after { content: "Kubernetes" }</style>
<script>var skills = ["COBOL"]; document.title = "Experience";</script>
</head>
<body>
<header><h1>Priya Raman</h1><p>Senior Machine Learning Engineer</p></header>
<noscript>Enable JavaScript</noscript>
<template><p>Hidden template text</p></template>
<section><h2>Summary</h2><p>ML engineer with 7 years of experience building
   LLM and retrieval systems.</p></section>
<section><h2>Experience</h2>
  <div class="job"><h3>Senior ML Engineer, Nimbus Analytics</h3><p>Mar 2021 &ndash; Present</p>
    <ul><li>Built a RAG pipeline with <a href="https://example.com">LangChain</a> and pgvector serving 10,000 users</li>
        <li><p>Cut inference latency 2x with vLLM on Kubernetes</p></li></ul></div>
  <div class="job"><h3>Machine Learning Engineer | Orbit Labs | 2018 &ndash; 2021</h3>
    <ul><li>Trained PyTorch models for demand forecasting</li><li>Deployed models with MLflow and Docker</li></ul></div>
</section>
<section><h2>Skills</h2><p>Python 3.11, PyTorch, LangChain, Kubernetes, Docker, MLflow</p></section>
<section><h2>Education</h2><table>
  <tr><td>M.Sc. Computer Science, Example University</td><td>2016 &ndash; 2018</td></tr></table></section>
<!-- a comment with Experience -->
</body></html>
"""

RESUME_JSON = {
    "basics": {
        "name": "Priya Raman",
        "label": "Senior Machine Learning Engineer",
        "email": "priya.raman@example.com",
        "summary": "ML engineer with 7 years of experience building LLM and retrieval systems.",
        "location": {"city": "Lisbon", "countryCode": "PT"},
        "profiles": [{"network": "GitHub", "username": "praman-example"}],
    },
    "work": [
        {
            "name": "Nimbus Analytics",
            "position": "Senior ML Engineer",
            "startDate": "2021-03-01",
            "highlights": [
                "Built a RAG pipeline with LangChain and pgvector serving 10,000 users",
                "Cut inference latency 2x with vLLM on Kubernetes",
            ],
        },
        {
            "company": "Orbit Labs",
            "position": "Machine Learning Engineer",
            "startDate": "2018-01",
            "endDate": "2021-02",
            "summary": "Forecasting team.",
            "highlights": ["Trained PyTorch models for demand forecasting", "Deployed models with MLflow and Docker"],
        },
    ],
    "projects": [
        {"name": "vecsearch", "description": "Open-source vector search demo", "startDate": "2022",
         "keywords": ["FAISS", "FastAPI"]}
    ],
    "skills": [
        {"name": "Languages", "keywords": ["Python 3.11"]},
        {"name": "ML", "keywords": ["PyTorch", "LangChain"]},
        {"name": "Infra", "keywords": ["Kubernetes", "Docker", "MLflow"]},
    ],
    "education": [
        {"institution": "Example University", "area": "Computer Science", "studyType": "M.Sc.",
         "startDate": "2016", "endDate": "2018"}
    ],
    "languages": [{"language": "English", "fluency": "Fluent"}],
}


def resume_json_bytes() -> bytes:
    return json.dumps(RESUME_JSON, indent=2).encode()


# --------------------------------------------------------------------------- PDF


def _draw_lines(c, lines, x: float, y: float, size: int = 10, leading: float = 14) -> float:
    for line in lines:
        if line:
            c.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", size)
            c.drawString(x, y, line)
        y -= leading
    return y


def make_pdf(pages: list[list[str]], *, encrypt: str | None = None, footer: str | None = None) -> bytes:
    """A PDF with one text line per list item; ``footer`` (with {n}) on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt, invariant=1)
    for n, lines in enumerate(pages, 1):
        _draw_lines(c, lines, 50, A4[1] - 60)
        if footer:
            c.setFont("Helvetica", 8)
            c.drawString(50, 30, footer.format(n=n))
        c.showPage()
    c.save()
    return buf.getvalue()


def resume_pdf_lines() -> list[str]:
    # the PDF version of RESUME_TXT, with ALL-CAPS headings like many templates
    out = []
    for line in RESUME_TXT.splitlines():
        out.append(line.upper() if line in ("Summary", "Experience", "Skills", "Education") else line)
    return out


def make_two_column_pdf() -> bytes:
    """Sidebar (skills, education) on the left, experience on the right, drawn column by column."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    top = A4[1] - 60
    _draw_lines(c, ["Priya Raman", "Senior Machine Learning Engineer"], 50, top, size=14, leading=20)
    _draw_lines(
        c,
        ["SKILLS", "Python 3.11", "PyTorch", "LangChain", "Kubernetes", "", "EDUCATION", "M.Sc. Computer Science",
         "Example University", "2016 – 2018"],
        50, top - 60,
    )
    _draw_lines(
        c,
        ["EXPERIENCE", "Senior ML Engineer  Mar 2021 – Present", "Nimbus Analytics • Lisbon",
         "• Built a RAG pipeline with LangChain and pgvector", "• Cut inference latency 2x with vLLM",
         "Machine Learning Engineer  Jan 2018 – Feb 2021", "Orbit Labs • Porto",
         "• Trained PyTorch models for demand forecasting"],
        230, top - 60,
    )
    c.showPage()
    c.save()
    return buf.getvalue()


def make_image_only_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        img.putpixel((x, 50), 0)  # a "scanned" line, not text
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawImage(ImageReader(img), 50, 500, width=400, height=200)
    c.showPage()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------- DOCX


def make_docx() -> bytes:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Priya Raman — priya.raman@example.com"
    d.add_paragraph("Senior Machine Learning Engineer")
    d.add_heading("Summary", level=1)
    d.add_paragraph("ML engineer with 7 years of experience building LLM and retrieval systems.")
    d.add_heading("Experience", level=1)
    d.add_paragraph("Senior ML Engineer, Nimbus Analytics")
    d.add_paragraph("Mar 2021 – Present")
    d.add_paragraph("Built a RAG pipeline with LangChain and pgvector serving 10,000 users", style="List Bullet")
    d.add_paragraph("Cut inference latency 2x with vLLM on Kubernetes", style="List Bullet")
    d.add_paragraph("Machine Learning Engineer | Orbit Labs | 2018 – 2021")
    d.add_paragraph("Trained PyTorch models for demand forecasting", style="List Bullet")
    d.add_heading("Skills", level=1)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Languages"
    t.cell(0, 1).text = "Python 3.11"
    t.cell(1, 0).text = "ML and infra"
    t.cell(1, 1).text = "Python 3.11, PyTorch, LangChain, Kubernetes, Docker, MLflow"
    d.add_heading("Education", level=1)
    d.add_paragraph("M.Sc. Computer Science, Example University, 2016 – 2018")
    d.sections[0].footer.paragraphs[0].text = "References available on request"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
