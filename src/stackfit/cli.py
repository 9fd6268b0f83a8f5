"""The ``stackfit`` command line: a thin adapter over ``stackfit.services``.

Exit codes: 0 success; 1 error (nothing was screened); 2 usage error; 3 screened, but some
files failed (each named on stderr with its reason).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from stackfit import services, trust
from stackfit.errors import InputError, StackfitError
from stackfit.models import LAYERS, Failure, RoleProfile
from stackfit.parse import SUPPORTED_SUFFIXES, ParseLimits
from stackfit.parse.base import MIB
from stackfit.report import dumps
from stackfit.report.write import write_reports
from stackfit.role import QUESTIONS, Brief, dump_role, from_brief, role_from_brief_file, role_from_jd_file
from stackfit.store import Workspace
from stackfit.team.remote import RemoteCheck

EXIT_PARTIAL = 3

app = typer.Typer(help="Stack-aware screening of AI engineers: role in, ranked and explained shortlist out.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
role_app = typer.Typer(help="Describe a role: interactively, from a brief, or from a job description.", no_args_is_help=True)
app.add_typer(role_app, name="role")

out_console = Console(highlight=False, soft_wrap=True, markup=False, width=None if sys.stdout.isatty() else 140)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

DbOpt = Annotated[str, typer.Option("--db", help="workspace database: a file path (SQLite) or a URL", envvar="STACKFIT_DB")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="date for recency, YYYY-MM-DD (default: today)")]
IncludeHiddenOpt = Annotated[bool, typer.Option("--include-hidden",
                                               help="score hidden text too (white, tiny, CSS-hidden, ...); it is flagged either way")]
TimeLimitOpt = Annotated[float, typer.Option("--time-limit", min=0.1, help="seconds one file may take to parse before it is rejected")]
MemoryLimitOpt = Annotated[int, typer.Option("--memory-limit", min=64, help="MiB of memory a parsing process may use before the file is rejected")]


def _limits(time_limit: float, memory_limit: int) -> ParseLimits:
    return ParseLimits(time_limit=time_limit, memory_limit=memory_limit * MIB)


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint="--as-of") from None


def _existing_workspace(db: str, hint: str = "give the --db that `stackfit screen` used") -> Workspace:
    """Open a workspace that must exist already (reading commands never create an empty one)."""
    if "://" not in db and not Path(db).expanduser().exists():
        raise InputError("no such workspace", hint=hint, path=db)
    return Workspace(db)


@contextmanager
def _errors() -> Iterator[None]:
    """Translate StackfitError into one clear line and exit code 1 (the CLI's only handler)."""
    try:
        yield
    except StackfitError as exc:
        err_console.print(Text.assemble(("error", "bold red"), f": {exc}"))
        raise typer.Exit(1) from None


def _print_failures(failures: list[Failure]) -> None:
    for f in failures:
        hint = f" ({f.hint})" if f.hint else ""
        err_console.print(Text.assemble(("skipped", "yellow"), f" {f.file}: {f.message}{hint}"))


# --------------------------------------------------------------------------- screen


@app.command()
def screen(
    role: Annotated[Path, typer.Argument(help="a saved role profile, a brief (.yaml) or a job description file")],
    paths: Annotated[list[Path], typer.Argument(help="resume files or folders (PDF, DOCX, TXT, MD, HTML, JSON Resume)")],
    db: DbOpt = "stackfit.db",
    out: Annotated[Path, typer.Option("--out", "-o", help="folder for report.html, ranking.json, ranking.csv")] = Path("stackfit-out"),
    as_json: Annotated[bool, typer.Option("--json", help="print the ranking as JSON on stdout")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1, help="worker processes (default: all cores)")] = None,
    top: Annotated[int, typer.Option("--top", help="rows shown in the terminal table")] = 15,
    detail: Annotated[int, typer.Option("--detail", min=0, help="candidates with full evidence in the HTML report")] = 50,
    html_rows: Annotated[int, typer.Option("--html-rows", min=1, help="rows of the HTML ranking table (CSV/JSON hold all)")] = 1000,
    as_of: AsOfOpt = None,
    team_hours: Annotated[str | None, typer.Option("--team-hours", help='team working hours, e.g. "09:00-17:00 Europe/Berlin"')] = None,
    min_overlap: Annotated[float | None, typer.Option("--min-overlap", min=0,
                                                      help="keep candidates whose hours overlap the team's by this many hours")] = None,
    region: Annotated[list[str] | None, typer.Option("--region",
                                                     help="keep candidates in this region (continent, named region, country code)")] = None,
    drop_unknown: Annotated[bool, typer.Option("--drop-unknown",
                                               help="with --min-overlap/--region: drop candidates whose location is unknown")] = False,
    location: Annotated[list[str] | None, typer.Option("--location",
                                                       help='override a location: "cv.pdf=Lisbon, Portugal" or "cv.pdf=UTC+02:00"')] = None,
    blind: Annotated[bool | None, typer.Option("--blind/--no-blind", help="redact names, contacts, links, birth dates, graduation "
                                               "years, nationality, marital status and gendered words before scoring and in the "
                                               "reports (default: the blind setting, STACKFIT_BLIND)")] = None,
    include_hidden: IncludeHiddenOpt = False,
    time_limit: TimeLimitOpt = 10.0,
    memory_limit: MemoryLimitOpt = 512,
    engine: Annotated[str, typer.Option("--engine", help="local: worker processes on this machine; ray: a Ray cluster "
                                        "(pip install 'stackfit[ray]')")] = "local",
    address: Annotated[str | None, typer.Option("--address", help="with --engine ray: an existing cluster "
                                                "(ray://HOST:10001); default: a local one")] = None,
) -> None:
    """Screen resumes against a role; store, rank and report them."""
    with _errors():
        blind = trust.blind_default() if blind is None else blind
        if out.exists() and not out.is_dir():
            raise InputError("--out must be a folder, but a file of that name exists", hint="choose another --out",
                             path=str(out))
        role_p = services.load_role_file(role)
        _warn_if_empty(role_p)
        day = _as_of(as_of)
        with Workspace(db) as ws:
            show_bar = err_console.is_terminal and not as_json
            if show_bar:
                with Progress(TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                              TextColumn("{task.description}"), console=err_console, transient=True) as bar:
                    task = bar.add_task("", total=None)

                    def progress(done: int, total: int, path: str) -> None:
                        bar.update(task, completed=done, total=total, description=Path(path).name[:40])

                    result = services.screen(role_p, paths, workspace=ws, as_of=day, workers=workers, progress=progress,
                                             blind=blind, actor=trust.current_user(), include_hidden=include_hidden,
                                             limits=_limits(time_limit, memory_limit),
                                             engine=engine, address=address)  # type: ignore[arg-type]
            else:
                result = services.screen(role_p, paths, workspace=ws, as_of=day, workers=workers, blind=blind, actor=trust.current_user(),
                                         include_hidden=include_hidden, limits=_limits(time_limit, memory_limit),
                                         engine=engine, address=address)  # type: ignore[arg-type]
            ids = result.document_ids
            remote = _remote(ws, role_p.id, ids, out, day, team_hours, min_overlap, region, drop_unknown, location)
            if remote:
                ids = [d for d, c in remote if c.kept]
            reports = write_reports(out, role_p, ws.iter_report_rows(role_p.id, ids),
                                    lambda d: ws.assessment(role_p.id, d), trust.document_reader(ws, blind),
                                    failures=trust.shown_failures(result.failures, blind), as_of=day, detail=detail, html_rows=html_rows)
            if as_json:
                with open(reports.json, encoding="utf-8") as fh:
                    shutil.copyfileobj(fh, sys.stdout)
            else:
                _print_ranking(role_p, ws, ids[:top], len(ids))
                out_console.print(
                    f"\n{result.screened} screened ({result.reused} unchanged, reused), {len(result.failures)} failed. "
                    f"Reports: {reports.html}, {reports.json}, {reports.csv}; workspace: {db}")
        _print_remote(remote, out)
        _print_failures(result.failures)
        if result.ignored:
            err_console.print("ignored (unsupported types): " + ", ".join(f"{n} {k}" for k, n in result.ignored.items())
                              + f"; supported: {', '.join(SUPPORTED_SUFFIXES)}")
        if result.files == 0 and not result.failures:
            err_console.print(Text.assemble(("error", "bold red"), ": no resume files found under "
                                            + ", ".join(str(p) for p in paths) + f" (supported: {', '.join(SUPPORTED_SUFFIXES)})"))
            raise typer.Exit(1)
        if result.failures:
            raise typer.Exit(EXIT_PARTIAL if result.screened else 1)


