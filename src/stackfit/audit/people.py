"""Candidates as people: finding one, stages changed only by a person, demographics kept apart,
erasure (rows, files, reports; no byte left in the database) and retention."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import delete, func, or_, select

from stackfit.audit.log import Entry, append, versions_dict
from stackfit.errors import InputError, NotFoundError
from stackfit.index.filters import drop_from_filter_files
from stackfit.index.workspace import index_dir, remove_from_index_files
from stackfit.store import Workspace, assessments_t, candidates_t, documents_t, failures_t, files_t
from stackfit.store.embeddings import doc_key, embeddings_t
from stackfit.store.trust import demographics_t, stages_t
from stackfit.store.vectors import vectors_t
from stackfit.store.views import views_t

STAGES = ("new", "screened", "interviewing", "offer", "hired", "rejected")
NEGATIVE = ("rejected",)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _versions() -> dict[str, str]:
    from stackfit.policy import load_policy

    return versions_dict(load_policy().versions)


def resolve(ws: Workspace, ref: str) -> str:
    """A candidate's document id from a document id (or a prefix of 8+), a blind code ``C-...``, or a file path or name."""
    key = ref.strip()
    prefix = key[2:] if key.startswith("C-") else key
    with ws.engine.connect() as conn:
        hits: set[str] = set()
        if len(prefix) >= 8 and all(c in "0123456789abcdef" for c in prefix):
            hits = {r[0] for r in conn.execute(select(documents_t.c.id).where(documents_t.c.id.like(prefix + "%")))}
        if not hits:
            hits = {r[0] for r in conn.execute(select(files_t.c.document_id).where(or_(
                files_t.c.path == key, files_t.c.path.like("%/" + key.replace("%", "").replace("_", "\\_"), escape="\\"))))}
    if not hits:
        raise NotFoundError(f"no candidate {ref!r} in this workspace",
                            hint="give the file name or path that was screened, the document id, or the blind code (C-...)")
    if len(hits) > 1:
        raise InputError(f"{ref!r} matches {len(hits)} candidates", hint="give the full path or the document id")
    return hits.pop()


# --------------------------------------------------------------------------- stages


@dataclass(frozen=True)
class StageChange:
    document_id: str
    role_id: str
    stage: str
    previous: str
    actor: str
    reason: str
    at: str


def current_stage(ws: Workspace, document_id: str, role_id: str) -> str:
    with ws.engine.connect() as conn:
        row = conn.execute(select(stages_t.c.stage).where(stages_t.c.document_id == document_id, stages_t.c.role_id == role_id)
                           .order_by(stages_t.c.id.desc()).limit(1)).first()
        if row is not None:
            return str(row[0])
        assessed = conn.execute(select(func.count()).select_from(assessments_t).where(
            assessments_t.c.document_id == document_id, assessments_t.c.role_id == role_id)).scalar_one()
    return "screened" if assessed else "new"


def set_stage(ws: Workspace, document_id: str, role_id: str, stage: str, *, actor: str, reason: str = "",
              action: str = "stage") -> StageChange:
    """Move a candidate to ``stage`` for a role: always a person's action, logged; a rejection needs a reason."""
    if stage not in STAGES:
        raise InputError(f"unknown stage {stage!r}", hint=f"one of: {', '.join(STAGES)}")
    if not actor.strip():
        raise InputError("a stage change needs the person who makes it", hint="give --by NAME")
    if stage in NEGATIVE and not reason.strip():
        raise InputError("a rejection needs a reason", hint="give --reason: what the person decided and why (it is logged)")
    with ws.engine.connect() as conn:
        assessed = conn.execute(select(func.count()).select_from(assessments_t).where(
            assessments_t.c.document_id == document_id, assessments_t.c.role_id == role_id)).scalar_one()
    if not assessed:
        raise NotFoundError(f"candidate {document_id[:12]} was not screened for role {role_id!r}", hint="screen them for the role first")
    previous = current_stage(ws, document_id, role_id)
    at = _now()
    with ws.engine.begin() as conn:
        conn.execute(stages_t.insert().values(document_id=document_id, role_id=role_id, stage=stage, actor=actor, reason=reason, at=at))
        append(conn, [Entry(action, document_id, actor, {"from": previous, "to": stage, "reason": reason}, _versions(), role_id)])
    return StageChange(document_id, role_id, stage, previous, actor, reason, at)


