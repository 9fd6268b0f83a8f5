"""Typed hand-offs of the interview stage: kits, scorecards, summaries, recommendations, decisions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from stackfit.models import CheckState, Frozen, Mention


class KitQuestion(Frozen):
    """A bank question chosen for a kit, with the reason it was chosen."""

    id: str = Field(description="the bank question id; a claim template adds '#<skill id>'")
    question_id: str
    stage: str
    kind: str
    prompt: str
    scenario: str = ""
    follow_ups: tuple[str, ...] = ()
    strong_answer: str
    rubric: dict[int, str]
    reason: str = Field(description="why this question is in the kit")
    target: str | None = Field(default=None, description="what it targets: a skill id, signal id, flag id or topic id")
    categories: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()


class KitCandidate(Frozen):
    document_id: str
    file: str
    profile: str
    score: float


class Kit(Frozen):
    role_id: str
    role_title: str
    role_profile: str
    candidate: KitCandidate | None = None
    questions: tuple[KitQuestion, ...]
    notes: tuple[str, ...] = ()
    versions: dict[str, str]


class Scorecard(Frozen):
    """One interviewer's scores for one stage of one candidate's interview."""

    id: int | None = None
    role_id: str
    document_id: str
    interviewer: str = Field(min_length=1)
    stage: Literal["architecture", "stack", "production"]
    scores: dict[str, int] = Field(description="kit question id -> rubric level 1-4")
    notes: str = ""
    item_notes: dict[str, str] = {}
    versions: dict[str, str] = {}
    created_at: str = ""


class ItemSummary(Frozen):
    item: str
    stage: str
    scores: dict[str, int] = Field(description="interviewer -> score")
    mean: float
    spread: int
    disagreement: bool


class StageSummary(Frozen):
    stage: str
    mean: float | None
    items: int
    interviewers: tuple[str, ...]


class InterviewSummary(Frozen):
    role_id: str
    document_id: str
    file: str
    items: tuple[ItemSummary, ...]
    stages: tuple[StageSummary, ...]
    disagreements: tuple[str, ...]
    scorecards: int
    notes: tuple[str, ...] = ()
    disagreement_spread: int


class CheckItem(Frozen):
    """One pre-offer checklist item with its resume and interview evidence."""

    id: str
    question: str
    state: CheckState
    screening_state: CheckState
    resume_evidence: tuple[Mention, ...] = ()
    interview_evidence: tuple[str, ...] = ()
    note: str = ""


class Recommendation(Frozen):
    role_id: str
    document_id: str
    file: str
    recommendation: str
    combined: float | None
    screening_score: float
    interview_mean: float | None
    reasons: tuple[str, ...]
    checklist: tuple[CheckItem, ...]
    versions: dict[str, str]


class Decision(Frozen):
    id: int | None = None
    role_id: str
    document_id: str
    recommendation: str
    decision: str
    overridden: bool
    reason: str = ""
    decided_by: str
    versions: dict[str, str] = {}
    created_at: str = ""
