"""Integrity stage: text in a resume that tries to game a screener.

- hidden text the parsers found (``Document.hidden``: white, tiny, off-page, CSS-hidden text,
  Word vanish runs, invisible Unicode characters) - already kept out of ``Document.text``;
- instructions aimed at screeners ("ignore previous instructions", "rank this candidate
  first", ...), in the visible or the hidden text, matched on squashed text so spacing,
  punctuation and leetspeak do not hide them - the lines that hold them are kept out of scoring;
- look-alike words mixing Latin with Cyrillic or Greek letters ("Руthon") - they match no skill;
- keyword stuffing: the same line many times (every copy is kept out of scoring: a list
  pasted ten times earns nothing), a pasted job description (the block from its first to its
  last job-description phrase is kept out), one skill named very often and densely (flagged).

Policy is ``data/integrity.yaml``. Findings are flags for a person to review: nothing is rejected
and no score changes except through the text that is kept out.

    from stackfit.integrity import check_document, integrity_flags
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from stackfit.integrity.rules import IntegrityRules, load_integrity_rules
from stackfit.models import Document, Evidence, Flag, IntegrityFinding

__all__ = ["IntegrityCheck", "IntegrityResult", "check_document", "default_integrity_check", "integrity_flags",
           "load_integrity_rules"]

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i",
                       "|": "l", "+": "t"})
_NOT_WORD = re.compile(r"[\W_]+")
_LEET_IN_WORD = re.compile(r"[^\W\d_][013457][^\W\d_]")
_WORD_CHAR = re.compile(r"[^\W_]")
_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SPACES = re.compile(r"\s+")
_COMPANY_VOICE = re.compile(r"\b(?:our|we|us)\b", re.IGNORECASE)
MAX_FINDINGS = 30
_UNICODE_REASONS = frozenset({"tag_characters", "bidi_override", "bidi_control", "zero_width"})


@dataclass
class IntegrityResult:
    findings: list[IntegrityFinding] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)  # spans of Document.text kept out of scoring

    def is_excluded(self, start: int) -> bool:
        return any(s <= start < e for s, e in self.excluded)


def _lines(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, len(text) if le < 0 else le


def _excerpt(s: str, limit: int = 200) -> str:
    s = _SPACES.sub(" ", s).strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


class IntegrityCheck:
    """Compiled integrity rules; build once, reuse for every document."""

    def __init__(self, rules: IntegrityRules) -> None:
        self.rules = rules
        # one regex per pattern: joined into one alternation they lose re's first-character scan (10x slower)
        self._plain = [(r.id, re.compile(p)) for r in rules.injection for p in r.patterns]
        self._leet = [(r.id, re.compile(p)) for r in rules.injection if r.leet for p in r.patterns]
        self._look = frozenset(rules.lookalikes.letters)
        st = rules.stuffing
        self._jd = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(st.job_description_phrases, key=len, reverse=True)) + r")\b")

    # ------------------------------------------------------------------ injection

    def injections(self, text: str) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of instruction-like text, offsets into ``text``."""
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        out: list[tuple[str, int, int]] = []
        passes = [(low, self._plain)]
        if _LEET_IN_WORD.search(low):  # leetspeak shows as a digit between letters ("1gn0re"): else skip the pass
            passes.append((low.translate(_LEET), self._leet))
        for hay, rules in passes:
            squashed = _NOT_WORD.sub("", hay)
            positions: list[int] | None = None
            for rule_id, rx in rules:
                for m in rx.finditer(squashed):
                    if positions is None:  # only when something matched: map squashed offsets back
                        positions = [w.start() for w in _WORD_CHAR.finditer(hay)]
                    start, end = positions[m.start()], positions[m.end() - 1] + 1
                    if not any(s <= start < e for _, s, e in out):
                        out.append((rule_id, start, end))
        return sorted(out, key=lambda x: x[1])

    # ------------------------------------------------------------------ look-alikes

    def lookalikes(self, text: str) -> list[tuple[int, int]]:
        """Spans of words that mix Latin letters with Cyrillic/Greek look-alikes."""
        if text.isascii():
            return []
        out = []
        for m in _NON_ASCII_WORD.finditer(text):
            w = m.group()
            if any(c in self._look for c in w) and len(_LATIN.findall(w)) >= self.rules.lookalikes.min_latin:
                out.append((m.start(), m.end()))
        return out

    # ------------------------------------------------------------------ stuffing

    def repeated_lines(self, text: str) -> list[tuple[str, list[tuple[int, int]]]]:
        st = self.rules.stuffing
        seen: dict[str, list[tuple[int, int]]] = {}
        pos = 0
        for line in text.split("\n"):
            key = _SPACES.sub(" ", line.strip(" -*•").lower())
            if len(key) >= st.repeated_line_min_chars:
                seen.setdefault(key, []).append((pos, pos + len(line)))
            pos += len(line) + 1
        return [(k, spans) for k, spans in seen.items() if len(spans) >= st.repeated_line_min_count]

    def job_description(self, text: str) -> tuple[list[str], tuple[int, int] | None]:
        """Job-description phrases found and, when there are enough, the block that holds them:
        from the paragraph of the first phrase to the end of the paragraph of the last one."""
        hits = list(self._jd.finditer(text.lower()))
        found = sorted({m.group() for m in hits})
        if len(found) < self.rules.stuffing.job_description_phrases_min:
            return [], None
        start = text.rfind("\n\n", 0, hits[0].start())
        start = 0 if start < 0 else start + 2
        if hits[0].start() - start > 1500:  # no paragraph breaks (PDF text): start at the line
            start = text.rfind("\n", 0, hits[0].start()) + 1
        for _ in range(4):  # the company intro and the title above the first phrase belong to it too
            if start == 0:
                break
            prev = text.rfind("\n\n", 0, start - 2)
            prev = 0 if prev < 0 else prev + 2
            para = text[prev:start]
            if len(para) > 600 or not (_COMPANY_VOICE.search(para) or (len(para) <= 160 and para.strip().count("\n") <= 1)):
                break
            start = prev
        end = text.find("\n\n", hits[-1].end())
        return found, (start, len(text) if end < 0 else end)

    # ------------------------------------------------------------------ all

    def check(self, doc: Document) -> IntegrityResult:
        res = IntegrityResult()
        text = doc.text
        add = res.findings.append
        reasons = self.rules.hidden_text.reasons
        for h in doc.hidden:
            unicode = h.reason in _UNICODE_REASONS
            add(IntegrityFinding(kind="unicode" if unicode else "hidden_text", reason=h.reason,
                                 excerpt=_excerpt(f"{reasons.get(h.reason, h.reason)}: {h.text}" + (f" ({h.where})" if h.where else "")),
                                 page=h.page, excluded=unicode or h.text[:60] not in text))
            for rule_id, _, _ in self.injections(h.text):
                add(IntegrityFinding(kind="injection", reason=rule_id, excerpt=_excerpt(f"in hidden text: {h.text}"),
                                     page=h.page, excluded=unicode or h.text[:60] not in text))
                break
        for rule_id, start, end in self.injections(text):
            ls, le = _lines(text, start, end)
            res.excluded.append((ls, le))
            add(IntegrityFinding(kind="injection", reason=rule_id, excerpt=_excerpt(text[ls:le]), start=ls, end=le,
                                 excluded=True))
        for start, end in self.lookalikes(text)[:10]:
            codes = ", ".join(f"{c} U+{ord(c):04X}" for c in text[start:end] if c in self._look)
            add(IntegrityFinding(kind="lookalike", reason="mixed_script", start=start, end=end,
                                 excerpt=_excerpt(f"{text[start:end]} (look-alike letters: {codes})")))
        for key, spans in self.repeated_lines(text):
            res.excluded.extend(spans)
            add(IntegrityFinding(kind="stuffing", reason="repeated_line", start=spans[0][0], end=spans[-1][1],
                                 excerpt=_excerpt(f"{len(spans)} times: {key}"), excluded=True))
        phrases, block = self.job_description(text)
        if block is not None:
            res.excluded.append(block)
            add(IntegrityFinding(kind="stuffing", reason="job_description_text", start=block[0], end=block[1],
                                 excerpt=_excerpt("job-description text (" + "; ".join(phrases) + "): " + text[block[0]:block[1]]),
                                 excluded=True))
        res.findings = res.findings[:MAX_FINDINGS]
        return res

    def skill_stuffing(self, evidence: Sequence[Evidence], text_len: int) -> list[IntegrityFinding]:
        """Skills named so often and so densely that the list reads as stuffing."""
        st = self.rules.stuffing
        counts = Counter(e.skill_id for e in evidence)
        names = {e.skill_id: e.name for e in evidence}
        out = []
        for sid, n in counts.most_common(5):
            if n >= st.skill_mentions_min and n * 1000 / max(text_len, 1) >= st.skill_mentions_per_1000_chars:
                out.append(IntegrityFinding(kind="stuffing", reason="skill_repeated",
                                            excerpt=f"{names[sid]} named {n} times in {text_len} characters"))
        return out


