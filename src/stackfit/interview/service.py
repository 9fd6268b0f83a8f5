"""Interview services: what the CLI (and later the REST API) call. None prints; all take typed inputs.

A candidate is named by a resume file (profiled on the fly) or by what the workspace knows after
``stackfit screen``: a document id (or a prefix of at least 8 characters), the screened file's
path, or its file name.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from sqlalchemy import select

from stackfit.errors import InputError, NotFoundError
from stackfit.interview.bank import load_bank
from stackfit.interview.decision import INSUFFICIENT, checklist, recommend
from stackfit.interview.kit import build_kit
from stackfit.interview.models import CheckItem, Decision, InterviewSummary, Kit, Recommendation, Scorecard
from stackfit.interview.scorecard import summarise, validate_scores
from stackfit.models import Assessment, RoleProfile
from stackfit.store import Workspace, assessments_t
from stackfit.store import interviews as store


def find_assessment(ws: Workspace, role: RoleProfile, candidate: str) -> Assessment:
    """The stored assessment of ``candidate`` for ``role``: by document id (or prefix), file path or file name."""
    c = assessments_t.c
    with ws.engine.connect() as conn:
        rows = [(r[0], r[1]) for r in conn.execute(select(c.document_id, c.file).where(c.role_id == role.id))]
    if not rows:
        raise NotFoundError(f"no candidate has been screened for the role '{role.title}' in this workspace",
                            hint="run `stackfit screen ROLE RESUMES --db ...` first, or give a resume file", path=str(ws.url))
    for test in (lambda d, f: d == candidate, lambda d, f: f == candidate,
                 lambda d, f: len(candidate) >= 8 and d.startswith(candidate), lambda d, f: Path(f).name == candidate):
        hits = sorted({d for d, f in rows if test(d, f)})
        if len(hits) == 1:
            return ws.assessment(role.id, hits[0])
        if len(hits) > 1:
            raise InputError(f"{candidate!r} names {len(hits)} screened candidates",
                             hint="give the document id (see `stackfit screen --json`) or the full path")
    raise NotFoundError(f"no screened candidate {candidate!r} for the role '{role.title}'",
                        hint="give a resume file, or a document id, path or file name that `stackfit screen` stored")


def candidate_assessment(role: RoleProfile, candidate: str, *, workspace: Workspace | None, as_of: date | None = None,
                         store_file: bool = False) -> Assessment:
    """Assess ``candidate`` for ``role``: a resume file is profiled on the fly (and screened into the workspace
    when ``store_file``, so scorecards refer to a stored candidate); anything else is looked up in the workspace."""
    path = Path(candidate)
    if path.is_file():
        if store_file and workspace is not None:
            from stackfit.services import screen

            result = screen(role, [path], workspace=workspace, as_of=as_of, workers=1)
            if result.failures:
                f = result.failures[0]
                raise InputError(f.message, hint=f.hint, path=f.file)
            return workspace.assessment(role.id, result.document_ids[0])
        from stackfit.score import assess
        from stackfit.services import profile_file

        return assess(profile_file(path, as_of=as_of), role)
    if workspace is None:
        raise InputError("not a file", hint="give a resume file, or --db with a workspace that screened the candidate", path=candidate)
    return find_assessment(workspace, role, candidate)


def interview_kit(role: RoleProfile, assessment: Assessment | None = None, *, caps: Mapping[str, int] | None = None) -> Kit:
    """A structured interview kit for ``role``, targeted at the candidate when an assessment is given."""
    return build_kit(role, assessment, caps=dict(caps) if caps else None)


def record_scorecard(ws: Workspace, role: RoleProfile, assessment: Assessment, *, interviewer: str, stage: str,
                     scores: Mapping[str, object], notes: str = "", item_notes: Mapping[str, str] | None = None) -> Scorecard:
    """Validate and store one interviewer's scores for one stage (append-only)."""
    if not interviewer.strip():
        raise InputError("the interviewer's name is empty", hint="give --interviewer NAME")
    clean = validate_scores(stage, scores)
    extra = sorted(set(item_notes or {}) - set(clean))
    if extra:
        raise InputError(f"notes for unscored items: {', '.join(extra)}", hint="add a score for each item that has a note")
    if not _has_role(ws, role):
        ws.save_role(role)
    card = Scorecard(role_id=role.id, document_id=assessment.document_id, interviewer=interviewer.strip(), stage=stage,  # type: ignore[arg-type]
                     scores=clean, notes=notes, item_notes=dict(sorted((item_notes or {}).items())), versions=load_bank().versions)
    return store.add_scorecard(ws.engine, card)


