"""Browser tests: Playwright driving a real headless Chromium (the Debian package; never a download).

The hiring flow end to end: sign in, create a role from a job description, upload the sample resumes,
see the ranking, open a candidate and check the highlighted evidence, assign an interviewer, who
submits a scorecard and cannot open an unassigned candidate; the team plan. Screenshots of the main
pages go to a temporary folder, or to docs/screenshots/ with STACKFIT_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stackfit.store import Workspace
from stackfit.web import accounts
from tests.web.conftest import PASSWORD, SAMPLES, TEAM_YAML

CHROMIUM = Path(os.environ.get("STACKFIT_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")]
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from stackfit.web.app import WebSettings, create_app

    db = tmp_path_factory.mktemp("browser") / "stackfit.db"
    with Workspace(db) as srv:
        accounts.add_user(srv, "admin@acme.test", PASSWORD, "admin", "acme")
        accounts.add_user(srv, "iv@acme.test", PASSWORD, "interviewer", "acme")
    port = _free_port()
    srv_ = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db=db)), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv_.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv_.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv_.should_exit = True
    t.join(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("STACKFIT_SCREENSHOTS"):
        out = ROOT / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        return out
    return tmp_path_factory.mktemp("shots")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


def login(page: object, base: str, email: str) -> None:
    page.goto(f"{base}/login")  # type: ignore[attr-defined]
    page.get_by_label("Email").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]


def test_hiring_flow(server: str, browser: object, shots: Path) -> None:
    from playwright.sync_api import expect

    ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = ctx.new_page()
    page.goto(f"{server}/login")
    page.screenshot(path=str(shots / "login.png"))
    login(page, server, "admin@acme.test")
    expect(page).to_have_url(f"{server}/roles")

    # a role from a job description, with its reasons
    page.get_by_label("Job description", exact=True).fill((SAMPLES / "roles" / "inference_platform.jd.txt").read_text(encoding="utf-8"))
    page.get_by_role("button", name="Create role from job description").click()
    expect(page.locator("h1")).to_contain_text("INFERENCE PLATFORM")
    expect(page.locator("#reasons li").first).to_be_visible()

    # upload every sample resume; progress, then the ranking
    resumes = sorted((SAMPLES / "resumes").iterdir())
    page.set_input_files("#files", [str(p) for p in resumes])
    page.get_by_role("button", name="Upload and screen").click()
    expect(page.locator("#ranking tbody tr")).to_have_count(len(resumes), timeout=60_000)
    first = page.locator("#ranking tbody tr").first
    expect(first.locator("td").first).to_have_text("1")
    unassigned = page.locator("#ranking tbody tr").nth(1).locator("a").get_attribute("href")
    page.screenshot(path=str(shots / "role.png"))
    page.locator("#ranking-h").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('ranking-h').scrollIntoView()")
    page.screenshot(path=str(shots / "ranking.png"))
    page.get_by_role("button", name="Score").click()  # sortable: ascending puts the lowest score first
    expect(page.locator("#ranking tbody tr").first.locator("td").first).to_have_text(str(len(resumes)))
    page.get_by_role("button", name="Score").click()

    # filter: a minimum score keeps fewer rows
    page.get_by_label("Min score").fill("70")
    page.get_by_role("button", name="Filter").click()
    scores = [float(x) for x in page.locator("#ranking tbody tr td:nth-child(3)").all_inner_texts()]
    assert scores and all(s >= 70 for s in scores) and len(scores) < len(resumes)

    # the top candidate: highlighted evidence in the resume text
    page.locator("#ranking tbody tr").first.locator("a").click()
    marks = page.locator("#resume mark")
    assert marks.count() > 5
    chip = page.locator("section a.chip").first
    anchor = chip.get_attribute("href")
    assert anchor and page.locator(f"#resume {anchor}").count() == 1  # each evidence chip links into the text
    expect(page.locator("#explanation")).not_to_be_empty()
    page.screenshot(path=str(shots / "candidate.png"))
    page.evaluate("document.getElementById('evidence-h').scrollIntoView()")
    page.screenshot(path=str(shots / "candidate_evidence.png"))
    page.get_by_label("Reason (recorded in the audit log; required to reject)").fill("strong production evidence")
    page.get_by_label("Stage", exact=True).select_option("interviewing")
    page.get_by_role("button", name="Move").click()
    expect(page.locator("#stage")).to_have_text("interviewing")
    page.get_by_label("Assign an interviewer").select_option(label="iv@acme.test")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator("span.chip", has_text="iv@acme.test")).to_be_visible()

    # the team plan
    page.goto(f"{server}/team")
    page.get_by_label("TEAM.yaml", exact=False).fill(TEAM_YAML)
    page.get_by_role("button", name="Save and plan").click()
    expect(page.frame_locator("iframe").locator("body")).to_contain_text("Test team")
    page.screenshot(path=str(shots / "team_plan.png"))
    ctx.close()

    # the interviewer: only the assigned candidate; the kit and a scorecard
    iv = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # type: ignore[attr-defined]
    login(iv, server, "iv@acme.test")
    expect(iv).to_have_url(f"{server}/my")
    expect(iv.locator("table tbody tr")).to_have_count(1)
    iv.get_by_role("link", name="Open the kit").click()
    stage = iv.locator("select[name^='score:']").first.get_attribute("data-stage")
    iv.get_by_label("Interview stage you score").select_option(stage)
    iv.locator("select[name^='score:']").first.select_option("3")
    iv.get_by_label("Notes").fill("Clear on batching trade-offs.")
    iv.screenshot(path=str(shots / "interview_kit.png"))
    iv.get_by_role("button", name="Submit scorecard").click()
    expect(iv.locator("#saved")).to_have_text("Scorecard saved.")

    # an unassigned candidate and the recruiters' pages: refused
    resp = iv.goto(f"{server}{unassigned}")
    assert resp is not None and resp.status == 403
    expect(iv.locator("body")).to_contain_text("not assigned to you")
    resp = iv.goto(f"{server}/roles")
    assert resp is not None and resp.status == 403
