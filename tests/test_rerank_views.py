"""Re-ranking from stored scoring views gives the scores a full assessment gives."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from stackfit import services, trust
from stackfit.errors import InputError
from stackfit.policy import load_policy
from stackfit.retrieve import Filters, search
from stackfit.score import assess
from stackfit.score.match import score_view
from stackfit.score.view import VIEW_VERSION, ScoringView, view_from_json
from stackfit.store import Workspace, candidates_t, migrations_t
from stackfit.store.views import views_t

AS_OF = date(2026, 11, 27)


def _roles(samples: Path) -> list:  # type: ignore[type-arg]
    return [services.load_role_file(p) for p in sorted((samples / "roles").iterdir()) if p.is_file()]


def test_score_of_the_view_is_the_assessment_score_for_every_sample_pair(samples: Path) -> None:
    roles = _roles(samples)
    # the four AI roles, and a role that names no AI-stack skill (scored on requirements and title fit)
    roles.append(services.load_role_file(samples / "roles" / "inference_platform.jd.txt").model_copy(
        update={"id": "backend", "title": "Backend Developer", "must_have": ("languages.java", "languages.sql"), "any_of": (), "nice_to_have": ()}))
    cands = [services.profile_file(p, as_of=AS_OF) for p in sorted((samples / "resumes").iterdir())]
    policy = load_policy()
    # the views are a small part of the stored profiles
    assert sum(len(ScoringView.of(c).to_json()) for c in cands) < 0.3 * sum(len(c.model_dump_json()) for c in cands)
    for c in cands:
        raw = ScoringView.of(c).to_json()
        got = view_from_json(raw)
        assert got is not None
        view, vec = got
        assert view == ScoringView.of(c) and vec is None
        for role in roles:
            a = assess(c, role, policy=policy)
            sv = score_view(view, role, policy=policy)
            assert (sv.score, [p._asdict() for p in sv.components]) == (a.score, [x.model_dump() for x in a.components]), (c.file, role.id)
            assert (sv.must.met, sv.must.total) == (a.must_have.met, a.must_have.total)


def test_a_view_of_another_version_is_ignored(samples: Path) -> None:
    c = services.profile_file(samples / "resumes" / "amara_okafor.md", as_of=AS_OF)
    raw = ScoringView.of(c).to_json().replace(f'"v":{VIEW_VERSION},', '"v":0,', 1)
    assert raw != ScoringView.of(c).to_json()
    assert view_from_json(raw) is None


@pytest.fixture
def screened(tmp_path: Path, samples: Path, db: str) -> str:
    resumes = tmp_path / "resumes"
    shutil.copytree(samples / "resumes", resumes)
    role = services.load_role_file(samples / "roles" / "rag_assistant.brief.yaml")
    with Workspace(db) as ws:
        assert services.screen(role, [resumes], workspace=ws, as_of=AS_OF, workers=1, actor="tester").screened == 15
    return db


def _views(ws: Workspace) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(views_t)).scalar_one())


def test_search_scores_from_views_detail_and_backfill(screened: str, samples: Path) -> None:
    role = services.load_role_file(samples / "roles" / "ml_engineer_recsys.brief.yaml")
    with Workspace(screened) as ws:
        assert _views(ws) == ws.count("candidates") == 15  # screening stored a view with every profile
        res = search(ws, role, top=15, as_of=AS_OF, detail=4)
        assert len(res.hits) == 15 and res.versions == load_policy().versions
        with ws.engine.connect() as conn:
            stored = {r[0]: r[1] for r in conn.execute(select(candidates_t.c.document_id, candidates_t.c.data))}
        from stackfit.models import CandidateProfile

        for h in res.hits:  # every score is the full assessment's, and only the first 4 carry it
            full = assess(CandidateProfile.model_validate_json(stored[h.document_id]), role)
            assert (h.score, h.must_met) == (full.score, full.must_have.met)
            assert [p._asdict() for p in h.components] == [x.model_dump() for x in full.components]
        assert all(h.assessment is not None and h.assessment.score == h.score for h in res.hits[:4])
        assert all(h.assessment is None for h in res.hits[4:])
        assert [h.score for h in res.hits] == sorted((h.score for h in res.hits), reverse=True)

        # views of an older view version: search computes and stores them again, same ranking
        with ws.engine.begin() as conn:
            conn.execute(update(views_t).values(data=func.replace(views_t.c.data, f'"v":{VIEW_VERSION},', '"v":0,')))
        again = search(ws, role, top=15, as_of=AS_OF)
        assert [(h.document_id, h.score) for h in again.hits] == [(h.document_id, h.score) for h in res.hits]
        with ws.engine.connect() as conn:
            assert all(f'"v":{VIEW_VERSION},' in r[0] for r in conn.execute(select(views_t.c.data)))
        # the filters read the views' columns
        ml = search(ws, role, top=15, filters=Filters(profile="ml_engineer", min_years=3), as_of=AS_OF)
        assert ml.eligible is not None and 0 < ml.eligible < 15 and len(ml.hits) == ml.eligible
        assert all(h.profile == "ml_engineer" and (h.years_experience or 0) >= 3 for h in ml.hits)
        with pytest.raises(InputError, match="unknown profile 'ml_enginer'") as err:  # a typo is an error, not 0 hits
            search(ws, role, top=15, filters=Filters(profile="ml_enginer"), as_of=AS_OF)
        assert "ml_engineer" in (err.value.hint or "")

    # a workspace screened before views existed: opening it applies the migration, which fills them in
    with Workspace(screened) as ws, ws.engine.begin() as conn:
        conn.execute(delete(views_t))
        conn.execute(delete(migrations_t).where(migrations_t.c.name == "0007_candidate_views"))
    with Workspace(screened) as ws:
        assert _views(ws) == 15
        again = search(ws, role, top=15, as_of=AS_OF)
        assert [(h.document_id, h.score) for h in again.hits] == [(h.document_id, h.score) for h in res.hits]
        # erasure takes the view with the profile
        gone = trust.delete_candidate(ws, "amara_okafor.md", actor="dpo", reason="asked")
        assert gone.rows["candidate_views"] == 1 and _views(ws) == 14


def test_search_and_embed_need_an_existing_workspace(tmp_path: Path, samples: Path) -> None:
    from typer.testing import CliRunner

    from stackfit.cli import app

    missing = tmp_path / "nowhere.db"
    for args in (["search", str(samples / "roles" / "rag_assistant.brief.yaml")], ["embed"]):
        r = CliRunner().invoke(app, [*args, "--db", str(missing)])
        assert r.exit_code == 1 and "no such workspace" in r.output, r.output
        assert not missing.exists()  # not created empty


def test_filters_say_how_many_candidates_were_profiled_under_other_rules(screened: str, samples: Path) -> None:
    """After a scorer or taxonomy upgrade the stored views are of older rules: filters cannot see those
    candidates, and the search says how many (the CLI prints the fix) instead of returning fewer in silence."""
    from typer.testing import CliRunner

    from stackfit.cli import app

    role = services.load_role_file(samples / "roles" / "ml_engineer_recsys.brief.yaml")
    f = Filters(profile="ml_engineer")
    with Workspace(screened) as ws:
        before = search(ws, role, top=15, filters=f, as_of=AS_OF)
        assert before.unprofiled == 0 and before.eligible
        with ws.engine.connect() as conn:
            ids = sorted(r[0] for r in conn.execute(select(views_t.c.document_id)))[:6]
        with ws.engine.begin() as conn:  # as if 6 were screened under an older scorer: their profiles and views
            for t in (candidates_t, views_t):
                conn.execute(update(t).where(t.c.document_id.in_(ids)).values(versions="older rules"))
        after = search(ws, role, top=15, filters=f, as_of=AS_OF)
        assert after.unprofiled == 6
        assert search(ws, role, top=15, as_of=AS_OF).unprofiled == 0  # no filter: every candidate is scored
    if "://" not in screened:  # the CLI against the SQLite file
        r = CliRunner().invoke(app, ["search", str(samples / "roles" / "ml_engineer_recsys.brief.yaml"), "--db", screened,
                                     "--filter", "profile=ml_engineer", "--as-of", AS_OF.isoformat()])
        assert r.exit_code == 0, r.output
        note = " ".join(r.stderr.split())  # the note goes to stderr (wrapped to the terminal)
        assert "6 of the stored candidates have no profile under the current rules" in note, (r.stdout, r.stderr)
        assert "stackfit screen" in note
