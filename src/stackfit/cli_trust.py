"""Trust commands of the CLI (``candidate``, ``audit``, ``audit-log``, ``purge``, ``notice``): thin
adapters over ``stackfit.trust``, registered on the main app by ``stackfit.cli``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stackfit import trust
from stackfit.audit import log
from stackfit.audit.people import STAGES
from stackfit.cli import DbOpt, _errors, app, err_console, out_console
from stackfit.store import Workspace

candidate_app = typer.Typer(help="One candidate: stage changes (a person's action), explanation, erasure.", no_args_is_help=True)
log_app = typer.Typer(help="The append-only audit log: show and verify.", no_args_is_help=True)
app.add_typer(candidate_app, name="candidate")
app.add_typer(log_app, name="audit-log")

ByOpt = Annotated[str | None, typer.Option("--by", help="who acts (recorded in the audit log; default: STACKFIT_USER or the login name)")]
RoleOpt = Annotated[str, typer.Option("--role", "-r", help="the role: its id in the workspace, or the role file screened with")]
CandArg = Annotated[str, typer.Argument(help="the candidate: file name or path screened, document id, or blind code C-...")]


def _role_id(ws: Workspace, role: str) -> str:
    if Path(role).is_file():
        from stackfit.services import load_role_file

        return load_role_file(Path(role)).id
    ws.get_role(role)  # NotFoundError names the problem
    return role


@candidate_app.command("stage")
def candidate_stage(candidate: CandArg, stage: Annotated[str, typer.Argument(help=" | ".join(STAGES))], role: RoleOpt,
                    reason: Annotated[str, typer.Option("--reason", help="why (required to reject)")] = "",
                    by: ByOpt = None, db: DbOpt = "stackfit.db") -> None:
    """Move a candidate to a stage for a role. Only people do this; a rejection needs a reason. Logged."""
    with _errors(), Workspace(db) as ws:
        ch = trust.set_stage(ws, candidate, _role_id(ws, role), stage, actor=by or trust.current_user(), reason=reason)
    out_console.print(f"{candidate}: {ch.previous} → {ch.stage} for {ch.role_id} by {ch.actor}" + (f" ({ch.reason})" if ch.reason else ""))


@candidate_app.command("explain")
def candidate_explain(candidate: CandArg, role: RoleOpt,
                      fmt: Annotated[str, typer.Option("--format", "-f", help="md, json or html")] = "md",
                      out: Annotated[Path | None, typer.Option("--out", "-o", help="write to this file")] = None,
                      blind: Annotated[bool | None, typer.Option("--blind/--no-blind", help="mask personal details (default: setting)")] = None,
                      db: DbOpt = "stackfit.db") -> None:
    """The explanation for a candidate who asks why: matched and missing requirements with the resume text."""
    with _errors(), Workspace(db) as ws:
        body = trust.explain_candidate(ws, candidate, _role_id(ws, role), fmt=fmt, blind=blind)
    if out is None:
        sys.stdout.write(body)
    else:
        out.write_text(body, encoding="utf-8")
        out_console.print(f"written: {out}")


@candidate_app.command("delete")
def candidate_delete(candidate: CandArg,
                     reports: Annotated[list[Path] | None, typer.Option("--reports", help="report folders to clean (repeatable)")] = None,
                     remove_files: Annotated[bool, typer.Option("--remove-files", help="also delete the resume files screened from")] = False,
                     reason: Annotated[str, typer.Option("--reason", help="why (logged)")] = "",
                     yes: Annotated[bool, typer.Option("--yes", help="erase; without it, only show what would be erased")] = False,
                     by: ByOpt = None, db: DbOpt = "stackfit.db") -> None:
    """Erase a candidate: documents, profiles, assessments, stages, demographics, report files; no byte left."""
    with _errors(), Workspace(db) as ws:
        from stackfit.audit.people import resolve

        doc_id = resolve(ws, candidate)
        if not yes:
            out_console.print(f"would erase candidate {doc_id[:12]} ({candidate}); add --yes to erase")
            return
        e = trust.delete_candidate(ws, candidate, actor=by or trust.current_user(), reason=reason, report_dirs=reports or [],
                                   remove_files=remove_files)
    rows = ", ".join(f"{k} {v}" for k, v in e.rows.items() if v)
    out_console.print(f"erased candidate {doc_id[:12]}: {rows}; database compacted"
                      + (f"; files removed: {len(e.files_removed)}" if e.files_removed else "")
                      + (f"; reports removed (screen again to rebuild them): {', '.join(e.reports_removed)}" if e.reports_removed else ""))


@app.command()
def purge(older_than: Annotated[int | None, typer.Option("--older-than", help="days (default: the retention_days setting)")] = None,
          yes: Annotated[bool, typer.Option("--yes", help="erase; without it, only count")] = False,
          by: ByOpt = None, db: DbOpt = "stackfit.db") -> None:
    """Erase candidates first stored more than N days ago (the retention period). Dry run unless --yes."""
    with _errors(), Workspace(db) as ws:
        days, ids = trust.purge(ws, older_than, actor=by or trust.current_user(), apply=yes)
    verb = "erased" if yes else "would erase"
    out_console.print(f"{verb} {len(ids)} candidate(s) older than {days} days" + ("" if yes or not ids else "; add --yes to erase"))


@app.command("audit")
def audit_cmd(role: Annotated[str, typer.Argument(help="the role: its id in the workspace, or the role file screened with")],
              demographics: Annotated[Path | None, typer.Option("--demographics", help="CSV: candidate, sex, race_ethnicity "
                                                                 "(stored apart; never read by scoring)")] = None,
              top: Annotated[int | None, typer.Option("--top", min=1, help="outcome: selected = the first N of the ranking")] = None,
              threshold: Annotated[float | None, typer.Option("--threshold", help="outcome: selected = score at least this")] = None,
              stage: Annotated[str | None, typer.Option("--stage", help="outcome: selected = reached this stage (e.g. interviewing)")] = None,
              out: Annotated[Path, typer.Option("--out", "-o", help="folder for bias_audit.html and bias_audit.csv")] = Path("stackfit-out"),
              by: ByOpt = None, db: DbOpt = "stackfit.db") -> None:
    """Bias audit (NYC Local Law 144 style): selection and scoring rates and impact ratios per sex, race/ethnicity and both."""
    with _errors(), Workspace(db) as ws:
        res = trust.bias_audit(ws, _role_id(ws, role), out, top=top, threshold=threshold, stage=stage, demographics_csv=demographics,
                               actor=by or trust.current_user())
    rep = res.report
    table = Table(header_style="bold")
    for col in ("dimension", "category", "n", "selected", "sel. rate", "impact ratio", "scoring rate", "scoring IR"):
        table.add_column(col, justify="left" if col in ("dimension", "category") else "right")

    def f(v: float | None) -> str:
        return "—" if v is None else f"{v:.2f}"

    for r in rep.rows:
        low = " *" if r.below_four_fifths() else ""
        table.add_row(r.dimension, r.category, str(r.n), str(r.selected), f(r.selection_rate), f(r.impact_ratio) + low,
                      f(r.scoring_rate), f(r.scoring_impact_ratio))
    out_console.print(f"{rep.n} candidates, outcome: {rep.outcome}, {rep.selected} selected; unknown sex {rep.unknown['sex']}, "
                      f"race/ethnicity {rep.unknown['race_ethnicity']}")
    out_console.print(table)
    out_console.print("* under 0.8 (four-fifths rule): guidance for review, not a verdict. "
                      f"Reports: {res.html}, {res.csv}")


@log_app.command("verify")
def log_verify(db: DbOpt = "stackfit.db") -> None:
    """Recompute the audit log's hash chain: exit 1 if an entry was changed, removed or inserted outside stackfit."""
    with _errors(), Workspace(db) as ws:
        v = log.verify(ws)
    if v.ok:
        out_console.print(f"audit log intact: {v.entries} entries, hash chain verified")
        return
    err_console.print(f"audit log broken at entry {v.first_bad}: {v.problem}")
    raise typer.Exit(1)


