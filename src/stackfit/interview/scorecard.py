"""Scorecards: validation of what an interviewer records, and aggregation per candidate."""

from __future__ import annotations

from collections.abc import Mapping
from statistics import mean

from stackfit.errors import InputError
from stackfit.interview.bank import STAGES, Bank, Question, load_bank
from stackfit.interview.models import InterviewSummary, ItemSummary, Scorecard, StageSummary
from stackfit.taxonomy import load_taxonomy


def resolve_item(item: str, bank: Bank) -> tuple[Question, str | None]:
    """The bank question (and skill id, for a claim template) behind a kit question id. Raises KeyError."""
    qid, _, skill = item.partition("#")
    q = bank.questions[qid]
    if q.kind == "claim":
        if not skill or skill not in load_taxonomy().skills:
            raise KeyError(item)
        return q, skill
    if skill:
        raise KeyError(item)
    return q, None


def validate_scores(stage: str, scores: Mapping[str, object], bank: Bank | None = None) -> dict[str, int]:
    """Scores as {kit question id: 1-4}; every bad entry is reported at once."""
    bank = bank or load_bank()
    if stage not in STAGES:
        raise InputError(f"unknown stage {stage!r}", hint=f"use one of: {', '.join(STAGES)}")
    if not scores:
        raise InputError("no scores given", hint="give --item QUESTION_ID=SCORE (1-4) or a scorecard file")
    out: dict[str, int] = {}
    bad: list[str] = []
    for item, raw in scores.items():
        try:
            q, _ = resolve_item(item, bank)
        except KeyError:
            bad.append(f"{item}: not a question of the bank (claim templates need '#<skill id>')")
            continue
        if q.stage != stage:
            bad.append(f"{item}: belongs to stage {q.stage}, not {stage}")
            continue
        try:
            value = int(str(raw))
        except ValueError:
            value = 0
        if value not in (1, 2, 3, 4) or str(raw).strip() != str(value):
            bad.append(f"{item}: score {raw!r} is not a rubric level 1-4")
            continue
        out[item] = value
    if bad:
        raise InputError(f"{len(bad)} bad score(s): " + "; ".join(bad),
                         hint="use the question ids printed in the kit (`stackfit interview kit ROLE CANDIDATE`) and scores 1-4")
    return dict(sorted(out.items()))


def summarise(role_id: str, document_id: str, file: str, cards: list[Scorecard], *, bank: Bank | None = None) -> InterviewSummary:
    """Per item and stage: every interviewer's latest score, the mean, the spread and disagreements."""
    bank = bank or load_bank()
    threshold = bank.rules.summary.disagreement_spread
    per_item: dict[str, dict[str, int]] = {}
    stage_of: dict[str, str] = {}
    for c in cards:
        for item, s in c.scores.items():
            per_item.setdefault(item, {})[c.interviewer] = s
            stage_of[item] = c.stage
    items = []
    for item in sorted(per_item, key=lambda i: (STAGES.index(stage_of[i]), i)):
        by = dict(sorted(per_item[item].items()))
        spread = max(by.values()) - min(by.values())
        items.append(ItemSummary(item=item, stage=stage_of[item], scores=by, mean=round(mean(by.values()), 2), spread=spread,
                                 disagreement=len(by) > 1 and spread >= threshold))
    stages = []
    for st in STAGES:
        its = [i for i in items if i.stage == st]
        who = sorted({c.interviewer for c in cards if c.stage == st})
        stages.append(StageSummary(stage=st, mean=round(mean(i.mean for i in its), 2) if its else None, items=len(its),
                                   interviewers=tuple(who)))
    notes = tuple(f"{c.interviewer} ({c.stage}): {c.notes}" for c in cards if c.notes)
    notes += tuple(f"{c.interviewer} on {k}: {v}" for c in cards for k, v in sorted(c.item_notes.items()))
    return InterviewSummary(role_id=role_id, document_id=document_id, file=file, items=tuple(items), stages=tuple(stages),
                            disagreements=tuple(i.item for i in items if i.disagreement), scorecards=len(cards), notes=notes,
                            disagreement_spread=threshold)
