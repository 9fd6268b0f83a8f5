"""``stackfit team ...``: the hiring plan (Step 8). A thin adapter over ``stackfit.services``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.table import Table
from rich.text import Text

from stackfit import services
from stackfit.cli import AsOfOpt, _as_of, _errors, out_console
from stackfit.errors import InputError
from stackfit.models import LAYERS
from stackfit.team.plan import TeamPlan
from stackfit.team.render import _gap_text, plan_html, plan_json, plan_markdown

team_app = typer.Typer(help="Plan the team's next hires along the roadmap (the guide's Step 8).", no_args_is_help=True)

Fmt = Literal["terminal", "md", "html", "json"]


@team_app.command("plan")
def team_plan(
    team: Annotated[Path, typer.Argument(help="TEAM.yaml: members (resumes or declared skills), roadmap, working hours")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="terminal, md, html or json")] = "terminal",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write the md/html/json plan to this file")] = None,
    roles_dir: Annotated[Path | None, typer.Option("--roles-dir", help="save a RoleProfile per recommended hire here")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Team coverage of the four layers and the profiles, gaps per roadmap phase, the next hires in order, warnings."""
    with _errors():
        if fmt not in ("terminal", "md", "html", "json"):
            raise InputError(f"unknown --format {fmt!r}", hint="use terminal, md, html or json")
        if out is not None and fmt == "terminal":
            fmt = {".md": "md", ".html": "html", ".htm": "html", ".json": "json"}.get(out.suffix.lower(), "md")
        plan = services.team_plan(team, as_of=_as_of(as_of))
        saved = services.save_team_roles(plan, roles_dir) if roles_dir is not None else []
        if fmt == "terminal":
            _print_plan(plan)
        else:
            text = {"md": plan_markdown, "html": plan_html, "json": plan_json}[fmt](plan)
            if out is None:
                sys.stdout.write(text)
            else:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text, encoding="utf-8")
                out_console.print(f"plan: {out}")
        for p in saved:
            out_console.print(f"role saved: {p} (use it with `stackfit screen {p} RESUMES`)")


def _print_plan(plan: TeamPlan) -> None:
    out_console.print(Text.assemble((f"Hiring plan: {plan.team}", "bold"),
                                    f" (as of {plan.as_of}; team hours {plan.hours} {plan.timezone})"))
    table = Table(header_style="bold")
    for col, just in (("member", "left"), ("profile", "left"), *((h, "right") for h in ("data", "model", "deploy", "infra")),
                      ("time zone", "left"), ("overlap", "right")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for m in plan.members:
        table.add_row(m.name + (" (declared)" if m.source == "skills" else ""), m.profile, *(f"{m.layers[k]:.0f}" for k in LAYERS),
                      m.timezone or "unknown", f"{m.overlap:g} h" if m.overlap is not None else "")
    table.add_row("team", ", ".join(p.profile for p in plan.profiles if p.members),
                  *(f"{next(c.value for c in plan.layers if c.layer == k):.0f}" for k in LAYERS), plan.timezone, "", style="bold")
    out_console.print(table)
    out_console.print(f"how: {plan.method}")
    out_console.print(Text("roadmap", style="bold"))
    for g in plan.phases:
        out_console.print(f"  {g.position}. {g.name} ({g.when}{', done' if g.done else ''}): {_gap_text(g)}")
    out_console.print(Text("next hires", style="bold"))
    if not plan.hires:
        out_console.print("  none needed for the roadmap's open phases")
    for h in plan.hires:
        out_console.print(Text.assemble(f"  {h.rank}. ", (h.name, "bold"), f" ({h.profile}) — {h.reason}"))
    for d in plan.decisions:
        if d.covered:
            out_console.print(f"  not needed: {d.name} — {d.reason}")
    for w in plan.warnings:
        out_console.print(Text.assemble(("  warning", "yellow"), f": {w}"))
