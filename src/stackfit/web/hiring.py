"""What the web app and the REST API do with one workspace: roles, uploads screened in the background,
the filtered ranking, candidates, stages, interview kits and scorecards, reports and the team plan.

Thin: each function calls the existing services (``stackfit.services``, ``stackfit.interview.service``,
``stackfit.trust``) on the workspace's own database. None prints; errors are ``StackfitError``s.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from stackfit import services, trust
from stackfit.audit import people
from stackfit.errors import FileTooLargeError, InputError, NotFoundError, StackfitError, UnsupportedFormatError
from stackfit.interview import service as interviews
from stackfit.models import RoleProfile
from stackfit.parse import SUPPORTED_SUFFIXES
from stackfit.report.html import candidate_view
from stackfit.report.write import ReportPaths, write_reports
from stackfit.role import Brief, from_brief, role_from_jd_file
from stackfit.store import Workspace

MAX_FILES = 200
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_JD_CHARS = 50_000


class TooManyFilesError(InputError):
    code = "too_many_files"
    http_status = 413


@dataclass(frozen=True)
class Place:
    """One workspace: its folder (database, uploads, reports)."""

    id: int
    slug: str
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / "workspace.db"

    def open(self) -> Workspace:
        self.folder.mkdir(parents=True, exist_ok=True)
        return Workspace(self.db)


# --------------------------------------------------------------------------- roles


def create_role_from_jd(place: Place, text: str, title: str = "") -> RoleProfile:
    """A role from a pasted job description (kept in the workspace folder as the role's source)."""
    if not text.strip():
        raise InputError("the job description is empty", hint="paste the job description text")
    if len(text) > MAX_JD_CHARS:
        raise InputError(f"the job description is longer than {MAX_JD_CHARS} characters", hint="paste the description only")
    if title.strip() and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    folder = place.folder / "roles"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"jd-{hashlib.sha256(text.encode()).hexdigest()[:12]}.txt"
    path.write_text(text, encoding="utf-8")
    role = role_from_jd_file(path)
    with place.open() as ws:
        ws.save_role(role)
    return role


def create_role_from_brief(place: Place, brief: Brief) -> RoleProfile:
    """A role from the answers to the guide's Step 1 questions."""
    role = from_brief(brief)
    with place.open() as ws:
        ws.save_role(role)
    return role


def list_roles(place: Place) -> list[dict[str, Any]]:
    with place.open() as ws:
        return [{"id": rid, "title": title, "candidates": len(ws.ranking(rid))} for rid, title in ws.list_roles()]


def get_role(place: Place, role_id: str) -> RoleProfile:
    with place.open() as ws:
        return ws.get_role(role_id)


# --------------------------------------------------------------------------- uploads screened in the background


@dataclass
class Job:
    id: str
    workspace_id: int
    role_id: str
    total: int
    done: int = 0
    current: str = ""
    state: str = "queued"  # queued, running, done, failed
    failures: list[dict[str, str]] = field(default_factory=list)
    error: dict[str, str] | None = None

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "role_id": self.role_id, "state": self.state, "done": self.done, "total": self.total,
                "current": self.current, "failures": self.failures, "error": self.error}


