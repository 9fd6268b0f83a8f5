"""Roles, uploads, the ranking, candidates, stages, assignments, interview kits, scorecards, reports."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import FileResponse

from stackfit.interview.models import Kit, Scorecard
from stackfit.models import RoleProfile
from stackfit.role import Brief
from stackfit.web import accounts, hiring
from stackfit.web.deps import Anyone, Ctx, Staff
from stackfit.web.schemas import AssignIn, Assignment, JdIn, JobOut, Json, RankedCandidate, RoleSummary, ScorecardIn, StageIn, StageOut

router = APIRouter(tags=["hiring"])


@router.get("/roles", response_model=list[RoleSummary], summary="Roles of your workspace")
def roles(ctx: Staff) -> list[RoleSummary]:
    return [RoleSummary.model_validate(r) for r in hiring.list_roles(ctx.place)]


@router.post("/roles/jd", response_model=RoleProfile, status_code=201, summary="Create a role from a pasted job description")
def role_from_jd(body: JdIn, ctx: Staff) -> RoleProfile:
    return hiring.create_role_from_jd(ctx.place, body.text, body.title)


@router.post("/roles/brief", response_model=RoleProfile, status_code=201, summary="Create a role from the Step 1 answers")
def role_from_brief(body: Brief, ctx: Staff) -> RoleProfile:
    return hiring.create_role_from_brief(ctx.place, body)


@router.get("/roles/{role_id}", response_model=RoleProfile, summary="A role's profile, with the reasons for each choice")
def role(role_id: str, ctx: Staff) -> RoleProfile:
    return hiring.get_role(ctx.place, role_id)


async def read_uploads(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    """Read uploaded files, never more than the size limit (+1 byte) of each."""
    out = []
    for f in files[: hiring.MAX_FILES + 1]:
        data = await f.read(hiring.MAX_FILE_BYTES + 1)
        out.append((f.filename or "file", data))
    if len(files) > hiring.MAX_FILES:
        out.extend(("more", b"") for _ in range(len(files) - len(out)))
    return out


@router.post("/roles/{role_id}/uploads", response_model=JobOut, status_code=202,
             summary="Upload resumes to screen for the role (screened in the background; poll the job)",
             responses={413: {"description": "too many or too large files"}, 415: {"description": "unsupported file type"}})
async def upload(role_id: str, ctx: Staff, files: Annotated[list[UploadFile], File(description="resumes")]) -> JobOut:
    role = hiring.get_role(ctx.place, role_id)
    data = await read_uploads(files)
    job = ctx.jobs.start(ctx.place, role, data, actor=ctx.user.email)
    return JobOut.model_validate(job.public())


@router.get("/jobs/{job_id}", response_model=JobOut, summary="Progress of an upload job")
def job(job_id: str, ctx: Staff) -> JobOut:
    return JobOut.model_validate(ctx.jobs.get(ctx.place, job_id).public())


@router.get("/roles/{role_id}/candidates", response_model=list[RankedCandidate],
            summary="The ranking, filtered by profile, flag, score, must-have coverage, stage and time-zone overlap")
def ranking(role_id: str, ctx: Staff,
            profile: str | None = None, flag: str | None = None,
            min_score: Annotated[float | None, Query(ge=0, le=100)] = None,
            min_coverage: Annotated[float | None, Query(ge=0, le=1)] = None,
            team_hours: Annotated[str | None, Query(max_length=60, description='e.g. "09:00-17:00 Europe/Berlin"')] = None,
            min_overlap: Annotated[float | None, Query(ge=0, le=24)] = None,
            stage: str | None = None) -> list[RankedCandidate]:
    f = hiring.RankingFilter(profile or None, flag or None, min_score, min_coverage, team_hours or None, min_overlap, stage or None)
    return [RankedCandidate.model_validate(r) for r in hiring.ranking(ctx.place, role_id, f)]


@router.get("/roles/{role_id}/candidates/{document_id}", response_model=Json,
            summary="One candidate: layer scores, evidence spans in the resume text, flags, checklists, explanation, stage")
def candidate(role_id: str, document_id: str, ctx: Anyone) -> Json:
    ctx.can_open(role_id, document_id)
    return hiring.candidate(ctx.place, role_id, document_id)


@router.post("/roles/{role_id}/candidates/{document_id}/stage", response_model=StageOut,
             summary="Move the candidate to a stage (a rejection needs a reason); recorded in the audit log")
def stage(role_id: str, document_id: str, body: StageIn, ctx: Staff) -> StageOut:
    return StageOut.model_validate(hiring.set_stage(ctx.place, role_id, document_id, body.stage, actor=ctx.user.email, reason=body.reason))


@router.post("/roles/{role_id}/candidates/{document_id}/assignments", status_code=204, summary="Assign an interviewer to the candidate")
def assign(role_id: str, document_id: str, body: AssignIn, ctx: Staff) -> None:
    hiring.candidate(ctx.place, role_id, document_id)  # 404 unless the candidate exists in this workspace
    accounts.assign(ctx.server, ctx.user, body.user_id, role_id, document_id)


@router.get("/assignments", response_model=list[Assignment], summary="The candidates assigned to you")
def my_assignments(ctx: Anyone) -> list[Assignment]:
    return assigned(ctx)


def assigned(ctx: Ctx) -> list[Assignment]:
    out = []
    titles = dict((r["id"], r["title"]) for r in hiring.list_roles(ctx.place))
    for role_id, doc_id in accounts.assignments(ctx.server, ctx.user):
        rows = hiring.ranking(ctx.place, role_id, only={doc_id}) if role_id in titles else []
        for r in rows:
            out.append(Assignment(role_id=role_id, document_id=doc_id, file=r["file"], role_title=titles[role_id]))
    return out


@router.get("/roles/{role_id}/candidates/{document_id}/kit", response_model=Kit, summary="The interview kit targeted at the candidate")
def kit(role_id: str, document_id: str, ctx: Anyone) -> Kit:
    ctx.can_open(role_id, document_id)
    return hiring.kit(ctx.place, role_id, document_id)  # type: ignore[no-any-return]


@router.post("/roles/{role_id}/candidates/{document_id}/scorecards", response_model=Scorecard, status_code=201,
             summary="Submit your scorecard for one interview stage")
def submit_scorecard(role_id: str, document_id: str, body: ScorecardIn, ctx: Anyone) -> Scorecard:
    ctx.can_open(role_id, document_id)
    return hiring.scorecard(ctx.place, role_id, document_id, interviewer=ctx.user.email, stage=body.stage,  # type: ignore[no-any-return]
                            scores=dict(body.scores), notes=body.notes)


@router.get("/roles/{role_id}/reports/{fmt}", summary="Download the role's report: html, csv or json",
            responses={200: {"content": {"text/html": {}, "text/csv": {}, "application/json": {}}}})
def report(role_id: str, fmt: Literal["html", "csv", "json"], ctx: Staff) -> FileResponse:
    paths = hiring.reports(ctx.place, role_id)
    path = {"html": paths.html, "csv": paths.csv, "json": paths.json}[fmt]
    return FileResponse(path, filename=f"{role_id}.{path.name}")



