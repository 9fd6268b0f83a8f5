"""A web app over a temporary server database with two workspaces.

``acme``: an admin, a recruiter and two interviewers; a role from the sample JD with four sample
resumes screened; the first candidate is assigned to ``iv@acme.test``; a team is saved.
``other``: its own admin and a different role (the RAG brief) with two resumes. Acme's users must
never read anything of ``other``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from stackfit.role import load_brief
from stackfit.web import accounts, hiring
from stackfit.web.app import WebSettings, create_app

SAMPLES = Path(__file__).resolve().parents[2] / "src/stackfit/data/samples"
PASSWORD = "correct-horse-battery"
TEAM_YAML = """name: Test team
hours: "09:00-17:00"
timezone: Europe/Berlin
product: {systems: [rag], models: integrate, deployment: cloud}
members:
  - {name: Ana, title: Backend engineer, skills: [Python, FastAPI, PostgreSQL]}
roadmap:
  - {stage: prototype, order: 1}
"""


def resume(name: str) -> tuple[str, bytes]:
    return name, (SAMPLES / "resumes" / name).read_bytes()


@dataclass
class World:
    app: object
    tokens: dict[str, str]  # user key -> API token
    users: dict[str, accounts.User]
    role_id: str
    docs: list[str]  # acme candidates, ranking order
    assigned: str  # the candidate assigned to iv
    unassigned: str
    job_id: str
    other_role: str
    other_doc: str
    other_job: str

    def client(self, who: str | None = None, **kw: object) -> TestClient:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        return TestClient(self.app, headers=headers, **kw)  # type: ignore[arg-type]


def place(app: object, user: accounts.User) -> hiring.Place:
    st = app.state  # type: ignore[attr-defined]
    return hiring.Place(user.workspace_id, user.workspace, accounts.workspace_folder(Path(st.db_path), user.workspace))


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("web"))


def build_world(root: Path) -> World:
    app = create_app(WebSettings(db=root / "stackfit.db"))
    srv = app.state.server
    users = {
        "admin": accounts.add_user(srv, "admin@acme.test", PASSWORD, "admin", "acme"),
        "recruiter": accounts.add_user(srv, "rec@acme.test", PASSWORD, "recruiter", "acme"),
        "interviewer": accounts.add_user(srv, "iv@acme.test", PASSWORD, "interviewer", "acme"),
        "interviewer2": accounts.add_user(srv, "iv2@acme.test", PASSWORD, "interviewer", "acme"),
        "other_admin": accounts.add_user(srv, "admin@other.test", PASSWORD, "admin", "other"),
    }
    tokens = {k: accounts.create_token(srv, u, "tests")[1] for k, u in users.items()}
    acme, other = place(app, users["admin"]), place(app, users["other_admin"])
    jd = (SAMPLES / "roles" / "inference_platform.jd.txt").read_text(encoding="utf-8")
    role = hiring.create_role_from_jd(acme, jd)
    job = app.state.jobs.start(acme, role, [resume(n) for n in ("mei_lin_chen.pdf", "amara_okafor.md", "grace_kim.txt", "noah_fischer.txt")],
                               "admin@acme.test", wait=True)
    assert job.state == "done", job.public()
    docs = [r["document_id"] for r in hiring.ranking(acme, role.id)]
    accounts.assign(srv, users["admin"], users["interviewer"].id, role.id, docs[0])
    hiring.save_team(acme, TEAM_YAML)
    orole = hiring.create_role_from_brief(other, load_brief(SAMPLES / "roles" / "rag_assistant.brief.yaml"))
    ojob = app.state.jobs.start(other, orole, [resume(n) for n in ("tomasz_nowak.md", "priya_raman.pdf")], "admin@other.test", wait=True)
    odocs = [r["document_id"] for r in hiring.ranking(other, orole.id)]
    assert orole.id != role.id and not set(odocs) & set(docs)
    return World(app, tokens, users, role.id, docs, docs[0], docs[1], job.id, orole.id, odocs[0], ojob.id)


@pytest.fixture(scope="session")
def team_yaml() -> str:
    assert yaml.safe_load(TEAM_YAML)["members"]
    return TEAM_YAML
