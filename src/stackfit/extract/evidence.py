"""Evidence: each skill mention with its section, line, dated entry and strength.

Strength is policy (``data/evidence.yaml``): a mention in a Skills list or a summary is a
claim ("listed"); in a dated experience or project line it was "used", and the verb of its
statement (the line and the lines a wrapped bullet continues onto) can raise it to "built" or "led".
"""

from __future__ import annotations

import re
from functools import cache

from stackfit.extract.locate import Locator
from stackfit.extract.skills import SkillMatcher
from stackfit.models import STRENGTHS, Document, Evidence, Strength
from stackfit.policy import EvidenceRules, load_policy


class StrengthRules:
    def __init__(self, rules: EvidenceRules) -> None:
        self.rules = rules
        self.listed = set(rules.listed_sections)
        self.experience = set(rules.experience_sections)
        self.verbs = [(v.id, v.strength, re.compile(v.pattern, re.IGNORECASE)) for v in rules.verbs]
        self.verbs.sort(key=lambda v: -STRENGTHS.index(v[1]))
        st = rules.statements
        self.bullet = re.compile(st.bullet)
        self.joins_after = re.compile(st.joins_after, re.IGNORECASE)
        self.continues = re.compile(st.continues)
        self.number_in_bullet = re.compile(st.number_in_bullet)
        self.sentence_end = re.compile(st.sentence_end, re.IGNORECASE)

    def continues_line(self, before: str, line: str, in_bullet: bool) -> bool:
        """Whether ``line`` continues the line ``before`` it (a wrapped statement); ``in_bullet``: the
        statement ``before`` belongs to starts with a bullet."""
        if not line.strip() or not before.strip() or self.bullet.match(line):
            return False
        return bool(self.continues.match(line) or self.joins_after.search(before)
                    or (in_bullet and self.number_in_bullet.match(line) and not self.sentence_end.search(before)))

    def strength(self, section: str, line: str, in_entry: bool) -> tuple[Strength, str]:
        if section in self.listed or section not in self.experience:
            return "listed", f"strength.section.{section}"
        for rule_id, strength, rx in self.verbs:
            if rx.search(line):
                return strength, rule_id
        return "used", "strength.section.experience" if in_entry else "strength.section.undated"


@cache
def default_strength_rules() -> StrengthRules:
    return StrengthRules(load_policy().evidence)


class Statements:
    """The statement of each line of a document: the line and the lines a wrapped bullet continues onto
    (``statements`` in ``data/evidence.yaml``). Never across a section or a dated entry."""

    def __init__(self, loc: Locator, rules: StrengthRules) -> None:
        self.loc = loc
        text = loc.doc.text
        self.first: list[int] = []  # line number -> the number of its statement's first line
        before, in_bullet = "", False
        for i in range(loc.line_index(len(text)) + 1):
            line = text[slice(*loc.line_bounds(i))]
            if i > 0 and not loc.opens_block(i) and rules.continues_line(before, line, in_bullet):
                self.first.append(self.first[-1])
            else:
                self.first.append(i)
                in_bullet = bool(rules.bullet.match(line))
            before = line
        self.last: dict[int, int] = {}
        for i, f in enumerate(self.first):
            self.last[f] = i

    def joined(self) -> str:
        """The document's text with the line breaks inside a statement read as spaces (same length, same
        offsets), so a pattern that stops at a line break reads a wrapped statement whole."""
        text = self.loc.doc.text
        return breaks_as_spaces(text, [self.loc.line_bounds(i)[0] - 1 for i, f in enumerate(self.first) if f != i])

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the statement holding ``pos``; end excludes the newline."""
        first = self.first[self.loc.line_index(pos)]
        return self.loc.line_bounds(first)[0], self.loc.line_bounds(self.last[first])[1]


def breaks_as_spaces(text: str, breaks: list[int]) -> str:
    """``text`` with the line breaks at the offsets ``breaks`` read as spaces: same length, same offsets."""
    if not breaks:
        return text
    chars = list(text)
    for i in breaks:
        chars[i] = " "
    return "".join(chars)


def statements_of(loc: Locator, rules: StrengthRules | None = None) -> Statements:
    """The statements of ``loc``'s document, built once per locator (evidence and signals both read them)."""
    rules = rules or default_strength_rules()
    key = ("statements", id(rules))
    st = loc.memo.get(key)
    if not isinstance(st, Statements):
        st = loc.memo[key] = Statements(loc, rules)
    return st


def collect_evidence(doc: Document, matcher: SkillMatcher, locator: Locator | None = None,
                     rules: StrengthRules | None = None) -> list[Evidence]:
    """Every skill mention in ``doc`` as an Evidence item, in text order. ``line_start`` and ``line_end``
    bound the mention's statement: the lines its strength was read from."""
    rules = rules or default_strength_rules()
    loc = locator or Locator(doc)
    tax = matcher.taxonomy
    out: list[Evidence] = []
    text = doc.text
    statements = statements_of(loc, rules)
    joined = statements.joined()  # "distributed" / "training" broken by a wrap is one mention
    by_statement: dict[int, tuple[Strength, str]] = {}  # mentions in one statement share its strength
    for hit in matcher.find(joined):
        section = loc.section(hit.start)
        ls, le = statements.bounds(hit.start)
        entry = loc.entry(hit.start)
        if ls not in by_statement:
            by_statement[ls] = rules.strength(section, joined[ls:le], entry is not None)
        strength, pattern_id = by_statement[ls]
        skill = tax.skills[hit.skill_id]
        out.append(Evidence(
            skill_id=skill.id, name=skill.name, layer=skill.layer, section=section,
            start=hit.start, end=hit.end, text=text[hit.start:hit.end], line_start=ls, line_end=le,
            strength=strength, pattern_id=pattern_id,
            date_start=entry.date_start if entry and strength != "listed" else None,
            date_end=(entry.date_end or ("present" if entry.current else None)) if entry and strength != "listed" else None,
        ))
    return out
