"""The web app's colours meet WCAG AA contrast (4.5:1 for text) in every text/background pair it uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "src/stackfit/web/static/app.css").read_text(encoding="utf-8")
VARS = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", CSS))


def luminance(hex_: str) -> float:
    def ch(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def color(name: str) -> str:
    return VARS[name] if not name.startswith("#") else name


PAIRS = [  # (text, background): body text, links, muted text, errors, header, buttons, highlights, drop zone, error box
    ("fg", "bg"), ("accent", "bg"), ("muted", "bg"), ("bad", "bg"), ("ok", "bg"), ("#ffffff", "#12263f"), ("#ffffff", "accent"),
    ("fg", "mark"), ("fg", "#ffd966"), ("fg", "#d6ecff"), ("fg", "#eef4fb"), ("bad", "#fff5f6"), ("accent", "#eef4fb"),
]


def test_css_variables_are_read() -> None:
    assert {"fg", "bg", "muted", "accent", "bad", "ok", "mark"} <= set(VARS)


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_contrast_at_least_4_5(text: str, background: str) -> None:
    assert contrast(color(text), color(background)) >= 4.5