def _remote(ws: Workspace, role_id: str, ids: list[str], out: Path, day: date, team_hours: str | None,
            min_overlap: float | None, region: list[str] | None, drop_unknown: bool,
            location: list[str] | None = None) -> list[tuple[str, RemoteCheck]]:
    """Step 7: overlap and region checks for the ranked candidates; remote.csv lists every one."""
    if team_hours is None and (min_overlap is not None):
        raise InputError("--min-overlap needs --team-hours", hint='add --team-hours "09:00-17:00 Europe/Berlin"')
    if team_hours is None and not region:
        return []
    checks = services.remote_checks(ws, role_id, ids, team_hours=team_hours or "09:00-17:00 UTC", on=day,
                                    min_overlap=min_overlap, regions=region, unknown="drop" if drop_unknown else "keep",
                                    overrides=location)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "remote.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "location", "timezone", "overlap_hours", "kept", "reason"])
        for _, c in checks:
            w.writerow([c.file, c.location or "", c.timezone or "", "" if c.overlap is None else c.overlap, c.kept, c.reason])
    return checks


def _print_remote(checks: list[tuple[str, RemoteCheck]], out: Path) -> None:
    if not checks:
        return
    dropped = [c for _, c in checks if not c.kept]
    out_console.print(f"remote: {len(checks) - len(dropped)} kept, {len(dropped)} filtered out (all in {out / 'remote.csv'})")
    for c in dropped:
        out_console.print(Text.assemble(("filtered", "yellow"), f" {Path(c.file).name}: {c.reason}"))
    for _, c in checks:
        if c.kept and "unknown" in c.reason:
            out_console.print(Text.assemble(("unknown", "yellow"), f" {Path(c.file).name}: {c.reason}"))


