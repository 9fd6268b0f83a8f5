"""The team plan as JSON, Markdown and a self-contained HTML page with a coverage chart."""

from __future__ import annotations

import base64
import html
import io
import json
from typing import Any

from stackfit.models import LAYERS
from stackfit.team.plan import TeamPlan, _have


def plan_json(plan: TeamPlan) -> str:
    return json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _gap_text(g: Any) -> str:
    parts = []
    if g.layers_missing:
        parts.append("layers " + ", ".join(f"{k} {_have(h, n)} < {n:.0f}" for k, (h, n) in g.layers_missing.items()))
    if g.signals_missing:
        parts.append("not yet shown in experience: " + ", ".join(g.signals_missing))
    if g.hires_needed:
        parts.append("hire: " + ", ".join(g.hires_needed))
    return "; ".join(parts) or "nothing missing"


def _ov(hours: float | None) -> str:
    return f"{hours:g} h" if hours is not None else "—"


def plan_markdown(plan: TeamPlan) -> str:
    out = [f"# Hiring plan: {plan.team}", "",
           f"As of {plan.as_of}; policy {plan.policy_version}; team hours {plan.hours} {plan.timezone}.", "",
           "## Members", "", "| member | source | profile | data | model | deployment | infrastructure | time zone | overlap |",
           "|---|---|---|--:|--:|--:|--:|---|--:|"]
    for m in plan.members:
        out.append(f"| {m.name} | {m.file} | {m.profile} | " + " | ".join(f"{m.layers[k]:.0f}" for k in LAYERS)
                   + f" | {m.timezone or 'unknown'} | {_ov(m.overlap)} |")
    out += ["", "## Layer coverage", "", f"_{plan.method}._", "", "| layer | team | strongest member |", "|---|--:|---|"]
    out += [f"| {c.layer} | {c.value:.0f} | {c.best} ({c.best_value:.0f}) |" for c in plan.layers]
    out += ["", "## Profile coverage", "", "| profile | members | best fit |", "|---|---|--:|"]
    out += [f"| {p.profile} | {', '.join(p.members) or '—'} | {p.best_fit:.2f} |" for p in plan.profiles if p.members or p.best_fit > 0]
    out += ["", "## Roadmap", ""]
    out += [f"{g.position}. **{g.name}** ({g.stage}, {g.when}{', done' if g.done else ''}): {_gap_text(g)}" for g in plan.phases]
    out += ["", "## Recommended hires", ""]
    if not plan.hires:
        out.append("No hire needed for the roadmap's open phases: the team covers them.")
    for h in plan.hires:
        out.append(f"{h.rank}. **{h.name}** ({h.profile}, for {h.stage}) — {h.reason} Role profile: `{h.role.id}`.")
    out += ["", "## Why not the others", ""]
    out += [f"- {d.name}: {d.reason}" for d in plan.decisions if d.covered]
    if not any(d.covered for d in plan.decisions):
        out.append("- the team covers none of the guide's hires yet")
    out += ["", "## Warnings", ""]
    out += [f"- {w}" for w in plan.warnings] or ["- none"]
    return "\n".join(out) + "\n"


def coverage_png(plan: TeamPlan) -> bytes:
    """A horizontal bar chart of team layer coverage with each open phase's thresholds (PNG, no timestamp)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from stackfit.team.schema import load_team_policy

    policy = load_team_policy()
    with plt.rc_context({"svg.hashsalt": "stackfit", "font.family": "DejaVu Sans", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(7.6, 2.6), dpi=100)
        ys = list(range(len(LAYERS)))[::-1]
        vals = [next(c.value for c in plan.layers if c.layer == k) for k in LAYERS]
        ax.barh(ys, vals, color="#4c78a8", height=0.55, label="team coverage")
        marks = {"prototype": "o", "production": "s", "scaling": "^"}
        for g in plan.phases:
            if g.done:
                continue
            need = policy.stage(g.stage).layers
            pts = [(y, need[k]) for y, k in zip(ys, LAYERS, strict=True) if k in need]
            if pts:
                ax.scatter([p[1] for p in pts], [p[0] for p in pts], marker=marks[g.stage], color="#e45756", zorder=3,
                           label=f"{g.name} needs")
        ax.set_yticks(ys, list(LAYERS))
        ax.set_xlim(0, 100)
        ax.set_xlabel("coverage 0–100")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        plt.close(fig)
    return buf.getvalue()


def plan_html(plan: TeamPlan) -> str:
    e = html.escape
    png = base64.b64encode(coverage_png(plan)).decode("ascii")
    rows = "".join(f"<tr><td>{e(m.name)}</td><td>{e(m.file)}</td><td>{e(m.profile)}</td>"
                   + "".join(f"<td class=n>{m.layers[k]:.0f}</td>" for k in LAYERS)
                   + f"<td>{e(m.timezone or 'unknown')}</td><td class=n>{_ov(m.overlap)}</td></tr>" for m in plan.members)
    layer_rows = "".join(f"<tr><td>{c.layer}</td><td class=n>{c.value:.0f}</td><td>{e(c.best)} ({c.best_value:.0f})</td></tr>"
                         for c in plan.layers)
    prof_rows = "".join(f"<tr><td>{p.profile}</td><td>{e(', '.join(p.members)) or '—'}</td><td class=n>{p.best_fit:.2f}</td></tr>"
                        for p in plan.profiles if p.members or p.best_fit > 0)
    phases = "".join(f"<li><b>{e(g.name)}</b> ({g.stage}, {e(g.when)}{', done' if g.done else ''}): {e(_gap_text(g))}</li>"
                     for g in plan.phases)
    hires = "".join(f"<li><b>{e(h.name)}</b> ({h.profile}, for {h.stage}): {e(h.reason)} <code>{e(h.role.id)}</code></li>"
                    for h in plan.hires) or "<li>No hire needed for the roadmap's open phases.</li>"
    covered = "".join(f"<li>{e(d.name)}: {e(d.reason)}</li>" for d in plan.decisions if d.covered) or "<li>none</li>"
    warns = "".join(f"<li>{e(w)}</li>" for w in plan.warnings) or "<li>none</li>"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hiring plan: {e(plan.team)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}}
table{{border-collapse:collapse;margin:.5rem 0}}td,th{{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}}
td.n{{text-align:right}}.warn li{{color:#a33}}</style></head><body>
<h1>Hiring plan: {e(plan.team)}</h1>
<p>As of {e(plan.as_of)}; policy {e(plan.policy_version)}; team hours {e(plan.hours)} {e(plan.timezone)}.</p>
<h2>Members</h2><table><tr><th>member</th><th>source</th><th>profile</th><th>data</th><th>model</th><th>deployment</th><th>infrastructure</th>
<th>time zone</th><th>overlap</th></tr>{rows}</table>
<h2>Layer coverage</h2>
<img alt="Team layer coverage against each open phase's thresholds" src="data:image/png;base64,{png}">
<p><small>{e(plan.method)}.</small></p>
<table><tr><th>layer</th><th>team</th><th>strongest member</th></tr>{layer_rows}</table>
<h2>Profile coverage</h2><table><tr><th>profile</th><th>members</th><th>best fit</th></tr>{prof_rows}</table>
<h2>Roadmap</h2><ol>{phases}</ol>
<h2>Recommended hires</h2><ol>{hires}</ol>
<h2>Why not the others</h2><ul>{covered}</ul>
<h2>Warnings</h2><ul class=warn>{warns}</ul>
</body></html>
"""
