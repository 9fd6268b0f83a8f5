"""Profiling accuracy: the profile stackfit infers for a job description and for a resume, against
labels that come from the data itself.

Labels: RJDB job titles (the "## Job title" line of each job description), mapped to stackfit's
profile vocabulary by the title rules below — written once from the vocabulary's definitions, not
tuned on the results. The title line is removed before stackfit reads the job description, so the
label is not an input. The matched resume of each job description carries the same label (it was
written for that job); stackfit reads the whole resume.

    python -m benchmarks.accuracy.profiles [--data ../shared/data] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
from collections import Counter
from datetime import date
from pathlib import Path

from benchmarks.accuracy.metrics import Classification, classification

# First matching rule wins. A title names the job; anything not an AI, data or software job is "other".
TITLE_RULES: tuple[tuple[str, str], ...] = (
    ("llm_integration_engineer", r"\b(llm|genai|generative ai|prompt engineer|conversational ai)\b"),
    ("mlops_engineer", r"\bmlops\b|\bml platform\b"),
    ("ai_infrastructure_engineer", r"\b(ai infrastructure|inference platform|gpu)\b"),
    ("ml_engineer", r"\b(machine learning|ml engineer|deep learning|computer vision|nlp engineer)\b"),
    ("research_engineer", r"\b(research scientist|research engineer|computer and information research scientist)\b"),
    ("data_scientist", r"\bdata scien"),
    ("data_engineer", r"\b(data engineer|etl|data warehouse|big data|hadoop|spark developer|data architect|dba|database)\b"),
    ("data_analyst", r"\b(data analyst|business intelligence|bi developer|tableau|analytics|reporting analyst)\b"),
    ("software_engineer", r"\b(software|developer|programmer|full stack|front[- ]?end|back[- ]?end|web developer|ui developer"
                          r"|ui lead|java|\.net|c#|c\+\+|php|python|node\.js|ios|android|mobile application|sdet|devops"
                          r"|site reliability|cloud engineer|application engineer)\b"),
)
_RULES = [(p, re.compile(rx, re.IGNORECASE)) for p, rx in TITLE_RULES]
_TITLE = re.compile(r"##\s*Job title\s*\n+\s*(?P<title>[^\n]+)\n?", re.IGNORECASE)


def label(title: str) -> str:
    return next((p for p, rx in _RULES if rx.search(title)), "other")


def load(data: Path) -> list[tuple[str, str, str]]:
    """(label, JD without its title, matched resume) for every RJDB test row with a title."""
    out = []
    with (data / "rjdb" / "test.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            m = _TITLE.search(r["Job-Description"])
            if not m or not r["Resume-matched"].strip():
                continue
            jd = r["Job-Description"][: m.start()] + r["Job-Description"][m.end():]
            out.append((label(m.group("title")), jd, r["Resume-matched"]))
    return out


def run(rows: list[tuple[str, str, str]]) -> dict[str, Classification]:
    from stackfit.parse import parse_text
    from stackfit.role.jd import from_jd
    from stackfit.score.candidate import profile_document

    gold = [g for g, _, _ in rows]
    roles = [from_jd(parse_text(jd, f"jd{i}.md", "text/markdown")).profile for i, (_, jd, _) in enumerate(rows)]
    cands = [profile_document(parse_text(r, f"r{i}.md", "text/markdown"), as_of=date(2024, 1, 1)).profile
             for i, (_, _, r) in enumerate(rows)]
    return {"job descriptions": classification(gold, roles), "resumes": classification(gold, cands)}


def render(name: str, c: Classification) -> str:
    lines = [f"{name}: accuracy {c.accuracy:.3f}, macro-F1 {c.macro_f1:.3f} over {len(c.labels)} profiles present",
             "| profile | n | precision | recall | F1 |", "|---|---|---|---|---|"]
    for lab, prf in c.per_label.items():
        lines.append(f"| {lab} | {prf.gold} | {prf.precision:.2f} | {prf.recall:.2f} | {prf.f1:.2f} |")
    cols = list(c.labels) + [x for x in c.as_dict()["labels"] if x not in c.labels]  # type: ignore[attr-defined]
    lines.append("confusion (rows gold, columns predicted): " + json.dumps(c.confusion))
    del cols
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    rows = load(args.data)
    print(f"RJDB test: {len(rows)} job descriptions with a title; labels: {dict(Counter(g for g, _, _ in rows))}; {platform.machine()}")
    results = run(rows)
    for name, c in results.items():
        print(render(name, c))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"dataset": "rjdb/test.jsonl", "date": date.today().isoformat(), "machine": platform.machine(),
                                         "title_rules": dict(TITLE_RULES), "results": {k: v.as_dict() for k, v in results.items()}},
                                        indent=2))


if __name__ == "__main__":
    main()
