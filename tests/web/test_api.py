"""What each API route answers, on the sample data (behaviour, not just status codes)."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest

from tests.web.conftest import PASSWORD, SAMPLES, TEAM_YAML, World, resume


def test_me_and_tokens(world: World) -> None:
    c = world.client("recruiter")
    assert c.get("/api/me").json() == {"id": world.users["recruiter"].id, "email": "rec@acme.test", "role": "recruiter", "workspace": "acme"}
    made = c.post("/api/tokens", json={"name": "ci script"})
    assert made.status_code == 201 and made.json()["token"].startswith("sf_")
    t = world.client()
    t.headers["Authorization"] = f"Bearer {made.json()['token']}"
    assert t.get("/api/me").json()["email"] == "rec@acme.test"
    assert "ci script" in [x["name"] for x in c.get("/api/tokens").json()]
    assert "token" not in c.get("/api/tokens").text  # the token itself is shown once only
    assert c.delete(f"/api/tokens/{made.json()['id']}").status_code == 204
    gone = t.get("/api/me")
    assert gone.status_code == 401 and gone.json()["error"]["code"] == "unauthenticated"


def test_admin_adds_users_to_own_workspace_only(world: World) -> None:
    c = world.client("admin")
    r = c.post("/api/users", json={"email": "New@Acme.test", "password": "long-enough-pw", "role": "interviewer"})
    assert r.status_code == 201 and r.json() == {**r.json(), "email": "new@acme.test", "workspace": "acme"}
    again = c.post("/api/users", json={"email": "new@acme.test", "password": "long-enough-pw", "role": "interviewer"})
    assert again.status_code == 400 and "exists already" in again.json()["error"]["message"]
    short = c.post("/api/users", json={"email": "x@acme.test", "password": "short", "role": "admin"})
    assert short.status_code == 422 and short.json()["error"]["field"] == "password"
    assert "new@acme.test" in [u["email"] for u in c.get("/api/users").json()]
    assert "new@acme.test" not in world.client("other_admin").get("/api/users").text


def test_role_from_jd_and_brief_with_reasons(world: World) -> None:
    c = world.client("recruiter")
    jd = (SAMPLES / "roles" / "ml_engineer_recsys.jd.md").read_text(encoding="utf-8")
    r = c.post("/api/roles/jd", json={"text": jd})
    assert r.status_code == 201
    role = r.json()
    assert role["source"] == "jd" and role["must_have"] and role["reasons"]
    assert c.get(f"/api/roles/{role['id']}").json() == role
    b = c.post("/api/roles/brief", json={"title": "Edge vision engineer", "systems": ["computer_vision"], "models": "train",
                                          "deployment": "edge", "real_time": True})
    assert b.status_code == 201, b.text
    assert b.json()["constraints"]["edge"] is True and any(x["field"] == "must_have" for x in b.json()["reasons"])
    bad = c.post("/api/roles/brief", json={"title": "x", "systems": ["teleportation"], "models": "train"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "role_error" and "teleportation" in bad.json()["error"]["message"]
    empty = c.post("/api/roles/jd", json={"text": "   "})
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "input_error"
    assert {role["id"], b.json()["id"]} <= {x["id"] for x in c.get("/api/roles").json()}


def test_upload_screens_in_background_and_ranks(world: World) -> None:
    c = world.client("recruiter")
    role = c.post("/api/roles/brief", json={"title": "Recsys engineer", "systems": ["recommendation"], "models": "train"}).json()
    files = [("files", resume(n)) for n in ("kwame_mensah.txt", "lucas_moreau.txt", "sofia_rossi.docx")]
    r = c.post(f"/api/roles/{role['id']}/uploads", files=files)
    assert r.status_code == 202 and r.json()["total"] == 3
    for _ in range(200):
        job = c.get(f"/api/jobs/{r.json()['id']}").json()
        if job["state"] not in ("queued", "running"):
            break
        time.sleep(0.1)
    assert job["state"] == "done" and job["done"] == 3 and job["failures"] == []
    rows = c.get(f"/api/roles/{role['id']}/candidates").json()
    assert [x["file"] for x in rows] and {x["file"] for x in rows} == {"kwame_mensah.txt", "lucas_moreau.txt", "sofia_rossi.docx"}
    assert [x["rank"] for x in rows] == [1, 2, 3] and rows[0]["score"] >= rows[1]["score"] >= rows[2]["score"]


def test_ranking_filters(world: World) -> None:
    c = world.client("recruiter")
    base = f"/api/roles/{world.role_id}/candidates"
    rows = c.get(base).json()
    assert len(rows) == 4
    top = rows[0]
    assert [x["document_id"] for x in c.get(base, params={"min_score": top["score"]}).json()] == [top["document_id"]]
    same = c.get(base, params={"profile": top["profile"]}).json()
    assert same and all(x["profile"] == top["profile"] for x in same)
    cov = c.get(base, params={"min_coverage": 0.5}).json()
    assert all(x["must_have_coverage"] >= 0.5 for x in cov) and len(cov) == sum(x["must_have_coverage"] >= 0.5 for x in rows)
    flagged = [f for x in rows for f in x["flags"]]
    if flagged:
        assert all(flagged[0] in x["flags"] for x in c.get(base, params={"flag": flagged[0]}).json())
    assert c.get(base, params={"flag": "no_such_flag"}).json() == []
    tz = c.get(base, params={"team_hours": "09:00-17:00 Europe/Berlin", "min_overlap": 4}).json()
    assert all(x["overlap_hours"] is not None and x["overlap_hours"] >= 4 for x in tz)
    assert any(x["timezone"] == "Asia/Singapore" for x in rows) and not any(x["timezone"] == "Asia/Singapore" for x in tz)
    need = c.get(base, params={"min_overlap": 4})
    assert need.status_code == 400 and "working hours" in need.json()["error"]["message"]
    badtz = c.get(base, params={"team_hours": "nine to five"})
    assert badtz.status_code == 400 and badtz.json()["error"]["hint"]


def test_candidate_detail_has_evidence_spans_in_text(world: World) -> None:
    c = world.client("recruiter").get(f"/api/roles/{world.role_id}/candidates/{world.assigned}").json()
    assert c["rank"] == 1 and set(c["layers"]) == {"data", "model", "deployment", "infrastructure"}
    assert c["evidence"] and all(c["text"][e["start"]:e["end"]] == e["text"] for e in c["evidence"])
    assert c["explanation"] and c["pre_offer_checklist"] and c["checklist"]


def test_stage_moves_with_reason(world: World) -> None:
    c = world.client("recruiter")
    url = f"/api/roles/{world.role_id}/candidates/{world.docs[-1]}/stage"
    r = c.post(url, json={"stage": "rejected"})
    assert r.status_code == 400 and "reason" in r.json()["error"]["message"]
    r = c.post(url, json={"stage": "rejected", "reason": "no production deployments"})
    assert r.status_code == 200 and r.json()["stage"] == "rejected" and r.json()["actor"] == "rec@acme.test"
    assert c.get(f"/api/roles/{world.role_id}/candidates", params={"stage": "rejected"}).json()[0]["document_id"] == world.docs[-1]
    bad = c.post(url, json={"stage": "promoted"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "stage"


def test_assign_then_interviewer_sees_and_scores(world: World) -> None:
    rec, iv2 = world.client("recruiter"), world.client("interviewer2")
    doc = world.docs[2]
    assert iv2.get(f"/api/roles/{world.role_id}/candidates/{doc}").status_code == 403
    r = rec.post(f"/api/roles/{world.role_id}/candidates/{doc}/assignments", json={"user_id": world.users["interviewer2"].id})
    assert r.status_code == 204
    assert doc in [a["document_id"] for a in iv2.get("/api/assignments").json()]
    kit = iv2.get(f"/api/roles/{world.role_id}/candidates/{doc}/kit").json()
    q = next(q for q in kit["questions"] if q["stage"] == "stack")
    card = iv2.post(f"/api/roles/{world.role_id}/candidates/{doc}/scorecards", json={"stage": "stack", "scores": {q["id"]: 4}, "notes": "ok"})
    assert card.status_code == 201 and card.json()["interviewer"] == "iv2@acme.test" and card.json()["scores"] == {q["id"]: 4}
    bad = iv2.post(f"/api/roles/{world.role_id}/candidates/{doc}/scorecards", json={"stage": "stack", "scores": {q["id"]: 7}})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "input_error"
    notiv = rec.post(f"/api/roles/{world.role_id}/candidates/{doc}/assignments", json={"user_id": world.users["recruiter"].id})
    assert notiv.status_code == 400 and "not an interviewer" in notiv.json()["error"]["message"]


@pytest.mark.parametrize("fmt", ["html", "csv", "json"])
def test_reports_download(world: World, fmt: str) -> None:
    r = world.client("recruiter").get(f"/api/roles/{world.role_id}/reports/{fmt}")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    if fmt == "json":
        assert [x["document_id"] for x in json.loads(r.text)][:1] == [world.docs[0]]
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(r.text)))) == 4
    else:
        assert "<html" in r.text.lower() and "mei_lin_chen.pdf" in r.text


def test_team_plan(world: World) -> None:
    c = world.client("recruiter")
    plan = c.post("/api/team", json={"yaml": TEAM_YAML})
    assert plan.status_code == 200 and plan.json()["team"] == "Test team" and plan.json()["hires"]
    assert c.get("/api/team").json()["team"] == "Test team"
    for fmt, marker in (("html", "<html"), ("json", '"team"'), ("md", "Test team")):
        r = c.get(f"/api/team/plan.{fmt}")
        assert r.status_code == 200 and marker in r.text
    sneaky = c.post("/api/team", json={"yaml": TEAM_YAML.replace("title: Backend engineer, ", "resume: ../../../etc/passwd, ")})
    assert sneaky.status_code == 400 and "not uploaded" in sneaky.json()["error"]["message"]


def test_login_page_sets_a_safe_session_cookie(world: World) -> None:
    c = world.client(follow_redirects=False)
    bad = c.post("/login", data={"email": "rec@acme.test", "password": "wrong-password"})
    assert bad.status_code == 401 and "wrong" in bad.text
    ok = c.post("/login", data={"email": "rec@acme.test", "password": PASSWORD, "next": "/roles"})
    assert ok.status_code == 303 and ok.headers["location"] == "/roles"
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert c.get("/api/me").json()["email"] == "rec@acme.test"
    evil = c.post("/login", data={"email": "rec@acme.test", "password": PASSWORD, "next": "//evil.example"})
    assert evil.headers["location"] == "/"
