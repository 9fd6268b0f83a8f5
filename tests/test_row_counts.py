"""Row counts kept by SQLite triggers (``stackfit.store.counts``) equal count(*) through screening, vector
removal, erasure and direct SQL, and a workspace from before the migration gets them filled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text, update

from stackfit import services, trust
from stackfit.embed import encoder_key, get_encoder
from stackfit.index.workspace import WorkspaceIndex, remove_documents
from stackfit.retrieve import search
from stackfit.store import Workspace, documents_t, migrations_t
from stackfit.store.counts import counts_t, embeddings_name, kept_count
from stackfit.store.embeddings import embeddings_t

AS_OF = date(2026, 11, 27)


def _check(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as conn:
        real = {"documents": int(conn.execute(select(func.count()).select_from(documents_t)).scalar_one())}
        for enc, n in conn.execute(select(embeddings_t.c.encoder, func.count()).group_by(embeddings_t.c.encoder)):
            real[embeddings_name(enc)] = int(n)
        kept = {r[0]: int(r[1]) for r in conn.execute(select(counts_t.c.name, counts_t.c.n)) if r[1] != 0}
        assert kept == {k: v for k, v in real.items() if v != 0}
        assert all(kept_count(conn, k) == v for k, v in real.items())
    return real


@pytest.fixture
def screened(screened_sqlite: Path) -> Path:
    return screened_sqlite


def test_kept_counts_follow_every_write(screened: Path, samples: Path) -> None:
    static = encoder_key(get_encoder("static"))
    role = services.load_role_file(samples / "roles" / "rag_assistant.brief.yaml")
    with Workspace(screened) as ws:
        assert _check(ws) == {"documents": 15, embeddings_name(static): 15}
        idx = WorkspaceIndex(ws, get_encoder("static"))
        assert idx.stored_count() == 15
        gone = trust.people.resolve(ws, "amara_okafor.md")
        assert remove_documents(ws, [gone]) == 1
        assert _check(ws) == {"documents": 15, embeddings_name(static): 14}
        # a search embeds the stored document left without a vector, as before
        assert search(ws, role, top=3, as_of=AS_OF).pool == 15
        assert _check(ws)[embeddings_name(static)] == 15
        with ws.engine.begin() as conn:  # writes outside stackfit's code are counted too
            conn.execute(update(embeddings_t).where(embeddings_t.c.document_id == gone).values(encoder="other@1"))
            conn.execute(delete(embeddings_t).where(embeddings_t.c.document_id == "nothing"))
        assert _check(ws) == {"documents": 15, embeddings_name(static): 14, embeddings_name("other@1"): 1}
        trust.delete_candidate(ws, "amara_okafor.md", actor="dpo", reason="asked")
        assert _check(ws) == {"documents": 14, embeddings_name(static): 14}


def test_workspace_from_before_the_counts_gets_them(screened: Path) -> None:
    with Workspace(screened) as ws:
        with ws.engine.begin() as conn:
            for t in [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'row_counts_%'"))]:
                conn.execute(text(f"DROP TRIGGER {t}"))
            conn.execute(text("DROP TABLE row_counts"))
            conn.execute(delete(migrations_t).where(migrations_t.c.name == "0009_row_counts"))
    with Workspace(screened) as ws:
        assert _check(ws)["documents"] == 15
