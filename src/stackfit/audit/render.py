"""The bias audit as CSV (one row per category) and as a self-contained HTML page."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict

from jinja2 import Environment, PackageLoader, select_autoescape

from stackfit.audit.impact import CategoryRow, ImpactReport

CSV_FIELDS = ["dimension", "category", "n", "share", "selected", "selection_rate", "impact_ratio", "above_median",
              "scoring_rate", "scoring_impact_ratio", "in_ratios", "below_four_fifths", "note"]


def _row(r: CategoryRow) -> dict[str, object]:
    return {**{k: v for k, v in asdict(r).items() if k in CSV_FIELDS}, "below_four_fifths": r.below_four_fifths()}


def to_csv(rep: ImpactReport) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for r in rep.rows:
        w.writerow(_row(r))
    return buf.getvalue()


def to_html(rep: ImpactReport, *, title: str, role_id: str, generated: str) -> str:
    env = Environment(loader=PackageLoader("stackfit", "report/templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["rate"] = lambda v: "—" if v is None else f"{v:.3f}"
    return env.get_template("bias_audit.html.j2").render(rep=rep, title=title, role_id=role_id, generated=generated,
                                                         dimensions={"sex": "Sex", "race_ethnicity": "Race/ethnicity",
                                                                     "intersection": "Intersection (sex × race/ethnicity)"})
