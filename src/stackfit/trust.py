"""Trust services (part of the services layer, kept apart from ``services.py``): blind screening,
the audit log, stages, erasure and retention, the bias audit, explanations and notices.

The CLI (and the coming REST API) call these functions; none prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Connection

from stackfit.audit import impact, people, render
from stackfit.audit.impact import ImpactReport
from stackfit.audit.log import Entry, append, record, versions_dict
from stackfit.errors import InputError, NotFoundError
from stackfit.models import Document, Failure, Versions
from stackfit.redact import candidate_code, load_redact_rules, redact_document
from stackfit.store import Screened, Workspace


def blind_versions(v: Versions) -> dict[str, str]:
    """The versions key of blind profiles: blind and plain profiles of one file never share a cache entry."""
    return {**v.model_dump(), "redact": load_redact_rules().rules.version}


def assessment_logger(batch: list[Screened], role_id: str, run_id: int, actor: str, versions: Versions,
                      blind: bool) -> Callable[[Connection], None]:
    """Audit entries for one stored batch, written in the batch's own transaction."""
    items = [(i.document_id, i.score, i.profile) for i in batch]  # the batch list is cleared after the flush
    v = versions_dict(versions)

    def write(conn: Connection) -> None:
        append(conn, [Entry("assessment", doc_id, actor, {"score": score, "profile": profile, "run_id": run_id, "blind": blind},
                            v, role_id) for doc_id, score, profile in items])

    return write


def blind_default() -> bool:
    from stackfit.settings import load_settings

    return load_settings().blind


def current_user() -> str:
    """Who is acting, for the audit log: ``STACKFIT_USER``, else the login name."""
    import getpass
    import os

    if os.environ.get("STACKFIT_USER"):
        return os.environ["STACKFIT_USER"]
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def document_reader(ws: Workspace, blind: bool) -> Callable[[str], Document]:
    """How reports read a stored document: redacted in blind mode (even if it was stored unredacted)."""
    if not blind:
        return ws.get_document
    return lambda doc_id: redact_document(ws.get_document(doc_id), candidate_code(doc_id))


# --------------------------------------------------------------------------- people: stages, erasure, retention


def delete_candidate(ws: Workspace, ref: str, *, actor: str, reason: str = "", report_dirs: list[Path] | None = None,
                     remove_files: bool = False) -> people.Erasure:
    """``stackfit candidate delete`` (and the API's DELETE): erase one candidate everywhere."""
    return people.erase(ws, [people.resolve(ws, ref)], actor=actor, reason=reason, report_dirs=report_dirs, remove_files=remove_files)


def purge(ws: Workspace, days: int | None, *, actor: str, apply: bool = False) -> tuple[int, list[str]]:
    """Candidates older than ``days`` (default: the retention setting): listed, and erased when ``apply``."""
    from stackfit.settings import load_settings

    days = days if days is not None else load_settings().retention_days
    if days is None:
        raise InputError("no retention period", hint="give --older-than DAYS or set retention_days (STACKFIT_RETENTION_DAYS)")
    if days < 1:
        raise InputError("--older-than must be at least 1 day")
    ids = people.older_than(ws, days)
    if apply and ids:
        people.erase(ws, ids, actor=actor, action="purge", reason=f"retention: older than {days} days")
    return days, ids


def set_stage(ws: Workspace, ref: str, role_id: str, stage: str, *, actor: str, reason: str = "") -> people.StageChange:
    return people.set_stage(ws, people.resolve(ws, ref), role_id, stage, actor=actor, reason=reason)


# --------------------------------------------------------------------------- bias audit


@dataclass(frozen=True)
class BiasAudit:
    report: ImpactReport
    csv: Path
    html: Path


def bias_audit(ws: Workspace, role_id: str, out: Path, *, top: int | None = None, threshold: float | None = None,
               stage: str | None = None, demographics_csv: Path | None = None, actor: str = "stackfit",
               min_share: float = 0.02) -> BiasAudit:
    """``stackfit audit``: selection and scoring rates and impact ratios for a role's screening or a stage outcome."""
    from datetime import UTC, datetime

    if sum(x is not None for x in (top, threshold, stage)) != 1:
        raise InputError("choose one outcome", hint="--top N (the first N of the ranking), --threshold SCORE, or --stage STAGE")
    role = ws.get_role(role_id)
    if demographics_csv is not None:
        people.import_demographics(ws, demographics_csv, actor=actor)
    ranking = ws.ranking(role_id)
    if not ranking:
        raise NotFoundError(f"no candidates screened for role {role_id!r}", hint="run stackfit screen first")
    if top is not None:
        chosen, outcome = {r.document_id for r in ranking[:top]}, f"in the top {top} of the ranking"
    elif threshold is not None:
        chosen, outcome = {r.document_id for r in ranking if r.score >= threshold}, f"score ≥ {threshold:g}"
    else:
        assert stage is not None
        chosen, outcome = people.reached(ws, role_id, stage), f"reached the stage '{stage}'"
    demo = people.demographics(ws)
    pool = [impact.Person(r.document_id, *demo.get(r.document_id, (impact.UNKNOWN, impact.UNKNOWN)), selected=r.document_id in chosen,
                          score=r.score) for r in ranking]
    rep = impact.impact(pool, outcome=outcome, min_share=min_share)
    out.mkdir(parents=True, exist_ok=True)
    paths = BiasAudit(rep, out / "bias_audit.csv", out / "bias_audit.html")
    paths.csv.write_text(render.to_csv(rep), encoding="utf-8")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    paths.html.write_text(render.to_html(rep, title=role.title, role_id=role_id, generated=now), encoding="utf-8")
    record(ws, "bias_audit", role_id, actor, {"outcome": outcome, "n": rep.n, "selected": rep.selected,
                                              "below_four_fifths": sorted({f"{r.dimension}:{r.category}" for r in rep.rows
                                                                           if r.below_four_fifths()})}, role_id=role_id)
    return paths


# --------------------------------------------------------------------------- explanations and notices


def explain_candidate(ws: Workspace, ref: str, role_id: str, *, fmt: str = "md", blind: bool | None = None) -> str:
    """``stackfit candidate explain``: matched and missing requirements with supporting text (md, json or html)."""
    from stackfit.audit import oversight
    from stackfit.settings import load_settings

    settings = load_settings()
    blind = settings.blind if blind is None else blind
    doc_id = people.resolve(ws, ref)
    a = ws.assessment(role_id, doc_id)
    doc = document_reader(ws, blind)(doc_id)
    e = oversight.explanation(a, doc, ws.get_role(role_id), contact=settings.contact)
    if blind:
        e["file"] = candidate_code(doc_id)
    render_ = {"md": oversight.explanation_markdown, "json": oversight.explanation_json, "html": oversight.explanation_html}
    if fmt not in render_:
        raise InputError(f"unknown format {fmt!r}", hint="md, json or html")
    return render_[fmt](e)


def candidate_notice(role_file: Path) -> str:
    """``stackfit notice ROLE``: the candidate notice text for a role, with the retention and contact settings."""
    from stackfit.audit.oversight import notice
    from stackfit.services import load_role_file
    from stackfit.settings import load_settings

    return notice(load_role_file(role_file), load_settings())


def shown_failures(failures: list[Failure], blind: bool) -> list[Failure]:
    """Files that could not be screened, as reports show them: in blind mode without their names
    (a file name is often the person's name; the terminal still names them for the operator)."""
    if not blind:
        return failures
    return [f.model_copy(update={"file": f"unscreened file {i}{Path(f.file).suffix}"}) for i, f in enumerate(failures, start=1)]
