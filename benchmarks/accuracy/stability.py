"""Stability: scores must not move when text that says nothing about the person changes.

Four perturbations, each scored against the four sample roles:
- layouts: the same resume rendered in four PDF layouts (Resume-Matcher templates, Apache-2.0, in
  ../shared/data/resume_pdfs/resume_matcher/templates): same skills, scores within 2 points;
- section order: the sections of each text sample resume reversed (header kept first);
- formatting: each Markdown sample as plain text (markup removed) and as HTML;
- synonyms: every skill mention replaced by another surface form of the same taxonomy skill
  ("Kubernetes" -> "k8s", "PyTorch" -> "torch").

    python -m benchmarks.accuracy.stability [--data ../shared/data] [--json OUT]
"""

from __future__ import annotations

import argparse
import html
import json
import platform
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from stackfit import services
from stackfit.datafiles import package_data, require_public_data, run_script
from stackfit.extract.skills import default_matcher
from stackfit.models import CandidateProfile, RoleProfile
from stackfit.parse import parse_file, parse_text
from stackfit.parse.sections import heading_kind
from stackfit.score.candidate import profile_document
from stackfit.score.match import assess
from stackfit.taxonomy import ci_aliases

AS_OF = date(2026, 11, 27)
SAMPLES = package_data("samples")
TEXT_SAMPLES = sorted(p for p in (SAMPLES / "resumes").iterdir() if p.suffix in (".md", ".txt"))


def roles() -> list[RoleProfile]:
    return [services.load_role_file(p) for p in sorted((SAMPLES / "roles").iterdir())]


def _profile_text(text: str, name: str, media: str = "text/markdown") -> CandidateProfile:
    return profile_document(parse_text(text, name, media), as_of=AS_OF)


def reverse_sections(text: str) -> str:
    """The header block first, then the resume's sections in reverse order."""
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if ln.strip() and heading_kind(ln.strip().lstrip("#").strip()) is not None]
    if len(starts) < 2:
        return text
    head = lines[: starts[0]]
    blocks = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    out = head + [ln for b in reversed(blocks) for ln in ([*b, ""] if b and b[-1].strip() else b)]
    return "\n".join(out)


_MD_MARK = re.compile(r"^\s{0,3}#{1,6}\s*|\*\*|__|`")


def markdown_to_text(text: str) -> str:
    return "\n".join(_MD_MARK.sub("", ln) for ln in text.split("\n"))


def markdown_to_html(text: str) -> str:
    out, in_list = ["<html><body>"], False
    for ln in text.split("\n"):
        s = ln.strip()
        if s.startswith(("- ", "* ")):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(_MD_MARK.sub('', s[2:]))}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if s.startswith("#"):
            level = min(6, len(s) - len(s.lstrip("#")))
            out.append(f"<h{level}>{html.escape(s.lstrip('#').strip())}</h{level}>")
        elif s:
            out.append(f"<p>{html.escape(_MD_MARK.sub('', s))}</p>")
    out.append("</ul></body></html>" if in_list else "</body></html>")
    return "\n".join(out)


_VERBISH = re.compile(r"(?:ed|ing)$")


def swap_synonyms(text: str) -> tuple[str, int]:
    """Every skill mention written as another case-insensitive alias of the same skill (the
    alphabetically first other form, so the result is deterministic). Returns the text and the
    number of mentions replaced."""
    m = default_matcher()
    out, pos, n = [], 0, 0
    for hit in m.find(text):
        skill = m.taxonomy.skills[hit.skill_id]
        here = text[hit.start:hit.end].casefold()
        if _VERBISH.search(here):  # "fine-tuned" is a verb too: swapping it would change the evidence, not the name
            continue
        others = sorted(a for a in ci_aliases(skill) if a != here and len(a) > 1 and not _VERBISH.search(a))
        if not others:
            continue
        out.append(text[pos:hit.start])
        out.append(others[0])
        pos, n = hit.end, n + 1
    out.append(text[pos:])
    return "".join(out), n


def _spread(profiles: dict[str, CandidateProfile], rs: list[RoleProfile]) -> dict[str, float]:
    return {r.title[:40]: round(max(s := [assess(p, r).score for p in profiles.values()]) - min(s), 2) for r in rs}


# one resume in four layouts (resume_pdfs/SOURCE.txt): the layout check
LAYOUTS = tuple(f"resume_pdfs/resume_matcher/templates/{n}.pdf"
                for n in ("modern-single-column", "modern-two-column", "single-column", "two-column"))


def layouts(data: Path, rs: list[RoleProfile]) -> dict[str, object]:
    profs = {Path(f).name: profile_document(parse_file(data / f), as_of=AS_OF) for f in LAYOUTS}
    skills = {k: sorted(s.id for s in p.skills) for k, p in profs.items()}
    same = len({tuple(v) for v in skills.values()}) == 1
    return {"files": len(profs), "same_skills": same, "max_score_spread": _spread(profs, rs)}


def perturbation(name: str, fn: Callable[[str], str], rs: list[RoleProfile], media: str = "text/markdown") -> dict[str, object]:
    worst, per = 0.0, {}
    for p in TEXT_SAMPLES:
        text = p.read_text(encoding="utf-8")
        base = _profile_text(text, p.name, "text/markdown" if p.suffix == ".md" else "text/plain")
        other = _profile_text(fn(text), p.name, media if p.suffix == ".md" or media != "text/html" else media)
        diffs = [abs(assess(base, r).score - assess(other, r).score) for r in rs]
        per[p.name] = round(max(diffs), 2)
        worst = max(worst, max(diffs))
    return {"perturbation": name, "resumes": len(TEXT_SAMPLES), "max_abs_score_change": round(worst, 2), "per_resume": per}


def run(data: Path) -> dict[str, object]:
    rs = roles()
    out: dict[str, object] = {"layouts": layouts(data, rs)}
    out["section_order"] = perturbation("sections reversed", reverse_sections, rs)
    md = [p for p in TEXT_SAMPLES if p.suffix == ".md"]
    out["synonyms"] = perturbation("skills written as other aliases", lambda t: swap_synonyms(t)[0], rs)
    saved = list(TEXT_SAMPLES)
    TEXT_SAMPLES[:] = md
    try:
        out["markdown_as_text"] = perturbation("Markdown as plain text", markdown_to_text, rs, "text/plain")
        out["markdown_as_html"] = perturbation("Markdown as HTML", markdown_to_html, rs, "text/html")
    finally:
        TEXT_SAMPLES[:] = saved
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    require_public_data(args.data, *LAYOUTS)
    res = run(args.data)
    print(f"stability on the sample roles; {platform.machine()}; target: every change within 2 points")
    for k, v in res.items():
        if isinstance(v, dict):
            shown = {a: b for a, b in v.items() if a != "per_resume"}
            print(f"  {k}: {shown}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"date": date.today().isoformat(), "machine": platform.machine(), "results": res}, indent=2))


if __name__ == "__main__":
    sys.exit(run_script(main))
