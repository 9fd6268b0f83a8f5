"""A learned skill-span tagger: a linear-chain CRF trained on SkillSpan (TECH train, Knowledge layer).

It finds technical skills the taxonomy lacks ("SAP FI/CO", "Jira", "PRINCE2"): each span comes
back with character offsets and, where ``load_taxonomy().resolve`` knows the string, a taxonomy id;
otherwise it stays an open skill string. The model ships in the package
(``data/models/skill_tagger.crfsuite`` plus ``skill_tagger.json``: version, training set, decoding
threshold and gazetteers); nothing is downloaded. Rebuild it with ``scripts/train_tagger.py``.

Features (the same code at training and run time, see :func:`sentence_features`): the word,
its shape, prefixes and suffixes, ±2 context words and shapes, list/enumeration context, BIO tags
of four gazetteers (the stackfit taxonomy matcher, O*NET Technology Skills examples, ESCO digital
skills, Linguist languages). Decoding keeps every token whose marginal probability of being inside
a skill exceeds a threshold chosen by cross-validation on train (more recall than the Viterbi path).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from stackfit.datafiles import package_data
from stackfit.errors import DataFileError

MODEL_NAME = "skill_tagger"
_PUNCT_EDGES = re.compile(r"^[^\w<>]+|[^\w<>+#]+$")
# tokens as SkillSpan writes them: placeholders, words with inner punctuation ("node.js", "c++",
# "ci/cd", "2021-07-14"), and any other single character
_TOKEN = re.compile(r"<[A-Z_]+>|\w+(?:[.\-/&']\w+)*[+#]*|\.\w+|\S")
_ENUM = {",", "and", "or", "/", "&", "(", ";", ":", "e.g.", "like", "as", "including", "with"}


@dataclass(frozen=True)
class TaggedSkill:
    """One skill span found by the tagger: character offsets into the text, the surface string,
    and the taxonomy id when the taxonomy resolves it (else ``None``: an open skill)."""

    start: int
    end: int
    text: str
    skill_id: str | None


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Tokens with character offsets, split the way SkillSpan is tokenised."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def shape(w: str) -> str:
    s = re.sub("[A-Z]", "X", w)
    s = re.sub("[a-z]", "x", s)
    s = re.sub("[0-9]", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


def core(w: str) -> str:
    """Lower-cased token without punctuation at its edges ("git;" -> "git", "(sql" -> "sql")."""
    c = _PUNCT_EDGES.sub("", w.lower())
    return c or w.lower()


def lexicon_tags(tokens: Sequence[str], lexicon: frozenset[str], max_len: int = 6) -> list[str]:
    """BIO tags of a plain longest-match look-up of ``lexicon`` (lower-cased token n-grams)."""
    low = [core(t) for t in tokens]
    tags = ["O"] * len(tokens)
    i = 0
    while i < len(tokens):
        best = 0
        for n in range(min(max_len, len(tokens) - i), 0, -1):
            if " ".join(low[i : i + n]) in lexicon:
                best = n
                break
        if best:
            tags[i] = "B"
            for k in range(i + 1, i + best):
                tags[k] = "I"
            i += best
        else:
            i += 1
    return tags


def taxonomy_tags(tokens: Sequence[str]) -> list[str]:
    """BIO tags of the stackfit taxonomy matcher run over the tokens joined by spaces."""
    from stackfit.extract.skills import default_matcher

    text, offs = join_tokens(tokens)
    tags = ["O"] * len(tokens)
    for h in default_matcher().find(text):
        first = True
        for k, (a, b) in enumerate(offs):
            if a >= h.start and b <= h.end:
                tags[k] = "B" if first else "I"
                first = False
    return tags


def join_tokens(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    offs: list[tuple[int, int]] = []
    p = 0
    for t in tokens:
        offs.append((p, p + len(t)))
        p += len(t) + 1
    return " ".join(tokens), offs


@dataclass(frozen=True)
class Resources:
    """What the features need besides the tokens: gazetteers (lower-cased names)."""

    gazetteers: Mapping[str, frozenset[str]]
    use_taxonomy: bool = True


def gazetteer_tags(tokens: Sequence[str], res: Resources) -> dict[str, list[str]]:
    """BIO tags of each gazetteer (and of the taxonomy matcher, as ``tax``) over the tokens."""
    gaz: dict[str, list[str]] = {name: lexicon_tags(tokens, lex) for name, lex in sorted(res.gazetteers.items())}
    if res.use_taxonomy:
        gaz["tax"] = taxonomy_tags(tokens)
    return gaz


def sentence_features(tokens: Sequence[str], res: Resources, gazetteers: Mapping[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """One feature dict per token (python-crfsuite item format); ``gazetteers`` as :func:`gazetteer_tags`
    returns them, when the caller has them already."""
    n = len(tokens)
    low = [t.lower() for t in tokens]
    cores = [core(t) for t in tokens]
    shapes = [shape(t) for t in tokens]
    gaz = dict(gazetteers) if gazetteers is not None else gazetteer_tags(tokens, res)
    anyg = ["B" if any(g[i] == "B" for g in gaz.values()) else ("I" if any(g[i] == "I" for g in gaz.values()) else "O") for i in range(n)]
    caps = sum(1 for t in tokens if t[:1].isupper()) / n if n else 0.0
    title_like = n <= 8 and caps >= 0.5
    out: list[dict[str, Any]] = []
    for i, w in enumerate(tokens):
        c = cores[i]
        f: dict[str, Any] = {
            "bias": 1.0, "w": low[i], "c": c, "sh": shapes[i], "p2": c[:2], "p3": c[:3], "s2": c[-2:], "s3": c[-3:], "s4": c[-4:],
            "up": w.isupper(), "ti": w.istitle(), "dg": any(ch.isdigit() for ch in w),
            "ip": any(ch in ".+#/-&" for ch in w[1:-1]) or w.endswith(("+", "#")), "len": min(len(c), 10),
            "ph": w.startswith("<"), "edge": w != c and len(w) > 1, "first": i == 0, "title": title_like,
            "any": anyg[i],
        }
        for name, tags in gaz.items():
            f["g_" + name] = tags[i]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f[f"{d}w"] = cores[j]
                f[f"{d}sh"] = shapes[j]
                f[f"{d}any"] = anyg[j]
                if abs(d) == 1:
                    f[f"{d}enum"] = low[j] in _ENUM
                    for name, tags in gaz.items():
                        f[f"{d}g_{name}"] = tags[j]
            else:
                f[f"{d}w"] = "<pad>"
        f["bg-"] = (cores[i - 1] if i else "<s>") + "|" + c
        f["bg+"] = c + "|" + (cores[i + 1] if i + 1 < n else "</s>")
        out.append(f)
    return out


def tag_spans(tags: Sequence[str]) -> list[tuple[int, int]]:
    """Token spans of a BIO sequence (an I- without a B- opens a span, as conlleval)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, tag in enumerate([*tags, "O"]):
        opens = tag.startswith("B") or (tag.startswith("I") and start is None)
        if start is not None and (opens or tag == "O"):
            out.append((start, i))
            start = None
        if opens:
            start = i
    return out


