"""Tables of migration ``0003_trust``: the append-only audit log, candidate stages, and demographics.

Demographics live in their own table that no scoring code reads (only ``stackfit.audit.impact``
does). The audit log is append-only: triggers (SQLite, or plpgsql on PostgreSQL) abort any UPDATE or DELETE of it, and each
entry stores the hash of the previous one, so an edit made outside the app breaks the chain.
"""

from __future__ import annotations

from sqlalchemy import DDL, Column, Integer, MetaData, String, Table, Text, event

trust_metadata = MetaData()

audit_log_t = Table(
    "audit_log", trust_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String, nullable=False),
    Column("subject", String, nullable=False),  # a document (candidate) id or a role id: never a name or an email
    Column("role_id", String),
    Column("detail", Text, nullable=False),  # JSON
    Column("versions", Text, nullable=False),  # JSON: stackfit, taxonomy, scorer, rules, fingerprint
    Column("prev_hash", String, nullable=False),
    Column("hash", String, nullable=False),
)
stages_t = Table(
    "candidate_stages", trust_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String, nullable=False, index=True),
    Column("role_id", String, nullable=False),
    Column("stage", String, nullable=False),
    Column("actor", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String, nullable=False),
)
demographics_t = Table(
    "demographics", trust_metadata,
    Column("document_id", String, primary_key=True),
    Column("sex", String, nullable=False),
    Column("race_ethnicity", String, nullable=False),
    Column("imported_at", String, nullable=False),
)

for _op in ("UPDATE", "DELETE"):
    event.listen(audit_log_t, "after_create", DDL(
        f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{_op.lower()} BEFORE {_op} ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END").execute_if(dialect="sqlite"))

# PostgreSQL: one plpgsql trigger function that raises on any UPDATE, DELETE or TRUNCATE of the log.
event.listen(audit_log_t, "after_create", DDL(
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$").execute_if(dialect="postgresql"))
event.listen(audit_log_t, "after_create", DDL(
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()").execute_if(dialect="postgresql"))

TRUST_TABLES = [audit_log_t, stages_t, demographics_t]
