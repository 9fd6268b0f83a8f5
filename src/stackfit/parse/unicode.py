"""Invisible Unicode characters that hide or disguise text, found before ``normalize`` strips them.

- Tag characters (U+E0000-U+E007F) spell ASCII that no reader sees ("ASCII smuggling"): always
  flagged, with the text they spell.
- Bidi overrides (U+202D, U+202E) display text in another order than it is read: always flagged.
  Other bidi controls (embeddings, isolates) are flagged only when the text has no right-to-left
  script, where they have a legitimate use.
- Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, a BOM inside the text) are flagged where
  they split a Latin word ("Py<ZWSP>thon" would otherwise dodge or fake a match). Soft hyphens and ZWJ in
  emoji are not.
"""

from __future__ import annotations

import re

from stackfit.models import HiddenText

_TAGS = re.compile(r"[\U000e0000-\U000e007f]+")
_OVERRIDE = re.compile(r"[\u202d\u202e]")
_BIDI = re.compile(r"[\u202a-\u202c\u2066-\u2069]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ZW_IN_WORD = re.compile(r"(?<=[A-Za-z0-9])[\u200b\u200c\u200d\u2060\ufeff\u180e]+(?=[A-Za-z0-9])")
_ANY = re.compile(r"[\U000e0000-\U000e007f\u202a-\u202e\u2066-\u2069\u200b\u200c\u200d\u2060\ufeff\u180e]")
_STRIP = re.compile(r"[\U000e0000-\U000e007f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff\u180e\u00ad]")


def _around(text: str, start: int, end: int, width: int = 40) -> str:
    return _STRIP.sub("", text[max(0, start - width):end + width]).replace("\n", " ").strip()


def invisible_characters(text: str) -> list[HiddenText]:
    """Findings for tag characters, bidi controls and word-splitting zero-width characters."""
    if not _ANY.search(text):  # the common case: one C-level scan
        return []
    out: list[HiddenText] = []
    for m in _TAGS.finditer(text):
        spelled = "".join(chr(ord(c) - 0xE0000) for c in m.group() if 0x20 <= ord(c) - 0xE0000 < 0x7F)
        out.append(HiddenText(reason="tag_characters", text=(spelled or _around(text, m.start(), m.end()))[:300],
                              where=f"{len(m.group())} tag characters (U+E0000-U+E007F)"))
    for m in _OVERRIDE.finditer(text):
        out.append(HiddenText(reason="bidi_override", text=_around(text, m.start(), m.end()),
                              where=f"U+{ord(m.group()):04X} at character {m.start()}"))
    if not _RTL.search(text):
        for m in _BIDI.finditer(text):
            out.append(HiddenText(reason="bidi_control", text=_around(text, m.start(), m.end()),
                                  where=f"U+{ord(m.group()):04X} in text without a right-to-left script"))
    for m in _ZW_IN_WORD.finditer(text):
        codes = " ".join(f"U+{ord(c):04X}" for c in sorted(set(m.group())))
        out.append(HiddenText(reason="zero_width", text=_around(text, m.start(), m.end(), 20),
                              where=f"{codes} inside a word"))
    return out[:50]
