"""One error shape for every JSON error (pinned here), upload limits, CSRF on cookie sessions."""

from __future__ import annotations

import re

import pytest

from stackfit.web import hiring
from tests.web.conftest import PASSWORD, World, place, resume

SHAPE = {"error": {"code", "message", "hint", "field"}}


def assert_shape(body: dict[str, object], code: str) -> None:
    assert set(body) == set(SHAPE)
    err = body["error"]
    assert isinstance(err, dict) and set(err) == SHAPE["error"]
    assert err["code"] == code and isinstance(err["message"], str) and err["message"]


@pytest.mark.parametrize(("who", "method", "url", "kw", "status", "code"), [
    (None, "GET", "/api/me", {}, 401, "unauthenticated"),
    ("recruiter", "GET", "/api/users", {}, 403, "forbidden"),
    ("recruiter", "GET", "/api/roles/no-such-role", {}, 404, "not_found"),
    ("recruiter", "GET", "/api/no/such/route", {}, 404, "not_found"),
    ("recruiter", "PUT", "/api/me", {}, 405, "method_not_allowed"),
    ("recruiter", "POST", "/api/roles/jd", {"json": {"txt": "typo"}}, 422, "invalid_request"),
    ("recruiter", "POST", "/api/roles/jd", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "invalid_request"),
    ("recruiter", "GET", "/api/roles/x/candidates", {"params": {"min_score": "high"}}, 422, "invalid_request"),
    ("recruiter", "GET", "/api/roles/x/reports/pdf", {}, 422, "invalid_request"),
    ("recruiter", "GET", "/api/jobs/nope", {}, 404, "not_found"),
])
def test_error_shape(world: World, who: str | None, method: str, url: str, kw: dict[str, object], status: int, code: str) -> None:
    r = world.client(who).request(method, url, **kw)  # type: ignore[arg-type]
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert_shape(r.json(), code)


def test_validation_error_names_the_field(world: World) -> None:
    r = world.client("recruiter").get(f"/api/roles/{world.role_id}/candidates", params={"min_coverage": 3})
    assert r.status_code == 422 and r.json()["error"]["field"] == "min_coverage"


def test_bad_bearer_token(world: World) -> None:
    c = world.client()
    for header in ("Bearer sf_made_up", "Basic abc", "Bearer "):
        r = c.get("/api/me", headers={"Authorization": header})
        assert r.status_code == 401
        assert_shape(r.json(), "unauthenticated")


@pytest.mark.parametrize(("files", "status", "code", "words"), [
    ([("files", ("photo.png", b"\x89PNG"))], 415, "unsupported_format", "photo.png"),
    ([("files", ("huge.txt", b"x" * (hiring.MAX_FILE_BYTES + 1)))], 413, "file_too_large", "huge.txt"),
    ([("files", (f"r{i}.txt", b"Python")) for i in range(hiring.MAX_FILES + 1)], 413, "too_many_files", "more than the limit"),
])
def test_upload_limits(world: World, files: list[object], status: int, code: str, words: str) -> None:
    r = world.client("recruiter").post(f"/api/roles/{world.role_id}/uploads", files=files)
    assert r.status_code == status
    assert_shape(r.json(), code)
    assert words in r.json()["error"]["message"] and r.json()["error"]["hint"]


def test_no_files_is_a_clear_error(world: World) -> None:
    r = world.client("recruiter").post(f"/api/roles/{world.role_id}/uploads")
    assert r.status_code == 422 and r.json()["error"]["field"] == "files"


def _session(world: World) -> tuple[object, str]:
    c = world.client(follow_redirects=False)
    c.post("/login", data={"email": "rec@acme.test", "password": PASSWORD})
    page = c.get("/roles", headers={"Accept": "text/html"}).text
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m
    return c, m.group(1)


def test_csrf_is_required_on_cookie_sessions(world: World) -> None:
    c, token = _session(world)
    r = c.post("/api/tokens", json={"name": "no csrf"})  # type: ignore[attr-defined]
    assert r.status_code == 403
    assert_shape(r.json(), "csrf_failed")
    assert c.post("/api/tokens", json={"name": "x"}, headers={"X-CSRF-Token": "wrong"}).status_code == 403  # type: ignore[attr-defined]
    assert c.post("/api/tokens", json={"name": "x"}, headers={"X-CSRF-Token": token}).status_code == 201  # type: ignore[attr-defined]
    form = c.post("/roles/brief", data={"title": "T", "systems": "rag", "models": "integrate"})  # type: ignore[attr-defined]
    assert form.status_code == 403
    ok = c.post("/roles/brief", data={"title": "T", "systems": "rag", "models": "integrate", "csrf_token": token})  # type: ignore[attr-defined]
    assert ok.status_code == 303 and ok.headers["location"].startswith("/roles/")
    assert c.get("/api/me").status_code == 200  # type: ignore[attr-defined]  # reads need no token


def test_pages_redirect_to_login_and_show_html_errors(world: World) -> None:
    c = world.client(follow_redirects=False)
    r = c.get("/roles", headers={"Accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/roles"
    iv = world.client("interviewer")
    page = iv.get(f"/roles/{world.role_id}/candidates/{world.unassigned}", headers={"Accept": "text/html"})
    assert page.status_code == 403 and "not assigned to you" in page.text and "<html" in page.text


def test_upload_of_a_bad_file_reports_it(world: World) -> None:
    acme = place(world.app, world.users["admin"])
    role = hiring.get_role(acme, world.role_id)
    job = world.app.state.jobs.start(acme, role, [("empty.txt", b"   "), resume("grace_kim.txt")], "t", wait=True)  # type: ignore[attr-defined]
    assert job.state == "done" and [f["file"] for f in job.failures] == ["empty.txt"] and job.failures[0]["code"] == "empty_document"
