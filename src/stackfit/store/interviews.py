"""Interview scorecards and hiring decisions in the workspace (migration ``0002_interviews``).

Append-only: a scorecard or decision is never updated. An interviewer who scores a stage again
adds a scorecard; the latest one per interviewer and stage counts, earlier ones stay as history.
The latest decision for a candidate is the current one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Boolean, Column, Float, Integer, MetaData, String, Table, Text, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from stackfit.errors import StorageError
from stackfit.interview.models import Decision, Scorecard

metadata = MetaData()

scorecards_t = Table(
    "scorecards", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("role_id", String, nullable=False, index=True),
    Column("document_id", String, nullable=False, index=True),
    Column("interviewer", Text, nullable=False),
    Column("stage", String, nullable=False),
    Column("scores", Text, nullable=False),  # {kit question id: 1-4} as JSON
    Column("item_notes", Text, nullable=False),  # {kit question id: note} as JSON
    Column("notes", Text, nullable=False),
    Column("versions", Text, nullable=False),  # question bank and interview rules versions, as JSON
    Column("created_at", String, nullable=False),
)
decisions_t = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("role_id", String, nullable=False, index=True),
    Column("document_id", String, nullable=False, index=True),
    Column("recommendation", String, nullable=False),
    Column("combined", Float),
    Column("decision", String, nullable=False),
    Column("overridden", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_by", Text, nullable=False),
    Column("versions", Text, nullable=False),  # the rules the recommendation came from, as JSON
    Column("created_at", String, nullable=False),
)
TABLES = [scorecards_t, decisions_t]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_scorecard(engine: Engine, card: Scorecard) -> Scorecard:
    now = card.created_at or _now()
    try:
        with engine.begin() as conn:
            res = conn.execute(scorecards_t.insert().values(
                role_id=card.role_id, document_id=card.document_id, interviewer=card.interviewer, stage=card.stage,
                scores=json.dumps(card.scores, sort_keys=True), item_notes=json.dumps(card.item_notes, sort_keys=True),
                notes=card.notes, versions=json.dumps(card.versions, sort_keys=True), created_at=now))
            new_id = int(res.inserted_primary_key[0])  # type: ignore[index]
    except SQLAlchemyError as exc:
        raise StorageError(f"could not store the scorecard: {exc}".splitlines()[0], hint="check the workspace file") from exc
    return card.model_copy(update={"id": new_id, "created_at": now})


def scorecards(engine: Engine, role_id: str, document_id: str, *, latest_only: bool = True) -> list[Scorecard]:
    """Scorecards of one candidate for one role, oldest first; by default the latest per interviewer and stage."""
    q = select(scorecards_t).where(scorecards_t.c.role_id == role_id, scorecards_t.c.document_id == document_id
                                   ).order_by(scorecards_t.c.id)
    with engine.connect() as conn:
        rows = list(conn.execute(q).mappings())
    cards = [Scorecard(id=r["id"], role_id=r["role_id"], document_id=r["document_id"], interviewer=r["interviewer"],
                       stage=r["stage"], scores=json.loads(r["scores"]), item_notes=json.loads(r["item_notes"]),
                       notes=r["notes"], versions=json.loads(r["versions"]), created_at=r["created_at"]) for r in rows]
    if not latest_only:
        return cards
    latest: dict[tuple[str, str], Scorecard] = {}
    for c in cards:
        latest[(c.interviewer, c.stage)] = c
    return sorted(latest.values(), key=lambda c: c.id or 0)


def add_decision(engine: Engine, d: Decision, combined: float | None) -> Decision:
    now = d.created_at or _now()
    try:
        with engine.begin() as conn:
            res = conn.execute(decisions_t.insert().values(
                role_id=d.role_id, document_id=d.document_id, recommendation=d.recommendation, combined=combined,
                decision=d.decision, overridden=d.overridden, reason=d.reason, decided_by=d.decided_by,
                versions=json.dumps(d.versions, sort_keys=True), created_at=now))
            new_id = int(res.inserted_primary_key[0])  # type: ignore[index]
    except SQLAlchemyError as exc:
        raise StorageError(f"could not store the decision: {exc}".splitlines()[0], hint="check the workspace file") from exc
    return d.model_copy(update={"id": new_id, "created_at": now})


def decisions(engine: Engine, role_id: str, document_id: str) -> list[Decision]:
    """Every decision for a candidate, oldest first (the last one is the current decision)."""
    q = select(decisions_t).where(decisions_t.c.role_id == role_id, decisions_t.c.document_id == document_id
                                  ).order_by(decisions_t.c.id)
    with engine.connect() as conn:
        return [Decision(id=r["id"], role_id=r["role_id"], document_id=r["document_id"], recommendation=r["recommendation"],
                         decision=r["decision"], overridden=bool(r["overridden"]), reason=r["reason"],
                         decided_by=r["decided_by"], versions=json.loads(r["versions"]), created_at=r["created_at"])
                for r in conn.execute(q).mappings()]
