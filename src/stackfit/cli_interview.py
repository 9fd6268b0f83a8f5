"""``stackfit interview ...`` and ``stackfit checklist``: thin adapters over ``stackfit.interview.service``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.table import Table
from rich.text import Text

from stackfit.cli import AsOfOpt, DbOpt, _as_of, _errors, _existing_workspace, err_console, out_console
from stackfit.errors import InputError, NotFoundError
from stackfit.interview import service
from stackfit.interview.bank import STAGES
from stackfit.interview.models import CheckItem, Recommendation
from stackfit.interview.render import FORMATS, render_kit
from stackfit.models import RoleProfile
from stackfit.report import dumps
from stackfit.store import Workspace

interview_app = typer.Typer(help="Structured interviews: kits, scorecards, summaries and decisions.", no_args_is_help=True)

RoleArg = Annotated[str, typer.Argument(help="a role: brief, saved profile or job description file, or a role id in the workspace")]
CandArg = Annotated[str, typer.Argument(help="a resume file, or a screened candidate: document id (or 8+ character prefix), path or file name")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON")]


def _role(value: str, ws: Workspace | None) -> RoleProfile:
    from stackfit.services import load_role_file

    if Path(value).is_file() or ws is None:
        return load_role_file(Path(value))
    try:
        return ws.get_role(value)
    except NotFoundError:
        return load_role_file(Path(value))


def _existing(db: str) -> Workspace:
    return _existing_workspace(db, "give the --db that `stackfit screen` or `stackfit interview score` used, "
                                   "or give the candidate as a resume file")


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        key, sep, val = v.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"{v!r}: expected KEY=VALUE", param_hint=what)
        out[key.strip()] = val.strip()
    return out


@interview_app.command("kit")
def kit(
    role: RoleArg,
    candidate: Annotated[str | None, typer.Argument(help="optional: target the kit at this candidate")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html or json")] = "md",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write to this file instead of stdout")] = None,
    cap: Annotated[list[str], typer.Option("--cap", help="questions per stage, e.g. --cap stack=6 (repeatable)")] = [],  # noqa: B006
    db: DbOpt = "stackfit.db",
    as_of: AsOfOpt = None,
) -> None:
    """Write a structured interview kit (architecture, stack, production) with a reason for every question."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}: use one of {', '.join(FORMATS)}", param_hint="--format")
    caps: dict[str, int] = {}
    for st, v in _pairs(cap, "--cap").items():
        if st not in STAGES or not v.isdigit():
            raise typer.BadParameter(f"{st}={v}: use STAGE=N with a stage of {', '.join(STAGES)}", param_hint="--cap")
        caps[st] = int(v)
    with _errors():
        needs_ws = (candidate is not None and not Path(candidate).is_file()) or not Path(role).is_file()
        ws = _existing(db) if needs_ws else None
        try:
            role_p = _role(role, ws)
            a = service.candidate_assessment(role_p, candidate, workspace=ws, as_of=_as_of(as_of)) if candidate else None
        finally:
            if ws is not None:
                ws.close()
        k = service.interview_kit(role_p, a, caps=caps)
        text = render_kit(k, fmt)
        if out is None:
            sys.stdout.write(text)
            return
        out.write_text(text, encoding="utf-8")
    out_console.print(f"kit: {len(k.questions)} questions " + ", ".join(
        f"{s} {sum(1 for q in k.questions if q.stage == s)}" for s in STAGES) + f" -> {out}")


def _load_card_file(path: Path) -> dict[str, object]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the scorecard: {exc}".splitlines()[0], hint="give a YAML or JSON file", path=str(path)) from exc
    allowed = {"interviewer", "stage", "scores", "notes", "item_notes"}
    if not isinstance(raw, dict) or not isinstance(raw.get("scores", {}), dict) or set(raw) - allowed:
        raise InputError("a scorecard file is a mapping with scores: {QUESTION_ID: 1-4}",
                         hint=f"allowed keys: {', '.join(sorted(allowed))}", path=str(path))
    return raw