class Jobs:
    """Upload jobs of this server process, each screened in its own thread."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, place: Place, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None or job.workspace_id != place.id:  # another workspace's job is not found, not forbidden
            raise NotFoundError(f"no upload job {job_id!r}")
        return job

    def start(self, place: Place, role: RoleProfile, files: list[tuple[str, bytes]], actor: str, *, wait: bool = False) -> Job:
        check_upload(files)
        job = Job(id=uuid.uuid4().hex[:16], workspace_id=place.id, role_id=role.id, total=len(files))
        folder = place.folder / "uploads" / job.id
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i, (name, data) in enumerate(files):
            p = folder / f"{i:03d}" / _safe_name(name)  # one folder per file: names stay as uploaded
            p.parent.mkdir()
            p.write_bytes(data)
            paths.append(p)
        with self._lock:
            self._jobs[job.id] = job
        t = threading.Thread(target=self._run, args=(place, role, paths, actor, job), daemon=True, name=f"screen-{job.id}")
        t.start()
        if wait:
            t.join()
        return job

    @staticmethod
    def _run(place: Place, role: RoleProfile, paths: list[Path], actor: str, job: Job) -> None:
        job.state = "running"

        def progress(done: int, total: int, current: str) -> None:
            job.done, job.total, job.current = done, total, Path(current).name

        try:
            with place.open() as ws:
                result = services.screen(role, paths, workspace=ws, workers=1, progress=progress, actor=actor,
                                         blind=trust.blind_default())
            job.failures = [{"file": Path(f.file).name, "code": f.code, "message": f.message, "hint": f.hint} for f in result.failures]
            job.state = "done"
        except StackfitError as exc:
            job.error = {"code": exc.code, "message": exc.message, "hint": exc.hint}
            job.state = "failed"


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    return re.sub(r"[^A-Za-z0-9._-]+", "_", base)[:100] or "file"


def check_upload(files: list[tuple[str, bytes]]) -> None:
    """Upload limits: count, size and type; every bad file is named at once."""
    if not files:
        raise InputError("no files were uploaded", hint="choose one or more resumes")
    if len(files) > MAX_FILES:
        raise TooManyFilesError(f"{len(files)} files, more than the limit of {MAX_FILES} per upload", hint="upload them in several batches")
    bad_type = [n for n, _ in files if Path(n).suffix.lower() not in SUPPORTED_SUFFIXES]
    if bad_type:
        raise UnsupportedFormatError(f"unsupported file type: {', '.join(bad_type[:10])}",
                                     hint=f"supported: {', '.join(SUPPORTED_SUFFIXES)}")
    big = [n for n, d in files if len(d) > MAX_FILE_BYTES]
    if big:
        raise FileTooLargeError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB: {', '.join(big[:10])}",
                                hint="export the resume again, or upload a smaller file")


# --------------------------------------------------------------------------- ranking and candidates


@dataclass(frozen=True)
class RankingFilter:
    profile: str | None = None
    flag: str | None = None
    min_score: float | None = None
    min_coverage: float | None = None
    team_hours: str | None = None  # "09:00-17:00 Europe/Berlin": adds each candidate's overlap
    min_overlap: float | None = None
    stage: str | None = None


def ranking(place: Place, role_id: str, f: RankingFilter = RankingFilter(), only: set[str] | None = None) -> list[dict[str, Any]]:
    """The role's ranked candidates (rank = place in the whole ranking), filtered."""
    if f.min_overlap is not None and not f.team_hours:
        raise InputError("a minimum overlap needs the team's working hours", hint='give team_hours, e.g. "09:00-17:00 Europe/Berlin"')
    with place.open() as ws:
        ws.get_role(role_id)
        ranked = ws.ranking(role_id)
        ids = [r.document_id for r in ranked]
        stage_of = people.stages(ws, role_id)
        overlap: dict[str, Any] = {}
        if f.team_hours:
            overlap = dict(services.remote_checks(ws, role_id, ids, team_hours=f.team_hours, on=date.today(), min_overlap=f.min_overlap))
        out = []
        for rank, (doc_id, _entry, summary_json) in enumerate(ws.iter_report_rows(role_id, ids), start=1):
            s = json.loads(summary_json)
            flags = [x for x in s["flags"].split(";") if x]
            rc = overlap.get(doc_id)
            if only is not None and doc_id not in only:
                continue
            if (f.profile and s["profile"] != f.profile) or (f.flag and f.flag not in flags) \
                    or (f.min_score is not None and s["score"] < f.min_score) \
                    or (f.min_coverage is not None and s["must_have_coverage"] < f.min_coverage) \
                    or (f.stage and stage_of.get(doc_id) != f.stage) or (rc is not None and not rc.kept):
                continue
            out.append({
                "rank": rank, "document_id": doc_id, "file": Path(s["file"]).name, "score": s["score"], "profile": s["profile"],
                "layers": {k: s[k] for k in ("data", "model", "deployment", "infrastructure")},
                "must_have_met": s["must_have_met"], "must_have_total": s["must_have_total"],
                "must_have_coverage": s["must_have_coverage"], "flags": flags, "location": s["location"], "timezone": s["timezone"],
                "overlap_hours": rc.overlap if rc is not None else None, "stage": stage_of.get(doc_id, "screened"),
            })
    return out


