"""Assessment: a CandidateProfile judged against a RoleProfile.

The match score (0-100) is a weighted sum of components that are each normalised to the
role's own requirements, so a score means the same share of "what this role needs" for
every role: must-have coverage, layer alignment, profile fit, production readiness for
the role's stage, nice-to-have coverage. Weights live in ``data/scoring.yaml``.
"""

from __future__ import annotations

from stackfit.extract.terms import load_term_rules, terms
from stackfit.integrity import integrity_flags
from stackfit.models import (
    STRENGTHS,
    Assessment,
    CandidateProfile,
    Coverage,
    Requirement,
    RoleProfile,
    ScoreComponent,
    SkillSummary,
)
from stackfit.policy import Policy, load_policy
from stackfit.score.checklist import fill_checklist
from stackfit.score.explain import explain
from stackfit.score.flags import evaluate_flags
from stackfit.taxonomy import Taxonomy, load_taxonomy


def _requirement(
    req_ids: tuple[str, ...], have: dict[str, SkillSummary], best_ev: dict[str, tuple[int, int]],
    taxonomy: Taxonomy, policy: Policy,
) -> Requirement:
    """Credit for one requirement: the best of its alternatives, directly or through a related skill."""
    m = policy.scoring.match
    best: Requirement | None = None
    for rid in req_ids:
        skill = taxonomy.skills[rid]
        options: list[tuple[float, SkillSummary, str | None]] = []
        if rid in have:
            options.append((m.requirement_credit[have[rid].strength], have[rid], None))
        for other_id in taxonomy.neighbours[rid]:
            s = have.get(other_id)
            if s is not None:
                options.append((m.related_credit * m.requirement_credit[s.strength], s, other_id))
        if not options:
            cand = Requirement(skill_id=rid, name=skill.name, met=False, credit=0.0)
        else:
            credit, s, via = max(options, key=lambda o: (o[0], STRENGTHS.index(o[1].strength), o[1].id))
            ev = best_ev.get(s.id)
            cand = Requirement(
                skill_id=rid, name=skill.name, met=via is None and s.strength != "listed", strength=s.strength,
                evidence_start=ev[0] if ev else None, evidence_end=ev[1] if ev else None,
                via=via, credit=round(credit, 4),
            )
        if best is None or cand.credit > best.credit:
            best = cand
    assert best is not None
    return best


def coverage(
    ids: tuple[str, ...], groups: tuple[tuple[str, ...], ...], candidate: CandidateProfile,
    taxonomy: Taxonomy, policy: Policy,
) -> Coverage:
    have = {s.id: s for s in candidate.skills}
    best_ev: dict[str, tuple[int, int]] = {}
    rank: dict[str, int] = {}
    for ev in candidate.evidence:
        r = STRENGTHS.index(ev.strength)
        if r > rank.get(ev.skill_id, -1):
            rank[ev.skill_id] = r
            best_ev[ev.skill_id] = (ev.start, ev.end)
    grouped = {i for g in groups for i in g}
    reqs: list[tuple[str, ...]] = [g for g in groups if any(i in ids for i in g)]
    reqs += [(i,) for i in ids if i not in grouped]
    items = [_requirement(r, have, best_ev, taxonomy, policy) for r in reqs]
    ratio = sum(r.credit for r in items) / len(items) if items else 0.0
    return Coverage(ratio=round(ratio, 4), met=sum(r.met for r in items), total=len(items), requirements=tuple(items))


def with_open_requirements(cov: Coverage, role: RoleProfile, candidate: CandidateProfile) -> Coverage:
    """Add the role's open requirements (credit: share of the line's words the resume uses) and its
    minimum years of experience (credit: years shown in dated experience / years asked, at most 1)."""
    items = list(cov.requirements)
    rules = load_term_rules()
    for n, req in enumerate(role.open_requirements, 1):
        found = [t for t in req.terms if t in candidate.terms]
        share = len(found) / len(req.terms)
        first = min((candidate.terms[t] for t in found), default=None)
        credit, met = share, share >= rules.met_at
        if req.years:  # "at least 3 years as a baker": the years of the jobs whose headings share its words
            wanted = set(req.terms)
            jobs = [st for st in candidate.experience if wanted.intersection(st.terms)]
            ratio = min(1.0, sum(st.months for st in jobs) / 12 / req.years)
            credit, met = (share + ratio) / 2, met and ratio >= 1.0
            if jobs:
                first = jobs[0].start
        items.append(Requirement(skill_id=f"open:{n}", name=req.text, met=met, credit=round(credit, 4),
                                 evidence_start=first, evidence_end=None))
    if role.min_years:
        have = candidate.years_experience
        credit = 0.5 if have is None else min(1.0, have / role.min_years)
        first_job = min((st.start for st in candidate.experience), default=None)
        items.append(Requirement(skill_id="years", name=f"at least {role.min_years:g} years of experience",
                                 met=have is not None and have >= role.min_years, credit=round(credit, 4),
                                 evidence_start=first_job, evidence_end=None))
    if len(items) == len(cov.requirements):
        return cov
    ratio = sum(r.credit for r in items) / len(items)
    return Coverage(ratio=round(ratio, 4), met=sum(r.met for r in items), total=len(items), requirements=tuple(items))


