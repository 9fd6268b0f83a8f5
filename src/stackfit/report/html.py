"""The HTML report: one self-contained page, from any score to the resume text behind it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from stackfit.models import LAYERS, STRENGTHS, Assessment, Document, Evidence, RoleProfile
from stackfit.policy import load_policy
from stackfit.report import summary
from stackfit.taxonomy import load_taxonomy


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

    # one chip per skill: its strongest mention (the link target) and how often it occurs
    best: dict[str, Evidence] = {}
    count: dict[str, int] = {}
    for e in c.evidence:
        count[e.skill_id] = count.get(e.skill_id, 0) + 1
        if e.skill_id not in best or STRENGTHS.index(e.strength) > STRENGTHS.index(best[e.skill_id].strength):
            best[e.skill_id] = e
    by_layer = {
        layer: [(ev_anchor[(e.start, e.end)], e, count[e.skill_id]) for e in best.values() if e.layer == layer] for layer in LAYERS
    }
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
    tax = load_taxonomy()
    env.filters["skill_name"] = lambda i: tax.skills[i].name if i in tax.skills else i
    env.filters["basename"] = lambda s: str(s).replace("\\", "/").rsplit("/", 1)[-1]
    return env


def summary_row(rank: int, s: dict[str, Any]) -> dict[str, Any]:
    """What the ranking table shows of one candidate, from its stored summary (``report.summary``):
    small, so a pool of any size fits in memory."""
    light = SimpleNamespace(
        file=s["file"], score=s["score"], flags=[SimpleNamespace(**f) for f in s["flag_items"]],
        must_have=SimpleNamespace(met=s["must_have_met"], total=s["must_have_total"]),
        candidate=SimpleNamespace(profile=s["profile"], fit={s["profile"]: s["profile_fit"]},
                                  layers={k: s[k] for k in LAYERS}),
    )
    return {"rank": rank, "a": light, "location": s.get("location", ""), "timezone": s.get("timezone", "")}


class ReportBuilder:
    """Collects the ranking one candidate at a time (keeping full detail for the first ``detail``) and
    renders the page at the end."""

    def __init__(self, documents: Callable[[str], Document | None], detail: int = 50, max_rows: int = 1000) -> None:
        self.documents, self.detail, self.max_rows = documents, detail, max(max_rows, detail)
        self.rows: list[dict[str, Any]] = []
        self.details: list[dict[str, Any]] = []
        self.total = 0

    def add(self, rank: int, a: Assessment) -> None:
        self.add_summary(rank, summary(a), lambda: a)

    def add_summary(self, rank: int, s: dict[str, Any], full: Callable[[], Assessment]) -> None:
        """Add one candidate; ``full`` loads its whole assessment, asked only for the detailed ones."""
        self.total += 1
        if rank <= self.max_rows:  # the page lists the top rows; ranking.csv and .json hold everyone
            self.rows.append(summary_row(rank, s))
        if rank <= self.detail:
            a = full()
            self.details.append(candidate_view(rank, a, self.documents(a.document_id)))

    def render(self, role: RoleProfile, *, failures: list[Any], as_of: date) -> str:
        return _render(role, self.rows, self.details, failures=failures, as_of=as_of, detail=self.detail, total=self.total)


def render_report(role: RoleProfile, ranked: Iterable[Assessment], documents: Callable[[str], Document | None], *,
                  failures: list[Any], as_of: date, detail: int = 50) -> str:
    """Render the shortlist; the first ``detail`` candidates get full evidence and resume text."""
    builder = ReportBuilder(documents, detail)
    for rank, a in enumerate(ranked, start=1):
        builder.add(rank, a)
    return builder.render(role, failures=failures, as_of=as_of)


def _render(role: RoleProfile, rows: list[dict[str, Any]], details: list[dict[str, Any]], *, failures: list[Any],
            as_of: date, detail: int, total: int) -> str:
    policy = load_policy()
    profiles = {p.id: p.name for p in policy.profiles.profiles}
    grouped = {i for g in role.any_of for i in g}
    return _env().get_template("report.html.j2").render(
        role=role, rows=rows, details=details, total=total, failures=failures, as_of=as_of,
        profiles=profiles, layers=LAYERS, versions=policy.versions, detail=detail,
        must_plain=[i for i in role.must_have if i not in grouped], n_requirements=len(role.any_of) + len(
            [i for i in role.must_have if i not in grouped]) + len(role.open_requirements) + (1 if role.min_years else 0),
    )
