"""The audit log: every assessment, stage change, override, decision and erasure, appended with who,
when and the versions in force. Entries reference a candidate by document id, never by name or email.

The app has no edit path (SQLite triggers abort UPDATE and DELETE of the table). Each entry stores
the sha256 of the previous entry's hash and its own content, so ``verify`` detects an entry changed,
removed or inserted outside the app.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from stackfit.models import Versions
from stackfit.store import Workspace
from stackfit.store.trust import audit_log_t

GENESIS = "0" * 64
_HEAD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one encoder each: json.dumps(**kw) builds one per call
_DETAIL = json.JSONEncoder(sort_keys=True, ensure_ascii=False)
_VERSIONS = json.JSONEncoder(sort_keys=True)
_COLUMNS = ("seq", "at", "actor", "action", "subject", "role_id", "detail", "versions", "prev_hash", "hash")
ACTIONS = ("assessment", "stage", "override", "decision", "erasure", "purge", "demographics_import", "bias_audit")


@dataclass(frozen=True)
class Entry:
    action: str
    subject: str
    actor: str
    detail: dict[str, Any]
    versions: dict[str, str]
    role_id: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _digest(prev: str, seq: int, at: str, actor: str, action: str, subject: str, role_id: str | None, detail: str,
            versions: str) -> str:
    """sha256 over the previous hash and the entry exactly as stored (detail and versions as their stored JSON)."""
    head = _HEAD.encode([seq, at, actor, action, subject, role_id])
    return hashlib.sha256(f"{prev}\n{head}\n{detail}\n{versions}".encode()).hexdigest()


def versions_dict(v: Versions | dict[str, str]) -> dict[str, str]:
    return v.model_dump() if isinstance(v, Versions) else dict(v)


def append(conn: Connection, entries: Iterable[Entry]) -> int:
    """Append entries on an open transaction (the caller's, so they commit with what they record)."""
    entries = list(entries)
    if not entries:
        return 0
    # writers append one at a time, so two never read the same last entry: held to commit
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(8154022311)")
    elif conn.dialect.name == "sqlite":  # a write takes SQLite's write lock before the read below (pysqlite runs
        conn.exec_driver_sql("UPDATE schema_migrations SET name = name WHERE 0")  # a lone SELECT outside the transaction)
    last = conn.execute(select(audit_log_t.c.seq, audit_log_t.c.hash).order_by(audit_log_t.c.seq.desc()).limit(1)).first()
    seq, prev = (int(last[0]), str(last[1])) if last else (0, GENESIS)
    at = _now()
    rows = []
    vjson: dict[int, str] = {}
    for e in entries:
        if e.action not in ACTIONS:
            raise ValueError(f"unknown audit action {e.action!r}")
        seq += 1
        v = vjson.get(id(e.versions)) or vjson.setdefault(id(e.versions), _VERSIONS.encode(e.versions))
        detail = _DETAIL.encode(e.detail)
        h = _digest(prev, seq, at, e.actor, e.action, e.subject, e.role_id, detail, v)
        rows.append((seq, at, e.actor, e.action, e.subject, e.role_id, detail, v, prev, h))
        prev = h
    # straight to the driver's executemany: SQLAlchemy's per-row parameter processing cost more than the rest
    mark = {"qmark": "?", "numeric": ":{}", "named": ":p{}", "format": "%s", "pyformat": "%(p{})s"}[conn.dialect.paramstyle]
    if conn.dialect.paramstyle in ("named", "pyformat", "numeric"):
        marks = ", ".join(mark.format(i) for i in range(1, len(_COLUMNS) + 1))
        params: list[Any] = [{f"p{i}": x for i, x in enumerate(r, start=1)} for r in rows] if "p" in mark else rows
    else:
        marks, params = ", ".join([mark] * len(_COLUMNS)), rows
    conn.exec_driver_sql(f"INSERT INTO audit_log ({', '.join(_COLUMNS)}) VALUES ({marks})", params)
    return len(rows)


def record(ws: Workspace, action: str, subject: str, actor: str, detail: dict[str, Any] | None = None,
           versions: Versions | dict[str, str] | None = None, role_id: str | None = None) -> None:
    """Append one entry in its own transaction: the one function other code calls."""
    if versions is None:
        from stackfit.policy import load_policy

        versions = load_policy().versions
    with ws.engine.begin() as conn:
        append(conn, [Entry(action, subject, actor, detail or {}, versions_dict(versions), role_id)])


def entries(ws: Workspace, *, subject: str | None = None, action: str | None = None) -> Iterator[dict[str, Any]]:
    q = select(audit_log_t).order_by(audit_log_t.c.seq)
    if subject is not None:
        q = q.where(audit_log_t.c.subject == subject)
    if action is not None:
        q = q.where(audit_log_t.c.action == action)
    with ws.engine.connect() as conn:
        for r in conn.execute(q).mappings():
            yield dict(r)


@dataclass(frozen=True)
class Verification:
    entries: int
    ok: bool
    first_bad: int | None = None
    problem: str = ""


def verify(ws: Workspace) -> Verification:
    """Recompute the hash chain from the first entry; report the first entry that does not match."""
    prev, expected_seq, n = GENESIS, 1, 0
    for r in entries(ws):
        n += 1
        if r["seq"] != expected_seq:
            return Verification(n, False, r["seq"], f"entry {expected_seq} is missing (found {r['seq']} next)")
        if r["prev_hash"] != prev:
            return Verification(n, False, r["seq"], "its previous-hash does not match the entry before it")
        if _digest(prev, r["seq"], r["at"], r["actor"], r["action"], r["subject"], r["role_id"], r["detail"], r["versions"]) != r["hash"]:
            return Verification(n, False, r["seq"], "its content does not match its hash (edited outside stackfit)")
        prev, expected_seq = r["hash"], expected_seq + 1
    return Verification(n, True)


def count(ws: Workspace) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit_log_t)).scalar_one())
