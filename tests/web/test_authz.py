"""The authorization matrix: every route (read from the app, so a new route without an entry fails)
x every role x own / other object. A cell fails if it allows what it should not, or refuses what it
should allow."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from starlette.routing import Mount

from stackfit.web import accounts
from tests.web.conftest import SAMPLES, TEAM_YAML, World, resume

ALL = {"admin", "recruiter", "interviewer"}
STAFF = {"admin", "recruiter"}
ADMIN = {"admin"}
PUBLIC = "public"
_n = itertools.count()

# How each kind of route is called: the request's keyword arguments (json, files, data).
JD = {"json": {"text": (SAMPLES / "roles" / "inference_platform.jd.txt").read_text(encoding="utf-8")}}
BRIEF = {"json": {"title": "RAG engineer", "systems": ["rag"], "models": "integrate"}}
UPLOAD = {"files": [("files", resume("grace_kim.txt"))]}


def _new_user() -> dict[str, Any]:
    return {"json": {"email": f"u{next(_n)}@acme.test", "password": "long-enough-pw", "role": "recruiter"}}


def _new_user_form() -> dict[str, Any]:
    return {"data": {"email": f"f{next(_n)}@acme.test", "password": "long-enough-pw", "role": "interviewer"}}


def _scorecard(w: World) -> dict[str, Any]:
    return {"json": {"stage": "architecture", "scores": {"arch.high_scale_llm_inference": 3}}}


Body = Callable[[World], dict[str, Any]]
NONE: Body = lambda w: {}  # noqa: E731
# (method, path) -> (who may, body); candidate routes marked "assigned" let interviewers in for assigned candidates only.
MATRIX: dict[tuple[str, str], tuple[set[str] | str, Body, bool]] = {
    ("GET", "/api/me"): (ALL, NONE, False),
    ("GET", "/api/users"): (ADMIN, NONE, False),
    ("POST", "/api/users"): (ADMIN, lambda w: _new_user(), False),
    ("GET", "/api/tokens"): (ALL, NONE, False),
    ("POST", "/api/tokens"): (ALL, lambda w: {"json": {"name": "x"}}, False),
    ("DELETE", "/api/tokens/{token_id}"): (ALL, NONE, False),
    ("GET", "/api/roles"): (STAFF, NONE, False),
    ("POST", "/api/roles/jd"): (STAFF, lambda w: JD, False),
    ("POST", "/api/roles/brief"): (STAFF, lambda w: BRIEF, False),
    ("GET", "/api/roles/{role_id}"): (STAFF, NONE, False),
    ("POST", "/api/roles/{role_id}/uploads"): (STAFF, lambda w: UPLOAD, False),
    ("GET", "/api/jobs/{job_id}"): (STAFF, NONE, False),
    ("GET", "/api/roles/{role_id}/candidates"): (STAFF, NONE, False),
    ("GET", "/api/roles/{role_id}/candidates/{document_id}"): (ALL, NONE, True),
    ("POST", "/api/roles/{role_id}/candidates/{document_id}/stage"): (STAFF, lambda w: {"json": {"stage": "interviewing"}}, False),
    ("POST", "/api/roles/{role_id}/candidates/{document_id}/assignments"): (
        STAFF, lambda w: {"json": {"user_id": w.users["interviewer2"].id}}, False),
    ("GET", "/api/assignments"): (ALL, NONE, False),
    ("GET", "/api/roles/{role_id}/candidates/{document_id}/kit"): (ALL, NONE, True),
    ("POST", "/api/roles/{role_id}/candidates/{document_id}/scorecards"): (ALL, _scorecard, True),
    ("GET", "/api/roles/{role_id}/reports/{fmt}"): (STAFF, NONE, False),
    ("POST", "/api/team"): (STAFF, lambda w: {"json": {"yaml": TEAM_YAML}}, False),
    ("GET", "/api/team"): (STAFF, NONE, False),
    ("GET", "/api/team/plan.{fmt}"): (STAFF, NONE, False),
    # pages
    ("GET", "/login"): (PUBLIC, NONE, False),
    ("POST", "/login"): (PUBLIC, lambda w: {"data": {"email": "nobody@acme.test", "password": "x"}}, False),
    ("POST", "/logout"): (ALL, NONE, False),
    ("GET", "/"): (PUBLIC, NONE, False),
    ("GET", "/roles"): (STAFF, NONE, False),
    ("POST", "/roles/jd"): (STAFF, lambda w: {"data": JD["json"]}, False),
    ("POST", "/roles/brief"): (STAFF, lambda w: {"data": {"title": "RAG engineer", "systems": "rag", "models": "integrate"}}, False),
    ("GET", "/roles/{role_id}"): (STAFF, NONE, False),
    ("POST", "/roles/{role_id}/uploads"): (STAFF, lambda w: UPLOAD, False),
    ("GET", "/jobs/{job_id}/progress"): (STAFF, NONE, False),
    ("GET", "/roles/{role_id}/candidates/{document_id}"): (ALL, NONE, True),
    ("POST", "/roles/{role_id}/candidates/{document_id}/stage"): (STAFF, lambda w: {"data": {"stage": "screened"}}, False),
    ("POST", "/roles/{role_id}/candidates/{document_id}/assign"): (STAFF, lambda w: {"data": {"user_id": w.users["interviewer2"].id}}, False),
    ("GET", "/my"): (ALL, NONE, False),
    ("GET", "/roles/{role_id}/candidates/{document_id}/kit"): (ALL, NONE, True),
    ("POST", "/roles/{role_id}/candidates/{document_id}/scorecard"): (
        ALL, lambda w: {"data": {"stage": "architecture", "score:arch.high_scale_llm_inference": "2"}}, True),
    ("GET", "/team"): (STAFF, NONE, False),
    ("POST", "/team"): (STAFF, lambda w: {"data": {"yaml": TEAM_YAML}}, False),
    ("GET", "/account"): (ALL, NONE, False),
    ("POST", "/account/tokens"): (ALL, lambda w: {"data": {"name": "page"}}, False),
    ("POST", "/account/users"): (ADMIN, lambda w: _new_user_form(), False),
    # documentation
    ("GET", "/openapi.json"): (PUBLIC, NONE, False),
    ("GET", "/docs"): (PUBLIC, NONE, False),
    ("GET", "/docs/oauth2-redirect"): (PUBLIC, NONE, False),
    ("GET", "/redoc"): (PUBLIC, NONE, False),
    ("GET", "/healthz"): (PUBLIC, NONE, False),
}


def flat_routes(app: Any) -> list[Any]:
    """Every route of the app (newer FastAPI keeps included routers as lazy groups: expand them)."""
    out = []
    for r in app.routes:
        if hasattr(r, "effective_route_contexts"):
            out.extend(r.effective_route_contexts())
        elif not isinstance(r, Mount):
            out.append(r)
    return out


def app_routes(app: Any) -> set[tuple[str, str]]:
    return {(m, r.path) for r in flat_routes(app) for m in (getattr(r, "methods", None) or ()) if m != "HEAD"}


def test_every_route_has_a_matrix_entry(world: World) -> None:
    routes = app_routes(world.app)
    assert routes - set(MATRIX) == set(), "routes without an authorization matrix entry"
    assert set(MATRIX) - routes == set(), "matrix entries for routes that no longer exist"
    assert ("GET", "/api/me") in routes and ("GET", "/roles") in routes


def fill(path: str, w: World, who: str, target: str) -> str:
    """The path with ids of the caller's own workspace ('own'), of the other workspace ('other'), or an
    unassigned candidate of the own workspace ('unassigned')."""
    srv = w.app.state.server  # type: ignore[attr-defined]
    values = {
        "own": {"role_id": w.role_id, "document_id": w.assigned, "job_id": w.job_id},
        "unassigned": {"role_id": w.role_id, "document_id": w.unassigned, "job_id": w.job_id},
        "other": {"role_id": w.other_role, "document_id": w.other_doc, "job_id": w.other_job},
    }[target]
    if "{token_id}" in path:
        owner = w.users[who] if target != "other" else w.users["other_admin"]
        values["token_id"] = str(accounts.create_token(srv, owner, "to-revoke")[0])
    values["fmt"] = "json"
    return path.format(**values)


def cells() -> list[tuple[str, str, str, str]]:
    out = []
    for (method, path), (_who, _b, per_candidate) in MATRIX.items():
        for role in ("anonymous", "admin", "recruiter", "interviewer"):
            targets = ["own"]
            if any(k in path for k in ("{role_id}", "{document_id}", "{job_id}", "{token_id}")):  # an object id
                targets.append("other")
            if per_candidate:
                targets.append("unassigned")
            for t in targets:
                out.append((method, path, role, t))
    return out


@pytest.mark.parametrize(("method", "path", "role", "target"), cells())
def test_matrix_cell(world: World, method: str, path: str, role: str, target: str) -> None:
    who, body, per_candidate = MATRIX[(method, path)]
    client = world.client(None if role == "anonymous" else role, follow_redirects=False)
    url = fill(path, world, role if role != "anonymous" else "admin", target)
    resp = client.request(method, url, headers={"Accept": "application/json"}, **body(world))
    if who == PUBLIC:
        assert resp.status_code < 500
        if path != "/login" or method != "POST":
            assert resp.status_code < 400
        return
    allowed = role in who and target != "other" and not (role == "interviewer" and per_candidate and target == "unassigned")
    if allowed:
        assert resp.status_code < 400, resp.text
        return
    assert resp.status_code in (401, 403, 404), resp.text
    body_json = resp.json()
    assert set(body_json) == {"error"}
    if role == "anonymous":
        assert resp.status_code == 401
    elif target == "other" and role in who and not (role == "interviewer" and per_candidate):
        assert resp.status_code == 404  # another workspace's object does not exist for you
    elif role == "interviewer" and per_candidate:
        assert resp.status_code == 403  # not assigned to you (an interviewer learns nothing of other workspaces)


def test_lists_never_show_another_workspace(world: World) -> None:
    for who in ("admin", "recruiter"):
        c = world.client(who)
        roles = {r["id"] for r in c.get("/api/roles").json()}
        assert world.role_id in roles and world.other_role not in roles
        users = c.get("/api/users").json() if who == "admin" else []
        assert all(u["workspace"] == "acme" for u in users)
        assert world.other_doc not in c.get(f"/api/roles/{world.role_id}/candidates").text
    assert world.client("other_admin").get("/api/team").status_code == 404  # acme's team is acme's
    mine = world.client("interviewer").get("/api/assignments").json()
    assert [a["document_id"] for a in mine] == [world.assigned]
