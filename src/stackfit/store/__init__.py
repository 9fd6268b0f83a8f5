"""The workspace: documents, candidate profiles, roles and assessments in one database.

SQLite (a file, WAL) is the embedded default; the repository speaks SQLAlchemy Core, so a
``postgresql://`` URL backs the same workspace (``stackfit.store.postgres``). Migrations are an ordered, named list. Documents
are keyed by the sha256 of their bytes, so screening the same files again never duplicates.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from stackfit.errors import NotFoundError, StorageError
from stackfit.models import Assessment, Document, Failure, RoleProfile, Versions
from stackfit.store import postgres
from stackfit.store.trust import TRUST_TABLES
from stackfit.store.vectors import VECTOR_TABLES

metadata = MetaData()

migrations_t = Table("schema_migrations", metadata, Column("name", String, primary_key=True),
                     Column("applied_at", String, nullable=False))
documents_t = Table(
    "documents", metadata,
    Column("id", String, primary_key=True),
    Column("source", Text, nullable=False),
    Column("media_type", String, nullable=False),
    Column("data", Text, nullable=False),  # the Document as JSON
    Column("created_at", String, nullable=False),
)
files_t = Table(
    "files", metadata,
    Column("path", Text, primary_key=True),
    Column("document_id", String, nullable=False, index=True),
    Column("seen_at", String, nullable=False),
)
candidates_t = Table(
    "candidates", metadata,
    Column("document_id", String, primary_key=True),
    Column("versions", String, primary_key=True),
    Column("as_of", String, primary_key=True),
    Column("profile", String, nullable=False),
    Column("data", Text, nullable=False),
)
roles_t = Table(
    "roles", metadata,
    Column("id", String, primary_key=True),
    Column("title", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("created_at", String, nullable=False),
)
assessments_t = Table(
    "assessments", metadata,
    Column("role_id", String, primary_key=True),
    Column("document_id", String, primary_key=True),
    Column("file", Text, nullable=False),
    Column("score", Float, nullable=False, index=True),
    Column("profile", String, nullable=False),
    Column("versions", String, nullable=False),
    Column("data", Text, nullable=False),  # the Assessment as JSON
    Column("entry", Text, nullable=False),  # its ranking.json entry, without the rank
    Column("summary", Text, nullable=False),  # what ranking.csv and the HTML table show
    Column("created_at", String, nullable=False),
)
runs_t = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("role_id", String, nullable=False),
    Column("started_at", String, nullable=False),
    Column("finished_at", String),
    Column("files", Integer, nullable=False, default=0),
    Column("screened", Integer, nullable=False, default=0),
    Column("reused", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
)
failures_t = Table(
    "failures", metadata,
    Column("run_id", Integer, primary_key=True),
    Column("path", Text, primary_key=True),
    Column("code", String, nullable=False),
    Column("message", Text, nullable=False),
)

from stackfit.store.counts import TABLES as COUNT_TABLES  # noqa: E402 - tables of a later migration
from stackfit.store.counts import count_triggers  # noqa: E402
from stackfit.store.embeddings import TABLES as EMBEDDING_TABLES  # noqa: E402 - tables of a later migration
from stackfit.store.embeddings import doc_key  # noqa: E402
from stackfit.store.interviews import TABLES as INTERVIEW_TABLES  # noqa: E402 - tables of a later migration
from stackfit.store.views import CHANGE_TABLES as VIEW_CHANGE_TABLES  # noqa: E402 - tables of a later migration
from stackfit.store.views import TABLES as VIEW_TABLES  # noqa: E402 - tables of a later migration
from stackfit.store.views import backfill as backfill_views  # noqa: E402
from stackfit.store.views import change_triggers, views_t  # noqa: E402
from stackfit.store.web import WEB_TABLES  # noqa: E402 - tables of a later migration

# Ordered, named migrations. Append only; never edit a released one.
MIGRATIONS: list[tuple[str, list[Table]]] = [
    ("0001_initial", [documents_t, files_t, candidates_t, roles_t, assessments_t, runs_t, failures_t]),
    ("0002_interviews", INTERVIEW_TABLES),
    ("0003_trust", TRUST_TABLES),  # audit log, stages, demographics (stackfit.store.trust)
    ("0004_web", WEB_TABLES),  # web accounts: workspaces, users, API tokens, interviewer assignments (stackfit.store.web)
    ("0005_vectors", VECTOR_TABLES),  # document embeddings; pgvector + HNSW on PostgreSQL (stackfit.store.vectors)
    ("0006_embeddings", EMBEDDING_TABLES),  # document vectors per encoder (stackfit.store.embeddings)
    ("0007_candidate_views", VIEW_TABLES),  # the scoring view of each stored profile (stackfit.store.views)
    ("0008_candidate_view_changes", VIEW_CHANGE_TABLES),  # log of view writes, for the filter columns beside the index
    ("0009_row_counts", COUNT_TABLES),  # documents and vectors per encoder, counted by triggers (stackfit.store.counts)
]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def versions_key(v: Versions | dict[str, str]) -> str:
    return json.dumps(v if isinstance(v, dict) else v.model_dump(), sort_keys=True)


def url_for(db: str | Path) -> str:
    s = str(db)
    return postgres.driver_url(s) if "://" in s else f"sqlite:///{Path(s).expanduser()}"


@dataclass(frozen=True)
class Screened:
    """One screened file, already serialised (workers serialise, the writer only inserts)."""

    file: str
    document_id: str
    score: float
    profile: str
    assessment_json: str
    entry_json: str
    summary_json: str
    candidate_json: str | None = None  # None: the stored profile was reused
    document_json: str | None = None
    media_type: str = ""
    label: str = ""  # what reports show instead of the file path (blind mode: a candidate code)
    vector: bytes | None = None  # the document's embedding (float32), computed by the worker that parsed it
    view_json: str | None = None  # the new profile's scoring view (stackfit.score.view), stored beside it
    years: float | None = None  # the profile's years of dated experience (a filter column beside the view)


@dataclass
class RankedRow:
    document_id: str
    file: str
    score: float
    profile: str


class Workspace:
    """Repository over one database. Use as a context manager or call ``close()``."""

    def __init__(self, db: str | Path) -> None:
        self.url = url_for(db)
        if "://" not in str(db):
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot open the workspace: {exc.__class__.__name__}: {exc}".splitlines()[0],
                               hint="check --db: a writable file path or a database URL", path=str(db)) from exc
        except ImportError as exc:  # a URL whose database driver is not installed
            raise StorageError(f"no database driver for this URL ({exc.name or exc})",
                               hint="use a SQLite file path, or install the driver the URL names"
                               + (": pip install 'stackfit[postgres]'" if postgres.is_postgres(self.url) else ""), path=str(db)) from exc

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def _migrate(self) -> None:
        migrations_t.create(self.engine, checkfirst=True)
        with self.engine.begin() as conn:
            done = {r[0] for r in conn.execute(select(migrations_t.c.name))}
            for name, tables in MIGRATIONS:
                if name in done:
                    continue
                for t in tables:
                    t.create(conn, checkfirst=True)
                if name == "0007_candidate_views":  # a workspace screened before: its profiles get their views
                    backfill_views(conn)
                if name == "0008_candidate_view_changes":  # SQLite triggers that fill the log
                    change_triggers(conn)
                if name == "0009_row_counts":  # filled from the stored rows; SQLite triggers keep it exact
                    count_triggers(conn)
                conn.execute(migrations_t.insert().values(name=name, applied_at=_now()))

    # ------------------------------------------------------------------ roles
    def save_role(self, role: RoleProfile) -> None:
        with self.engine.begin() as conn:
            conn.execute(roles_t.delete().where(roles_t.c.id == role.id))
            conn.execute(roles_t.insert().values(id=role.id, title=role.title, data=role.model_dump_json(), created_at=_now()))

    def get_role(self, role_id: str) -> RoleProfile:
        with self.engine.connect() as conn:
            row = conn.execute(select(roles_t.c.data).where(roles_t.c.id == role_id)).first()
        if row is None:
            raise NotFoundError(f"no role {role_id!r} in this workspace", hint="screen with the role first: it is saved in the workspace then")
        return RoleProfile.model_validate_json(row[0])

    def list_roles(self) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(select(roles_t.c.id, roles_t.c.title).order_by(roles_t.c.created_at))]

    # ------------------------------------------------------------------ documents and candidates

    def cached_candidates(self, document_ids: list[str], versions: str, as_of: str) -> dict[str, str]:
        """Stored CandidateProfile JSON for those of ``document_ids`` profiled under the same versions and date."""
        if not document_ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(candidates_t.c.document_id, candidates_t.c.data).where(
                candidates_t.c.document_id.in_(document_ids), candidates_t.c.versions == versions,
                candidates_t.c.as_of == as_of))
            return {r[0]: r[1] for r in rows}

    def get_document(self, document_id: str) -> Document:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents_t.c.data).where(documents_t.c.id == document_id)).first()
        if row is None:
            raise NotFoundError(f"no document {document_id!r} in this workspace")
        return Document.model_validate_json(row[0])

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text(f"SELECT COUNT(*) FROM {metadata.tables[table].name}")).scalar_one())

    # ------------------------------------------------------------------ runs
    def start_run(self, role_id: str) -> int:
        with self.engine.begin() as conn:
            res = conn.execute(runs_t.insert().values(role_id=role_id, started_at=_now(), files=0, screened=0, reused=0, failed=0))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def finish_run(self, run_id: int, *, files: int, screened: int, reused: int, failed: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(runs_t.update().where(runs_t.c.id == run_id).values(
                finished_at=_now(), files=files, screened=screened, reused=reused, failed=failed))

    def store_batch(self, run_id: int, role_id: str, as_of: str, vkey: str, items: list[Screened],
                    failures: Iterable[Failure] = (), also: Callable[[Connection], None] | None = None) -> None:
        """Store one batch in one transaction: new documents and profiles, assessments, failures
        (and whatever ``also`` writes on the same connection, e.g. audit-log entries).

        Either the whole batch is stored or none of it, so an interrupted run never leaves a
        half-stored candidate behind.
        """
        now = _now()
        failures = list(failures)
        try:
            with self.engine.begin() as conn:
                new_docs = [i for i in items if i.document_json is not None]
                if new_docs:
                    ids = [i.document_id for i in new_docs]
                    have = {r[0] for r in conn.execute(select(documents_t.c.id).where(documents_t.c.id.in_(ids)))}
                    rows = [{"id": i.document_id, "source": i.file, "media_type": i.media_type, "data": i.document_json,
                             "created_at": now} for i in new_docs if i.document_id not in have]
                    if rows:
                        conn.execute(documents_t.insert(), rows)
                    conn.execute(candidates_t.delete().where(
                        candidates_t.c.document_id.in_(ids), candidates_t.c.versions == vkey, candidates_t.c.as_of == as_of))
                    conn.execute(candidates_t.insert(), [
                        {"document_id": i.document_id, "versions": vkey, "as_of": as_of, "profile": i.profile,
                         "data": i.candidate_json} for i in new_docs])
                    conn.execute(views_t.delete().where(
                        views_t.c.document_id.in_(ids), views_t.c.versions == vkey, views_t.c.as_of == as_of))
                    views = [{"document_id": i.document_id, "versions": vkey, "as_of": as_of, "key": doc_key(i.document_id), "profile": i.profile,
                              "years": i.years, "data": i.view_json} for i in new_docs if i.view_json is not None]
                    if views:
                        conn.execute(views_t.insert(), views)
                if items:
                    paths = [i.file for i in items]
                    conn.execute(files_t.delete().where(files_t.c.path.in_(paths)))
                    conn.execute(files_t.insert(), [{"path": i.file, "document_id": i.document_id, "seen_at": now} for i in items])
                    doc_ids = [i.document_id for i in items]
                    conn.execute(assessments_t.delete().where(
                        assessments_t.c.role_id == role_id, assessments_t.c.document_id.in_(doc_ids)))
                    conn.execute(assessments_t.insert(), [
                        {"role_id": role_id, "document_id": i.document_id, "file": i.label or i.file, "score": i.score,
                         "profile": i.profile, "versions": vkey, "data": i.assessment_json, "entry": i.entry_json,
                         "summary": i.summary_json, "created_at": now} for i in items])
                if failures:
                    conn.execute(failures_t.delete().where(failures_t.c.run_id == run_id,
                                                           failures_t.c.path.in_([f.file for f in failures])))
                    conn.execute(failures_t.insert(), [{"run_id": run_id, "path": f.file, "code": f.code, "message": f.message}
                                                       for f in failures])
                if also is not None:
                    also(conn)
        except SQLAlchemyError as exc:
            raise StorageError(f"could not store results: {exc}".splitlines()[0],
                               hint="check the disk and that no other program locks the database") from exc

    # ------------------------------------------------------------------ reading results
    def ranking(self, role_id: str, document_ids: set[str] | None = None) -> list[RankedRow]:
        """Assessments of a role, best first (ties broken by file path for determinism)."""
        file_ = assessments_t.c.file.collate("C") if self.engine.dialect.name == "postgresql" else assessments_t.c.file  # byte order
        q = select(assessments_t.c.document_id, assessments_t.c.file, assessments_t.c.score, assessments_t.c.profile).where(
            assessments_t.c.role_id == role_id).order_by(assessments_t.c.score.desc(), file_, assessments_t.c.document_id)
        with self.engine.connect() as conn:
            rows = [RankedRow(*r) for r in conn.execute(q)]
        return [r for r in rows if document_ids is None or r.document_id in document_ids]

    def iter_assessments(self, role_id: str, document_ids: list[str]) -> Iterator[Assessment]:
        """Full assessments in the given order, read in small batches (memory stays flat)."""
        for i in range(0, len(document_ids), 200):
            chunk = document_ids[i:i + 200]
            with self.engine.connect() as conn:
                rows = dict(conn.execute(select(assessments_t.c.document_id, assessments_t.c.data).where(
                    assessments_t.c.role_id == role_id, assessments_t.c.document_id.in_(chunk))).all())
            for d in chunk:
                if d in rows:
                    yield Assessment.model_validate_json(rows[d])


    def iter_report_rows(self, role_id: str, document_ids: list[str]) -> Iterator[tuple[str, str, str]]:
        """(document id, ranking entry JSON, summary JSON) in the given order, in small batches."""
        for i in range(0, len(document_ids), 500):
            chunk = document_ids[i:i + 500]
            with self.engine.connect() as conn:
                rows = {r[0]: (r[1], r[2]) for r in conn.execute(
                    select(assessments_t.c.document_id, assessments_t.c.entry, assessments_t.c.summary).where(
                        assessments_t.c.role_id == role_id, assessments_t.c.document_id.in_(chunk)))}
            for d in chunk:
                if d in rows:
                    yield d, *rows[d]

    def assessment(self, role_id: str, document_id: str) -> Assessment:
        for a in self.iter_assessments(role_id, [document_id]):
            return a
        raise NotFoundError(f"no assessment of {document_id!r} for role {role_id!r}")

    # ------------------------------------------------------------------ vectors (stackfit.store.vectors)
    def put_vectors(self, document_ids: list[str], vectors: object) -> int:
        """Store one embedding per document (replacing any earlier one); see ``stackfit.store.vectors``."""
        from stackfit.store.vectors import put_vectors

        return put_vectors(self.engine, document_ids, vectors)

    def knn(self, vector: object, k: int = 10, filter: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` stored documents nearest to ``vector`` (cosine similarity, best first), among ``filter`` if given."""
        from stackfit.store.vectors import knn

        return knn(self.engine, vector, k, filter)

    def failures(self, run_id: int) -> list[Failure]:
        with self.engine.connect() as conn:
            return [Failure(file=r[0], code=r[1], message=r[2]) for r in conn.execute(
                select(failures_t.c.path, failures_t.c.code, failures_t.c.message).where(failures_t.c.run_id == run_id))]


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA secure_delete=ON")  # erased candidates leave no bytes in freed pages
    cur.close()
