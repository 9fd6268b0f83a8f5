"""Bias audit arithmetic, in the form NYC Local Law 144 asks for.

For each category of sex, race/ethnicity and their intersection: the number of people, the number
selected, the selection rate and the impact ratio (the category's rate divided by the highest rate
among the categories that are at least ``min_share`` of the sample, 2% by default). For scores, the
scoring rate is the share of the category scoring above the sample's median, and its impact ratio
is computed the same way. Categories under ``min_share`` are shown but left out of the ratios;
``unknown`` is counted and shown, never compared. Plain Python floats: equal to fairlearn's
``MetricFrame(selection_rate)`` numbers to 1e-12 (tests/test_bias_audit.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from statistics import median

UNKNOWN = "unknown"
DIMENSIONS = ("sex", "race_ethnicity", "intersection")


@dataclass(frozen=True)
class Person:
    document_id: str
    sex: str
    race_ethnicity: str
    selected: bool
    score: float | None = None

    def category(self, dim: str) -> str:
        if dim == "sex":
            return self.sex
        if dim == "race_ethnicity":
            return self.race_ethnicity
        return UNKNOWN if UNKNOWN in (self.sex, self.race_ethnicity) else f"{self.sex} × {self.race_ethnicity}"


@dataclass(frozen=True)
class CategoryRow:
    dimension: str
    category: str
    n: int
    share: float
    selected: int
    selection_rate: float
    impact_ratio: float | None
    above_median: int | None
    scoring_rate: float | None
    scoring_impact_ratio: float | None
    in_ratios: bool
    note: str = ""

    def below_four_fifths(self) -> bool:
        return any(r is not None and r < 0.8 for r in (self.impact_ratio, self.scoring_impact_ratio))


@dataclass(frozen=True)
class ImpactReport:
    outcome: str
    n: int
    selected: int
    median_score: float | None
    unknown: dict[str, int]
    rows: tuple[CategoryRow, ...]
    min_share: float = 0.02
    notes: tuple[str, ...] = field(default_factory=tuple)


def _ratios(rates: Mapping[str, float], eligible: set[str]) -> dict[str, float | None]:
    best = max((rates[c] for c in eligible), default=0.0)
    return {c: (rates[c] / best if best > 0 else None) if c in eligible else None for c in rates}


def impact(people: list[Person], *, outcome: str, min_share: float = 0.02) -> ImpactReport:
    """Counts, rates and impact ratios per category of each dimension (see the module doc)."""
    n = len(people)
    scores = [p.score for p in people if p.score is not None]
    med = median(scores) if scores and len(scores) == n else None
    rows: list[CategoryRow] = []
    unknown: dict[str, int] = {}
    for dim in DIMENSIONS:
        groups: dict[str, list[Person]] = {}
        for p in people:
            groups.setdefault(p.category(dim), []).append(p)
        cats = sorted(groups, key=lambda c: (c == UNKNOWN, c))
        unknown[dim] = len(groups.get(UNKNOWN, []))
        sel = {c: sum(p.selected for p in groups[c]) / len(groups[c]) for c in cats}
        above = {c: sum(1 for p in groups[c] if med is not None and p.score is not None and p.score > med) for c in cats}
        scoring = {c: above[c] / len(groups[c]) for c in cats}
        eligible = {c for c in cats if c != UNKNOWN and len(groups[c]) / n >= min_share}
        ir, sir = _ratios(sel, eligible), _ratios(scoring, eligible)
        for c in cats:
            g = groups[c]
            note = "unknown: counted, not compared" if c == UNKNOWN else (
                "" if c in eligible else f"under {min_share:.0%} of the sample: shown, not compared")
            rows.append(CategoryRow(
                dimension=dim, category=c, n=len(g), share=len(g) / n, selected=sum(p.selected for p in g),
                selection_rate=sel[c], impact_ratio=ir[c],
                above_median=above[c] if med is not None else None, scoring_rate=scoring[c] if med is not None else None,
                scoring_impact_ratio=sir[c] if med is not None else None, in_ratios=c in eligible, note=note))
    return ImpactReport(outcome=outcome, n=n, selected=sum(p.selected for p in people), median_score=med, unknown=unknown,
                        rows=tuple(rows), min_share=min_share)