def title_fit(role: RoleProfile, candidate: CandidateProfile) -> tuple[float, str]:
    """Best share of the role title's content words found in one of the candidate's job headings,
    and that heading's words."""
    wanted = {t for t, _, _ in terms(role.title)} - set(load_term_rules().title_stopwords)
    if not wanted:
        return 0.0, ""
    best, words = 0.0, ""
    for st in candidate.experience:
        share = len(wanted.intersection(st.terms)) / len(wanted)
        if share > best:
            best, words = share, " ".join(t for t in st.terms if t in wanted)
    return best, words


def is_ai_stack_role(role: RoleProfile, taxonomy: Taxonomy, policy: Policy) -> bool:
    """Whether the role names a skill of an AI-stack category (``scoring.yaml`` ``ai_stack_categories``)."""
    cats = set(policy.scoring.match.ai_stack_categories)
    ids = {*role.must_have, *role.nice_to_have, *(i for g in role.any_of for i in g)}
    return any(cats.intersection(taxonomy.skills[i].categories) for i in ids if i in taxonomy.skills)


def assess(candidate: CandidateProfile, role: RoleProfile, *, policy: Policy | None = None,
           taxonomy: Taxonomy | None = None) -> Assessment:
    policy = policy or load_policy()
    taxonomy = taxonomy or load_taxonomy()
    m = policy.scoring.match
    must = with_open_requirements(coverage(role.must_have, role.any_of, candidate, taxonomy, policy), role, candidate)
    nice = coverage(role.nice_to_have, role.any_of, candidate, taxonomy, policy)

    layer_value = sum(w * min(1.0, candidate.layers[layer] / m.layer_target) for layer, w in role.layers.items())
    profile_value = sum(p * policy.profiles.sim(role.profile, pid) for pid, p in candidate.fit.items())
    states = {s.id: s.state for s in candidate.signals}
    stage_ids = m.stage_signals[role.stage]
    prod_value = sum({"evidenced": 1.0, "claimed_only": 0.4}.get(states.get(s, "unknown"), 0.0) for s in stage_ids)
    prod_value /= len(stage_ids)
    nice_value = nice.ratio if nice.total else must.ratio

    n_ev = sum(1 for s in candidate.signals if s.id in stage_ids and s.state == "evidenced")
    parts = [
        ("must_have", m.must_have, must.ratio, f"{must.met} of {must.total} must-haves shown in experience (coverage {must.ratio:.0%})"),
        ("layers", m.layers, layer_value, "alignment of the candidate's layer scores with the role's layer weights"),
        ("profile", m.profile, profile_value, f"fit of the candidate's profile distribution to {role.profile}"),
        ("production", m.production, prod_value, f"{n_ev} of {len(stage_ids)} {role.stage}-stage signals evidenced in experience"),
        ("nice_to_have", m.nice_to_have, nice_value,
         f"{nice.met} of {nice.total} nice-to-haves" if nice.total else "no nice-to-haves: counts as must-have coverage"),
    ]
    if m.semantic is not None and m.semantic.weight > 0:
        from stackfit.embed.signal import semantic_similarity

        cos, enc = semantic_similarity(candidate, role, m.semantic.encoder)
        sem_value = min(1.0, max(0.0, (cos - m.semantic.low) / (m.semantic.high - m.semantic.low)))
        parts.append(("semantic", m.semantic.weight, sem_value, f"cosine {cos:.2f} between the role and the skills shown in experience ({enc})"))
    if must.total and not is_ai_stack_role(role, taxonomy, policy):
        # a role that names no AI-stack skill (scoring.yaml ai_stack_categories): layers, profile and
        # production signals say nothing about it, so its stated requirements carry the score, and the
        # profile's place is taken by the job itself: how much of the role's title the candidate's past
        # job headings share
        fit, held = title_fit(role, candidate)
        parts = [(i, 0.0 if i in ("layers", "production", "semantic") else w, fit if i == "profile" else v,
                  (f"share of the role title's words in the candidate's job headings ({held})" if held else
                   "no job heading shares the role title's words") if i == "profile" else
                  d if i not in ("layers", "production", "semantic") else d + " (not weighted: the role names no AI-stack skill)")
                 for i, w, v, d in parts]
        total_w = sum(w for _, w, _, _ in parts)
        parts = [(i, w / total_w, v, d) for i, w, v, d in parts]
    components = tuple(
        ScoreComponent(id=i, weight=round(w, 4), value=round(v, 4), points=round(100 * w * v, 2), detail=d) for i, w, v, d in parts
    )
    score = round(sum(c.points for c in components), 1)
    flags = evaluate_flags(candidate, role, taxonomy, policy) + integrity_flags(candidate.integrity)
    checklist = fill_checklist(candidate, must, profile_value, taxonomy, policy)
    assessment = Assessment(
        document_id=candidate.document_id, file=candidate.file, role_id=role.id, score=score,
        components=components, candidate=candidate, must_have=must, nice_to_have=nice, flags=tuple(flags),
        checklist=tuple(checklist), explanation="", versions=policy.versions,
    )
    return assessment.model_copy(update={"explanation": explain(assessment, role, policy)})
