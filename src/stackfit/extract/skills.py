"""Find taxonomy skills in text: Aho-Corasick over every alias, word boundaries, longest match.

Case-insensitive aliases are matched on a lower-cased copy of the text that keeps every
character offset; case-sensitive aliases ("Go", "R", "RAG") on the text as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from stackfit.models import Mention, SkillMentions
from stackfit.taxonomy import Taxonomy, ci_aliases, load_taxonomy


@dataclass(frozen=True)
class Hit:
    skill_id: str
    start: int
    end: int


def lower_keep_offsets(text: str) -> str:
    """``text.lower()`` with every character at the same offset (a few characters lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_IDIOMS = ("cutting", "leading", "bleeding")  # "<idiom>-edge ..." says nothing about edge computing


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _initial_like(text: str, start: int, end: int) -> bool:
    """A one-letter name ("R", "C") used as an initial, a suffix or part of an abbreviation:
    "R. Smith", "XLM-R", "R&D", "C-suite", "Series C" - not the language. "Python/R/SQL" still counts."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in "-&'." or after in "-&'":
        return True
    if after == "." and end + 2 < len(text) and text[end + 1] == " " and text[end + 2].isupper():
        return True
    return text[max(0, start - 7):start].lower() == "series "


class SkillMatcher:
    """Compiled matcher for one taxonomy; build once, reuse for every document."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._ci = ahocorasick.Automaton()
        self._cs = ahocorasick.Automaton()
        for skill in taxonomy.skills.values():
            for alias in ci_aliases(skill):
                self._ci.add_word(alias, (alias, skill.id))
            for alias in skill.aliases_cs:
                self._cs.add_word(alias, (alias, skill.id))
        self._ci.make_automaton()
        self._cs.make_automaton()

    def _scan(self, automaton: ahocorasick.Automaton, haystack: str, plural: bool) -> list[Hit]:
        hits: list[Hit] = []
        n = len(haystack)
        if len(automaton) == 0:
            return hits
        for end_idx, (alias, skill_id) in automaton.iter(haystack):
            start = end_idx - len(alias) + 1
            end = end_idx + 1
            if start > 0 and _is_word(alias[0]) and _is_word(haystack[start - 1]):
                continue
            if start > 1 and haystack[start - 1] == "-" and haystack[max(0, start - 9):start - 1].lower().endswith(_IDIOMS):
                continue  # "cutting-edge AI" is not "edge AI"
            if end < n and _is_word(alias[-1]) and _is_word(haystack[end]):
                # allow a plural "s" on longer names: "LLMs", "embeddings", "GPUs"
                if (
                    plural
                    and len(alias) >= 3
                    and alias[-1].isalpha()
                    and haystack[end] in "sS"
                    and (end + 1 >= n or not _is_word(haystack[end + 1]))
                ):
                    end += 1
                else:
                    continue
            if len(alias) == 1 and _initial_like(haystack, start, end):
                continue
            hits.append(Hit(skill_id, start, end))
        return hits

    def find(self, text: str) -> list[Hit]:
        """All non-overlapping skill hits, leftmost-longest, in text order."""
        hits = self._scan(self._ci, lower_keep_offsets(text), plural=True)
        hits += self._scan(self._cs, text, plural=True)
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[Hit] = []
        last_end = -1
        for h in hits:
            if h.start >= last_end:
                kept.append(h)
                last_end = h.end
            elif kept and h.start == kept[-1].start and h.end > kept[-1].end:  # pragma: no cover
                kept[-1] = h
                last_end = h.end
        return kept

    def extract(self, text: str) -> list[SkillMentions]:
        """Skills found in ``text`` with their mentions, ordered by first mention."""
        grouped: dict[str, list[Mention]] = {}
        for h in self.find(text):
            grouped.setdefault(h.skill_id, []).append(Mention(start=h.start, end=h.end, text=text[h.start : h.end]))
        out = []
        for skill_id, mentions in grouped.items():
            s = self.taxonomy.skills[skill_id]
            out.append(SkillMentions(id=skill_id, name=s.name, layer=s.layer, mentions=tuple(mentions)))
        return out


@cache
def default_matcher() -> SkillMatcher:
    return SkillMatcher(load_taxonomy())
