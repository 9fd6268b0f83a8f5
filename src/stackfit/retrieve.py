"""Retrieve and re-rank: the first stage over a large pool is vector similarity plus structured
filters; the ``top`` candidates it returns are then scored and ranked by the match score (from their
stored scoring views: the same score as a full assessment, without parsing the full profiles).

``search`` is the service function (``stackfit search`` and the future API call it). Candidates come
from the workspace: every document screened before, whatever role it was screened for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import select

from stackfit.embed import encoder_key, get_encoder
from stackfit.errors import InputError
from stackfit.index.filters import filter_columns
from stackfit.index.workspace import PGVECTOR_ENCODER, WorkspaceIndex, index_dir
from stackfit.models import Assessment, CandidateProfile, Document, RoleProfile, Versions
from stackfit.policy import Policy, load_policy
from stackfit.score import assess, profile_document
from stackfit.score.match import Part, score_view
from stackfit.score.view import ScoringView, view_from_json
from stackfit.store import Workspace, candidates_t, documents_t, versions_key
from stackfit.store.counts import kept_count
from stackfit.store.embeddings import doc_key
from stackfit.store.views import views_t
from stackfit.taxonomy import load_taxonomy


def role_text(role: RoleProfile) -> str:
    """What a role's vector is computed from: its title, profile, skills and stated requirements."""
    tax = load_taxonomy()

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(tax.skills[i].name for i in ids if i in tax.skills)

    groups = "; ".join(" or ".join(tax.skills[i].name for i in g if i in tax.skills) for g in role.any_of)
    parts = [role.title, role.profile.replace("_", " "), f"Must have: {names(role.must_have)}", groups,
             f"Nice to have: {names(role.nice_to_have)}", *(r.text for r in role.open_requirements)]
    return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Filters:
    profile: str | None = None  # the candidate's best-fitting profile id
    min_years: float | None = None  # years of dated experience

    def active(self) -> bool:
        return self.profile is not None or self.min_years is not None

    @classmethod
    def parse(cls, items: list[str], min_years: float | None = None) -> Filters:
        profile = None
        for it in items:
            k, sep, v = it.partition("=")
            if not sep or k.strip() != "profile" or not v.strip():
                raise InputError(f"unknown filter {it!r}", hint="use --filter profile=<profile id> (and --min-years N)")
            profile = v.strip()
        return cls(profile=profile, min_years=min_years)


@dataclass
class Hit:
    """One re-ranked candidate: its match score (with the components ``assess`` reports) from the stored
    scoring view; the full Assessment (flags, checklist, explanation) for the first ``detail`` hits only."""

    document_id: str
    file: str
    similarity: float
    score: float
    profile: str
    years_experience: float | None
    must_met: int
    must_total: int
    components: tuple[Part, ...]  # id, weight, value, points, detail (as in the Assessment)
    assessment: Assessment | None = None


@dataclass
class SearchResult:
    role: RoleProfile
    encoder: str
    pool: int  # vectors in the index
    eligible: int | None  # candidates passing the filters (None: no filter)
    retrieved: int
    versions: Versions
    hits: list[Hit] = field(default_factory=list)
    # with filters: stored documents with no profile under the current rules (screened before a scorer or
    # taxonomy upgrade): filters cannot see them until they are screened again
    unprofiled: int = 0


def _filtered(ws: Workspace, vkey: str, f: Filters, *, keys: bool = False) -> list[str] | np.ndarray:
    """Documents whose stored profile (under the current rules) passes the filters: their ids, or with
    ``keys`` their vector-index keys (what the embedded index filters on), sorted and unique. Keys of a
    SQLite workspace with an index folder come from the filter columns kept beside the index
    (``stackfit.index.filters``: a numpy mask, kept in step with the table); otherwise SQL answers."""
    folder = index_dir(ws) if keys and ws.engine.dialect.name == "sqlite" else None
    if folder is not None:
        return filter_columns(ws, folder, vkey).select(f.profile, f.min_years)
    return _filtered_sql(ws, vkey, f, keys=keys)


