"""Write every report of a ranking in one pass: ranking.json, ranking.csv and report.html."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from stackfit.models import Assessment, Document, RoleProfile
from stackfit.report import CSV_FIELDS, csv_rows, ranking_entry
from stackfit.report.html import ReportBuilder


@dataclass(frozen=True)
class ReportPaths:
    html: Path
    json: Path
    csv: Path


def write_reports(out: Path, role: RoleProfile, ranked: Iterable[Assessment], documents: Callable[[str], Document | None],
                  *, failures: list[Any], as_of: date, detail: int = 50) -> ReportPaths:
    """Stream the ranking into the JSON and CSV files while the HTML keeps a small row per candidate."""
    out.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(out / "report.html", out / "ranking.json", out / "ranking.csv")
    builder = ReportBuilder(documents, detail)
    with open(paths.json, "w", encoding="utf-8") as fj, open(paths.csv, "w", encoding="utf-8", newline="") as fc:
        writer = csv.DictWriter(fc, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        fj.write("[")
        for rank, a in enumerate(ranked, start=1):
            fj.write("\n" if rank == 1 else ",\n")
            fj.write(json.dumps(ranking_entry(rank, a), ensure_ascii=False, separators=(",", ":")))
            writer.writerow(next(csv_rows([a], start=rank)))
            builder.add(rank, a)
        fj.write("\n]\n" if builder.rows else "]\n")
    paths.html.write_text(builder.render(role, failures=failures, as_of=as_of), encoding="utf-8")
    return paths
