"""Metric code shared by the accuracy benchmarks. Pure functions, no I/O, each pinned by a test
(`tests/test_accuracy_metrics.py`) on small inputs with hand-computed results."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from stackfit.extract.tagger import tag_spans

Span = tuple[int, int]  # [start, end) in tokens or characters


@dataclass(frozen=True)
class PRF:
    tp: float
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


def bio_spans(tags: Sequence[str]) -> list[Span]:
    """Spans of a BIO sequence; an I- without a B- opens a span (the conlleval convention). The same
    decoder the shipped tagger uses, so the benchmark scores what the tagger means."""
    return tag_spans(tags)


def span_prf(gold: Iterable[Iterable[Span]], pred: Iterable[Iterable[Span]], *, loose: bool = False) -> PRF:
    """Micro P/R/F1 over spans of many sentences.

    strict: a predicted span counts when a gold span has the same boundaries.
    loose: precision counts predicted spans that overlap some gold span, recall counts gold spans
    overlapped by some prediction (each side measured on its own, as in the SkillSpan paper's
    loose match); tp is reported as the mean of the two matched counts."""
    tp_p = tp_r = n_p = n_g = 0
    for g_spans, p_spans in zip(gold, pred, strict=True):
        g, p = set(g_spans), set(p_spans)
        n_g += len(g)
        n_p += len(p)
        if loose:
            tp_p += sum(1 for a in p if any(_overlap(a, b) for b in g))
            tp_r += sum(1 for b in g if any(_overlap(a, b) for a in p))
        else:
            tp_p += len(g & p)
            tp_r = tp_p
    if not loose:
        return PRF(tp_p, n_p, n_g)
    # precision and recall computed from their own matched counts
    return _LoosePRF(tp=(tp_p + tp_r) / 2, predicted=n_p, gold=n_g, tp_p=tp_p, tp_r=tp_r)


@dataclass(frozen=True)
class _LoosePRF(PRF):
    tp_p: int = 0
    tp_r: int = 0

    @property
    def precision(self) -> float:
        return self.tp_p / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp_r / self.gold if self.gold else 0.0


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_PUNCT_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def normalise(s: str) -> str:
    """The string form compared by the set metric: NFKC, lower case, inner whitespace collapsed,
    punctuation stripped from both ends ("Terraform )" -> "terraform")."""
    s = unicodedata.normalize("NFKC", s).lower()
    s = " ".join(s.split())
    return _PUNCT_EDGES.sub("", s)


def set_prf(gold: Iterable[Iterable[Hashable]], pred: Iterable[Iterable[Hashable]]) -> PRF:
    """Per-sentence sets of normalised skills, micro-averaged over sentences."""
    tp = n_p = n_g = 0
    for g_items, p_items in zip(gold, pred, strict=True):
        g, p = set(g_items), set(p_items)
        tp += len(g & p)
        n_p += len(p)
        n_g += len(g)
    return PRF(tp, n_p, n_g)


def pairwise_accuracy(pairs: Iterable[tuple[float, float]]) -> tuple[float, int]:
    """Share of (score_good, score_bad) pairs with good > bad; a tie counts half. Returns (accuracy, ties)."""
    n = ties = 0
    won = 0.0
    for good, bad in pairs:
        n += 1
        if good > bad:
            won += 1
        elif good == bad:
            won += 0.5
            ties += 1
    return (won / n if n else 0.0), ties


def rank_of(scores: Sequence[float], target: int) -> int:
    """1-based rank of ``scores[target]``; ties are broken pessimistically (every equal score ranks above)."""
    s = scores[target]
    return 1 + sum(1 for i, x in enumerate(scores) if x > s or (x == s and i != target))


def mrr(ranks: Iterable[int]) -> float:
    r = list(ranks)
    return sum(1 / k for k in r) / len(r) if r else 0.0


def ndcg_at_k(ranks: Iterable[int], k: int = 10) -> float:
    """Mean NDCG@k with one relevant item per query at the given 1-based rank (ideal DCG = 1)."""
    r = list(ranks)
    return sum((1 / math.log2(x + 1)) if x <= k else 0.0 for x in r) / len(r) if r else 0.0


def recall_at_k(ranks: Iterable[int], k: int) -> float:
    r = list(ranks)
    return sum(1 for x in r if x <= k) / len(r) if r else 0.0


@dataclass(frozen=True)
class Classification:
    labels: tuple[str, ...]
    accuracy: float
    macro_f1: float
    per_label: dict[str, PRF]
    confusion: list[list[int]]  # rows: gold, columns: predicted, in ``labels`` order

    def as_dict(self) -> dict[str, object]:
        return {"labels": list(self.labels), "accuracy": round(self.accuracy, 4), "macro_f1": round(self.macro_f1, 4),
                "per_label": {k: v.as_dict() for k, v in self.per_label.items()}, "confusion": self.confusion}


def classification(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> Classification:
    """Accuracy, macro-F1 over the labels present in gold (unless given) and the confusion matrix.

    Macro-F1 averages over ``labels``; a label never predicted and never gold is left out of the
    average when ``labels`` is None (the profiles present)."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    labs = tuple(labels) if labels is not None else tuple(sorted(set(gold)))
    extra = sorted(set(pred) - set(labs))
    cols = labs + tuple(extra)
    index = {lab: i for i, lab in enumerate(cols)}
    confusion = [[0] * len(cols) for _ in labs]
    for g, p in zip(gold, pred, strict=True):
        if g in index and index[g] < len(labs):
            confusion[index[g]][index[p]] += 1
    per: dict[str, PRF] = {}
    for lab in labs:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        per[lab] = PRF(tp, sum(1 for p in pred if p == lab), sum(1 for g in gold if g == lab))
    acc = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0
    macro = sum(v.f1 for v in per.values()) / len(per) if per else 0.0
    return Classification(labs, acc, macro, per, confusion)
