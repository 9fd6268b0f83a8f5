"""Table of migration ``0007_candidate_views``: the scoring view of each stored candidate profile.

One row per row of ``candidates`` (same key): the compact part of the profile that the match score
reads, with the vector of its semantic text (``stackfit.score.view``). Re-ranking retrieved candidates
reads these instead of the full profiles, and its structured filters are indexed columns here (reading
them out of 1M profiles' JSON would scan gigabytes). Written with the profile by screening; views missing
for the profiles of an older workspace are computed and stored by the first search.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Connection, Float, Index, Integer, MetaData, String, Table, Text, and_, exists, select

views_metadata = MetaData()

views_t = Table(
    "candidate_views", views_metadata,
    Column("document_id", String, primary_key=True),
    Column("versions", String, primary_key=True),
    Column("as_of", String, primary_key=True),
    Column("key", BigInteger, nullable=False),  # the document's vector-index key (store.embeddings.doc_key)
    Column("profile", String, nullable=False),  # the best-fitting profile id: `stackfit search --filter profile=ID`
    Column("years", Float, nullable=True),  # years of dated experience: `--min-years N`
    Column("data", Text, nullable=False),  # ScoringView.to_json()
    Index("ix_candidate_views_filter", "versions", "profile", "years", "key"),  # covers the filter query
)

TABLES = [views_t]

# Migration ``0008_candidate_view_changes``: on SQLite, triggers log the document id of every insert,
# update and delete of a view row, whatever code writes it; the filter columns kept beside the vector
# index (``stackfit.index.filters``) re-read only those documents' rows. Unused (and empty) on PostgreSQL,
# where filters are SQL.
changes_t = Table(
    "candidate_view_changes", views_metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", String, nullable=False),
    sqlite_autoincrement=True,  # ids are never reused, so a reader's "last seen" stays meaningful
)

CHANGE_TABLES = [changes_t]


def change_triggers(conn: Connection) -> None:
    """Create the triggers that fill ``candidate_view_changes`` (SQLite only)."""
    if conn.dialect.name != "sqlite":
        return
    log = f"INSERT INTO {changes_t.name} (document_id) VALUES"
    for name, event, body in (("ai", "INSERT", f"{log} (NEW.document_id);"),
                              ("ad", "DELETE", f"{log} (OLD.document_id);"),
                              ("au", "UPDATE", f"{log} (OLD.document_id); {log} (NEW.document_id);")):
        conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {views_t.name}_{name} AFTER {event} ON {views_t.name} "
                             f"BEGIN {body} END")


def backfill(conn: Connection, batch: int = 500) -> int:
    """Views for every stored profile that has none (a workspace screened before views existed): run once,
    in the transaction that applies the migration. The semantic vectors are left out; re-ranking encodes
    the texts of views without one."""
    from stackfit.models import CandidateProfile
    from stackfit.score.view import ScoringView
    from stackfit.store import candidates_t
    from stackfit.store.embeddings import doc_key

    have = and_(views_t.c.document_id == candidates_t.c.document_id, views_t.c.versions == candidates_t.c.versions,
                views_t.c.as_of == candidates_t.c.as_of)
    q = select(candidates_t.c.document_id, candidates_t.c.versions, candidates_t.c.as_of, candidates_t.c.profile,
               candidates_t.c.data).where(~exists().where(have))
    rows = conn.execute(q).fetchall()
    for i in range(0, len(rows), batch):
        out = []
        for d, v, a, prof, data in rows[i:i + batch]:
            c = CandidateProfile.model_validate_json(data)
            out.append({"document_id": d, "versions": v, "as_of": a, "key": doc_key(d), "profile": prof, "years": c.years_experience,
                        "data": ScoringView.of(c).to_json()})
        conn.execute(views_t.insert(), out)
    return len(rows)
