"""Step-4 production-readiness and Step-9 future-proof signals, found statement by statement (a line and the
lines a wrapped bullet continues onto)."""

from __future__ import annotations

import re
from functools import cache

from stackfit.extract.evidence import statements_of
from stackfit.extract.locate import Locator
from stackfit.extract.skills import default_matcher, lower_keep_offsets
from stackfit.models import Document, SignalHit
from stackfit.policy import SignalDef, SignalRules, load_policy


class SignalMatcher:
    def __init__(self, rules: SignalRules, experience_sections: tuple[str, ...]) -> None:
        self.rules = rules
        self.experience = set(experience_sections)
        # patterns are lower case and run on a lower-cased copy of the text (same offsets): about
        # 40% faster than re.IGNORECASE
        self._compiled = [(s, p.id, re.compile(p.regex)) for s in rules.signals for p in s.patterns if p.regex]
        # tool names come from the taxonomy, so every alias of the tool counts ("Great Expectations", "GX")
        self._by_skill: dict[str, list[tuple[SignalDef, str]]] = {}
        for s in rules.signals:
            for p in s.patterns:
                for k in p.skills:
                    self._by_skill.setdefault(k, []).append((s, p.id))

    def find(self, doc: Document, locator: Locator | None = None) -> list[SignalHit]:
        """At most one hit per (signal, statement): the first pattern that matches that statement."""
        loc = locator or Locator(doc)
        statements = statements_of(loc)
        text = doc.text
        joined = statements.joined()  # the text evidence reads skills on: a skill cut by a wrap is one mention
        low = lower_keep_offsets(joined)
        hits: list[SignalHit] = []
        seen: set[tuple[str, int]] = set()
        for sig, pattern_id, rx in self._compiled:
            for m in rx.finditer(low):
                ls, _ = statements.bounds(m.start())
                if (sig.id, ls) in seen:
                    continue
                seen.add((sig.id, ls))
                section = loc.section(m.start())
                hits.append(SignalHit(
                    id=sig.id, name=sig.name, kind=sig.kind, section=section,
                    start=m.start(), end=m.end(), text=text[m.start():m.end()], pattern_id=pattern_id,
                    in_experience=section in self.experience,
                ))
        if self._by_skill:
            for h in default_matcher().find(joined):
                for sig, pattern_id in self._by_skill.get(h.skill_id, ()):
                    ls, _ = statements.bounds(h.start)
                    if (sig.id, ls) in seen:
                        continue
                    seen.add((sig.id, ls))
                    section = loc.section(h.start)
                    hits.append(SignalHit(
                        id=sig.id, name=sig.name, kind=sig.kind, section=section, start=h.start, end=h.end,
                        text=text[h.start:h.end], pattern_id=pattern_id, in_experience=section in self.experience,
                    ))
        hits.sort(key=lambda h: (h.start, h.id))
        return hits


@cache
def default_signal_matcher() -> SignalMatcher:
    policy = load_policy()
    return SignalMatcher(policy.signals, policy.evidence.experience_sections)
