"""Content words of a text, Snowball-stemmed, with character offsets.

Used for requirements a job description states in words the taxonomy does not know
("Meticulous attention to detail", "Knowledge of AV setups"): the role keeps each such line's
content words, the candidate profile keeps the first offset of every content word of the
resume, and the assessment credits the share found (``score/match.py``).
"""

from __future__ import annotations

import re
from functools import cache

import snowballstemmer  # type: ignore[import-untyped]
from pydantic import BaseModel, ConfigDict

from stackfit.datafiles import load_yaml_model, package_data

_WORD = re.compile(r"[^\W_](?:[\w+#]|[.\-'’](?=\w))*")


class TermRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    min_term_length: int
    max_open_requirements: int
    max_terms_per_requirement: int
    met_at: float
    stopwords: tuple[str, ...]
    title_stopwords: tuple[str, ...] = ()


@cache
def load_term_rules() -> TermRules:
    return load_yaml_model(package_data("terms.yaml"), TermRules)


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@cache
def _stop() -> frozenset[str]:
    return frozenset(load_term_rules().stopwords)


@cache
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def terms(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each content word, in text order."""
    stop = _stop()
    n = load_term_rules().min_term_length
    out = []
    low = text.lower()
    for m in _WORD.finditer(low):
        w = m.group(0).replace("’", "'")
        if len(w) < n or w in stop or w.isdigit():
            continue
        out.append((stem(w), m.start(), m.end()))
    return out


def first_offsets(text: str) -> dict[str, int]:
    """Each stem with the offset of its first occurrence."""
    seen: dict[str, int] = {}
    for s, start, _ in terms(text):
        seen.setdefault(s, start)
    return seen
