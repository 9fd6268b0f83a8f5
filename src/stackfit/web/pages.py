"""HTML pages: server-rendered (Jinja2) with a little htmx; they call the same functions as the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from stackfit.audit.people import STAGES
from stackfit.errors import InputError
from stackfit.policy import load_policy
from stackfit.role import Brief
from stackfit.role.brief import QUESTIONS
from stackfit.role.rules import load_role_rules
from stackfit.web import accounts, hiring
from stackfit.web.api.hiring import assigned, read_uploads
from stackfit.web.app import HERE
from stackfit.web.auth import CSRF_FIELD, principal
from stackfit.web.deps import Anyone, Staff, allow

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["pct"] = lambda v: f"{100 * float(v):.0f}%"
templates.env.filters["human"] = lambda s: str(s).replace("_", " ")


def _skill_name(skill_id: str) -> str:
    from stackfit.taxonomy import load_taxonomy

    skills = load_taxonomy().skills
    return skills[skill_id].name if skill_id in skills else skill_id


templates.env.filters["skill"] = _skill_name
Page = HTMLResponse


def page(request: Request, name: str, ctx: Any = None, status: int = 200, **values: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"ctx": ctx, "user": ctx.user if ctx else None,
                                                      "csrf": ctx.p.csrf if ctx else "", "csrf_field": CSRF_FIELD, **values},
                                      status_code=status)


def render_error(request: Request, status: int, error: dict[str, Any]) -> HTMLResponse:
    return page(request, "error.html", None, status=status, error=error)


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# --------------------------------------------------------------------------- sign in


@router.get("/login")
async def login_form(request: Request, next: str = "/") -> Response:
    return page(request, "login.html", None, next=next if next.startswith("/") and not next.startswith("//") else "/")


@router.post("/login")
async def login(request: Request, email: Annotated[str, Form()], password: Annotated[str, Form()], next: Annotated[str, Form()] = "/") -> Response:
    user = accounts.authenticate(request.app.state.server, email, password)
    if user is None:
        return page(request, "login.html", None, status=401, next=next, email=email, failed=True)
    resp = back(next if next.startswith("/") and not next.startswith("//") else "/")
    request.app.state.sessions.login(resp, user)
    return resp


@router.post("/logout")
async def logout(request: Request, ctx: Anyone) -> Response:
    resp = back("/login")
    request.app.state.sessions.logout(resp)
    return resp


@router.get("/")
async def home(request: Request) -> Response:
    p = await principal(request)
    if p is None:
        return back("/login")
    return back("/my" if p.user.role == "interviewer" else "/roles")


# --------------------------------------------------------------------------- roles


@router.get("/roles")
def roles(request: Request, ctx: Staff) -> Response:
    rules = load_role_rules().data
    return page(request, "roles.html", ctx, roles=hiring.list_roles(ctx.place), questions=dict(QUESTIONS),
                systems={k: v.name for k, v in rules.systems.items()})


@router.post("/roles/jd")
def role_from_jd(ctx: Staff, text: Annotated[str, Form()], title: Annotated[str, Form()] = "") -> Response:
    return back(f"/roles/{hiring.create_role_from_jd(ctx.place, text, title).id}")


@router.post("/roles/brief")
def role_from_brief(ctx: Staff, title: Annotated[str, Form()], systems: Annotated[list[str], Form()],
                    models: Annotated[str, Form()], deployment: Annotated[str, Form()] = "cloud",
                    stage: Annotated[str, Form()] = "production", real_time: Annotated[bool, Form()] = False,
                    privacy_sensitive: Annotated[bool, Form()] = False) -> Response:
    from pydantic import ValidationError

    try:
        brief = Brief(title=title, systems=tuple(systems), models=models, deployment=deployment, stage=stage,  # type: ignore[arg-type]
                      real_time=real_time, privacy_sensitive=privacy_sensitive)
    except ValidationError as exc:
        raise InputError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()), hint="check the answers") from None
    return back(f"/roles/{hiring.create_role_from_brief(ctx.place, brief).id}")


@router.get("/roles/{role_id}")
def role(request: Request, role_id: str, ctx: Staff, profile: str = "", flag: str = "", min_score: str = "", min_coverage: str = "",
         team_hours: str = "", min_overlap: str = "", stage: str = "") -> Response:
    r = hiring.get_role(ctx.place, role_id)
    num = _numbers(min_score=min_score, min_coverage=min_coverage, min_overlap=min_overlap)
    f = hiring.RankingFilter(profile or None, flag or None, num["min_score"], num["min_coverage"], team_hours or None,
                             num["min_overlap"], stage or None)
    rows = hiring.ranking(ctx.place, role_id, f)
    policy = load_policy()
    return page(request, "role.html", ctx, role=r, rows=rows, f=f, raw={"min_score": min_score, "min_coverage": min_coverage,
                "min_overlap": min_overlap, "team_hours": team_hours}, profiles={p.id: p.name for p in policy.profiles.profiles},
                flags=sorted({x for row in hiring.ranking(ctx.place, role_id) for x in row["flags"]}), stages=STAGES,
                limits={"files": hiring.MAX_FILES, "mib": hiring.MAX_FILE_BYTES // (1024 * 1024)})


def _numbers(**raw: str) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for k, v in raw.items():
        try:
            out[k] = float(v) if v.strip() else None
        except ValueError:
            raise InputError(f"{k.replace('_', ' ')}: {v!r} is not a number", hint="give a number or leave the field empty") from None
    return out


@router.post("/roles/{role_id}/uploads")
async def upload(request: Request, role_id: str, ctx: Staff, files: Annotated[list[UploadFile], File()]) -> Response:
    r = hiring.get_role(ctx.place, role_id)
    job = ctx.jobs.start(ctx.place, r, await read_uploads(files), actor=ctx.user.email)
    return page(request, "_progress.html", ctx, job=job, poll=True)


@router.get("/jobs/{job_id}/progress")
def progress(request: Request, job_id: str, ctx: Staff) -> Response:
    job = ctx.jobs.get(ctx.place, job_id)
    resp = page(request, "_progress.html", ctx, job=job)
    if job.state == "done" and not job.failures and request.headers.get("HX-Request"):
        resp.headers["HX-Refresh"] = "true"  # show the new ranking; with failures the fragment stays, naming each file
    return resp


# --------------------------------------------------------------------------- candidates


@router.get("/roles/{role_id}/candidates/{document_id}")
def candidate(request: Request, role_id: str, document_id: str, ctx: Anyone) -> Response:
    ctx.can_open(role_id, document_id)
    c = hiring.candidate(ctx.place, role_id, document_id, with_view=True)
    interviewers = [u for u in accounts.list_users(ctx.server, ctx.user.workspace_id) if u.role == "interviewer"]
    return page(request, "candidate.html", ctx, c=c, v=c["view"], stages=STAGES, interviewers=interviewers,
                assigned=accounts.assigned_to(ctx.server, ctx.user.workspace_id, role_id, document_id))


@router.post("/roles/{role_id}/candidates/{document_id}/stage")
def stage(role_id: str, document_id: str, ctx: Staff, stage: Annotated[str, Form()], reason: Annotated[str, Form()] = "") -> Response:
    hiring.set_stage(ctx.place, role_id, document_id, stage, actor=ctx.user.email, reason=reason)
    return back(f"/roles/{role_id}/candidates/{document_id}")


@router.post("/roles/{role_id}/candidates/{document_id}/assign")
def assign(role_id: str, document_id: str, ctx: Staff, user_id: Annotated[int, Form(ge=1, le=2**62)]) -> Response:
    hiring.candidate(ctx.place, role_id, document_id)
    accounts.assign(ctx.server, ctx.user, user_id, role_id, document_id)
    return back(f"/roles/{role_id}/candidates/{document_id}")


@router.get("/my")
def my(request: Request, ctx: Anyone) -> Response:
    return page(request, "my.html", ctx, items=assigned(ctx))


@router.get("/roles/{role_id}/candidates/{document_id}/kit")
def kit(request: Request, role_id: str, document_id: str, ctx: Anyone, saved: int = 0) -> Response:
    ctx.can_open(role_id, document_id)
    k = hiring.kit(ctx.place, role_id, document_id)
    return page(request, "kit.html", ctx, kit=k, role_id=role_id, document_id=document_id, saved=saved,
                stages=("architecture", "stack", "production"))


@router.post("/roles/{role_id}/candidates/{document_id}/scorecard")
async def scorecard(request: Request, role_id: str, document_id: str, ctx: Anyone) -> Response:
    ctx.can_open(role_id, document_id)
    form = await request.form()
    stage_ = str(form.get("stage", ""))
    scores: dict[str, object] = {str(k)[6:]: str(v) for k, v in form.multi_items() if str(k).startswith("score:") and str(v)}
    hiring.scorecard(ctx.place, role_id, document_id, interviewer=ctx.user.email, stage=stage_, scores=scores,
                     notes=str(form.get("notes", "")))
    return back(f"/roles/{role_id}/candidates/{document_id}/kit?saved=1#scorecard")


# --------------------------------------------------------------------------- team, account


@router.get("/team")
def team(request: Request, ctx: Staff) -> Response:
    from stackfit.errors import NotFoundError
    from stackfit.team.render import plan_html

    try:
        plan = hiring.team_plan(ctx.place)
    except NotFoundError:
        plan = None
    current = (ctx.place.folder / "team" / "team.yaml")
    return page(request, "team.html", ctx, plan=plan, plan_html=plan_html(plan) if plan else "",
                yaml=current.read_text(encoding="utf-8") if current.is_file() else "")


@router.post("/team")
async def save_team(ctx: Staff, yaml: Annotated[str, Form()], resumes: Annotated[list[UploadFile] | None, File()] = None) -> Response:
    files = [f for f in (resumes or []) if f.filename]
    hiring.save_team(ctx.place, yaml, await read_uploads(files) if files else [])
    return back("/team")


@router.get("/account")
def account(request: Request, ctx: Anyone, token: str = "") -> Response:
    users = accounts.list_users(ctx.server, ctx.user.workspace_id) if ctx.user.role == "admin" else []
    return page(request, "account.html", ctx, tokens=accounts.list_tokens(ctx.server, ctx.user), users=users, new_token=token)


@router.post("/account/tokens")
def new_token(request: Request, ctx: Anyone, name: Annotated[str, Form()]) -> Response:
    _, token = accounts.create_token(ctx.server, ctx.user, name)
    return page(request, "account.html", ctx, tokens=accounts.list_tokens(ctx.server, ctx.user), new_token=token,
                users=accounts.list_users(ctx.server, ctx.user.workspace_id) if ctx.user.role == "admin" else [])


@router.post("/account/users")
def new_user(ctx: Annotated[Any, Depends(allow("admin"))], email: Annotated[str, Form()], password: Annotated[str, Form()],
             role: Annotated[str, Form()]) -> Response:
    accounts.add_user(ctx.server, email, password, role, ctx.user.workspace)
    return back("/account")