def _print_ranking(role: RoleProfile, ws: Workspace, ids: list[str], total: int) -> None:
    grouped = {i for g in role.any_of for i in g}
    n_req = len(role.any_of) + sum(1 for i in role.must_have if i not in grouped) + len(role.open_requirements)
    years = f" and {role.min_years:g}+ years of experience" if role.min_years else ""
    out_console.print(Text.assemble((role.title, "bold"), f" — asks for {role.profile}, stage {role.stage}; "
                                    f"{n_req} must-have requirements{years}"))
    table = Table(show_lines=False, header_style="bold")
    for col, just in (("#", "right"), ("file", "left"), ("score", "right"), ("profile", "left"),
                      *((h, "right") for h in ("data", "model", "deploy", "infra")), ("must", "right"), ("flags", "left")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for rank, a in enumerate(ws.iter_assessments(role.id, ids), start=1):
        c = a.candidate
        table.add_row(str(rank), Path(a.file).name, f"{a.score:.0f}", c.profile,
                      *(f"{c.layers[layer]:.0f}" for layer in LAYERS), f"{a.must_have.met}/{a.must_have.total}",
                      ", ".join(f.id for f in a.flags))
    out_console.print(table)
    if total > len(ids):
        out_console.print(f"... and {total - len(ids)} more in the reports.")


# --------------------------------------------------------------------------- profile / extract


@app.command()
def profile(
    file: Annotated[Path, typer.Argument(help="a resume file")],
    as_json: Annotated[bool, typer.Option("--json", help="print the full assessment as JSON")] = False,
    as_of: AsOfOpt = None,
    include_hidden: IncludeHiddenOpt = False,
    time_limit: TimeLimitOpt = 10.0,
    memory_limit: MemoryLimitOpt = 512,
) -> None:
    """Assess one resume without a role: profile, fit distribution, layers, evidence, signals."""
    with _errors():
        cand = services.profile_file(file, as_of=_as_of(as_of), limits=_limits(time_limit, memory_limit),
                                     include_hidden=include_hidden)
    if as_json:
        sys.stdout.write(dumps(cand.model_dump(mode="json")))
        return
    out_console.print(Text.assemble((str(file), "bold"), f": {cand.profile} (fit {cand.fit[cand.profile]:.2f})"
                                    + (f", tags: {', '.join(cand.tags)}" if cand.tags else "")))
    if cand.profile_reasons:
        out_console.print("why: " + "; ".join(cand.profile_reasons))
    out_console.print("layers: " + ", ".join(f"{k} {v:.0f}" for k, v in cand.layers.items()))
    out_console.print("top skills: " + ", ".join(f"{s.name} ({s.strength}{f', {s.years}y' if s.years else ''})" for s in cand.skills[:12]))
    ev = [s.name for s in cand.signals if s.state == "evidenced"]
    out_console.print("signals in experience: " + (", ".join(ev) or "none"))
    for f in cand.integrity:
        out_console.print(Text(f"integrity ({f.kind}, {f.reason}{', left out of scoring' if f.excluded else ''}): {f.excerpt}",
                               style="yellow"))


@app.command()
def extract(
    file: Annotated[Path | None, typer.Argument(help="a file to read (omit with --jsonl)")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help='read JSON Lines {"id", "text"} on stdin, write one line per input')] = False,
    tagger: Annotated[bool, typer.Option("--tagger", help="also list the spans of the learned skill tagger (open skills included)")] = False,
    tagger_model: Annotated[str, typer.Option("--tagger-model", help="crf (shipped) or minilm (CRF + MiniLM: more accurate, "
                                                                    "slower; needs the minilm extra)")] = "crf",
    time_limit: TimeLimitOpt = 10.0,
    memory_limit: MemoryLimitOpt = 512,
) -> None:
    """Find taxonomy skills in text, with character offsets."""
    with _errors():
        if tagger:
            services.tagger_version(tagger_model)  # a clear error before any work when the model is unknown or missing
        if jsonl:
            for n, line in enumerate(sys.stdin, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    text = item["text"]
                    if not isinstance(text, str):
                        raise TypeError
                except (json.JSONDecodeError, KeyError, TypeError):
                    err_console.print(f'error: stdin line {n}: expected a JSON object with a "text" string; skipped')
                    continue
                skills = services.extract_skills(text)
                rec = {"id": item.get("id"), "skills": [s.model_dump(mode="json") for s in skills]}
                if tagger:
                    rec["tagged"] = [dataclasses.asdict(t) for t in services.tag_skills(text, tagger_model)]
                    rec["tagger"] = services.tagger_version(tagger_model)
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            return
        if file is None:
            raise typer.BadParameter("give a FILE or use --jsonl")
        doc = services.read_document(file, limits=_limits(time_limit, memory_limit))
        for s in services.extract_skills(doc.text):
            out_console.print(f"{s.id:45} {s.layer:15} {len(s.mentions)}x  {s.mentions[0].text!r}")
        if tagger:
            out_console.print(f"tagger model: {services.tagger_version(tagger_model)}")
            for t in services.tag_skills(doc.text, tagger_model):
                out_console.print(f"tagger {t.start:>6}-{t.end:<6} {t.skill_id or '(open skill)':45} {t.text!r}")


# --------------------------------------------------------------------------- roles


def _warn_if_empty(role: RoleProfile) -> None:
    if not role.must_have:
        err_console.print(Text.assemble(("warning", "yellow"), f": the role '{role.title}' has no must-have skills from the taxonomy, "
                                        "so must-have coverage scores 0 for everyone; add must_have to a brief, or check that "
                                        "the job description lists its requirements (`stackfit taxonomy QUERY` finds skill names)"))


def _emit_role(role: RoleProfile, out: Path | None, as_json: bool) -> None:
    _warn_if_empty(role)
    if out is not None:
        out.write_text(dump_role(role, "json" if out.suffix == ".json" else "yaml"), encoding="utf-8")
    if as_json:
        sys.stdout.write(dump_role(role, "json"))
        return
    out_console.print(Text.assemble((role.title, "bold"), f" → {role.profile}, stage {role.stage}"))
    out_console.print("layers: " + ", ".join(f"{k} {v:.0%}" for k, v in role.layers.items()))
    from stackfit.taxonomy import load_taxonomy

    tax = load_taxonomy()

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(tax.skills[i].name if i in tax.skills else i for i in ids)

    grouped = {i for g in role.any_of for i in g}
    out_console.print("must-have: " + names(tuple(i for i in role.must_have if i not in grouped)))
    for g in role.any_of:
        out_console.print("  one of: " + " | ".join(tax.skills[i].name if i in tax.skills else i for i in g))
    out_console.print("nice-to-have: " + (names(role.nice_to_have) or "—"))
    for req in role.open_requirements:
        out_console.print(f"  also required (matched by its words): {req.text}")
    if role.min_years is not None:
        out_console.print(f"experience: at least {role.min_years:g} years")
    c = role.constraints
    out_console.print(f"constraints: edge={c.edge} real_time={c.real_time} privacy={c.privacy}")
    for r in role.reasons:
        out_console.print(f"  why {r.field}: {r.text}")
    if out is not None:
        out_console.print(f"saved: {out}")


OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="save the RoleProfile (.yaml or .json)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print the RoleProfile as JSON")]


