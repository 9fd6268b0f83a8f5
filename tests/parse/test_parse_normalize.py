"""Text normalisation, and properties every parsed text keeps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stackfit.parse import parse_text
from stackfit.parse.dates import find_date_ranges
from stackfit.parse.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),  # classic Mac line ends
        ("Leo\t\r \xa0Leopard\r\nx", "Leo Leopard\nx"),  # a lone CR inside a line is a space
        ("a  \t b   ", "a b"),
        ("  indented\n\ttabbed", "indented\ntabbed"),
        ("a\n\n\n\n\n\nb", "a\n\n\nb"),  # at most two blank lines
        ("\n\n  a\n\n", "a"),
        (
            "• one\n▪ two\n● three\n◦ four\n‣ five\n– six\n\uf0b7 seven\n* eight\n•nine",
            "- one\n- two\n- three\n- four\n- five\n- six\n- seven\n- eight\n- nine",
        ),
        ("2019 – 2021\nBuilt – fast", "2019 – 2021\nBuilt – fast"),  # dashes inside lines stay
        ("ﬁne-tuning ＰｙＴｏｒｃｈ", "fine-tuning PyTorch"),  # NFKC
        ("zero\u200bwidth\ufeff soft\xadhyphen", "zerowidth softhyphen"),
        ("cloud\u2010native", "cloud-native"),
        ("ctrl\x07char\x00", "ctrlchar"),
        ("a\fb\u2028c", "a\nb\nc"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent() -> None:
    raw = "• Built  RAG\r\n\r\n\r\n\r\n– Led\tteam\xa0of 5"
    once = normalize(raw)
    assert normalize(once) == once


_LINES = st.sampled_from(
    [
        "Experience", "SKILLS", "Education:", "Projects", "Summary", "- Built a RAG system with LangChain",
        "Senior ML Engineer, Acme", "Jan 2020 – Present", "2019 – 2021", "2021 –", "Present", "",
        "Data Scientist | Beta | 03/2018 - 06/2020", "Skills: Python, Go", "Languages", "Python 3.11, PyTorch",
        "Call (555) 123-2019", "Led 10,000 users 2x faster", "E X P E R I E N C E", "Since 2021",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=40))
def test_sections_always_tile_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not normalize(text):
        return
    doc = parse_text(text)
    assert doc.text == normalize(text)
    assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text)
    for a, b in zip(doc.sections, doc.sections[1:], strict=False):
        assert a.end == b.start and a.start < a.end
    for e in doc.entries:
        assert any(s.start <= e.start < e.end <= s.end and s.kind == e.section for s in doc.sections)
        assert doc.text[e.start : e.end].startswith(e.heading)
        assert e.date_start is not None and len(e.date_start) == 7
        assert (e.date_end is None) == e.current
    for a, b in zip(doc.entries, doc.entries[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_find_date_ranges_never_crashes(line: str) -> None:
    for r in find_date_ranges(line, singles=True):
        assert 0 <= r.start < r.end <= len(line)
        assert line[r.start : r.end] == r.text
        assert r.date_end is None or r.date_start <= r.date_end