def _profiled(ws: Workspace, vkey: str) -> int:
    """Stored documents with a scoring view under the current rules: the ones filters can see."""
    folder = index_dir(ws) if ws.engine.dialect.name == "sqlite" else None
    if folder is not None:
        k = filter_columns(ws, folder, vkey).keys  # sorted; a document viewed at several dates is there more than once
        return int(len(k) and 1 + np.count_nonzero(k[1:] != k[:-1]))
    mark = "?" if ws.engine.dialect.paramstyle == "qmark" else "%s"
    with ws.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(DISTINCT document_id) FROM {views_t.name} WHERE versions = {mark}",
                                        (vkey,)).scalar_one())


def _filtered_sql(ws: Workspace, vkey: str, f: Filters, *, keys: bool = False) -> list[str] | np.ndarray:
    """The SQL filter: indexed columns of the scoring views (``stackfit.store.views``), not the profiles' JSON."""
    if keys:  # tens of thousands of rows at 1M candidates: plain driver rows, no per-row result objects
        mark = "?" if ws.engine.dialect.paramstyle == "qmark" else "%s"
        sql, params = f"SELECT key FROM {views_t.name} WHERE versions = {mark}", list[str | float]([vkey])
        if f.profile is not None:
            sql, params = sql + f" AND profile = {mark}", [*params, f.profile]
        if f.min_years is not None:
            sql, params = sql + f" AND years >= {mark}", [*params, float(f.min_years)]
        with ws.engine.connect() as conn:
            return np.unique(np.fromiter((r[0] for r in conn.exec_driver_sql(sql, tuple(params))), dtype=np.int64))
    q = select(views_t.c.document_id).where(views_t.c.versions == vkey).distinct()
    if f.profile is not None:
        q = q.where(views_t.c.profile == f.profile)
    if f.min_years is not None:
        q = q.where(views_t.c.years >= f.min_years)
    with ws.engine.connect() as conn:
        return list(conn.execute(q).scalars().all())


def _candidates(ws: Workspace, ids: list[str], vkey: str, as_of: date) -> dict[str, CandidateProfile]:
    """Stored profiles under the current rules and date; the others are profiled from the stored document."""
    with ws.engine.connect() as conn:
        got = {r[0]: CandidateProfile.model_validate_json(r[1]) for r in conn.execute(
            select(candidates_t.c.document_id, candidates_t.c.data).where(
                candidates_t.c.document_id.in_(ids), candidates_t.c.versions == vkey, candidates_t.c.as_of == as_of.isoformat()))}
        rest = [d for d in ids if d not in got]
        if rest:
            for r in conn.execute(select(documents_t.c.id, documents_t.c.data).where(documents_t.c.id.in_(rest))):
                got[r[0]] = profile_document(Document.model_validate_json(r[1]), as_of=as_of)
    return got


def _views(ws: Workspace, ids: list[str], vkey: str, as_of: date) -> dict[str, tuple[ScoringView, tuple[str, np.ndarray] | None]]:
    """Stored scoring views under the current rules and date. A view missing or of another view version
    is computed from the stored profile and stored now; a document with no profile under these rules and
    date is profiled from the stored document."""
    out: dict[str, tuple[ScoringView, tuple[str, np.ndarray] | None]] = {}
    with ws.engine.connect() as conn:
        for d, raw in conn.execute(select(views_t.c.document_id, views_t.c.data).where(
                views_t.c.document_id.in_(ids), views_t.c.versions == vkey, views_t.c.as_of == as_of.isoformat())):
            got = view_from_json(raw)
            if got is not None:
                out[d] = got
    rest = [d for d in ids if d not in out]
    if rest:
        cands = _candidates(ws, rest, vkey, as_of)
        stored = set(ws.cached_candidates(rest, vkey, as_of.isoformat()))
        rows = []
        for d, c in cands.items():
            view = ScoringView.of(c)
            out[d] = (view, None)
            if d in stored:
                rows.append({"document_id": d, "versions": vkey, "as_of": as_of.isoformat(), "key": doc_key(d), "profile": c.profile,
                             "years": c.years_experience, "data": view.to_json()})
        if rows:
            with ws.engine.begin() as conn:
                conn.execute(views_t.delete().where(views_t.c.document_id.in_([r["document_id"] for r in rows]),
                                                    views_t.c.versions == vkey, views_t.c.as_of == as_of.isoformat()))
                conn.execute(views_t.insert(), rows)
    return out


