"""The headline is the line under the name that says what the person is, never a contact line."""

from __future__ import annotations

import pytest

from stackfit.parse import parse_text
from stackfit.score.candidate import headline

TAIL = "\n\nEXPERIENCE\nML Engineer  Mar 2021 - Present\nOrbit Labs, London\n- Trained PyTorch models\n"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Ada Quinn\nSenior Machine Learning Engineer\nada@example.com", "Senior Machine Learning Engineer"),
        # a street address or a profile link under the name is contact; the headline may follow it
        ("Ada Quinn\n555 La Verne Way, La Verne, CA\nMachine Learning Engineer", "Machine Learning Engineer"),
        ("Ada Quinn\nLinkedIn: linkedin.com/in/adaq — GitHub: github.com/adaq", None),
        ("Ada Quinn\n12 Baker Street, London\n+44 20 7946 0000", None),
        ("Ada Quinn\nwww.adaquinn.dev\nData Engineer", "Data Engineer"),
    ],
)
def test_headline_skips_contact_lines(header: str, expected: str | None) -> None:
    assert headline(parse_text(header + TAIL, "cv.txt")) == expected