# Function words a skill name never starts or ends with: none of the 2,188 gold spans of SkillSpan TECH train
# does (the words "as", "in" and "to" each open or close one and are left out). A decoded span that reaches into
# its list's conjunction ("SQL and", "Terraform or") loses it. Versioned with the decoding (SPAN_RULES).
EDGE_WORDS = frozenset({"and", "or", "nor", "&", "a", "an", "the", "of", "for", "with", "on", "at", "by", "from", "via",
                        "such", "using", "including", "like", "e.g.", "i.e.", "etc", "etc."})
SPAN_RULES = "spans.v2"  # v2: edge function words trimmed (v1: edge punctuation only)


def trim_span(tokens: Sequence[str], a: int, b: int) -> tuple[int, int] | None:
    """Drop pure-punctuation tokens (",", ")", "-") and function words (``EDGE_WORDS``: "and", "or", "the")
    at the edges of a span; None when nothing is left."""
    while a < b:
        first, last = tokens[a], tokens[b - 1]
        if not any(ch.isalnum() for ch in first) or first.lower() in EDGE_WORDS:
            a += 1
        elif (not any(ch.isalnum() for ch in last) and last not in {"+", "#"}) or last.lower() in EDGE_WORDS:
            b -= 1
        else:
            break
    return (a, b) if a < b else None


