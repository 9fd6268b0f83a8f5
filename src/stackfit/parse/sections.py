"""Sectionizer shared by all formats: headings -> ``Section``s, dated headings -> ``Entry``s.

Input is normalised text (see ``normalize``). Sections tile the text: the block before the
first heading is kind ``header``; every other section starts at its heading line and runs
to the next heading. Headings are short lines whose text matches the synonym table in
``stackfit/data/sections.yaml`` (loaded once, cached).

Entries live in experience and projects sections. A *dated line* (a heading-like line with a
date range, see ``dates.find_date_ranges``) starts an entry that runs to the next entry or
the section end. The title lines around the date are found by layout: the first entry of
a section shows how many heading lines precede its date line ("ABC Company" /
"Engineer  May 2023 - Present" -> one), and later entries use the same count, so the last
line of the previous job's bullets is never taken for the next job's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import get_args

import yaml

from stackfit.errors import DataFileError
from stackfit.models import Entry, Section, SectionKind
from stackfit.parse.dates import DateRange, ends_with_dangling_range, find_date_ranges
from stackfit.parse.normalize import normalize

_KINDS = frozenset(get_args(SectionKind)) - {"header"}
_ENTRY_KINDS = frozenset({"experience", "projects"})
# Kinds an inline "Key: value" line may open, and the sections it may not interrupt.
_INLINE_KINDS = frozenset({"summary", "skills", "education", "certifications", "publications"})
_INLINE_OTHER = frozenset({"languages", "spoken languages", "interests", "hobbies"})
_NO_INLINE_IN = frozenset({"experience", "projects", "skills"})

_DECOR = re.compile(r"^[\W_]+|[\W_]+$")
_KEY_DROP = re.compile(r"[^\w\s/,|]")
_KEY_SPACES = re.compile(r"\s+")
_KEY_PARTS = re.compile(r"\s*(?:/|,|\||\band\b)\s*")
_HINT_SPLIT = re.compile(r"\s*(?:[:(|]|\s[-–—]\s)\s*")
_SPACED = re.compile(r"(?:\w ){3,}\w")
_INLINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z &/+\-]{1,40}?)\s*:\s+(?P<rest>\S.*)$")
_BULLET = "- "
_EDGE_JUNK = " -–—|,;:.()[]•·/"
_TITLE_SPLIT = re.compile(
    r"\s+(?:at|@)\s+|@|,|;|\s[-–—]\s|\s*[|•·]\s*|\(|\)|\t|\s{2,}"
)
_SENTENCE_END = (".", ";", ",", ":", "!", "?")


@dataclass(frozen=True, slots=True)
class _Table:
    lookup: dict[str, str]  # heading key -> kind (also keyed without spaces)
    skills_sub: frozenset[str]
    entry_sub: frozenset[str]
    role: re.Pattern[str]


def _key(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("+", " and ")
    text = _KEY_DROP.sub(" ", text)
    return _KEY_SPACES.sub(" ", text).strip()


@cache
def _table() -> _Table:
    path = files("stackfit") / "data" / "sections.yaml"
    where = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError("file not found", hint="reinstall stackfit", path=where) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", hint="fix the YAML syntax", path=where) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("kinds"), dict):
        raise DataFileError("missing 'kinds' mapping", hint="map section kinds to synonym lists", path=where)
    lookup: dict[str, str] = {}
    problems: list[str] = []
    for kind, synonyms in raw["kinds"].items():
        if kind not in _KINDS:
            problems.append(f"unknown kind {kind!r} (use one of {', '.join(sorted(_KINDS))})")
            continue
        if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
            problems.append(f"{kind}: synonyms must be a list of strings")
            continue
        for s in synonyms:
            k = _key(s)
            if k in lookup and lookup[k] != kind:
                problems.append(f"{s!r} is listed under both {lookup[k]} and {kind}")
            lookup.setdefault(k, kind)
            lookup.setdefault(k.replace(" ", ""), kind)
    for name in ("skills_subheadings", "entry_subheadings", "role_words"):
        v = raw.get(name, [])
        if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
            problems.append(f"{name} must be a list of strings")
    if problems:
        raise DataFileError("; ".join(problems), hint="fix the listed entries", path=where)
    words = sorted({w.strip().lower() for w in raw.get("role_words", [])}, key=len, reverse=True)
    role = re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words else re.compile(r"(?!)")
    return _Table(
        lookup=lookup,
        skills_sub=frozenset(_key(s) for s in raw.get("skills_subheadings", [])),
        entry_sub=frozenset(_key(s) for s in raw.get("entry_subheadings", [])),
        role=role,
    )


# --------------------------------------------------------------------------- headings


@dataclass(frozen=True, slots=True)
class Heading:
    kind: SectionKind
    title: str
    key: str
    caps: bool
    inline: bool = False


def _lookup(key: str, table: _Table) -> str | None:
    kind = table.lookup.get(key)
    if kind is not None:
        return kind
    parts = [p for p in _KEY_PARTS.split(key) if p]
    if len(parts) >= 2 and all(p in table.lookup for p in parts):
        return table.lookup[parts[0]]
    return None


def heading_kind(line: str, *, hinted: bool = False) -> Heading | None:
    """The section a heading line opens ("WORK EXPERIENCE:" -> experience), else None.

    ``hinted`` marks lines the source format already calls headings (Markdown ``#``,
    HTML ``<h2>``, Word heading styles): case and length rules are relaxed for them.
    """
    table = _table()
    line = line.strip()
    if line.startswith(_BULLET) and not hinted and line.endswith(":"):
        line = line[2:]  # a bulleted label with nothing after it ("- Experience:") heads the list below it
    if not line or len(line) > 120 or (line.startswith(_BULLET) and not hinted):
        return None
    core = _DECOR.sub("", line)
    if not core:
        return None
    if _SPACED.fullmatch(core):  # letter-spaced: "E X P E R I E N C E"
        kind = table.lookup.get(core.replace(" ", "").lower())
        if kind is not None:
            return Heading(kind, core, core.replace(" ", "").lower(), core.isupper())  # type: ignore[arg-type]
        return None
    max_chars, max_words = (60, 8) if hinted else (40, 5)
    if len(core) > max_chars or core.count(" ") >= max_words:
        return None
    first = next((c for c in core if c.isalpha()), "")
    if not first or (not hinted and not first.isupper()):
        return None
    key = _key(core)
    kind = _lookup(key, table)
    if kind is None and hinted:
        head = _HINT_SPLIT.split(core, maxsplit=1)[0]
        if head and head != core:
            key = _key(head)
            kind = _lookup(key, table)
    if kind is None:
        return None
    return Heading(kind, core, key, core.isupper())  # type: ignore[arg-type]


def _inline_heading(line: str) -> Heading | None:
    """ "Skills: Python, Go" -> a skills heading with its content on the same line."""
    m = _INLINE.match(line[2:] if line.startswith(_BULLET) else line)  # "- Education: BSc Physics" as well
    if m is None:
        return None
    key_text, rest = m.group("key").strip(), m.group("rest")
    if key_text.count(" ") > 3 or not key_text[0].isupper():
        return None
    # a list or a sentence follows, not a single link ("Profile: linkedin.com/in/jane")
    if not (" " in rest or "," in rest) or rest.lower().startswith(("http", "www.")):
        return None
    table = _table()
    key = _key(key_text)
    kind = _lookup(key, table)
    if kind is None or (kind not in _INLINE_KINDS and key not in _INLINE_OTHER):
        return None
    return Heading(kind, key_text, key, key_text.isupper(), inline=True)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True, slots=True)
class _Dated:
    index: int  # line index of the date line
    rng: DateRange
    date_only: bool  # nothing but the date on the line(s)
    extra: int  # lines the date continues onto ("2021 –" / "Present")


def _strip_edges(s: str) -> str:
    return s.strip(_EDGE_JUNK + " ")


def _titled_bullet(line: str, start: int, end: int) -> bool:
    """A bullet that is a job: a short capitalised title, the dates, then nothing or a description
    after a colon or dash ("- Release Manager (2015 - 2017): Led ...", "- Baker, Le Pain, 2019-2021")."""
    before = line[2:start].strip(" ([,|–—-")
    after = line[end:].lstrip(" )]")
    words = before.split()
    return (1 <= len(words) <= 8 and len(before) <= 70 and before[0].isupper() and not before.endswith(".")
            and (not after or after[0] in ":-–—|"))


def _dated(lines: list[str], i: int) -> _Dated | None:
    line = lines[i]
    bullet = line.startswith(_BULLET)
    if bullet and 160 < len(line) <= 600:  # a long bullet may still open with "Title (2015 - 2017): ..."
        r0 = next(iter(find_date_ranges(line[:100])), None)
        if r0 is not None and _titled_bullet(line, r0.start, r0.end):
            return _Dated(i, r0, False, 0)
    if not line or len(line) > 160:
        return None
    extra = 0
    ranges = find_date_ranges(line)
    if not ranges and not bullet and i + 1 < len(lines) and ends_with_dangling_range(line):
        joined = line + " " + lines[i + 1]
        ranges = [r for r in find_date_ranges(joined) if r.end > len(line)]
        if ranges:
            line, extra = joined, 1
    if ranges:
        r = ranges[0]
        before, after = _strip_edges(line[: r.start]), _strip_edges(line[r.end :])
        rest = (before + " " + after).strip()
        edge = not before or not after
        ends_sentence = line.rstrip().endswith(".")
        if r.text[:5].lower() == "since" and (bullet or len(line) > 80):
            return None
        if bullet and _titled_bullet(line, r.start, r.end):
            return _Dated(i, r, False, extra)  # "- Release Manager (2015 - 2017): Led the release process ..."
        if bullet and (not edge or len(line) > 100 or ends_sentence):
            return None
        if not edge and (len(line) > 100 or ends_sentence or rest.count(" ") >= 10 or rest[:1].islower()):
            return None
        return _Dated(i, r, not rest, extra)
    # single dates ("Research Assistant  Summer 2021", "2022 Personal Expense Tracker")
    if bullet or len(line) > 80 or line.endswith("."):
        return None
    singles = [r for r in find_date_ranges(line, singles=True) if r.single]
    if not singles:
        return None
    for r in (singles[0], singles[-1]):
        before, after = line[: r.start].strip(" (["), line[r.end :].strip(" )]")
        if before and after:
            continue
        if not before and after and not (after[0].isupper() or after[0] in "|-–—,:"):
            continue
        rest = _strip_edges(before + " " + after)
        if rest.count(" ") >= 10:
            continue
        return _Dated(i, r, not rest, 0)
    return None


def _headingish(line: str, *, allow_bullet: bool) -> bool:
    """A short title/company line (not prose, not a wrapped continuation)."""
    if not line:
        return False
    if line.startswith(_BULLET):
        if not allow_bullet:
            return False
        line = line[2:]
        if not line:
            return False
    if len(line) > 90 or line.count(" ") >= 12 or line.endswith(_SENTENCE_END):
        return False
    c = line[0]
    return c.isupper() or c.isdigit() or c in "(\"'"


def _title(kind: str, heading_lines: list[str], table: _Table) -> str | None:
    """Best guess of the job title (or, for projects, the project name); None if unsure."""
    segments: list[list[str]] = []
    for raw in heading_lines:
        line = raw[2:] if raw.startswith(_BULLET) else raw
        for r in reversed(find_date_ranges(line, singles=True)):
            line = line[: r.start] + " | " + line[r.end :]
        segs = [_strip_edges(s) for s in _TITLE_SPLIT.split(line)]
        segments.append([s for s in segs if s and any(ch.isalpha() for ch in s)])
    if kind == "projects":
        return next((segs[0] for segs in segments if segs), None)
    for segs in segments:
        for s in segs:
            if table.role.search(s):
                return s
    return None


def _entries(
    text: str, spans: list[tuple[int, int]], first: int, last: int, section_end: int, kind: str, table: _Table
) -> list[Entry]:
    """Entries of one section whose body is lines ``first``..``last`` (inclusive)."""
    lines = [text[s:e] for s, e in spans[first : last + 1]]
    dated: list[_Dated] = []
    i = 0
    while i < len(lines):
        d = _dated(lines, i)
        if d is not None:
            dated.append(d)
            i += 1 + d.extra
        else:
            i += 1
    if not dated and kind == "experience":
        # free-form experience ("Worked as a survey researcher from 2013 to 2016, ..."): with no
        # entry layout found, every line that states one date range is an entry; a line that states
        # several ("Engineer for Amazon (2015 - 2019), Principal C++ Engineer (2014-2015)") is one entry per
        # range, each with the whole line as its heading
        for n, line in enumerate(lines):
            ranges = [r for r in find_date_ranges(line[:600]) if not r.single]
            if len(line) <= 600:
                dated.extend(_Dated(n, r, False, 0) for r in ranges)
    if not dated:
        return []
    # 1) title lines before each date line: up to 2 for the first entry, which sets the
    #    layout; later entries take as many as the first one had (never a claimed line)
    heads: list[list[int]] = []  # [first heading line, last heading line]
    claimed = -1
    k0: int | None = None
    bullet_prefix = False
    for d in dated:
        limit = 2 if k0 is None else k0
        allow_bullet = k0 is None or bullet_prefix
        prefix = taken = 0
        j = d.index - 1
        while taken < limit and j > claimed:
            if (prefix == 0 and not lines[j].strip() and j - 1 > claimed
                    and _headingish(lines[j - 1], allow_bullet=allow_bullet)):
                prefix += 1  # Markdown: "### Title — Company", a blank line, then the date line
                j -= 1
                continue
            if not _headingish(lines[j], allow_bullet=allow_bullet):
                break
            prefix += 1
            taken += 1
            j -= 1
        if k0 is None:
            k0 = taken
            bullet_prefix = any(ln.startswith(_BULLET) for ln in lines[d.index - prefix : d.index])
        elif prefix == 0 and d.date_only and j > claimed and _headingish(lines[j], allow_bullet=False):
            # a bare date line needs its title: take the line above unless one follows below
            below = d.index + d.extra + 1
            if below >= len(lines) or not _headingish(lines[below], allow_bullet=False):
                prefix = 1
        heads.append([d.index - prefix, d.index + d.extra])
        claimed = d.index + d.extra
    # 2) one title/company line after the date line ("Stripe • San Francisco, CA"), unless
    #    it already heads the next entry
    for n, d in enumerate(dated):
        nxt = heads[n][1] + 1
        limit = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        if nxt < limit and _headingish(lines[nxt], allow_bullet=False) and (
            (d.date_only and heads[n][0] == d.index) or len(lines[nxt]) <= 50
        ):
            heads[n][1] = nxt
    out: list[Entry] = []
    for n, (d, (h0, h1)) in enumerate(zip(dated, heads, strict=False)):
        start = spans[first + h0][0]
        end = spans[first + heads[n + 1][0]][0] if n + 1 < len(heads) else section_end
        # the title is looked for in the heading lines with the date itself cut out
        date_line = lines[d.index] if not d.extra else " ".join(lines[d.index : d.index + d.extra + 1])
        date_line = date_line[: d.rng.start] + " | " + date_line[d.rng.end :]
        title_lines = lines[h0 : d.index] + [date_line] + lines[d.index + d.extra + 1 : h1 + 1]
        out.append(
            Entry(
                section=kind,  # type: ignore[arg-type]
                start=start,
                end=max(end, spans[first + h1][1]),
                heading=text[start : spans[first + h1][1]],
                date_start=d.rng.date_start,
                date_end=None if d.rng.current else d.rng.date_end,
                current=d.rng.current,
                title=_title(kind, title_lines, table),
            )
        )
    return out


# --------------------------------------------------------------------------- sections


def sectionize(text: str, hints: Iterable[str] = ()) -> tuple[tuple[Section, ...], tuple[Entry, ...]]:
    """Sections and dated entries of normalised ``text``.

    ``hints``: texts of lines the source format marks as headings (Markdown ``#``, HTML
    ``<h1>``-``<h6>``, Word heading styles); they may be lower case or a little longer.
    """
    table = _table()
    hint_set = {normalize(h).lower() for h in hints if h}
    spans: list[tuple[int, int]] = []
    pos = 0
    for ln in text.split("\n"):
        spans.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    heads: list[tuple[int, Heading]] = []  # (line index, heading)
    current = "header"
    for i, (s, e) in enumerate(spans):
        line = text[s:e]
        if not line:
            continue
        h = heading_kind(line, hinted=bool(hint_set) and line.lower() in hint_set)
        if h is not None:
            if h.kind == current or (current == "skills" and h.key in table.skills_sub):
                continue  # "Technical Skills" under "Skills", "Volunteer" under "Volunteer Experience"
            if current in _ENTRY_KINDS and h.key in table.entry_sub and not h.caps and line.rstrip().endswith(":"):
                continue
            heads.append((i, h))
            current = h.kind
            continue
        if current not in _NO_INLINE_IN and ":" in line:
            h = _inline_heading(line)
            if h is not None and h.kind != current:
                heads.append((i, h))
                current = h.kind

    sections: list[Section] = []
    bounds: list[tuple[int, int, int, str]] = []  # (first body line, last line, end offset, kind)
    if not heads or (heads[0][0] > 0 and text[: spans[heads[0][0]][0]].strip()):
        end_line = heads[0][0] - 1 if heads else len(spans) - 1
        end = spans[heads[0][0]][0] if heads else len(text)
        sections.append(Section(kind="header", title="", start=0, end=end))
        bounds.append((0, end_line, end, "header"))
    for n, (i, h) in enumerate(heads):
        start = 0 if n == 0 and not sections else spans[i][0]
        nxt = heads[n + 1][0] if n + 1 < len(heads) else None
        end = spans[nxt][0] if nxt is not None else len(text)
        sections.append(Section(kind=h.kind, title=h.title, start=start, end=end))
        bounds.append((i if h.inline else i + 1, (nxt - 1) if nxt is not None else len(spans) - 1, end, h.kind))

    entries: list[Entry] = []
    for first, last, end, kind in bounds:
        if kind in _ENTRY_KINDS and first <= last:
            entries.extend(_entries(text, spans, first, last, end, kind, table))
    return tuple(sections), tuple(entries)
