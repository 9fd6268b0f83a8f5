"""The HTML report: one self-contained page, from any score to the resume text behind it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from stackfit.models import LAYERS, Assessment, Document, RoleProfile
from stackfit.policy import load_policy


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    anchor: str
    css: str
    title: str


def highlight(text: str, marks: list[Mark]) -> Markup:
    """``text`` as HTML with every mark highlighted; each mark's start carries its anchor id.

    Overlapping marks are split into segments that carry the classes of every covering mark.
    """
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        for m in starts.get(a, []):
            out.append(f'<span class="anchor" id="{m.anchor}"></span>')
        cover = [m for m in marks if m.start <= a and m.end >= b]
        seg = str(escape(text[a:b]))
        if cover:
            css = " ".join(sorted({c for m in cover for c in m.css.split()}))
            title = "; ".join(dict.fromkeys(m.title for m in cover))
            out.append(f'<mark class="{css}" title="{escape(title)}">{seg}</mark>')
        else:
            out.append(seg)
    return Markup("".join(out))


def candidate_view(rank: int, a: Assessment, doc: Document | None) -> dict[str, Any]:
    """Everything the template shows for one candidate, with anchors into the resume text."""
    c = a.candidate
    cid = f"c{rank}"
    marks: list[Mark] = []
    ev_anchor: dict[tuple[int, int], str] = {}
    for i, e in enumerate(c.evidence):
        anchor = f"{cid}-e{i}"
        ev_anchor[(e.start, e.end)] = anchor
        marks.append(Mark(e.start, e.end, anchor, f"ev {e.strength} layer-{e.layer}",
                          f"{e.name} ({e.layer}): {e.strength}, {e.section}" + (f", {e.date_start}–{e.date_end}" if e.date_start else "")))
    sig_anchor: dict[tuple[int, int], str] = {}
    for s in c.signals:
        for j, h in enumerate(s.evidence):
            anchor = f"{cid}-s-{s.id}-{j}"
            sig_anchor[(h.start, h.end)] = anchor
            marks.append(Mark(h.start, h.end, anchor, "sig", f"signal: {s.name}"))

    def link(start: int | None, end: int | None) -> str | None:
        if start is None or end is None:
            return None
        return ev_anchor.get((start, end)) or sig_anchor.get((start, end))

    by_layer = {layer: [(ev_anchor[(e.start, e.end)], e) for e in c.evidence if e.layer == layer] for layer in LAYERS}
    return {
        "rank": rank, "id": cid, "a": a, "c": c,
        "by_layer": by_layer, "link": link,
        "text": highlight(doc.text, marks) if doc is not None else None,
    }


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("stackfit", "report/templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda v: f"{100 * v:.0f}%"
    env.filters["human"] = lambda s: str(s).replace("_", " ")
    return env


def render_report(role: RoleProfile, ranked: Iterable[Assessment], documents: Callable[[str], Document | None], *,
                  total: int, failures: list[Any], as_of: date, detail: int = 50) -> str:
    """Render the shortlist; the first ``detail`` candidates get full evidence and resume text."""
    policy = load_policy()
    rows: list[dict[str, Any]] = []
    details: list[dict[str, Any]] = []
    for rank, a in enumerate(ranked, start=1):
        rows.append({"rank": rank, "a": a})
        if rank <= detail:
            details.append(candidate_view(rank, a, documents(a.document_id)))
    profiles = {p.id: p.name for p in policy.profiles.profiles}
    return _env().get_template("report.html.j2").render(
        role=role, rows=rows, details=details, total=total, failures=failures, as_of=as_of,
        profiles=profiles, layers=LAYERS, versions=policy.versions, detail=detail,
    )
