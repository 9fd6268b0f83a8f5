"""Trust services (part of the services layer, kept apart from ``services.py``): blind screening,
the audit log, stages, erasure and retention, the bias audit, explanations and notices.

The CLI (and the coming REST API) call these functions; none prints.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import Connection

from stackfit.audit import people
from stackfit.audit.log import Entry, append, versions_dict
from stackfit.errors import InputError
from stackfit.models import Document, Versions
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