@role_app.command("from-brief")
def role_from_brief(brief: Annotated[Path, typer.Argument(help="a brief: answers to the Step 1 questions (YAML/JSON)")],
                    out: OutOpt = None, as_json: JsonOpt = False) -> None:
    """Build a RoleProfile from a project brief file."""
    with _errors():
        _emit_role(role_from_brief_file(brief), out, as_json)


@role_app.command("from-jd")
def role_from_jd(jd: Annotated[Path, typer.Argument(help="a job description (txt, md, pdf, docx, html)")],
                 out: OutOpt = None, as_json: JsonOpt = False) -> None:
    """Build a RoleProfile from an existing job description."""
    with _errors():
        _emit_role(role_from_jd_file(jd), out, as_json)


@role_app.command("show")
def role_show(role: Annotated[Path, typer.Argument(help="a saved role, a brief or a job description")],
              as_json: JsonOpt = False) -> None:
    """Show a role and the reasons behind it."""
    with _errors():
        _emit_role(services.load_role_file(role), None, as_json)


def _choose(question: str, options: tuple[str, ...], default: str | None) -> str:
    """Ask until the answer is one of ``options`` (a unique prefix is enough)."""
    while True:
        raw = typer.prompt(f"{question} [{'/'.join(options)}]", default=default, err=True).strip().lower()
        hits = [o for o in options if o.startswith(raw)] if raw else []
        if len(hits) == 1:
            return hits[0]
        err_console.print(f"answer one of: {', '.join(options)}")