def _has_role(ws: Workspace, role: RoleProfile) -> bool:
    return any(rid == role.id for rid, _ in ws.list_roles())


def interview_summary(ws: Workspace, role: RoleProfile, assessment: Assessment) -> InterviewSummary:
    """Per item and stage, every interviewer's latest scores, means and disagreements."""
    cards = store.scorecards(ws.engine, role.id, assessment.document_id)
    return summarise(role.id, assessment.document_id, assessment.file, cards)


def recommendation(ws: Workspace, role: RoleProfile, assessment: Assessment) -> Recommendation:
    """Screening evidence and interview scores combined into advice, with the checklist behind it."""
    return recommend(assessment, interview_summary(ws, role, assessment), role)


def recommend_from(summary: InterviewSummary, assessment: Assessment, role: RoleProfile) -> Recommendation:
    return recommend(assessment, summary, role)


def role_of_candidate(ws: Workspace, candidate: str) -> RoleProfile:
    """The one role a screened candidate was assessed for (an error names the roles when there are several)."""
    roles = []
    for rid, _title in ws.list_roles():
        role = ws.get_role(rid)
        try:
            find_assessment(ws, role, candidate)
        except NotFoundError:
            continue
        roles.append(role)
    if not roles:
        raise NotFoundError(f"no screened candidate {candidate!r} in this workspace",
                            hint="give --role ROLE with a resume file, or screen the candidate first", path=str(ws.url))
    if len(roles) > 1:
        raise InputError(f"{candidate!r} was screened for {len(roles)} roles: " + ", ".join(f"{r.id} ({r.title})" for r in roles),
                         hint="give --role ROLE")
    return roles[0]


def candidate_checklist(ws: Workspace | None, role: RoleProfile, assessment: Assessment) -> list[CheckItem]:
    """The pre-offer checklist: resume and interview evidence per item, and its state."""
    if ws is None:
        summary = summarise(role.id, assessment.document_id, assessment.file, [])
    else:
        summary = interview_summary(ws, role, assessment)
    return checklist(assessment, summary, role)


def decide(ws: Workspace, role: RoleProfile, assessment: Assessment, *, decision: str, decided_by: str,
           reason: str = "") -> tuple[Decision, Recommendation]:
    """Record a person's decision. A decision that differs from the recommendation is an override and needs a reason."""
    levels = load_bank().rules.recommendation.levels
    if decision not in levels:
        raise InputError(f"unknown decision {decision!r}", hint=f"use one of: {', '.join(levels)}")
    if not decided_by.strip():
        raise InputError("who decides is empty", hint="give --by NAME")
    rec = recommendation(ws, role, assessment)
    overridden = decision != rec.recommendation
    if overridden and not reason.strip():
        what = ("no recommendation yet (too few interview scores)" if rec.recommendation == INSUFFICIENT
                else f"the recommendation is {rec.recommendation}")
        raise InputError(f"overriding needs a reason: {what}, the decision is {decision}", hint="give --reason TEXT")
    d = Decision(role_id=role.id, document_id=assessment.document_id, recommendation=rec.recommendation, decision=decision,
                 overridden=overridden, reason=reason.strip(), decided_by=decided_by.strip(), versions=rec.versions)
    return store.add_decision(ws.engine, d, rec.combined), rec


def decision_history(ws: Workspace, role: RoleProfile, assessment: Assessment) -> list[Decision]:
    return store.decisions(ws.engine, role.id, assessment.document_id)
