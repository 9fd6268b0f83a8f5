"""The ablation's policy variants and the calibration summary, on small hand-computed inputs."""

from __future__ import annotations

import pytest

from benchmarks.accuracy.ablation import without_component, without_recency, without_strength
from benchmarks.accuracy.calibration import summarise, unrelated_index
from stackfit.policy import load_policy


def _weights(policy) -> dict[str, float]:  # noqa: ANN001
    m = policy.scoring.match
    return {"must_have": m.must_have, "layers": m.layers, "profile": m.profile, "production": m.production,
            "nice_to_have": m.nice_to_have, "semantic": m.semantic.weight if m.semantic else 0.0}


@pytest.mark.parametrize("name", ["must_have", "layers", "profile", "production", "nice_to_have", "semantic"])
def test_removing_a_component_zeroes_it_and_rescales_the_rest(name: str) -> None:
    base = _weights(load_policy())
    got = _weights(without_component(load_policy(), name))
    assert got[name] == 0.0
    assert sum(got.values()) == pytest.approx(1.0)
    rest = 1.0 - base[name]
    for k, w in base.items():
        if k != name:
            assert got[k] == pytest.approx(w / rest)


def test_strength_and_recency_variants() -> None:
    s = without_strength(load_policy()).scoring
    assert set(s.strength_weight.values()) == {1.0} and set(s.match.requirement_credit.values()) == {1.0}
    r = without_recency(load_policy()).scoring
    assert r.recency.floor == 1.0 and r.years.min == 1.0 and r.years.unknown == 1.0
    assert load_policy().scoring.recency.floor < 1.0  # the shipped policy is untouched


def test_unrelated_index_picks_the_next_row_of_another_group() -> None:
    assert unrelated_index(["a", "a", "b", "a"]) == [2, 2, 3, 2]
    assert unrelated_index(["a", "a"]) == [1, 0]  # no other group: the next row


def test_summary_precision_and_recall_at_thresholds() -> None:
    scores = {
        "good": [("x", 90.0), ("x", 70.0), ("x", 40.0), ("x", 85.0)],
        "weakened": [("x", 82.0), ("x", 55.0), ("x", 30.0), ("x", 60.0)],
        "unrelated": [("x", 10.0), ("x", 12.0), ("x", 81.0), ("x", 5.0)],
    }
    r = summarise(scores, min_group=1)["x"]
    # at 80: good 90, 85 (2 of 4); weakened 82; unrelated 81 -> precision 2/4, recall 2/4
    assert r["precision@80"] == 0.5 and r["recall@80"] == 0.5
    # at 50: good 90, 70, 85; weakened 82, 55, 60; unrelated 81 -> 3/7, recall 3/4
    assert r["precision@50"] == round(3 / 7, 3) and r["recall@50"] == 0.75
    assert r["good_median"] == 77.5 and r["n"] == 4


def test_removing_a_component_keeps_the_wording_share_of_other_roles() -> None:
    base = load_policy().scoring.match
    for name in ("layers", "semantic", "must_have"):
        m = without_component(load_policy(), name).scoring.match
        assert m.wording is not None and base.wording is not None
        assert m.wording.other_roles / m.nice_to_have == pytest.approx(base.wording.other_roles / base.nice_to_have)
    gone = without_component(load_policy(), "wording").scoring.match
    assert gone.wording is not None and gone.wording.weight == gone.wording.other_roles == 0.0