@interview_app.command("score")
def score(
    role: RoleArg,
    candidate: CandArg,
    interviewer: Annotated[str | None, typer.Option("--interviewer", "-i", help="who interviewed")] = None,
    stage: Annotated[str | None, typer.Option("--stage", "-s", help="architecture, stack or production")] = None,
    item: Annotated[list[str], typer.Option("--item", help="QUESTION_ID=SCORE (1-4), repeatable")] = [],  # noqa: B006
    note: Annotated[list[str], typer.Option("--note", help="QUESTION_ID=TEXT, a note on one item, repeatable")] = [],  # noqa: B006
    notes: Annotated[str, typer.Option("--notes", help="notes on the whole stage")] = "",
    file: Annotated[Path | None, typer.Option("--file", help="a scorecard YAML: interviewer, stage, scores, notes, item_notes")] = None,
    db: DbOpt = "stackfit.db",
    as_of: AsOfOpt = None,
) -> None:
    """Record one interviewer's rubric scores (1-4) for one stage of a candidate's interview."""
    with _errors():
        card: dict[str, object] = _load_card_file(file) if file else {}
        scores: dict[str, object] = dict(card.get("scores") or {})  # type: ignore[call-overload]
        scores.update(_pairs(item, "--item"))
        item_notes = {str(k): str(v) for k, v in dict(card.get("item_notes") or {}).items()}  # type: ignore[call-overload]
        item_notes.update(_pairs(note, "--note"))
        who = interviewer or str(card.get("interviewer") or "")
        st = stage or str(card.get("stage") or "")
        if not who or not st:
            raise InputError("give the interviewer and the stage", hint="--interviewer NAME --stage architecture|stack|production")
        with Workspace(db) as ws:
            role_p = _role(role, ws)
            a = service.candidate_assessment(role_p, candidate, workspace=ws, as_of=_as_of(as_of), store_file=True)
            saved = service.record_scorecard(ws, role_p, a, interviewer=who, stage=st, scores=scores,
                                             notes=notes or str(card.get("notes") or ""), item_notes=item_notes)
    avg = sum(saved.scores.values()) / len(saved.scores)
    out_console.print(f"scorecard #{saved.id}: {saved.interviewer}, stage {saved.stage}, {len(saved.scores)} item(s), "
                      f"mean {avg:.2f}, for {Path(a.file).name} ({a.document_id[:12]}); workspace: {db}")


def _print_recommendation(rec: Recommendation) -> None:
    out_console.print(Text.assemble(("recommendation: ", "bold"), (rec.recommendation, "bold"),
                                    f" (combined {rec.combined:.2f})" if rec.combined is not None else ""))
    for r in rec.reasons:
        out_console.print(f"  - {r}")


def _print_checklist(items: list[CheckItem] | tuple[CheckItem, ...]) -> None:
    table = Table(header_style="bold", show_lines=True)
    for col in ("item", "state", "resume evidence", "interview evidence"):
        table.add_column(col)
    for i in items:
        resume = "; ".join(f"'{m.text}' @{m.start}" for m in i.resume_evidence) or "—"
        state = i.state if i.state == i.screening_state else f"{i.state} (screening: {i.screening_state})"
        table.add_row(i.question, state, resume, "\n".join(i.interview_evidence) or "—")
    out_console.print(table)