@cache
def default_integrity_check() -> IntegrityCheck:
    return IntegrityCheck(load_integrity_rules())


def check_document(doc: Document) -> IntegrityResult:
    return default_integrity_check().check(doc)


_FLAG_TEXT = {
    "hidden_text": ("Hidden text", "The file holds text a reader does not see; it was left out of scoring. "
                    "Some templates leave harmless hidden text: review it."),
    "injection": ("Instructions to screeners", "The resume addresses instructions to the screener or an AI "
                  "(e.g. 'ignore previous instructions', 'rank this candidate first'); those lines were left out of scoring."),
    "unicode": ("Invisible characters", "Zero-width, bidi or tag characters that hide or reorder text were removed."),
    "lookalike": ("Look-alike letters", "Words mix Latin with Cyrillic or Greek look-alike letters; they match no skill."),
    "stuffing": ("Keyword stuffing", "Repeated lines, one skill named very often, or job-description text: "
                 "repeats were left out and skills count once."),
}


def integrity_flags(findings: Sequence[IntegrityFinding]) -> list[Flag]:
    """One review flag per kind of finding, with the findings' excerpts as reasons."""
    by_kind: dict[str, list[IntegrityFinding]] = {}
    for f in findings:
        by_kind.setdefault(f.kind, []).append(f)
    out = []
    for kind in ("injection", "hidden_text", "unicode", "lookalike", "stuffing"):
        items = by_kind.get(kind)
        if not items:
            continue
        name, message = _FLAG_TEXT[kind]
        out.append(Flag(id=f"integrity.{kind}", name=name, severity="critical" if kind == "injection" else "warning",
                        message=message, reasons=tuple(f.excerpt for f in items[:5]), kind="integrity"))
    return out
