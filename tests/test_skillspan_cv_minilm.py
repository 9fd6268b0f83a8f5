"""The decoding grid of the MiniLM cross-validation, on hand-made out-of-fold probabilities."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.accuracy.skillspan_cv_minilm import average_members, fold_of, grid, join_folds, restrict


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


def _save(path: Path, index: list[int], lengths: list[int], crf: list[list[float]], nn: list[list[float]]) -> Path:
    np.savez_compressed(path, index=np.array(index), lengths=np.array(lengths),
                        crf=np.array(crf, dtype=np.float32), nn=np.array(nn, dtype=np.float32))
    return path


def test_a_member_votes_only_on_the_words_it_read(tmp_path: Path) -> None:
    # seed A read sentence 0's two words; a file made before windows.v1 has zeros past its window (word 2)
    a = _save(tmp_path / "a.npz", [0], [2], [[0.1, 0.0], [0.2, 0.0]], [[0.8, 0.0], [0.0, 0.0]])
    b = _save(tmp_path / "b.npz", [0], [2], [[0.1, 0.0], [0.2, 0.0]], [[0.4, 0.2], [0.6, 0.3]])
    out = average_members([a, b])
    np.testing.assert_allclose(out["nn"], [[0.6, 0.1], [0.6, 0.3]], atol=1e-6)  # word 2: B's alone, not halved
    np.testing.assert_allclose(out["crf"], [[0.1, 0.0], [0.2, 0.0]])


def test_join_folds_puts_one_seeds_folds_in_sentence_order(tmp_path: Path) -> None:
    later = _save(tmp_path / "f1.npz", [2, 3], [1, 2], [[0.3, 0.0], [0.4, 0.0], [0.5, 0.0]], [[0.1, 0.0]] * 3)
    first = _save(tmp_path / "f0.npz", [0, 1], [2, 1], [[0.0, 0.0], [0.1, 0.0], [0.2, 0.0]], [[0.9, 0.0]] * 3)
    out = join_folds([later, first])
    assert out["index"].tolist() == [0, 1, 2, 3] and out["lengths"].tolist() == [2, 1, 1, 2]
    np.testing.assert_allclose(out["crf"][:, 0], [0.0, 0.1, 0.2, 0.3, 0.4, 0.5], atol=1e-6)
    kept = restrict(out, {1, 3})
    assert kept["index"].tolist() == [1, 3]
    np.testing.assert_allclose(kept["crf"][:, 0], [0.2, 0.4, 0.5], atol=1e-6)
    with pytest.raises(SystemExit, match="--score-folds"):
        restrict(out, {7})
    with pytest.raises(SystemExit, match="sentence 0 is in two"):
        join_folds([first, first])


def test_fold_of_cuts_like_out_of_fold() -> None:
    # 10 sentences in 3 folds: 3, 3 and the last takes the rest (4)
    assert fold_of(10, 3) == [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]