@interview_app.command("summary")
def summary(role: RoleArg, candidate: CandArg, db: DbOpt = "stackfit.db", as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """Scores per stage and item across interviewers, disagreements, the recommendation and the checklist."""
    with _errors(), _existing(db) as ws:
        role_p = _role(role, ws)
        a = service.candidate_assessment(role_p, candidate, workspace=ws, as_of=_as_of(as_of))
        s = service.interview_summary(ws, role_p, a)
        rec = service.recommend_from(s, a, role_p)
        history = service.decision_history(ws, role_p, a)
    if as_json:
        sys.stdout.write(dumps({"summary": s.model_dump(mode="json"), "recommendation": rec.model_dump(mode="json"),
                                "decisions": [d.model_dump(mode="json") for d in history]}))
        return
    out_console.print(Text.assemble((Path(a.file).name, "bold"), f" for '{role_p.title}': screening score {a.score:.0f}, "
                                    f"{s.scorecards} scorecard(s)"))
    who = sorted({w for i in s.items for w in i.scores})
    table = Table(header_style="bold")
    table.add_column("stage")
    table.add_column("item")
    for w in who:
        table.add_column(w, justify="right")
    table.add_column("mean", justify="right")
    table.add_column("spread", justify="right")
    for i in s.items:
        table.add_row(i.stage, i.item, *(str(i.scores.get(w, "")) for w in who), f"{i.mean:.2f}",
                      f"{i.spread}" + (" disagree" if i.disagreement else ""))
    out_console.print(table)
    out_console.print("stages: " + "; ".join(f"{st.stage} {st.mean:.2f} ({st.items} items)" if st.mean is not None
                                             else f"{st.stage} not scored" for st in s.stages))
    _print_recommendation(rec)
    _print_checklist(rec.checklist)
    for d in history:
        out_console.print(f"decision #{d.id} by {d.decided_by} at {d.created_at}: {d.decision}"
                          + (f" (overrides {d.recommendation}: {d.reason})" if d.overridden else " (confirms the recommendation)"))


@interview_app.command("decide")
def decide(
    role: RoleArg,
    candidate: CandArg,
    decision: Annotated[str, typer.Option("--decision", "-d", help="strong_hire, hire, lean_no_hire or no_hire")],
    by: Annotated[str, typer.Option("--by", help="who decides")],
    reason: Annotated[str, typer.Option("--reason", help="required when the decision differs from the recommendation")] = "",
    db: DbOpt = "stackfit.db",
    as_of: AsOfOpt = None,
) -> None:
    """Confirm or override the recommendation (an override needs a reason); recorded, never overwritten."""
    with _errors(), _existing(db) as ws:
        role_p = _role(role, ws)
        a = service.candidate_assessment(role_p, candidate, workspace=ws, as_of=_as_of(as_of))
        d, rec = service.decide(ws, role_p, a, decision=decision, decided_by=by, reason=reason)
    _print_recommendation(rec)
    out_console.print(f"decision #{d.id}: {d.decision} by {d.decided_by}"
                      + (f", overriding {d.recommendation} ({d.reason})" if d.overridden else ", confirming the recommendation"))


def checklist_command(
    candidate: CandArg,
    role: Annotated[str | None, typer.Option("--role", "-r", help="the role (needed when the candidate was screened for several)")] = None,
    db: DbOpt = "stackfit.db",
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The pre-offer checklist: each item's state and its evidence from the resume and the interviews."""
    with _errors():
        ws = Workspace(db) if (Path(db).exists() or "://" in db) else None
        try:
            if role is not None:
                role_p = _role(role, ws)
            elif ws is None:
                raise InputError("no workspace to find the candidate's role in", hint="give --role ROLE_FILE", path=db)
            else:
                role_p = service.role_of_candidate(ws, candidate)
            a = service.candidate_assessment(role_p, candidate, workspace=ws, as_of=_as_of(as_of))
            items = service.candidate_checklist(ws, role_p, a)
        finally:
            if ws is not None:
                ws.close()
    if as_json:
        sys.stdout.write(dumps({"role_id": role_p.id, "document_id": a.document_id, "file": a.file,
                                "checklist": [i.model_dump(mode="json") for i in items]}))
        return
    out_console.print(Text.assemble((Path(a.file).name, "bold"), f" — pre-offer checklist for '{role_p.title}'"))
    _print_checklist(items)
    err_console.print("A person confirms every item before an offer; states come from evidence, not from a judgement.")