def rerank(ws: Workspace, near: list[tuple[str, float]], role: RoleProfile, *, vkey: str, as_of: date,
           policy: Policy, detail: int = 0) -> list[Hit]:
    """The second stage: read the retrieved candidates' scoring views in one query, score each against the
    role exactly as ``assess`` does (semantic vectors stored with the views; the texts of views without one
    encoded in one batch) and rank them by match score (ties: file, id). The first ``detail`` hits are also
    assessed in full from their stored profiles."""
    views = _views(ws, [d for d, _ in near], vkey, as_of)
    sem = policy.scoring.match.semantic
    if sem is not None and sem.weight > 0:
        from stackfit.embed.signal import prime_texts

        key = encoder_key(get_encoder(sem.encoder))
        known = {v.semantic_text: vec[1] for v, vec in views.values() if vec is not None and vec[0] == key}
        prime_texts([v.semantic_text for v, _ in views.values()], sem.encoder, known=known)
    taxonomy = load_taxonomy()
    hits = []
    for d, sim in near:
        if d in views:
            v = views[d][0]
            sv = score_view(v, role, policy=policy, taxonomy=taxonomy)
            hits.append(Hit(document_id=d, file=v.file, similarity=round(sim, 4), score=sv.score, profile=v.profile,
                            years_experience=v.years_experience, must_met=sv.must.met, must_total=sv.must.total,
                            components=sv.components))
    hits.sort(key=lambda h: (-h.score, h.file, h.document_id))
    if detail > 0 and hits:
        cands = _candidates(ws, [h.document_id for h in hits[:detail]], vkey, as_of)
        for h in hits[:detail]:
            h.assessment = assess(cands[h.document_id], role, policy=policy, taxonomy=taxonomy)
    return hits


def search(ws: Workspace, role: RoleProfile, *, top: int = 100, filters: Filters | None = None, encoder: str = "static",
           as_of: date | None = None, index: WorkspaceIndex | None = None, detail: int = 0) -> SearchResult:
    """Retrieve the ``top`` stored candidates nearest to the role's vector (among those passing
    ``filters``), score each against the role and return them ranked by match score (ties: file);
    the first ``detail`` are assessed in full (flags, checklist, explanation)."""
    if top < 1:
        raise InputError("--top must be at least 1", hint="e.g. --top 100")
    as_of = as_of or date.today()
    filters = filters or Filters()
    policy = load_policy()
    known = sorted({p.id for p in policy.profiles.profiles} | {"other"})
    if filters.profile is not None and filters.profile not in known:
        raise InputError(f"unknown profile {filters.profile!r} in --filter", hint=f"use one of: {', '.join(known)}")
    vkey = versions_key(policy.versions)
    enc = get_encoder(encoder)
    idx = index or WorkspaceIndex(ws, enc, pgvector=encoder == PGVECTOR_ENCODER)
    with ws.engine.connect() as conn:
        stored = kept_count(conn, "documents")  # O(1) on SQLite (kept by triggers); None: count the rows
        stored = ws.count("documents") if stored is None else stored
        all_docs = [r[0] for r in conn.execute(select(documents_t.c.id))] if idx.stored_count() < stored else []
    if all_docs:  # documents stored before the index existed (or by another encoder): embed them now
        idx.add_documents(all_docs)
    allowed = _filtered(ws, vkey, filters, keys=not idx.pg) if filters.active() else None
    unprofiled = max(0, stored - _profiled(ws, vkey)) if allowed is not None else 0
    qv = enc.encode([role_text(role)])[0]
    near = idx.search(qv, top, allowed)
    hits = rerank(ws, near, role, vkey=vkey, as_of=as_of, policy=policy, detail=detail)
    return SearchResult(role=role, encoder=encoder_key(enc), pool=idx.size(), eligible=None if allowed is None else len(allowed),
                        retrieved=len(near), versions=policy.versions, hits=hits, unprofiled=unprofiled)