class SkillTagger:
    """A loaded CRF model with its feature resources; thread-safe (one crfsuite tagger per thread)."""

    def __init__(self, model_path: Path, meta: Mapping[str, Any]) -> None:
        self.model_path = model_path
        self.meta = dict(meta)
        self.model_version = str(meta.get("version", "?"))
        self.version = f"{self.model_version}/{SPAN_RULES}"
        self.resources = Resources(
            gazetteers={k: frozenset(v) for k, v in meta.get("gazetteers", {}).items()},
            use_taxonomy=bool(meta.get("use_taxonomy", True)),
        )
        thr = meta.get("threshold")
        self.threshold: float | None = float(thr) if thr is not None else None
        self._local = threading.local()

    @classmethod
    def load(cls, folder: Path | None = None, name: str = MODEL_NAME) -> SkillTagger:
        base = folder if folder is not None else package_data("models")
        model, meta_path = base / f"{name}.crfsuite", base / f"{name}.json"
        if not model.is_file() or not meta_path.is_file():
            raise DataFileError("the skill tagger model is missing", hint="rebuild it with scripts/train_tagger.py", path=str(model))
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise DataFileError(f"tagger metadata is not valid JSON: {exc}", hint="rebuild it with scripts/train_tagger.py",
                                path=str(meta_path)) from exc
        return cls(model, meta)

    def _tagger(self) -> Any:
        t = getattr(self._local, "tagger", None)
        if t is None:
            import pycrfsuite

            t = pycrfsuite.Tagger()
            t.open(str(self.model_path))
            self._local.tagger = t
        return t

    def decode(self, tokens: Sequence[str], threshold: float | None) -> list[str]:
        """BIO tags: the Viterbi path, or (``threshold`` set) every token whose marginal probability of
        being inside a skill exceeds the threshold - a recall/precision knob chosen by cross-validation."""
        if threshold is None:
            return list(self._tagger().tag(sentence_features(tokens, self.resources)))
        m = self.marginals(tokens)
        tags: list[str] = []
        for pb, pi in m.tolist():
            if pb + pi <= threshold:
                tags.append("O")
            else:
                tags.append("I" if pi > pb and tags and tags[-1] != "O" else "B")
        return tags

    def marginals(self, tokens: Sequence[str], gazetteers: Mapping[str, list[str]] | None = None) -> np.ndarray:
        """Per-token marginal probabilities (tokens, 2) of the labels B and I."""
        t = self._tagger()
        t.set(sentence_features(tokens, self.resources, gazetteers))
        labels = set(t.labels())
        out = np.zeros((len(tokens), 2), dtype=np.float64)
        for i in range(len(tokens)):
            out[i, 0] = t.marginal("B", i) if "B" in labels else 0.0
            out[i, 1] = t.marginal("I", i) if "I" in labels else 0.0
        return out

    def tag_tokens(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        """Token spans ``[a, b)`` of skills in one tokenised sentence, edge punctuation trimmed."""
        if not tokens:
            return []
        tags = self.decode(tokens, self.threshold)
        spans = (trim_span(tokens, a, b) for a, b in tag_spans(tags))
        return [s for s in spans if s is not None]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, int]]]:
        return [self.tag_tokens(s) for s in sentences]

    def find(self, text: str) -> list[TaggedSkill]:
        """Skill spans in ``text`` (any length: tagged line by line), normalised to taxonomy ids when known."""
        return find_spans(text, self.tag_many)


def find_spans(text: str, tag_many: Callable[[Sequence[Sequence[str]]], list[list[tuple[int, int]]]]) -> list[TaggedSkill]:
    """Skill spans in ``text`` found by a tagger's ``tag_many``: the text is cut into lines and sentences,
    resume section headings are skipped, and each span is resolved to a taxonomy id where one exists."""
    from stackfit.parse.sections import heading_kind
    from stackfit.taxonomy import load_taxonomy

    tax = load_taxonomy()
    pieces = [(start, tokenize(line)) for start, line in _lines(text) if heading_kind(line) is None]  # headings ("EDUCATION") are no skill
    out: list[TaggedSkill] = []
    for (line_start, toks), spans in zip(pieces, tag_many([[t for t, _, _ in toks] for _, toks in pieces]), strict=True):
        for a, b in spans:
            s, e = line_start + toks[a][1], line_start + toks[b - 1][2]
            surface = text[s:e]
            out.append(TaggedSkill(s, e, surface, resolve_skill(surface, tax)))
    return out


def resolve_skill(surface: str, tax: Any = None) -> str | None:
    """Taxonomy id of a span, if any: ``Taxonomy.resolve`` on the span as written, then with hyphens
    and underscores read as spaces ("amazon-web-services" as written in SkillSpan postings)."""
    if tax is None:
        from stackfit.taxonomy import load_taxonomy

        tax = load_taxonomy()
    hit: str | None = tax.resolve(surface)
    if hit is None and ("-" in surface or "_" in surface):
        hit = tax.resolve(" ".join(surface.replace("-", " ").replace("_", " ").split()))
    return hit


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """Sentence-sized pieces with their offsets: lines, long lines cut after ". " (the CRF sees one piece at a time)."""
    pos = 0
    for line in text.splitlines(keepends=True):
        start = 0
        for m in re.finditer(r"(?<=[.!?;])\s+(?=[A-Z(<])", line):
            yield pos + start, line[start : m.start()]
            start = m.end()
        yield pos + start, line[start:]
        pos += len(line)


_LOCK = threading.Lock()


@cache
def default_tagger() -> SkillTagger:
    """The shipped tagger, loaded on first use and cached."""
    with _LOCK:
        return SkillTagger.load()


def tag_text(text: str) -> list[TaggedSkill]:
    """Skill spans in ``text`` found by the shipped tagger."""
    return default_tagger().find(text)
