"""Blind screening: mask personal details in a ``Document`` before anything reads it.

Masks have the length of what they hide, so every offset (sections, entries, evidence) stays valid
and the report can still highlight the text behind a score. Masked: the name (the header's first
line when it reads like a name, and that full name anywhere), contact lines and emails, phones and
links anywhere, street addresses, labelled personal lines (date of birth, nationality, marital
status, ...), years in the Education section (graduation years; education entries lose their
dates too), gendered pronouns, words and honorifics. The lists are data: ``data/redact.yaml``.
Photos never reach a ``Document`` (parsers keep text only).
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict

from stackfit.datafiles import package_data
from stackfit.models import Document, Entry

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d ()./-]{6,}\d(?![\w])")
URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b(?:github|gitlab|linkedin|twitter|x|behance|dribbble|medium|kaggle)\.com/\S+")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DATE_RANGE = re.compile(r"(?:\d{1,2}[/.])?(?:19|20)\d{2}\s*[-–—/.]\s*(?:\d{1,2}[/.])?(?:19|20)\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")


def phones(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Phone numbers: 7+ digits in a run of digits and separators that is not a date or a date range."""
    return [(m.start(), m.end()) for m in PHONE.finditer(text, start, len(text) if end is None else end)
            if sum(ch.isdigit() for ch in m.group(0)) >= 7 and not _DATE_RANGE.fullmatch(m.group(0).strip())]


class RedactRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    mask: str
    header_lines: int
    not_name_words: tuple[str, ...]
    labels: tuple[str, ...]
    gendered_words: tuple[str, ...]
    honorifics: tuple[str, ...]
    street_words: tuple[str, ...]


class _Compiled:
    def __init__(self, r: RedactRules) -> None:
        self.rules = r
        alt = "|".join(re.escape(w) for w in sorted(r.gendered_words, key=len, reverse=True))
        self.gendered = re.compile(rf"(?i)(?<![\w'’-])(?:{alt})(?![\w-])")
        hon = "|".join(re.escape(w) for w in sorted(r.honorifics, key=len, reverse=True))
        self.honorific = re.compile(rf"(?<![\w])(?:{hon})\.? [A-Z\u00c0-\u024f][\w'’-]*")
        lab = "|".join(re.escape(w) for w in sorted(r.labels, key=len, reverse=True))
        self.labelled = re.compile(rf"(?im)^[ \-*]*(?:{lab})\s*[:：\-–—]\s*(?P<value>.+)$")
        st = "|".join(re.escape(w) for w in r.street_words)
        self.street = re.compile(rf"\b\d{{1,5}}[a-zA-Z]?,? (?:[\w'.-]+ ){{0,4}}(?:{st})\b\.?(?: \d{{1,5}}[a-zA-Z]?)?"
                                 rf"|\b(?:{st})\.? (?:[\w'.-]+ ){{0,3}}\d{{1,5}}[a-zA-Z]?\b")
        self.not_name = {w.lower() for w in r.not_name_words}


@cache
def load_redact_rules() -> _Compiled:
    import yaml

    from stackfit.errors import DataFileError

    path = package_data("redact.yaml")
    try:
        return _Compiled(RedactRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))))
    except Exception as exc:  # noqa: BLE001 - any schema or YAML problem is a DataFileError naming the file
        raise DataFileError(f"invalid redaction rules: {exc}".splitlines()[0], hint="fix data/redact.yaml", path=str(path)) from exc


def _looks_like_name(line: str, c: _Compiled) -> bool:
    words = line.replace(",", " ").split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in line) or "@" in line:
        return False
    return all(w[0].isupper() and w.strip(".'’-").replace("-", "").replace("'", "").replace(".", "").isalpha()
               and w.lower().strip(".") not in c.not_name for w in words)


def spans(doc: Document) -> list[tuple[int, int]]:
    """Character spans of ``doc.text`` to mask, sorted and merged."""
    c = load_redact_rules()
    text = doc.text
    out: list[tuple[int, int]] = []
    header = next((s for s in doc.sections if s.kind == "header"), None)
    h_end = header.end if header is not None else 0
    if header is None:  # no header section: the first lines before anything else
        h_end = sum(len(ln) + 1 for ln in text.split("\n")[: c.rules.header_lines])
    pos, lines = 0, []
    for ln in text[:h_end].split("\n")[: c.rules.header_lines]:
        lines.append((pos, ln))
        pos += len(ln) + 1
    first = next(((p, ln) for p, ln in lines if ln.strip()), None)
    if first is not None and _looks_like_name(first[1].strip(" #*"), c):
        p, ln = first
        out.append((p, p + len(ln)))
        name = first[1].strip(" #*")
        out += [(m.start(), m.end()) for m in re.finditer(r"\s+".join(re.escape(w) for w in name.split()), text)]
    for p, ln in lines:
        if EMAIL.search(ln) or phones(ln) or URL.search(ln):
            out.append((p, p + len(ln)))
    out += phones(text)
    for rx in (EMAIL, URL, c.street, c.gendered, c.honorific):
        out += [(m.start(), m.end()) for m in rx.finditer(text)]
    out += [(m.start("value"), m.end("value")) for m in c.labelled.finditer(text)]
    for s in doc.sections:
        if s.kind == "education":
            out += [(m.start(), m.end()) for m in YEAR.finditer(text, s.start, s.end)]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(out):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        elif b > a:
            merged.append((a, b))
    return merged


def mask_text(text: str, spans_: list[tuple[int, int]], mask: str) -> str:
    parts, last = [], 0
    for a, b in spans_:
        parts.append(text[last:a])
        parts.append("".join("\n" if ch == "\n" else mask for ch in text[a:b]))
        last = b
    parts.append(text[last:])
    return "".join(parts)


def redact_string(s: str | None) -> str | None:
    """Mask the pattern-level details (contacts, links, gendered words) in a short string, e.g. a heading."""
    if not s:
        return s
    c = load_redact_rules()
    found = phones(s) + [(m.start(), m.end()) for rx in (EMAIL, URL, c.gendered, c.honorific) for m in rx.finditer(s)]
    return mask_text(s, sorted(found), c.rules.mask) if found else s


def redact_document(doc: Document, label: str | None = None) -> Document:
    """The document as blind screening shows it (idempotent). ``label`` replaces the file path."""
    c = load_redact_rules()
    text = mask_text(doc.text, spans(doc), c.rules.mask)
    def clean(s: str | None, edu: bool) -> str | None:
        s = redact_string(s)
        return YEAR.sub(lambda m: c.rules.mask * 4, s) if s and edu else s

    entries = tuple(
        Entry(section=e.section, start=e.start, end=e.end, heading=clean(e.heading, e.section == "education") or "",
              title=clean(e.title, e.section == "education"), current=e.current if e.section != "education" else False,
              date_start=e.date_start if e.section != "education" else None,
              date_end=e.date_end if e.section != "education" else None)
        for e in doc.entries)
    return doc.model_copy(update={"text": text, "entries": entries, "source": label or doc.source})


def candidate_code(document_id: str) -> str:
    """What blind reports show instead of a file name: stable, short, not personal."""
    return f"C-{document_id[:10]}"
