"""Calibration of the match score: does a score of 80 mean the same thing for every kind of role?

On RJDB (Megagon Labs, CC BY-SA 4.0), each job description is scored against three resumes:

- **good**: the resume written for it ("matched");
- **weakened**: its copy with required skills removed and experience shortened ("unmatched");
- **unrelated**: the matched resume of another job description with a different title label.

Role groups come from the job title, mapped to stackfit's profile vocabulary by the title rules of
``benchmarks.accuracy.profiles`` (the title is part of the job description stackfit reads here, as it
is when a user screens). For each group the benchmark reports the score distribution of each kind of
resume and, at thresholds 50/60/70/80, the share of resumes at or above the threshold that are the
good one (precision) and the share of good resumes that reach it (recall). A calibrated score has
similar precision and recall at a threshold across groups. It writes JSON and a plot.

    python -m benchmarks.accuracy.calibration [--data ../shared/data] [--json OUT] [--plot docs/accuracy-scores.png]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from benchmarks.accuracy.data import rjdb_rows
from benchmarks.accuracy.profiles import _TITLE, label
from benchmarks.accuracy.rjdb import AS_OF
from stackfit.datafiles import RJDB_TEST, require_public_data, run_script

KINDS = ("good", "weakened", "unrelated")
THRESHOLDS = (50, 60, 70, 80)


def load(data: Path) -> list[tuple[str, str, str, str]]:
    """(group, job description, matched, unmatched) for every RJDB test row with a title and both resumes."""
    out = []
    for r in rjdb_rows(data):
        m = _TITLE.search(r["Job-Description"])
        if m and r["Resume-matched"].strip() and r["Resume-unmatched"].strip():
            out.append((label(m.group("title")), r["Job-Description"], r["Resume-matched"], r["Resume-unmatched"]))
    return out


def unrelated_index(groups: list[str]) -> list[int]:
    """For each row, a deterministic other row whose group differs (the next one, cyclically)."""
    n = len(groups)
    return [next((j % n for j in range(i + 1, i + n) if groups[j % n] != groups[i]), (i + 1) % n) for i in range(n)]


def score_all(rows: list[tuple[str, str, str, str]]) -> dict[str, list[tuple[str, float]]]:
    """kind -> [(group, score)], one entry per row."""
    from stackfit.parse import parse_text
    from stackfit.role.jd import from_jd
    from stackfit.score.candidate import profile_document
    from stackfit.score.match import assess

    def prof(text: str, name: str):  # noqa: ANN202 - CandidateProfile
        return profile_document(parse_text(text, name, "text/markdown"), as_of=AS_OF)

    matched = [prof(r[2], f"m{i}.md") for i, r in enumerate(rows)]
    out: dict[str, list[tuple[str, float]]] = {k: [] for k in KINDS}
    other = unrelated_index([r[0] for r in rows])
    for i, (group, jd, _, unmatched) in enumerate(rows):
        role = from_jd(parse_text(jd, f"jd{i}.md", "text/markdown"))
        out["good"].append((group, assess(matched[i], role).score))
        out["weakened"].append((group, assess(prof(unmatched, f"u{i}.md"), role).score))
        out["unrelated"].append((group, assess(matched[other[i]], role).score))
    return out


def sample_scores() -> dict[str, list[tuple[str, float]]]:
    """The bundled AI roles (synthetic, ``data/samples/expected.yaml``): each role's intended top 3 are
    "good", the candidates meant to rank below them "unrelated" (there is no weakened copy)."""
    import yaml

    from stackfit.datafiles import package_data
    from stackfit.score.candidate import profile_document
    from stackfit.score.match import assess
    from stackfit.services import load_role_file, read_document

    folder = Path(str(package_data("samples")))
    expected = yaml.safe_load((folder / "expected.yaml").read_text())
    cands = {p.name: profile_document(read_document(p), as_of=date(2026, 11, 27))
             for p in sorted((folder / "resumes").iterdir()) if p.is_file()}
    out: dict[str, list[tuple[str, float]]] = {k: [] for k in KINDS}
    for name, exp in expected["roles"].items():
        role = load_role_file(folder / "roles" / name)
        out["good"] += [("AI roles (samples)", assess(cands[f], role).score) for f in exp["top3"]]
        out["unrelated"] += [("AI roles (samples)", assess(cands[f], role).score) for f in exp["below_top3"]]
    return out


def summarise(scores: dict[str, list[tuple[str, float]]], min_group: int = 20) -> dict[str, dict[str, object]]:
    by: dict[str, dict[str, list[float]]] = defaultdict(lambda: {k: [] for k in KINDS})
    for kind, rows in scores.items():
        for group, s in rows:
            by[group][kind].append(s)
            by["all"][kind].append(s)
    out: dict[str, dict[str, object]] = {}
    for group, ks in sorted(by.items(), key=lambda g: (g[0] != "all", -len(g[1]["good"]), g[0])):
        n = len(ks["good"])
        if n < min_group and group != "all":
            continue
        res: dict[str, object] = {"n": n}
        for kind in KINDS:
            if len(ks[kind]) < 2:
                res[f"{kind}_median"], res[f"{kind}_iqr"] = None, [None, None]
                continue
            q = statistics.quantiles(ks[kind], n=4)
            res[f"{kind}_median"] = round(q[1], 1)
            res[f"{kind}_iqr"] = [round(q[0], 1), round(q[2], 1)]
        for t in THRESHOLDS:
            good = sum(s >= t for s in ks["good"])
            above = good + sum(s >= t for s in ks["weakened"]) + sum(s >= t for s in ks["unrelated"])
            res[f"precision@{t}"] = round(good / above, 3) if above else None
            res[f"recall@{t}"] = round(good / n, 3)
        out[group] = res
    return out


def table(summary: dict[str, dict[str, object]]) -> str:
    head = ["group", "n", "good: median (IQR)", "weakened", "unrelated"] + [f"≥{t}: precision / recall" for t in THRESHOLDS]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    for g, r in summary.items():
        cells = [g, str(r["n"])]
        for kind in KINDS:
            iqr: tuple[float | None, float | None] = r[f"{kind}_iqr"]  # type: ignore[assignment]
            lo, hi = iqr
            cells.append(f"{r[f'{kind}_median']} ({lo}–{hi})" if lo is not None else "–")
        for t in THRESHOLDS:
            p = r[f"precision@{t}"]
            cells.append(f"{p if p is not None else '–'} / {r[f'recall@{t}']}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(scores: dict[str, list[tuple[str, float]]], summary: dict[str, dict[str, object]], out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    bins = list(range(0, 105, 5))
    colours = {"good": "tab:green", "weakened": "tab:orange", "unrelated": "tab:grey"}
    for kind in KINDS:
        axes[0].hist([s for _, s in scores[kind]], bins=bins, alpha=0.55, color=colours[kind], label=f"{kind} ({len(scores[kind])})")
    axes[0].set_xlabel("match score")
    axes[0].set_ylabel("resumes")
    axes[0].set_title("RJDB: score of each job description's resumes", fontsize=10)
    axes[0].legend(fontsize=8)
    for g, r in summary.items():
        xs = [t for t in THRESHOLDS if r[f"precision@{t}"] is not None]
        axes[1].plot(xs, [r[f"precision@{t}"] for t in xs], marker="o", lw=2.2 if g == "all" else 1.2,
                     color="black" if g == "all" else None, label=f"{g} (n={r['n']})")
    axes[1].set_xlabel("threshold (score at or above)")
    axes[1].set_ylabel("share that is the good resume")
    axes[1].set_ylim(0, 1.02)
    axes[1].set_xticks(list(THRESHOLDS))
    axes[1].grid(alpha=0.3)
    axes[1].set_title("precision at a threshold, by role group", fontsize=10)
    axes[1].legend(fontsize=8)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--plot", type=Path, default=None, help="write the score-distribution plot (PNG)")
    ap.add_argument("--min-group", type=int, default=20, help="report groups with at least this many job descriptions")
    args = ap.parse_args(argv)
    require_public_data(args.data, RJDB_TEST)
    rows = load(args.data)
    print(f"calibration: RJDB {len(rows)} titled job descriptions x (good, weakened, unrelated); {platform.machine()}")
    scores = score_all(rows)
    samples = sample_scores()
    print(table(summarise(samples, 0)))
    summary = summarise(scores, args.min_group)
    print(table(summary))
    if args.plot:
        print(plot(scores, summary, args.plot))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"date": date.today().isoformat(), "machine": platform.machine(), "rows": len(rows),
                                         "summary": summary, "samples": summarise(samples, 0), "scores": scores}, indent=1))


if __name__ == "__main__":
    sys.exit(run_script(main))
