"""The guide's pre-offer checklist, pre-filled from screening evidence (a person confirms it)."""

from __future__ import annotations

from stackfit.models import CandidateProfile, ChecklistItem, CheckState, Coverage, Mention
from stackfit.policy import Policy
from stackfit.taxonomy import Taxonomy


def fill_checklist(candidate: CandidateProfile, must: Coverage, profile_value: float, taxonomy: Taxonomy,
                   policy: Policy) -> list[ChecklistItem]:
    items = []
    signals = {s.id: s for s in candidate.signals}
    for d in policy.checklist.items:
        state: CheckState
        if d.kind == "coverage":
            if must.ratio >= d.evidenced_at and profile_value >= 0.6:
                state = "evidenced"
            elif must.ratio >= d.claimed_at:
                state = "claimed_only"
            else:
                state = "unknown"
            refs = tuple(
                Mention(start=r.evidence_start, end=r.evidence_end, text=r.name)
                for r in must.requirements if r.evidence_start is not None and r.evidence_end is not None
            )[:5]
            note = f"must-have coverage {must.ratio:.0%}, profile fit {profile_value:.2f}"
            items.append(ChecklistItem(id=d.id, question=d.question, state=state, evidence=refs, note=note))
            continue
        mentions: list[tuple[bool, Mention]] = []
        for sid in d.signals:
            for h in signals[sid].evidence if sid in signals else ():
                mentions.append((h.in_experience, Mention(start=h.start, end=h.end, text=h.text)))
        skills = [s for s in candidate.skills if taxonomy.in_categories(s.id, d.categories)]
        skill_ids = {s.id for s in skills}
        for ev in candidate.evidence:
            if ev.skill_id in skill_ids:
                mentions.append((ev.strength != "listed", Mention(start=ev.start, end=ev.end, text=ev.text)))
        if any(strong for strong, _ in mentions):
            state = "evidenced"
        elif mentions:
            state = "claimed_only"
        else:
            state = "unknown"
        ordered = sorted(mentions, key=lambda m: (not m[0], m[1].start))
        dedup: dict[str, Mention] = {}  # one link per distinct text, the strongest first
        for _, mm in ordered:
            dedup.setdefault(mm.text.casefold(), mm)
        names = ", ".join(s.name for s in skills[:4])
        note = f"skills: {names}" if names else ""
        items.append(ChecklistItem(id=d.id, question=d.question, state=state, evidence=tuple(list(dedup.values())[:4]), note=note))
    return items
