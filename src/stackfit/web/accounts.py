"""Accounts of the web app: workspaces, users (argon2id password hashes), API tokens (stored as
sha256) and interviewer assignments. Plain functions over the server database; the CLI
(``stackfit user add``) and the API call them. None prints."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from stackfit.errors import InputError, NotFoundError
from stackfit.store import Workspace
from stackfit.store.web import assignments_t, meta_t, tokens_t, users_t, workspaces_t

UserRole = Literal["admin", "recruiter", "interviewer"]
USER_ROLES: tuple[str, ...] = ("admin", "recruiter", "interviewer")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class User:
    id: int
    email: str
    role: str
    workspace_id: int
    workspace: str


def workspace_id(server: Workspace, slug: str, *, create: bool = False) -> int:
    if not _SLUG.match(slug):
        raise InputError(f"bad workspace name {slug!r}", hint="use lower-case letters, digits and hyphens (at most 40)")
    with server.engine.begin() as conn:
        row = conn.execute(select(workspaces_t.c.id).where(workspaces_t.c.slug == slug)).first()
        if row is not None:
            return int(row[0])
        if not create:
            raise NotFoundError(f"no workspace {slug!r}", hint="create it with `stackfit user add EMAIL --workspace NAME`")
        return int(conn.execute(workspaces_t.insert().values(slug=slug, created_at=_now())).inserted_primary_key[0])  # type: ignore[index]


def add_user(server: Workspace, email: str, password: str, role: str, workspace: str = "default") -> User:
    """Create a local account; the workspace is created when it does not exist yet."""
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise InputError(f"{email!r} is not an email address", hint="give an address like ana@example.com")
    if role not in USER_ROLES:
        raise InputError(f"unknown role {role!r}", hint=f"use one of: {', '.join(USER_ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password is shorter than {MIN_PASSWORD} characters", hint="choose a longer password")
    ws_id = workspace_id(server, workspace, create=True)
    try:
        with server.engine.begin() as conn:
            uid = conn.execute(users_t.insert().values(email=email, password_hash=_hasher.hash(password), role=role,
                                                       workspace_id=ws_id, created_at=_now())).inserted_primary_key[0]  # type: ignore[index]
    except IntegrityError:
        raise InputError(f"a user {email!r} exists already", hint="choose another email") from None
    return User(int(uid), email, role, ws_id, workspace)


def _user_query():  # type: ignore[no-untyped-def]
    return select(users_t.c.id, users_t.c.email, users_t.c.role, users_t.c.workspace_id, workspaces_t.c.slug).join(
        workspaces_t, workspaces_t.c.id == users_t.c.workspace_id)


def get_user(server: Workspace, user_id: int) -> User | None:
    with server.engine.connect() as conn:
        row = conn.execute(_user_query().where(users_t.c.id == user_id)).first()
    return User(*row) if row is not None else None


def list_users(server: Workspace, ws_id: int) -> list[User]:
    with server.engine.connect() as conn:
        return [User(*r) for r in conn.execute(_user_query().where(users_t.c.workspace_id == ws_id).order_by(users_t.c.email))]


def all_users(server: Workspace) -> list[User]:
    with server.engine.connect() as conn:
        return [User(*r) for r in conn.execute(_user_query().order_by(users_t.c.email))]


def authenticate(server: Workspace, email: str, password: str) -> User | None:
    """The user whose email and password match, else None (the same answer for an unknown email)."""
    with server.engine.connect() as conn:
        row = conn.execute(select(users_t.c.id, users_t.c.password_hash).where(users_t.c.email == email.strip().lower())).first()
    if row is None:
        _hasher.hash(password)  # spend the same time as a real check
        return None
    try:
        _hasher.verify(row[1], password)
    except (VerificationError, InvalidHashError):
        return None
    return get_user(server, int(row[0]))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(server: Workspace, user: User, name: str) -> tuple[int, str]:
    """A new API token for ``user``: (id, the token). Only its hash is stored; the token is shown once."""
    if not name.strip():
        raise InputError("the token name is empty", hint="name the token after the script that uses it")
    token = "sf_" + secrets.token_urlsafe(32)
    with server.engine.begin() as conn:
        tid = conn.execute(tokens_t.insert().values(user_id=user.id, name=name.strip()[:100], token_hash=_token_hash(token),
                                                    created_at=_now())).inserted_primary_key[0]  # type: ignore[index]
    return int(tid), token


def list_tokens(server: Workspace, user: User) -> list[dict[str, object]]:
    with server.engine.connect() as conn:
        return [{"id": r[0], "name": r[1], "created_at": r[2]} for r in conn.execute(
            select(tokens_t.c.id, tokens_t.c.name, tokens_t.c.created_at).where(tokens_t.c.user_id == user.id).order_by(tokens_t.c.id))]


def revoke_token(server: Workspace, user: User, token_id: int) -> None:
    with server.engine.begin() as conn:
        n = conn.execute(tokens_t.delete().where(tokens_t.c.id == token_id, tokens_t.c.user_id == user.id)).rowcount
    if not n:
        raise NotFoundError(f"no token {token_id} of yours")


def user_for_token(server: Workspace, token: str) -> User | None:
    with server.engine.connect() as conn:
        row = conn.execute(select(tokens_t.c.user_id).where(tokens_t.c.token_hash == _token_hash(token))).first()
    return get_user(server, int(row[0])) if row is not None else None


def assign(server: Workspace, by: User, interviewer_id: int, role_id: str, document_id: str) -> None:
    target = get_user(server, interviewer_id)
    if target is None or target.workspace_id != by.workspace_id:
        raise NotFoundError(f"no user {interviewer_id} in this workspace")
    if target.role != "interviewer":
        raise InputError(f"{target.email} is not an interviewer", hint="assign a user whose role is interviewer")
    with server.engine.begin() as conn:
        have = conn.execute(select(assignments_t.c.id).where(
            assignments_t.c.workspace_id == by.workspace_id, assignments_t.c.user_id == interviewer_id,
            assignments_t.c.role_id == role_id, assignments_t.c.document_id == document_id)).first()
        if have is None:
            conn.execute(assignments_t.insert().values(workspace_id=by.workspace_id, user_id=interviewer_id, role_id=role_id,
                                                       document_id=document_id, created_at=_now()))


def assignments(server: Workspace, user: User) -> list[tuple[str, str]]:
    """(role id, document id) pairs assigned to an interviewer, oldest first."""
    with server.engine.connect() as conn:
        return [(r[0], r[1]) for r in conn.execute(select(assignments_t.c.role_id, assignments_t.c.document_id).where(
            assignments_t.c.workspace_id == user.workspace_id, assignments_t.c.user_id == user.id).order_by(assignments_t.c.id))]


def is_assigned(server: Workspace, user: User, role_id: str, document_id: str) -> bool:
    return (role_id, document_id) in set(assignments(server, user))


def assigned_to(server: Workspace, ws_id: int, role_id: str, document_id: str) -> list[str]:
    with server.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(users_t.c.email).join(assignments_t, assignments_t.c.user_id == users_t.c.id).where(
            assignments_t.c.workspace_id == ws_id, assignments_t.c.role_id == role_id, assignments_t.c.document_id == document_id))]


def secret_key(server: Workspace) -> str:
    """The key that signs session cookies: made once per server database and kept in it."""
    with server.engine.begin() as conn:
        row = conn.execute(select(meta_t.c.value).where(meta_t.c.key == "secret_key")).first()
        if row is not None:
            return str(row[0])
        key = secrets.token_urlsafe(48)
        conn.execute(meta_t.insert().values(key="secret_key", value=key))
        return key


def workspace_folder(server_db: Path, slug: str) -> Path:
    """Where a workspace keeps its database, uploads and reports."""
    return server_db.parent / "workspaces" / slug
