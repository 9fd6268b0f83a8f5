"""The decoding grid of the MiniLM cross-validation, on hand-made out-of-fold probabilities."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from benchmarks.accuracy.skillspan_cv_minilm import grid


def test_grid_scores_each_weight_and_threshold_on_the_held_sentences(tmp_path: Path) -> None:
    (tmp_path / "skillspan").mkdir()
    conll = ("We\tO\tO\nuse\tO\tO\nApache\tO\tB\nSpark\tO\tI\n\n"   # sentence 0: not held out
             "Know\tO\tO\nPython\tO\tB\nand\tO\tO\nGo\tO\tB\n\n")     # sentence 1: held out, two skills
    (tmp_path / "skillspan" / "skillspan_tech_train.conll").write_text(conll, encoding="utf-8")
    # per word P(B), P(I): the CRF finds Python only, the MiniLM finds Python and (weakly) Go
    crf = np.array([[0.0, 0.0], [0.9, 0.0], [0.0, 0.0], [0.1, 0.0]], dtype=np.float32)
    nn = np.array([[0.0, 0.0], [0.9, 0.0], [0.0, 0.0], [0.7, 0.0]], dtype=np.float32)
    oof = {"index": np.array([1]), "lengths": np.array([4]), "crf": crf, "nn": nn}
    rows = {(r["weight"], r["threshold"]): r for r in grid(tmp_path, oof, 0)}
    # weight 0.5: Go scores 0.4 -> found at threshold 0.35, not at 0.45
    assert rows[(0.5, 0.35)]["strict_f1"] == 1.0 and rows[(0.5, 0.35)]["set_f1"] == 1.0
    assert rows[(0.5, 0.45)]["strict_p"] == 1.0 and rows[(0.5, 0.45)]["strict_r"] == 0.5
    # weight 0.3: Go scores 0.28 -> missed at 0.3
    assert rows[(0.3, 0.3)]["strict_r"] == 0.5
