"""Page 1 read from the top: a name a template draws last, above everything, comes first."""

from __future__ import annotations

import io

from stackfit.parse import parse_bytes
from stackfit.redact import redact_document
from stackfit.score.candidate import headline

BODY = ["Machine Learning Engineer", "ada@example.com | +44 20 7946 0000", "", "EXPERIENCE",
        "ML Engineer  Mar 2021 - Present", "Orbit Labs, London", "- Trained PyTorch models for demand forecasting",
        "", "SKILLS", "Python, PyTorch, Kubernetes"]


def _pdf(name_last: bool, *, contact_right: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    top = A4[1] - 60

    def name() -> None:
        c.setFont("Helvetica-Bold", 20)
        c.drawString(50, top, "Ada Quinn")

    if not name_last:
        name()
    y = top - 30
    c.setFont("Helvetica", 10)
    for line in BODY:
        if line:
            c.drawString(50, y, line)
        y -= 14
    if contact_right:  # a right-aligned block that starts higher than the name, drawn after it
        c.drawString(420, top + 14, "12 Example Street")
        c.drawString(420, top, "London")
    if name_last:
        name()
    c.showPage()
    c.save()
    return buf.getvalue()


def test_name_drawn_last_at_the_top_is_read_first() -> None:
    doc = parse_bytes(_pdf(name_last=True), "ada.pdf")
    assert doc.text.split("\n")[:2] == ["Ada Quinn", "Machine Learning Engineer"]
    assert headline(doc) == "Machine Learning Engineer"
    assert "Ada" not in redact_document(doc).text  # blind screening masks the name it can now see


def test_same_text_whatever_the_drawing_order() -> None:
    assert parse_bytes(_pdf(name_last=True), "a.pdf").text == parse_bytes(_pdf(name_last=False), "b.pdf").text


def test_a_block_in_another_column_is_not_moved() -> None:
    doc = parse_bytes(_pdf(name_last=False, contact_right=True), "ada.pdf")
    lines = doc.text.split("\n")
    assert lines[0] == "Ada Quinn"
    assert lines.index("12 Example Street") > lines.index("Python, PyTorch, Kubernetes")


def test_a_character_without_a_box_keeps_the_drawing_order(monkeypatch) -> None:
    import pypdfium2 as pdfium

    def no_box(self, index, loose=False):
        raise pdfium.PdfiumError("Failed to get charbox.")

    monkeypatch.setattr(pdfium.PdfTextPage, "get_charbox", no_box)
    doc = parse_bytes(_pdf(name_last=True), "ada.pdf")
    assert doc.text.split("\n")[0] == "Machine Learning Engineer"  # read as drawn, no error
    assert doc.text.split("\n")[-1] == "Ada Quinn"
