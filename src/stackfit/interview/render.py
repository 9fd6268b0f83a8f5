"""Kits, summaries and checklists as Markdown, a printable HTML page, or JSON for tools."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from stackfit.interview.bank import STAGE_NAMES, STAGES
from stackfit.interview.models import Kit
from stackfit.report import dumps

Format = Literal["md", "html", "json"]
FORMATS: tuple[str, ...] = ("md", "html", "json")


def kit_markdown(kit: Kit) -> str:
    out = [f"# Interview kit: {kit.role_title}", ""]
    if kit.candidate:
        c = kit.candidate
        out += [f"**Candidate:** {Path(c.file).name} ({c.profile}, screening score {c.score:.0f})", ""]
    out += [f"- {n}" for n in kit.notes] + [""]
    n = 0
    for stage in STAGES:
        qs = [q for q in kit.questions if q.stage == stage]
        if not qs:
            continue
        out += [f"## Stage {STAGES.index(stage) + 1}: {STAGE_NAMES[stage]}", ""]
        for q in qs:
            n += 1
            out += [f"### {n}. `{q.id}`", "", f"*Why this question:* {q.reason}", ""]
            if q.scenario:
                out += [f"**Scenario.** {q.scenario}", ""]
            out += [f"**Ask:** {q.prompt}", ""]
            if q.follow_ups:
                out += ["**Follow-ups:**", *[f"- {f}" for f in q.follow_ups], ""]
            out += [f"**A strong answer shows:** {q.strong_answer}", "", "| score | what it sounds like |", "|---|---|"]
            out += [f"| {k} | {q.rubric[k].replace('|', '/')} |" for k in sorted(q.rubric)]
            out += ["", "Score: ☐ 1 ☐ 2 ☐ 3 ☐ 4 — notes:", ""]
    out.append(f"*bank {kit.versions.get('bank')}, rules {kit.versions.get('rules')}, fingerprint {kit.versions.get('fingerprint')}*")
    return "\n".join(out) + "\n"


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("stackfit", "interview/templates"), autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def kit_html(kit: Kit) -> str:
    stages = [(i + 1, STAGE_NAMES[s], [q for q in kit.questions if q.stage == s]) for i, s in enumerate(STAGES)]
    return _env().get_template("kit.html.j2").render(kit=kit, stages=[s for s in stages if s[2]])


def kit_json(kit: Kit) -> str:
    return dumps(kit.model_dump(mode="json"))


def render_kit(kit: Kit, fmt: str) -> str:
    if fmt == "md":
        return kit_markdown(kit)
    if fmt == "html":
        return kit_html(kit)
    return kit_json(kit)
