"""Write every report of a ranking in one pass: ranking.json, ranking.csv and report.html."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from stackfit.models import Assessment, Document, RoleProfile
from stackfit.report import CSV_FIELDS, with_rank
from stackfit.report.html import ReportBuilder


@dataclass(frozen=True)
class ReportPaths:
    html: Path
    json: Path
    csv: Path


def write_reports(out: Path, role: RoleProfile, rows: Iterable[tuple[str, str, str]],
                  assessment: Callable[[str], Assessment], documents: Callable[[str], Document | None],
                  *, failures: list[Any], as_of: date, detail: int = 50, html_rows: int = 1000) -> ReportPaths:
    """Stream the ranking into the three reports in one pass.

    ``rows`` yields (document id, stored ranking-entry JSON, stored summary JSON) best first; only the
    first ``detail`` candidates are loaded whole (``assessment``) for the evidence views of the HTML.
    """
    out.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(out / "report.html", out / "ranking.json", out / "ranking.csv")
    builder = ReportBuilder(documents, detail, html_rows)
    with open(paths.json, "w", encoding="utf-8") as fj, open(paths.csv, "w", encoding="utf-8", newline="") as fc:
        writer = csv.DictWriter(fc, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        fj.write("[")
        for rank, (doc_id, entry_json, summary_json) in enumerate(rows, start=1):
            fj.write("\n" if rank == 1 else ",\n")
            fj.write(with_rank(rank, entry_json))
            s = json.loads(summary_json)
            writer.writerow({"rank": rank, **s})
            builder.add_summary(rank, s, partial(assessment, doc_id))
        fj.write("\n]\n" if builder.total else "]\n")
    paths.html.write_text(builder.render(role, failures=failures, as_of=as_of), encoding="utf-8")
    return paths
