"""Content words of a text, Snowball-stemmed, with character offsets.

Used for requirements a job description states in words the taxonomy does not know
("Meticulous attention to detail", "Knowledge of AV setups"): the role keeps each such line's
content words, the candidate profile keeps the first offset of every content word of the
resume, and the assessment credits the share found (``score/match.py``). The same words, weighted
by how specific they are across occupations (``term_weights.tsv``), give the wording component: the
share of a job description's wording a resume uses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Container, Iterable
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
    short_forms: dict[str, tuple[str, ...]] = {}  # short form -> names written out ("ccna" -> Cisco Certified ...)


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


def _plain(name: str) -> str:
    return " ".join(name.lower().replace("’", "").replace("'", "").split())


@cache
def _short_forms() -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern over every written-out name of ``short_forms`` (longest first), and each name's short form."""
    full = [(name, short) for short, names in load_term_rules().short_forms.items() for name in names]
    if not full:
        return None
    alts = "|".join(re.escape(" ".join(name.lower().split())).replace(r"\ ", r"\s+").replace("'", "['’]?")
                    for name, _ in sorted(full, key=lambda f: len(f[0]), reverse=True))
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])"), {_plain(name): short for name, short in full}


def terms(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each content word, in text order; a certification written out in full ("Cisco
    Certified Network Associate") is one word, its short form ("ccna"; ``terms.yaml`` ``short_forms``)."""
    stop = _stop()
    n = load_term_rules().min_term_length
    out = []
    low = text.lower()
    spans: list[tuple[int, int]] = []
    sf = _short_forms()
    if sf is not None:
        for m in sf[0].finditer(low):
            out.append((sf[1][_plain(m.group(0))], m.start(), m.end()))
            spans.append((m.start(), m.end()))
    for m in _WORD.finditer(low):
        if spans and any(a <= m.start() < b for a, b in spans):
            continue
        w = m.group(0).replace("’", "'")
        if len(w) < n or w in stop or w.isdigit():
            continue
        out.append((stem(w), m.start(), m.end()))
    if spans:
        out.sort(key=lambda t: t[1])
    return out


def first_offsets(text: str) -> dict[str, int]:
    """Each stem with the offset of its first occurrence."""
    seen: dict[str, int] = {}
    for s, start, _ in terms(text):
        seen.setdefault(s, start)
    return seen


@cache
def _document_frequency() -> tuple[int, dict[str, int]]:
    """``data/term_weights.tsv``: the number of O*NET and ESCO descriptions, and of those using each stem."""
    n, df = 0, {}
    for line in package_data("term_weights.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, count = line.split("\t")
        if key == "documents":
            n = int(count)
        else:
            df[key] = int(count)
    return n, df


def term_weight(stem_: str) -> float:
    """How specific a content word is: ln((N + 1) / (df + 1)) + 1 over N occupation and skill descriptions
    (a stem they never use counts as used once). "manag" weighs 2.5, "pump" 5.7, "neurolog" 6.8."""
    n, df = _document_frequency()
    return math.log((n + 1) / (max(df.get(stem_, 1), 1) + 1)) + 1


def weighted_share(wanted: Iterable[str], have: Container[str]) -> float:
    """Share of the wanted stems' total weight (``term_weight``) that ``have`` holds; 0 when nothing is wanted."""
    total = got = 0.0
    for s in wanted:
        w = term_weight(s)
        total += w
        if s in have:
            got += w
    return got / total if total else 0.0