@role_app.command("new")
def role_new(out: OutOpt = Path("role.yaml"), as_json: JsonOpt = False) -> None:
    """Answer the guide's Step 1 questions in the terminal."""
    from stackfit.role.rules import load_role_rules

    with _errors():
        systems = list(load_role_rules().data.systems)
        ask = dict(QUESTIONS)
        title = typer.prompt("Role title", err=True)
        err_console.print("System types: " + ", ".join(systems))
        while True:
            raw = typer.prompt(ask["systems"] + " (comma-separated)", err=True)
            chosen = tuple(s.strip().replace(" ", "_").replace("-", "_") for s in raw.split(",") if s.strip())
            bad = [s for s in chosen if s not in systems]
            if chosen and not bad:
                break
            err_console.print(f"unknown: {', '.join(bad) or '(none given)'}; choose from the list above")
        models = _choose(ask["models"], ("integrate", "train", "both"), None)
        deployment = _choose(ask["deployment"], ("cloud", "edge", "hybrid"), "cloud")
        real_time = typer.confirm(ask["real_time"], default=False, err=True)
        privacy = typer.confirm(ask["privacy_sensitive"], default=False, err=True)
        stage = _choose(ask["stage"], ("prototype", "production", "scaling"), "production")
        brief = Brief.model_validate({"title": title, "systems": chosen, "models": models, "deployment": deployment,
                                      "real_time": real_time, "privacy_sensitive": privacy, "stage": stage})
        _emit_role(from_brief(brief, source="interactive"), out, as_json)


