"""Text normalisation shared by every format. Deterministic; no de-hyphenation.

NFKC; ``\\r\\n`` and other line separators to ``\\n``; zero-width and control characters
dropped; runs of spaces/tabs collapsed to one space; lines stripped; bullet glyphs at line
start become ``"- "``; at most two consecutive blank lines; no leading/trailing blank lines.
"""

from __future__ import annotations

import re
import unicodedata

# Line separators other than "\n". A lone "\r" inside a line (seen in Word->Quartz PDFs
# as "word\t\r \xa0word") is a space; CR-only files are handled in ``normalize``.
_NEWLINES = re.compile(r"\r\n|[\f\v\x85\u2028\u2029]")
_LONE_CR = re.compile(r"\r")
# Zero-width characters, the BOM, soft hyphen, C0/C1 controls except \t and \n, bidi
# controls and Unicode tag characters (``parse.unicode`` flags them before they go).
_INVISIBLE = re.compile(
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f"
    r"\u200e\u200f\u202a-\u202e\u2061-\u2064\u2066-\u2069\u180e\U000e0000-\U000e007f]"
)
_HYPHENS = re.compile(r"[\u2010\u2011]")
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace except newline
_EDGE_SPACES = re.compile(r" *\n *")
# Bullet glyphs at line start (after NFKC). U+F0B7/U+F0A7/U+F076/U+F0D8/U+F0FC are the
# Symbol/Wingdings private-use bullets Word writes into PDFs.
_BULLET_GLYPHS = "•▪●◦‣∙⁃◆◇■□➢➤►▸▹▶✓✔○◉❖★☐✗➔⮚\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06c\uf06e·"
_BULLETS = re.compile(
    rf"(?m)^(?:[{_BULLET_GLYPHS}]+ ?|[–—*+] (?=\S))"
)
_MANY_BLANKS = re.compile(r"\n{4,}")


def normalize(text: str) -> str:
    """Return the canonical form of ``text`` that all offsets refer to."""
    if "\r" in text:
        if "\n" not in text:
            text = text.replace("\r", "\n")  # classic Mac line endings
        else:
            text = _NEWLINES.sub("\n", text)
            text = _LONE_CR.sub(" ", text)
    text = _NEWLINES.sub("\n", text)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _HYPHENS.sub("-", text)
    text = _SPACES.sub(" ", text)
    text = _EDGE_SPACES.sub("\n", text)
    text = _BULLETS.sub("- ", text)
    text = _MANY_BLANKS.sub("\n\n\n", text)
    return text.strip()
