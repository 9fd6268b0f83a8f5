"""Degrees: the level and fields a job description's requirement line asks for, and the degrees a resume states.

"Bachelor's in Computer Science, Statistics or a related field" asks for a bachelor's degree or above in one of two
fields (another field earns less, as the line allows a related one); "MS or PhD in Machine Learning" asks for a
master's. Levels and their names are data (``data/degrees.yaml``); abbreviations ("MS", "BSc") count only in a
degree context, so "MS Office" is no master's degree.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from stackfit.datafiles import load_yaml_model, package_data
from stackfit.extract.terms import terms


class LevelDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    words: tuple[str, ...]
    abbreviations: tuple[str, ...] = ()
    plain_degree: bool = False


class DegreeRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    levels: tuple[LevelDef, ...] = Field(min_length=1)
    related: tuple[str, ...]
    equivalent_experience: tuple[str, ...]
    field_abbreviations: dict[str, str] = {}
    field_credit: float = Field(ge=0, le=1)
    related_credit: float = Field(ge=0, le=1)
    other_field_credit: float = Field(ge=0, le=1)
    lower_level_credit: float = Field(ge=0, le=1)
    equivalent_credit: float = Field(ge=0, le=1)


@cache
def load_degree_rules() -> DegreeRules:
    return load_yaml_model(package_data("degrees.yaml"), DegreeRules)


class Found(NamedTuple):
    level: int  # index into DegreeRules.levels
    start: int
    end: int


class _Patterns(NamedTuple):
    words: list[tuple[int, re.Pattern[str]]]
    abbreviations: list[tuple[int, re.Pattern[str]]]
    plain: tuple[int, re.Pattern[str]] | None
    related: re.Pattern[str]
    equivalent: re.Pattern[str]


def _abbreviation(a: str) -> str:
    """ "MSc" -> M.S.c. with optional dots (and no letter or dot glued to either side)."""
    return r"(?<![\w.])" + r"\.?\s?".join(re.escape(c) for c in a) + r"\.?(?![\w])"


@cache
def _patterns() -> _Patterns:
    rules = load_degree_rules()
    words, abbrs, plain = [], [], None
    for n, lv in enumerate(rules.levels):
        if lv.words:
            alts = "|".join(re.escape(w).replace("'", "['’]?") for w in sorted(lv.words, key=len, reverse=True))
            words.append((n, re.compile(rf"(?i)(?<![\w])(?:{alts})(?![\w])")))
        if lv.abbreviations:
            abbrs.append((n, re.compile("|".join(_abbreviation(a) for a in lv.abbreviations))))
        if lv.plain_degree and plain is None:
            plain = (n, re.compile(r"(?i)(?<![\w])degree(?=\s+in\s)"))  # not "a high degree of"
    related = re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in rules.related) + r")\b")
    equivalent = re.compile(r"(?i)(?:" + "|".join(rules.equivalent_experience) + r")")
    return _Patterns(words, abbrs, plain, related, equivalent)


# what makes an abbreviation a degree outside an education section: "MS in", "BS degree", "BS/MS", "MS or PhD"
_AFTER = re.compile(r"^\s*(?:degree|in\s|/\s*\w|or\s+\w)")
_GLUE = re.compile(r"^(?:\s|/|,|&|\bor\b|\band\b)+$")


def find_degrees(line: str, *, education: bool = False) -> list[Found]:
    """The degrees a line names, left to right. ``education``: the line is in a resume's education section,
    where an abbreviation alone ("BSc Physics, 2015") is a degree."""
    p = _patterns()
    found: list[Found] = []

    def free(a: int, b: int) -> bool:
        return all(b <= f.start or a >= f.end for f in found)

    for level, rx in p.words:
        for m in rx.finditer(line):
            if free(m.start(), m.end()):
                found.append(Found(level, m.start(), m.end()))
    pending: list[Found] = []
    for level, rx in p.abbreviations:
        for m in rx.finditer(line):
            if not free(m.start(), m.end()):
                continue
            f = Found(level, m.start(), m.end())
            if education or _AFTER.match(line[m.end():]):
                found.append(f)
            else:
                pending.append(f)
    # "BS, MS or PhD in ...": an abbreviation joined to a degree counts too
    changed = True
    while changed and pending:
        changed = False
        for f in list(pending):
            if any(_GLUE.match(line[g.end:f.start] if g.end <= f.start else line[f.end:g.start]) for g in found):
                found.append(f)
                pending.remove(f)
                changed = True
    if not found and p.plain is not None:
        plain = p.plain[1].search(line)
        if plain:
            found.append(Found(p.plain[0], plain.start(), plain.end()))
    return sorted(found, key=lambda f: f.start)


_FIELD_SPLIT = re.compile(r"\s*(?:,|;|/|\band/or\b|\bor\b|\band\b|&)\s*", re.IGNORECASE)
_FIELD_END = re.compile(r"[.;:!?()]|\s(?:and|or)\s+\d|\s(?:with|from|at|plus|preferred|required|is|are)\s", re.IGNORECASE)
_FIELD_WORDS = frozenset({"degre", "field", "disciplin", "area", "subject", "major", "domain", "equival", "studi",
                          "a", "an", "the", "similar", "relat", "relev", "technic", "quantit", "comparabl"})


# what may stand between two degrees of one alternative: "Bachelor's or Master's degree", "BS/MS", "MS, PhD"
_SAME_ASK = re.compile(r"^(?:\s|,|/|&|\(|\)|\bor\b|\band\b|\bdegrees?\b|['’]s\b)*$", re.IGNORECASE)


def required_degree_text(line: str, nice: re.Pattern[str]) -> str | None:
    """The part of a requirement line that asks for a degree as required. The whole line when it says
    nothing is only preferred; otherwise the line is cut into the clauses of its degree alternatives (a
    clause runs from one alternative to the next: "Bachelor's or Master's in CS" is one) and the clauses
    with a nice-to-have marker are left out: "BS in CS required, MS preferred" -> "BS in CS required, ";
    "MS preferred, or BS and 3 years" -> "BS and 3 years". None when no required degree clause is left,
    or when the marker stands before the first degree (the line is about something else)."""
    if not nice.search(line):
        return line
    found = find_degrees(line, education=True)  # to cut clauses, a bare "MS" counts too ("BS required, MS preferred")
    if not found or nice.search(line[:found[0].start]):
        return None
    starts = [found[0].start] + [g.start for f, g in zip(found, found[1:], strict=False) if not _SAME_ASK.match(line[f.end:g.start])]
    bounds = [*starts, len(line)]
    kept = [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if not nice.search(line[a:b])]
    return line[:found[0].start] + "".join(kept) if kept else None


class DegreeAsk(NamedTuple):
    level: str
    fields: tuple[tuple[str, ...], ...]  # alternatives, each a field's content-word stems
    related: bool
    equivalent: bool


def degree_requirement(line: str) -> DegreeAsk | None:
    """The degree a requirement line asks for: the lowest level it names ("MS or PhD" -> master), the fields
    after "in" (each an alternative), whether a related field or equivalent experience will do; None when the
    line names no degree."""
    found = find_degrees(line)
    if not found:
        return None
    rules, p = load_degree_rules(), _patterns()
    level = rules.levels[min(f.level for f in found)].id
    fields: list[tuple[str, ...]] = []
    rest = line[max(f.end for f in found):]
    m = re.search(r"(?i)\b(?:in|of)\s+", rest)
    if m:
        body = rest[m.end():]
        stop = _FIELD_END.search(body)
        body = body[: stop.start()] if stop else body
        for part in _FIELD_SPLIT.split(body):
            if not part.strip() or p.related.search(part):
                continue
            full = rules.field_abbreviations.get(part.strip().lower())  # "CS" -> computer science
            stems = tuple(dict.fromkeys(s for s, _, _ in terms(full or part) if s not in _FIELD_WORDS))
            if stems and stems not in fields:
                fields.append(stems)
    return DegreeAsk(level, tuple(fields), bool(p.related.search(line)), bool(p.equivalent.search(line)))


class Held(NamedTuple):
    """A degree a resume states: its level, where it is, and the content words of its line (the field)."""

    level: str
    start: int
    terms: tuple[str, ...]


def degrees_held(text: str, education: list[tuple[int, int]]) -> tuple[Held, ...]:
    """Degrees stated in the education sections (``(start, end)`` offsets), or, when there are none, anywhere
    in the text in a degree context. A degree's field is read from its line and the line after it."""
    rules = load_degree_rules()
    spans = education or [(0, len(text))]
    out: list[Held] = []
    for a, b in spans:
        lines = text[a:b].split("\n")
        pos = a
        for n, line in enumerate(lines):
            for f in find_degrees(line, education=bool(education)):
                nxt = lines[n + 1] if n + 1 < len(lines) else ""
                words = tuple(dict.fromkeys(s for s, _, _ in terms(_expand(line + "\n" + nxt))))
                out.append(Held(rules.levels[f.level].id, pos + f.start, words))
            pos += len(line) + 1
    return tuple(out)


def _expand(text: str) -> str:
    """The text with the full names of the field abbreviations it uses appended ("BS CS" -> "... computer science")."""
    abbr = load_degree_rules().field_abbreviations
    extra = [abbr[w.lower()] for w in re.findall(r"\b[A-Z]{2,4}\b|\bMaths?\b|\bStats\b", text) if w.lower() in abbr]
    return text + ("\n" + "\n".join(extra) if extra else "")


def degree_credit(ask: DegreeAsk, held: tuple[Held, ...] | list[Held]) -> tuple[float, int | None]:
    """Credit for a degree requirement (0-1) and the offset of the degree that earns it."""
    rules = load_degree_rules()
    rank = {lv.id: n for n, lv in enumerate(rules.levels)}
    best, where = (rules.equivalent_credit if ask.equivalent else 0.0), None
    for h in held:
        if rank[h.level] < rank[ask.level]:
            credit = rules.lower_level_credit
        elif not ask.fields or any(set(f) <= set(h.terms) for f in ask.fields):
            credit = rules.field_credit
        else:
            credit = rules.related_credit if ask.related else rules.other_field_credit
        if credit > best or (where is None and credit == best and credit > 0):
            best, where = credit, h.start
    return best, where
