"""Tables of migration ``0004_web``: accounts of the web app and REST API.

They live in the server database (the ``--db`` of ``stackfit serve``). Each workspace's hiring data lives in its
own SQLite file beside it (``workspaces/<slug>/workspace.db``), so no query can read another
workspace's roles or candidates: the file is chosen from the signed-in user's workspace.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, UniqueConstraint

web_metadata = MetaData()

workspaces_t = Table(
    "web_workspaces", web_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("slug", String, nullable=False, unique=True),
    Column("created_at", String, nullable=False),
)
users_t = Table(
    "web_users", web_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),  # argon2id
    Column("role", String, nullable=False),  # admin, recruiter, interviewer
    Column("workspace_id", Integer, nullable=False, index=True),
    Column("created_at", String, nullable=False),
)
tokens_t = Table(
    "web_api_tokens", web_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, nullable=False, index=True),
    Column("name", String, nullable=False),
    Column("token_hash", String, nullable=False, unique=True),  # sha256 of the random token; the token is shown once
    Column("created_at", String, nullable=False),
)
assignments_t = Table(
    "web_assignments", web_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workspace_id", Integer, nullable=False),
    Column("user_id", Integer, nullable=False, index=True),
    Column("role_id", String, nullable=False),
    Column("document_id", String, nullable=False),
    Column("created_at", String, nullable=False),
    UniqueConstraint("workspace_id", "user_id", "role_id", "document_id"),
)
meta_t = Table(
    "web_meta", web_metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

WEB_TABLES = [workspaces_t, users_t, tokens_t, assignments_t, meta_t]
