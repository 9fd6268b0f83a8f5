"""Evidence: each skill mention with its section, line, dated entry and strength.

Strength is policy (``data/evidence.yaml``): a mention in a Skills list or a summary is a
claim ("listed"); in a dated experience or project line it was "used", and the line's verb
can raise it to "built" or "led".
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


def collect_evidence(doc: Document, matcher: SkillMatcher, locator: Locator | None = None,
                     rules: StrengthRules | None = None) -> list[Evidence]:
    """Every skill mention in ``doc`` as an Evidence item, in text order."""
    rules = rules or default_strength_rules()
    loc = locator or Locator(doc)
    tax = matcher.taxonomy
    out: list[Evidence] = []
    text = doc.text
    by_line: dict[int, tuple[Strength, str]] = {}  # mentions on one line share its strength
    for hit in matcher.find(text):
        section = loc.section(hit.start)
        ls, le = loc.line(hit.start)
        entry = loc.entry(hit.start)
        if ls not in by_line:
            by_line[ls] = rules.strength(section, text[ls:le], entry is not None)
        strength, pattern_id = by_line[ls]
        skill = tax.skills[hit.skill_id]
        out.append(Evidence(
            skill_id=skill.id, name=skill.name, layer=skill.layer, section=section,
            start=hit.start, end=hit.end, text=text[hit.start:hit.end], line_start=ls, line_end=le,
            strength=strength, pattern_id=pattern_id,
            date_start=entry.date_start if entry and strength != "listed" else None,
            date_end=(entry.date_end or ("present" if entry.current else None)) if entry and strength != "listed" else None,
        ))
    return out