def stages(ws: Workspace, role_id: str) -> dict[str, str]:
    """Current stage of every candidate assessed for the role (``screened`` when no one has moved them)."""
    with ws.engine.connect() as conn:
        out = {r[0]: "screened" for r in conn.execute(select(assessments_t.c.document_id).where(assessments_t.c.role_id == role_id))}
        for d, s in conn.execute(select(stages_t.c.document_id, stages_t.c.stage).where(stages_t.c.role_id == role_id)
                                 .order_by(stages_t.c.id)):
            if d in out:
                out[d] = s
    return out


# --------------------------------------------------------------------------- demographics


@dataclass
class DemographicsImport:
    stored: int
    unknown_candidates: list[str] = field(default_factory=list)


def _category(v: str | None) -> str:
    v = (v or "").strip()
    return "unknown" if v.lower() in ("", "unknown", "n/a", "na", "prefer not to say", "declined") else v


def import_demographics(ws: Workspace, path: Path, *, actor: str) -> DemographicsImport:
    """Store demographics from a CSV (columns ``candidate``, ``sex``, ``race_ethnicity``) in their own table.

    Scoring never reads this table; only the bias audit does. Blank or 'unknown' values are kept as unknown.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the demographics file: {exc}", hint="give a UTF-8 CSV", path=str(path)) from exc
    reader = csv.DictReader(io.StringIO(text))
    need = {"candidate", "sex", "race_ethnicity"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        raise InputError(f"the demographics CSV needs the columns {', '.join(sorted(need))}",
                         hint="one row per candidate: candidate (file name, path or document id), sex, race_ethnicity", path=str(path))
    rows: dict[str, dict[str, str]] = {}
    result = DemographicsImport(0)
    for r in reader:
        try:
            doc_id = resolve(ws, r["candidate"] or "")
        except (NotFoundError, InputError):
            result.unknown_candidates.append(r["candidate"] or "")
            continue
        rows[doc_id] = {"document_id": doc_id, "sex": _category(r["sex"]), "race_ethnicity": _category(r["race_ethnicity"]),
                        "imported_at": _now()}
    with ws.engine.begin() as conn:
        if rows:
            conn.execute(delete(demographics_t).where(demographics_t.c.document_id.in_(list(rows))))
            conn.execute(demographics_t.insert(), list(rows.values()))
        append(conn, [Entry("demographics_import", "demographics", actor, {"rows": len(rows),
                                                                          "unmatched": len(result.unknown_candidates)}, _versions())])
    result.stored = len(rows)
    return result


def demographics(ws: Workspace) -> dict[str, tuple[str, str]]:
    with ws.engine.connect() as conn:
        return {r[0]: (r[1], r[2]) for r in conn.execute(
            select(demographics_t.c.document_id, demographics_t.c.sex, demographics_t.c.race_ethnicity))}


# --------------------------------------------------------------------------- erasure and retention

REPORT_FILES = ("report.html", "ranking.json", "ranking.csv")


@dataclass
class Erasure:
    document_ids: list[str]
    rows: dict[str, int]
    files_removed: list[str] = field(default_factory=list)
    reports_removed: list[str] = field(default_factory=list)


def _compact(ws: Workspace) -> None:
    """Rewrite the database without free pages and empty the WAL, so erased bytes are gone from disk."""
    if ws.engine.dialect.name == "postgresql":  # rewrite the erased-from tables (stackfit.store.postgres says what stays)
        from stackfit.store.postgres import compact

        compact(ws.engine, [t.name for t in (assessments_t, candidates_t, documents_t, files_t, failures_t, stages_t,
                                             demographics_t, vectors_t, views_t)])
        return
    if ws.engine.dialect.name != "sqlite":
        return
    with ws.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def erase(ws: Workspace, document_ids: list[str], *, actor: str, action: str = "erasure", reason: str = "",
          report_dirs: list[Path] | None = None, remove_files: bool = False) -> Erasure:
    """Erase candidates: documents, profiles, assessments, file records, failures, stages, demographics;
    with ``remove_files`` the resume files screened from; report files under ``report_dirs`` that name them.

    The audit log keeps one entry per candidate with the document id and row counts, no personal data.
    """
    ids = sorted(set(document_ids))
    result = Erasure(ids, {})
    if not ids:
        return result
    with ws.engine.connect() as conn:
        paths = [r[0] for r in conn.execute(select(files_t.c.path).where(files_t.c.document_id.in_(ids)))]
        sources = [r[0] for r in conn.execute(select(documents_t.c.source).where(documents_t.c.id.in_(ids)))]
    names = {Path(p).name for p in [*paths, *sources]}
    with ws.engine.begin() as conn:
        for label, t, cond in (
            ("assessments", assessments_t, assessments_t.c.document_id.in_(ids)),
            ("candidates", candidates_t, candidates_t.c.document_id.in_(ids)),
            ("documents", documents_t, documents_t.c.id.in_(ids)),
            ("files", files_t, files_t.c.document_id.in_(ids)),
            ("failures", failures_t, failures_t.c.path.in_([*paths, *sources])),
            ("stages", stages_t, stages_t.c.document_id.in_(ids)),
            ("demographics", demographics_t, demographics_t.c.document_id.in_(ids)),
            ("vectors", vectors_t, vectors_t.c.document_id.in_(ids)),
            ("embeddings", embeddings_t, embeddings_t.c.document_id.in_(ids)),
            ("candidate_views", views_t, views_t.c.document_id.in_(ids)),
        ):
            result.rows[label] = int(conn.execute(delete(t).where(cond)).rowcount or 0)
        append(conn, [Entry(action, d, actor, {"rows": result.rows, "reason": reason}, _versions()) for d in ids])
    remove_from_index_files(ws, ids)  # no vector left in the index files beside the database
    if (folder := index_dir(ws)) is not None and folder.is_dir():  # nor a row of their views' filter columns
        drop_from_filter_files(folder, np.array([doc_key(d) for d in ids], dtype=np.int64))
    _compact(ws)
    if remove_files:
        for p in sorted(set(paths)):
            if Path(p).is_file():
                Path(p).unlink()
                result.files_removed.append(p)
    for folder in report_dirs or []:
        for f in sorted(folder.rglob("*")):
            if f.name in REPORT_FILES or f.name.startswith("explanation"):
                body = f.read_bytes()
                if any(d.encode() in body for d in ids) or any(n.encode("utf-8") in body for n in names):
                    f.unlink()
                    result.reports_removed.append(str(f))
    return result


def older_than(ws: Workspace, days: int, *, now: datetime | None = None) -> list[str]:
    """Document ids of candidates first stored more than ``days`` days ago."""
    cutoff = ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat(timespec="seconds")
    with ws.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(documents_t.c.id).where(documents_t.c.created_at < cutoff).order_by(documents_t.c.id))]


PROGRESSION = ("new", "screened", "interviewing", "offer", "hired")


def reached(ws: Workspace, role_id: str, stage: str) -> set[str]:
    """Candidates who ever reached ``stage`` (or a later one) for the role, from the stage history."""
    if stage not in PROGRESSION:
        raise InputError(f"a stage outcome must be one of {', '.join(PROGRESSION)}", hint="e.g. --stage interviewing")
    later = set(PROGRESSION[PROGRESSION.index(stage):])
    with ws.engine.connect() as conn:
        hist = {r[0] for r in conn.execute(select(stages_t.c.document_id).where(stages_t.c.role_id == role_id, stages_t.c.stage.in_(later)))}
    if stage in ("new", "screened"):
        hist |= set(stages(ws, role_id))
    return hist