def candidate(place: Place, role_id: str, document_id: str, *, with_view: bool = False) -> dict[str, Any]:
    """One candidate for a role: the ranking entry (layers, must-haves, evidence spans, flags, checklist,
    explanation), the current stage and stage history, the pre-offer checklist; ``with_view`` adds the
    report's highlighted resume text for the HTML page."""
    from stackfit.report import entry_body

    with place.open() as ws:
        role = ws.get_role(role_id)
        a = ws.assessment(role_id, document_id)
        blind = trust.blind_default()
        doc = trust.document_reader(ws, blind)(document_id)
        rank = next((i for i, r in enumerate(ws.ranking(role_id), start=1) if r.document_id == document_id), 0)
        out = {**entry_body(a), "file": Path(a.file).name, "rank": rank, "role_id": role_id, "role_title": role.title,
               "stage": people.current_stage(ws, document_id, role_id), "text": doc.text,
               "pre_offer_checklist": [c.model_dump(mode="json") for c in interviews.candidate_checklist(ws, role, a)],
               "scorecards": interviews.interview_summary(ws, role, a).scorecards}
        if with_view:
            out["view"] = candidate_view(rank or 1, a, doc)
    return out


def set_stage(place: Place, role_id: str, document_id: str, stage: str, *, actor: str, reason: str) -> dict[str, str]:
    with place.open() as ws:
        ws.get_role(role_id)
        ch = people.set_stage(ws, document_id, role_id, stage, actor=actor, reason=reason)
    return {"document_id": ch.document_id, "role_id": ch.role_id, "stage": ch.stage, "previous": ch.previous,
            "actor": ch.actor, "reason": ch.reason, "at": ch.at}


def kit(place: Place, role_id: str, document_id: str) -> Any:
    with place.open() as ws:
        role = ws.get_role(role_id)
        return interviews.interview_kit(role, ws.assessment(role_id, document_id))


def scorecard(place: Place, role_id: str, document_id: str, *, interviewer: str, stage: str, scores: dict[str, object],
              notes: str = "") -> Any:
    with place.open() as ws:
        role = ws.get_role(role_id)
        return interviews.record_scorecard(ws, role, ws.assessment(role_id, document_id), interviewer=interviewer, stage=stage,
                                           scores=scores, notes=notes)


# --------------------------------------------------------------------------- reports and the team plan


def reports(place: Place, role_id: str) -> ReportPaths:
    """The role's HTML, JSON and CSV reports, written under the workspace folder."""
    with place.open() as ws:
        role = ws.get_role(role_id)
        ids = [r.document_id for r in ws.ranking(role_id)]
        blind = trust.blind_default()
        return write_reports(place.folder / "reports" / role_id, role, ws.iter_report_rows(role_id, ids),
                             lambda d: ws.assessment(role_id, d), trust.document_reader(ws, blind), failures=[], as_of=date.today())


def save_team(place: Place, team_yaml: str, resumes: list[tuple[str, bytes]] = ()) -> Any:  # type: ignore[assignment]
    """Save the workspace's TEAM.yaml (members' resumes, if any, uploaded with it) and plan it."""
    import yaml

    if not team_yaml.strip():
        raise InputError("the team file is empty", hint="paste a TEAM.yaml (see stackfit/data/samples/teams)")
    try:
        data = yaml.safe_load(team_yaml)
    except yaml.YAMLError as exc:
        raise InputError(f"the team file is not valid YAML: {str(exc).splitlines()[0]}", hint="fix the YAML") from None
    folder = place.folder / "team"
    names = {_safe_name(n) for n, _ in resumes}
    for m in (data.get("members") or []) if isinstance(data, dict) else []:
        r = m.get("resume") if isinstance(m, dict) else None
        if r is not None and (not isinstance(r, str) or "/" in r or "\\" in r or r not in names | _existing(folder)):
            raise InputError(f"member resume {r!r} was not uploaded with the team",
                             hint="upload the resume files with the team file and name them by file name only")
    if resumes:
        check_upload(list(resumes))
    folder.mkdir(parents=True, exist_ok=True)
    for n, d in resumes:
        (folder / _safe_name(n)).write_bytes(d)
    (folder / "team.yaml").write_text(team_yaml, encoding="utf-8")
    return services.team_plan(folder / "team.yaml")


def _existing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def team_plan(place: Place) -> Any:
    path = place.folder / "team" / "team.yaml"
    if not path.is_file():
        raise NotFoundError("this workspace has no team yet", hint="paste the team's TEAM.yaml on the Team page (or POST /api/team)")
    return services.team_plan(path)
