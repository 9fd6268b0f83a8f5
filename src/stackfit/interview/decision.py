"""The pre-offer checklist with interview evidence, and the recommendation a person confirms or overrides.

The checklist starts from screening (``score/checklist.py``: evidenced, claimed only, unknown).
Interview scores on the questions that probe an item then confirm it (mean at or above
``confirmed_at_least``: evidenced) or contradict it (mean at or below ``contradicted_at_most``).
The recommendation combines the screening score and the interview scores with the weights and
thresholds in ``data/interview/rules.yaml``; it is advice: a person decides.
"""

from __future__ import annotations

from statistics import mean

from stackfit.interview.bank import Bank, load_bank
from stackfit.interview.models import CheckItem, InterviewSummary, Recommendation
from stackfit.interview.scorecard import resolve_item
from stackfit.models import Assessment, CheckState, RoleProfile
from stackfit.policy import load_policy
from stackfit.taxonomy import load_taxonomy

INSUFFICIENT = "insufficient_evidence"


def _probes(item_id: str, summary: InterviewSummary, role: RoleProfile, bank: Bank) -> list[tuple[str, float, dict[str, int]]]:
    """(kit question id, mean, scores) of the scored items that probe one checklist item."""
    defs = {d.id: d for d in load_policy().checklist.items}
    d = defs.get(item_id)
    if d is None:
        return []
    tax = load_taxonomy()
    must_cats = {c for sid in role.must_have if sid in tax.skills for c in tax.skills[sid].categories} - {"programming_language"}
    experience_only = item_id in bank.rules.checklist.experience_items
    out = []
    for it in summary.items:
        q, skill = resolve_item(it.item, bank)
        if experience_only and q.kind not in ("experience", "claim"):
            continue
        cats = set(q.categories) | (set(tax.skills[skill].categories) if skill else set())
        if d.kind == "coverage":  # the design exercises and every question on the role's must-have areas
            hit = q.stage == "architecture" or (skill is not None and skill in role.must_have) or bool(cats & must_cats)
        else:
            hit = bool(cats & set(d.categories)) or bool(set(q.signals) & set(d.signals))
        if hit:
            out.append((it.item, it.mean, it.scores))
    return out


def checklist(assessment: Assessment, summary: InterviewSummary, role: RoleProfile, *, bank: Bank | None = None) -> list[CheckItem]:
    """Every pre-offer checklist item with its resume evidence, its interview evidence and its state."""
    bank = bank or load_bank()
    r = bank.rules.checklist
    items = []
    for c in assessment.checklist:
        probes = _probes(c.id, summary, role, bank)
        state: CheckState = c.state
        evidence = tuple(f"{qid}: " + ", ".join(f"{who} {s}" for who, s in scores.items()) + f" (mean {m:.2f})"
                         for qid, m, scores in probes)
        note = f"screening: {c.state}" + (f" ({c.note})" if c.note else "")
        if probes:
            avg = mean(m for _, m, _ in probes)
            if avg <= r.contradicted_at_most:
                state = "contradicted"
                note += f"; interviews contradict it (mean {avg:.2f} <= {r.contradicted_at_most})"
            elif avg >= r.confirmed_at_least:
                state = "evidenced"
                note += f"; interviews confirm it (mean {avg:.2f} >= {r.confirmed_at_least})"
            else:
                note += f"; interviews inconclusive (mean {avg:.2f}), screening state stands"
        else:
            note += "; not probed in interviews yet"
        items.append(CheckItem(id=c.id, question=c.question, state=state, screening_state=c.state,
                               resume_evidence=c.evidence, interview_evidence=evidence, note=note))
    return items


def recommend(assessment: Assessment, summary: InterviewSummary, role: RoleProfile, *, bank: Bank | None = None) -> Recommendation:
    """Combine the screening score and interview scores into advice (policy: rules.yaml ``recommendation``)."""
    bank = bank or load_bank()
    rr = bank.rules.recommendation
    items = checklist(assessment, summary, role, bank=bank)
    reasons = [f"screening score {assessment.score:.0f}/100 (weight {rr.screening_weight})"]
    interview_mean = round(mean(i.mean for i in summary.items), 2) if summary.items else None
    combined: float | None = None
    if len(summary.items) < rr.min_scored_items or interview_mean is None:
        level = INSUFFICIENT
        reasons.append(f"{len(summary.items)} interview item(s) scored; at least {rr.min_scored_items} are needed for a recommendation")
    else:
        who = sorted({w for i in summary.items for w in i.scores})
        reasons.append(f"interview mean {interview_mean:.2f}/4 over {len(summary.items)} item(s) from {len(who)} interviewer(s) "
                       f"(weight {rr.interview_weight})")
        combined = round(rr.screening_weight * assessment.score / 100 + rr.interview_weight * (interview_mean - 1) / 3, 4)
        level = next(t.id for t in rr.thresholds if combined >= t.at)
        at = next(t.at for t in rr.thresholds if t.id == level)
        reasons.append(f"combined {combined:.2f} >= {at} -> {level}")
        contradicted = [i.id for i in items if i.state == "contradicted"]
        levels = rr.levels
        if contradicted and levels.index(level) < levels.index(rr.contradicted_cap):
            level = rr.contradicted_cap
            reasons.append(f"capped at {level}: the interviews contradict {', '.join(contradicted)}")
    for st in summary.stages:
        if st.mean is not None:
            reasons.append(f"stage {st.stage}: mean {st.mean:.2f} over {st.items} item(s)")
    if summary.disagreements:
        reasons.append(f"interviewers disagree (spread >= {summary.disagreement_spread}) on {', '.join(summary.disagreements)}: "
                       "discuss before deciding")
    for f in assessment.flags:
        reasons.append(f"screening flag {f.id}: {f.message}")
    return Recommendation(role_id=role.id, document_id=assessment.document_id, file=assessment.file, recommendation=level,
                          combined=combined, screening_score=assessment.score, interview_mean=interview_mean,
                          reasons=tuple(reasons), checklist=tuple(items), versions=bank.versions)