@log_app.command("show")
def log_show(candidate: Annotated[str | None, typer.Option("--candidate", help="only this candidate")] = None,
             action: Annotated[str | None, typer.Option("--action", help="only this action (assessment, stage, erasure, ...)")] = None,
             last: Annotated[int, typer.Option("--last", min=1, help="the last N entries")] = 20, db: DbOpt = "stackfit.db") -> None:
    """Print audit log entries: when, who, what, on which candidate or role, with the versions in force."""
    with _errors(), Workspace(db) as ws:
        subject = None
        if candidate:
            from stackfit.audit.people import resolve

            subject = resolve(ws, candidate)
        rows = list(log.entries(ws, subject=subject, action=action))[-last:]
    for r in rows:
        out_console.print(f"{r['seq']:>6} {r['at']} {r['actor']:<12} {r['action']:<12} {r['subject'][:12]:<12} "
                          f"{r['role_id'] or '-'} {r['detail']}")


@app.command()
def notice(role: Annotated[Path, typer.Argument(help="a brief, saved role or job description")],
           out: Annotated[Path | None, typer.Option("--out", "-o", help="write to this file")] = None) -> None:
    """The candidate notice for a role: an automated tool is used, what it assesses, data kept, how to opt out."""
    with _errors():
        text = trust.candidate_notice(role)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        out_console.print(f"written: {out}")
