"""A job description whose lines are broken by its column (a PDF, an e-mail, hard-wrapped text) gives the same
role as the same text unwrapped: a wrapped requirement is one requirement."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from stackfit.extract.evidence import collect_evidence
from stackfit.extract.skills import default_matcher
from stackfit.parse import parse_file, parse_text
from stackfit.role.jd import from_jd, jd_title, unwrapped
from stackfit.role.rules import load_role_rules

JD = """Senior Machine Learning Engineer, Recommendations

About the role
We are building the ranking models behind our marketplace feed and need an engineer who trains, ships and monitors them in production.

Requirements
- 5+ years of professional experience building machine learning systems in Python, including at least two years shipping models to production
- Hands-on experience training deep learning models with PyTorch or TensorFlow on large datasets
- Experience with feature pipelines in Spark or Airflow, and with data quality checks
- Experience serving models behind low-latency APIs on Kubernetes, with monitoring in Prometheus or Grafana
- Strong communication skills and the ability to explain model behaviour to product managers

Nice to have
- Experience with Ray or Triton Inference Server for distributed training and serving is a plus
- Familiarity with vector databases such as FAISS or Milvus
"""


def _hard_wrapped(text: str, width: int = 72) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        out += textwrap.wrap(line, width, subsequent_indent="  " if line.startswith("- ") else "") or [""]
    return "\n".join(out)


def _role(text: str, name: str = "jd.md"):
    return from_jd(parse_text(text, name, media_type="text/markdown"))


def _what_it_asks(role) -> tuple:
    return (role.title, role.profile, role.must_have, role.nice_to_have, role.any_of, role.min_years,
            [r.text for r in role.open_requirements], role.layers)


def test_hard_wrapped_jd_reads_as_the_unwrapped_one() -> None:
    wrapped = _hard_wrapped(JD)
    assert "PyTorch or\n  TensorFlow" in wrapped and "data\n  quality checks" in wrapped  # the wrap splits them
    role = _role(wrapped)
    assert _what_it_asks(role) == _what_it_asks(_role(JD))
    assert ("ml-frameworks.pytorch", "ml-frameworks.tensorflow") in role.any_of  # the group across the break
    assert "data-quality.data-quality" in role.must_have  # the skill the break cut in two
    assert "distributed.distributed-training" in role.nice_to_have  # "is a plus" is on the next line
    assert not any(r.text.startswith(("to product", "with data")) for r in role.open_requirements)


def test_one_item_per_line_lists_stay_items() -> None:
    """RJDB writes lists one item per line, each ending in a comma: the items are not one long line."""
    text = ("## Job Title\nWaiter\n\n## Job Summary\n" + "We serve guests. " * 30 + "\n\n## Required Experience\n"
            "Minimum of 3 years experience as a Waiter/Waitress,\n2 years experience as an Occupational Therapy Aide,\n"
            "4 years in Residential advisory role,\n2 years in other teaching or instructor function.\n")
    assert unwrapped(text, load_role_rules()) == text
    role = _role(text)
    assert [(r.text, r.years) for r in role.open_requirements] == [
        ("2 years experience as an Occupational Therapy Aide,", 2), ("4 years in Residential advisory role,", 4),
        ("2 years in other teaching or instructor function.", 2)]


def test_a_full_line_ending_in_a_comma_wraps() -> None:
    text = ("Data Engineer\n\nRequirements\n- Experience building batch and streaming pipelines with Airflow, Kafka,\n"
            "  Spark and dbt on a cloud warehouse such as Snowflake or BigQuery\n- Strong SQL\n")
    out = unwrapped(text, load_role_rules())
    assert "Kafka,   Spark" in out and out.count("\n") == text.count("\n") - 1 and len(out) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        # the title line stays the title, even one too long to read as a heading
        "Senior Software Engineer, Machine Learning Platform and Model Serving Infrastructure\nremote within the EU\n",
        "Platform Engineer\n\nWhat you bring\nexperience with Python and SQL\n",  # a heading takes no continuation
        "- Python, SQL and\n- Docker\n",  # a bullet starts a new line
        "Requirements\n- Python and\nNice to have: Ray\n",  # so does a section label
        "Requirements\n- Python and\n## Nice to have\n- Ray\n",  # and a Markdown heading
    ],
)
def test_what_does_not_continue(text: str) -> None:
    assert unwrapped(text, load_role_rules()) == text


def test_a_heading_keeps_its_section() -> None:
    role = _role("Platform Engineer\n\nRequirements:\nexperience with PyTorch and\nKubernetes\n\nNice to have:\n- Ray\n")
    assert role.must_have == ("ml-frameworks.pytorch", "orchestration.kubernetes")
    assert role.nice_to_have == ("distributed.ray",)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Senior Machine Learning\nEngineer, Recommendations\n\nAbout us\n", "Senior Machine Learning Engineer, Recommendations"),
        ("Senior Applied\nScientist (NLP)\n", "Senior Applied Scientist (NLP)"),
        ("Staff Applied\nScientist (NLP)\n", "Staff Applied Scientist (NLP)"),  # "staff" is a title head word too
        ("Machine Learning Engineer\nLead: Dana Smith\n", "Machine Learning Engineer"),  # a whole title takes no tail
        # a company line before a title of its own stays apart
        ("Acme Robotics\nMachine Learning Engineer\n\nWe build robots.\n", "Acme Robotics"),
        ("Acme Robotics\n\nWe are hiring a Senior Data Engineer to build pipelines.\n", "Senior Data Engineer"),
    ],
)
def test_wrapped_title(text: str, title: str) -> None:
    assert jd_title(parse_text(text, "jd.md", media_type="text/markdown")) == title


def test_pdf_jd_with_wrapped_title_and_bullets(tmp_path: Path) -> None:
    """A JD laid out by reportlab in a narrow column: its title and every bullet wrap."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    flow, items = [], []
    for i, line in enumerate(JD.split("\n") + [""]):
        if line.startswith("- "):
            items.append(ListItem(Paragraph(line[2:], styles["BodyText"])))
            continue
        if items:
            flow.append(ListFlowable(items, bulletType="bullet", start="•"))
            items = []
        if line.strip():
            style = "Title" if i == 0 else "Heading2" if len(line.split()) < 5 else "BodyText"
            flow.append(Paragraph(line, styles[style]))
    pdf = tmp_path / "jd.pdf"
    SimpleDocTemplate(str(pdf), pagesize=A4, leftMargin=150, rightMargin=150).build(flow)
    doc = parse_file(pdf)
    assert doc.text.startswith("Senior Machine Learning\nEngineer, Recommendations\n")  # the layout wraps
    assert "with\nPyTorch or TensorFlow" in doc.text and "Server for\ndistributed training" in doc.text
    role, flat = from_jd(doc), _role(JD)
    assert role.title == flat.title and role.profile == flat.profile == "ml_engineer"
    assert (role.must_have, role.nice_to_have, role.any_of) == (flat.must_have, flat.nice_to_have, flat.any_of)
    assert [r.text for r in role.open_requirements] == [r.text for r in flat.open_requirements]


def test_resume_skill_split_by_a_wrap_is_found() -> None:
    text = ("Jane Roe\n\nExperience\nData Engineer, Acme — 2021–present\n"
            "- Built validation for the feature store and automated data\n  quality checks across 40 pipelines\n")
    doc = parse_text(text, "r.md", media_type="text/markdown")
    ev = [e for e in collect_evidence(doc, default_matcher()) if e.skill_id == "data-quality.data-quality"]
    assert len(ev) == 1
    assert ev[0].text == doc.text[ev[0].start:ev[0].end] and "\n" in ev[0].text  # offsets stay the resume's
    assert ev[0].strength == "built"
