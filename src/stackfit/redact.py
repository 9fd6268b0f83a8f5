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
_FOLD_SPECIAL = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K: match ASCII letters under re.IGNORECASE
_EMAIL_CHARS = frozenset("._+-@")
_URL_HINTS = ("http", "www.", ".com/")  # every URL match contains one of these, lower-cased
_DATE_RANGE = re.compile(r"(?:\d{1,2}[/.])?(?:19|20)\d{2}\s*[-–—/.]\s*(?:\d{1,2}[/.])?(?:19|20)\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")


def phones(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Phone numbers: 7+ digits in a run of digits and separators that is not a date or a date range."""
    return [(m.start(), m.end()) for m in PHONE.finditer(text, start, len(text) if end is None else end)
            if sum(ch.isdigit() for ch in m.group(0)) >= 7 and not _DATE_RANGE.fullmatch(m.group(0).strip())]


def _foldsafe_lower(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset and no character matches an ASCII letter under
    ``re.IGNORECASE`` other than A-Z (then a literal search in it finds what the case-insensitive pattern
    finds); None otherwise."""
    if text.isascii():
        return text.lower()
    low = text.lower()
    return low if len(low) == len(text) and not _FOLD_SPECIAL.search(text) else None


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # re's \w on str patterns


def emails(text: str) -> list[tuple[int, int]]:
    """``EMAIL.finditer(text)`` searched only in the runs of e-mail characters that hold an ``@`` (a match
    cannot cross a character outside ``[\\w.+@-]``, and each run is searched from its start, as the
    full scan would): the same spans, without scanning the whole text."""
    out: list[tuple[int, int]] = []
    i, done = text.find("@"), 0
    while i != -1:
        if i >= done:
            a = i
            while a > 0 and (_is_word(text[a - 1]) or text[a - 1] in _EMAIL_CHARS):
                a -= 1
            b = i + 1
            while b < len(text) and (_is_word(text[b]) or text[b] in _EMAIL_CHARS):
                b += 1
            out += [(m.start(), m.end()) for m in EMAIL.finditer(text, a, b)]
            done = b
        i = text.find("@", i + 1)
    return out


def urls(text: str, low: str | None = None) -> list[tuple[int, int]]:
    """``URL.finditer(text)``, skipped when the text holds none of the strings every match contains."""
    low = text.lower() if low is None else low
    if not any(h in low for h in _URL_HINTS):
        return []
    return [(m.start(), m.end()) for m in URL.finditer(text)]


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
        import ahocorasick

        self.gendered_words = ahocorasick.Automaton()
        for w in r.gendered_words:
            self.gendered_words.add_word(w.lower(), len(w))
        self.gendered_words.make_automaton()
        self.gendered_plain = all(w.isascii() and w.isalpha() for w in r.gendered_words)

    def gendered_spans(self, text: str, low: str | None = None) -> list[tuple[int, int]]:
        """``self.gendered.finditer(text)``: found with an Aho-Corasick automaton over the lower-cased
        text and the pattern's boundaries checked by hand when the words are plain ASCII letters and
        lower-casing keeps offsets (a word of letters is then the whole run of word characters around it,
        so matches cannot overlap); the regular expression otherwise."""
        low = _foldsafe_lower(text) if low is None else low
        if low is None or not self.gendered_plain:
            return [(m.start(), m.end()) for m in self.gendered.finditer(text)]
        out, n = [], len(text)
        for end, size in self.gendered_words.iter(low):
            a, b = end - size + 1, end + 1
            if a > 0 and (_is_word(text[a - 1]) or text[a - 1] in "'’-"):
                continue
            if b < n and (_is_word(text[b]) or text[b] == "-"):
                continue
            out.append((a, b))
        return out


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
    low = _foldsafe_lower(text)
    out += emails(text) + urls(text, low if low is not None else text.lower()) + c.gendered_spans(text, low)
    for rx in (c.street, c.honorific):
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
    found = phones(s) + emails(s) + urls(s) + c.gendered_spans(s) + [(m.start(), m.end()) for m in c.honorific.finditer(s)]
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
