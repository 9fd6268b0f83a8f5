"""Detection on a generated labelled corpus: recall at least 0.95 for every technique, false
positives on at most 2% of clean files (generated with harmless look-alikes of the tricks, the
bundled samples, and the real resume PDFs in ../shared/data where present).
``benchmarks/integrity_detection.py`` prints the same figures for docs/trust.md."""

from __future__ import annotations

from functools import cache

import pytest

from integrity_corpus import TECHNIQUES, Tally, corpus, evaluate


@cache
def tallies() -> dict[str, Tally]:
    return evaluate(corpus(n=24, n_clean=80))


@pytest.mark.parametrize("technique", sorted(TECHNIQUES))
def test_recall_per_technique(technique):
    t = tallies()[technique]
    assert t.n == 24
    assert t.detected / t.n >= 0.95, t.missed


def test_false_positives_on_clean_files():
    clean = [t for k, t in tallies().items() if k.startswith("clean")]
    n = sum(t.n for t in clean)
    fp = sum(t.detected for t in clean)
    assert n >= 95
    assert fp / n <= 0.02, [m for t in clean for m in t.missed]