# --------------------------------------------------------------------------- misc


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder")] = Path("stackfit-out"),
    db: DbOpt = "stackfit-demo.db",
) -> None:
    """Screen the bundled sample resumes against the bundled sample roles."""
    from stackfit.datafiles import package_data

    samples = package_data("samples")
    roles = sorted(p for p in (samples / "roles").iterdir() if p.is_file())
    for role in roles:
        out_console.rule(f"role: {role.name}")
        try:
            screen(role, [samples / "resumes"], db=db, out=out / role.name.rsplit(".", 1)[0], as_json=False, workers=None,
                   top=15, detail=50, html_rows=1000, as_of="2026-11-27", time_limit=10.0, memory_limit=512)
        except typer.Exit as exc:
            if exc.exit_code not in (0, None):
                raise


@app.command()
def taxonomy(
    query: Annotated[str | None, typer.Argument(help="filter by text in id, name or alias")] = None,
    layer: Annotated[str | None, typer.Option("--layer", help="only this layer")] = None,
) -> None:
    """List the skills taxonomy (ids, names, layers, aliases)."""
    from stackfit.taxonomy import load_taxonomy

    with _errors():
        tax = load_taxonomy()
    q = (query or "").casefold()
    n = 0
    for s in tax.skills.values():
        if layer and s.layer != layer:
            continue
        hay = " ".join((s.id, s.name, *s.aliases, *s.aliases_cs)).casefold()
        if q and q not in hay:
            continue
        n += 1
        out_console.print(Text.assemble(f"{s.id:45} {s.layer:15} {s.name}  ", (", ".join(s.aliases[:4]), "dim")))
    out_console.print(f"{n} skill(s); taxonomy {tax.version}")


@app.command()
def version() -> None:
    """Print the versions of stackfit, the taxonomy and the scorer."""
    from stackfit.policy import load_policy

    v = load_policy().versions
    out_console.print(f"stackfit {v.stackfit}; taxonomy {v.taxonomy}; scorer {v.scorer}; rules {v.rules}; fingerprint {v.fingerprint}")


# The interview commands live in their own module (registered here, after the shared options exist).
from stackfit.cli_interview import checklist_command, interview_app  # noqa: E402

app.add_typer(interview_app, name="interview")
app.command("checklist")(checklist_command)
# the team commands live in cli_team.py (they use the helpers above)
from stackfit.cli_team import team_app  # noqa: E402

app.add_typer(team_app, name="team")
import stackfit.cli_trust  # noqa: E402,F401  - registers candidate, audit, audit-log, purge, notice
import stackfit.cli_web  # noqa: E402,F401  - registers serve and user
from stackfit import cli_embed as _cli_embed  # noqa: E402,F401  - registers embed (stackfit embed --engine local|ray)
from stackfit import cli_search as _cli_search  # noqa: E402,F401  - registers search (retrieve-and-rerank)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
