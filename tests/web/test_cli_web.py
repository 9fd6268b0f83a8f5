"""``stackfit user add`` / ``user token`` and the pages' accessibility basics (labels on every field)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html
from typer.testing import CliRunner

from stackfit.cli import app
from stackfit.store import Workspace
from stackfit.web import accounts
from tests.web.conftest import World

runner = CliRunner()


def test_user_add_and_token(tmp_path: Path) -> None:
    db = tmp_path / "web" / "stackfit.db"
    r = runner.invoke(app, ["user", "add", "Ana@Example.com", "--role", "admin", "--password-stdin", "--db", str(db)],
                      input="correct-horse-battery\n")
    assert r.exit_code == 0, r.output
    assert r.output.strip() == f"added ana@example.com (admin) to workspace default in {db}"
    again = runner.invoke(app, ["user", "add", "ana@example.com", "--password-stdin", "--db", str(db)], input="correct-horse-battery\n")
    assert again.exit_code == 1 and "exists already" in again.output
    weak = runner.invoke(app, ["user", "add", "bo@example.com", "--password-stdin", "--db", str(db)], input="short\n")
    assert weak.exit_code == 1 and "shorter than 10" in weak.output
    role = runner.invoke(app, ["user", "add", "bo@example.com", "--role", "boss", "--password-stdin", "--db", str(db)], input="long-enough-pw\n")
    assert role.exit_code == 1 and "admin, recruiter, interviewer" in role.output
    tok = runner.invoke(app, ["user", "token", "ana@example.com", "--name", "ci", "--db", str(db)])
    assert tok.exit_code == 0 and tok.output.startswith("sf_")
    with Workspace(db) as srv:
        user = accounts.user_for_token(srv, tok.output.strip())
        assert user is not None and user.email == "ana@example.com" and user.role == "admin"
        assert accounts.authenticate(srv, "ana@example.com", "correct-horse-battery") is not None
        assert accounts.authenticate(srv, "ana@example.com", "wrong-horse-battery") is None
    missing = runner.invoke(app, ["user", "token", "nobody@example.com", "--db", str(db)])
    assert missing.exit_code == 1 and "no user" in missing.output


def pages(w: World) -> list[tuple[str, str]]:
    base = f"/roles/{w.role_id}/candidates/{w.assigned}"
    return [("admin", "/roles"), ("admin", f"/roles/{w.role_id}"), ("admin", base), ("admin", f"{base}/kit"), ("admin", "/team"),
            ("admin", "/account"), ("interviewer", "/my"), (None, "/login")]


@pytest.mark.parametrize("i", range(8))
def test_every_field_has_a_label(world: World, i: int) -> None:
    who, url = pages(world)[i]
    r = world.client(who).get(url, headers={"Accept": "text/html"})
    assert r.status_code == 200
    doc = html.fromstring(r.text)
    labelled = {lab.get("for") for lab in doc.iter("label")}
    fields = [f for f in doc.xpath("//input|//select|//textarea") if f.get("type") != "hidden"]
    assert fields or url == "/my"
    for f in fields:
        ok = f.get("id") in labelled or f.get("aria-label") or any(a.tag == "label" for a in f.iterancestors())
        assert ok, f"{url}: a field without a label: {html.tostring(f)[:120]!r}"
    assert doc.xpath("//html/@lang") == ["en"] and doc.xpath("//a[@class='skip']")
