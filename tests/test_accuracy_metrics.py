"""The accuracy benchmarks' metric code on small inputs with results worked out by hand."""

from __future__ import annotations

import math

import pytest

from benchmarks.accuracy.metrics import (
    bio_spans,
    classification,
    mrr,
    ndcg_at_k,
    normalise,
    pairwise_accuracy,
    rank_of,
    recall_at_k,
    set_prf,
    span_prf,
)


def test_bio_spans_follow_conlleval() -> None:
    assert bio_spans(["O", "B", "I", "O", "B", "B", "I", "I"]) == [(1, 3), (4, 5), (5, 8)]
    assert bio_spans(["I", "I", "O", "I"]) == [(0, 2), (3, 4)]  # I without B opens a span
    assert bio_spans([]) == []


def test_strict_span_prf() -> None:
    gold = [[(0, 2), (4, 5)], [(1, 2)]]
    pred = [[(0, 2), (4, 6)], [(1, 2), (3, 4)]]
    m = span_prf(gold, pred)
    # matches: (0,2) and (1,2) -> tp 2 of 4 predicted, 3 gold
    assert (m.tp, m.predicted, m.gold) == (2, 4, 3)
    assert m.precision == pytest.approx(0.5)
    assert m.recall == pytest.approx(2 / 3)
    assert m.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_loose_span_prf_counts_overlaps_from_each_side() -> None:
    gold = [[(0, 4)]]
    pred = [[(0, 1), (2, 3), (5, 6)]]
    m = span_prf(gold, pred, loose=True)
    assert m.precision == pytest.approx(2 / 3)  # two predictions touch the gold span
    assert m.recall == pytest.approx(1.0)  # the one gold span is touched
    assert span_prf(gold, pred).f1 == 0.0


def test_set_prf_over_normalised_strings() -> None:
    gold = [{normalise("Terraform )"), normalise("AWS")}, {normalise("Python")}]
    pred = [{normalise("terraform"), normalise("Docker")}, set()]
    m = set_prf(gold, pred)
    assert (m.tp, m.predicted, m.gold) == (1, 2, 3)
    assert normalise("  Spring   Boot. ") == "spring boot"
    assert normalise("Ｐｙｔｈｏｎ") == "python"  # NFKC folds full-width letters


def test_pairwise_accuracy_counts_ties_as_half() -> None:
    acc, ties = pairwise_accuracy([(0.9, 0.1), (0.5, 0.5), (0.2, 0.3), (1.0, 0.0)])
    assert acc == pytest.approx((1 + 0.5 + 0 + 1) / 4)
    assert ties == 1


def test_rank_mrr_ndcg_recall() -> None:
    scores = [0.3, 0.9, 0.3, 0.1]
    assert rank_of(scores, 1) == 1
    assert rank_of(scores, 0) == 3  # the tie with index 2 ranks above: pessimistic
    assert rank_of(scores, 3) == 4
    ranks = [1, 2, 4, 20]
    assert mrr(ranks) == pytest.approx((1 + 0.5 + 0.25 + 0.05) / 4)
    assert ndcg_at_k(ranks, 10) == pytest.approx((1 + 1 / math.log2(3) + 1 / math.log2(5) + 0) / 4)
    assert recall_at_k(ranks, 2) == pytest.approx(0.5)


def test_classification_accuracy_macro_f1_and_confusion() -> None:
    gold = ["a", "a", "b", "b", "c"]
    pred = ["a", "b", "b", "b", "a"]
    c = classification(gold, pred)
    assert c.labels == ("a", "b", "c")
    assert c.accuracy == pytest.approx(3 / 5)
    # a: tp1 p2 g2 -> f1 .5 ; b: tp2 p3 g2 -> p .667 r 1 f1 .8 ; c: 0
    assert c.macro_f1 == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    assert c.confusion == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    with pytest.raises(ValueError):
        classification(["a"], [])
