"""Assessment: a CandidateProfile judged against a RoleProfile.

The match score (0-100) is a weighted sum of components that are each normalised to the
role's own requirements, so a score means the same share of "what this role needs" for
every role: must-have coverage, layer alignment, profile fit, production readiness for
the role's stage, nice-to-have coverage. Weights live in ``data/scoring.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from stackfit.extract.degrees import DegreeAsk, degree_credit, load_degree_rules
from stackfit.extract.terms import load_term_rules, terms, weighted_share
from stackfit.integrity import integrity_flags
from stackfit.models import (
    STRENGTHS,
    Assessment,
    CandidateProfile,
    Coverage,
    Requirement,
    RoleProfile,
    ScoreComponent,
    Strength,
)
from stackfit.policy import Policy, load_policy
from stackfit.score.checklist import fill_checklist
from stackfit.score.explain import explain
from stackfit.score.flags import evaluate_flags
from stackfit.score.view import ScoringView
from stackfit.taxonomy import Taxonomy, load_taxonomy


class Credit(NamedTuple):
    """Credit for one requirement (the light form of ``models.Requirement``, computed for every re-ranked candidate)."""

    skill_id: str
    name: str
    met: bool
    credit: float
    strength: Strength | None = None
    source: str | None = None  # the candidate's skill whose evidence is linked (the skill itself or ``via``)
    via: str | None = None
    evidence_start: int | None = None  # open requirements and years: where the resume shows it


class Part(NamedTuple):
    """One component of the score (the light form of ``models.ScoreComponent``)."""

    id: str
    weight: float
    value: float
    points: float
    detail: str


class Cov(NamedTuple):
    ratio: float
    met: int
    total: int
    items: tuple[Credit, ...]


def _cov(items: list[Credit]) -> Cov:
    ratio = sum(r.credit for r in items) / len(items) if items else 0.0
    return Cov(round(ratio, 4), sum(r.met for r in items), len(items), tuple(items))


_RANK = {s: n for n, s in enumerate(STRENGTHS)}


def _requirement(req_ids: tuple[str, ...], have: Mapping[str, Strength], taxonomy: Taxonomy, policy: Policy) -> Credit:
    """Credit for one requirement: the best of its alternatives, directly or through a related skill.
    ``have`` maps the candidate's skill ids to their strongest evidence."""
    m = policy.scoring.match
    best: Credit | None = None
    for rid in req_ids:
        skill = taxonomy.skills[rid]
        options: list[tuple[float, Strength, str, str | None]] = []  # credit, strength, the candidate's skill, via
        st = have.get(rid)
        if st is not None:
            options.append((m.requirement_credit[st], st, rid, None))
        for other_id in taxonomy.neighbours[rid]:
            s = have.get(other_id)
            if s is not None:
                options.append((m.related_credit * m.requirement_credit[s], s, other_id, other_id))
        if not options:
            cand = Credit(skill_id=rid, name=skill.name, met=False, credit=0.0)
        else:
            credit, st, src, via = max(options, key=lambda o: (o[0], _RANK[o[1]], o[2]))
            cand = Credit(skill_id=rid, name=skill.name, met=via is None and st != "listed", credit=round(credit, 4),
                          strength=st, source=src, via=via)
        if best is None or cand.credit > best.credit:
            best = cand
    assert best is not None
    return best


def skill_coverage(ids: tuple[str, ...], groups: tuple[tuple[str, ...], ...], have: Mapping[str, Strength],
                   taxonomy: Taxonomy, policy: Policy) -> Cov:
    grouped = {i for g in groups for i in g}
    reqs: list[tuple[str, ...]] = [g for g in groups if any(i in ids for i in g)]
    reqs += [(i,) for i in ids if i not in grouped]
    return _cov([_requirement(r, have, taxonomy, policy) for r in reqs])


def open_coverage(cov: Cov, role: RoleProfile, v: ScoringView) -> Cov:
    """Add the role's open requirements (credit: share of the line's words the resume uses) and its
    minimum years of experience (credit: years shown in dated experience / years asked, at most 1)."""
    items = list(cov.items)
    rules = load_term_rules()
    for n, req in enumerate(role.open_requirements, 1):
        found = [t for t in req.terms if t in v.terms]
        share = len(found) / len(req.terms)
        first = min((v.terms[t] for t in found), default=None)
        credit, met = share, share >= rules.met_at
        if req.degree is not None:  # "Bachelor's in Computer Science or a related field": level and field
            credit, where = degree_credit(DegreeAsk(req.degree, req.fields, req.related, req.equivalent), v.degrees)
            met, first = credit >= load_degree_rules().field_credit, where
        elif req.years:  # "at least 3 years as a baker": the years of the jobs whose headings share most of its words
            wanted = set(req.terms)
            best = max((len(wanted.intersection(st.terms)) for st in v.experience), default=0)
            # "5 years as an Embedded Linux Engineer" counts the Embedded Linux Engineer jobs, not a Senior
            # Embedded C Software Engineer job that shares "embedded" and "engineer" with it
            jobs = [st for st in v.experience if best and len(wanted.intersection(st.terms)) == best]
            ratio = min(1.0, sum(st.months for st in jobs) / 12 / req.years)
            credit, met = (share + ratio) / 2, met and ratio >= 1.0
            if jobs:
                first = jobs[0].start
        items.append(Credit(skill_id=f"open:{n}", name=req.text, met=met, credit=round(credit, 4), evidence_start=first))
    if role.min_years:
        have = v.years_experience
        credit = 0.5 if have is None else min(1.0, have / role.min_years)
        first_job = min((st.start for st in v.experience), default=None)
        items.append(Credit(skill_id="years", name=f"at least {role.min_years:g} years of experience",
                            met=have is not None and have >= role.min_years, credit=round(credit, 4), evidence_start=first_job))
    return cov if len(items) == len(cov.items) else _cov(items)


def coverage(
    ids: tuple[str, ...], groups: tuple[tuple[str, ...], ...], candidate: CandidateProfile,
    taxonomy: Taxonomy, policy: Policy,
) -> Coverage:
    """Skill coverage with each requirement linked to the strongest evidence of the skill that met it."""
    cov = skill_coverage(ids, groups, {s.id: s.strength for s in candidate.skills}, taxonomy, policy)
    return _coverage_model(cov, _best_evidence(candidate))


def _best_evidence(candidate: CandidateProfile) -> dict[str, tuple[int, int]]:
    best_ev: dict[str, tuple[int, int]] = {}
    rank: dict[str, int] = {}
    for ev in candidate.evidence:
        r = STRENGTHS.index(ev.strength)
        if r > rank.get(ev.skill_id, -1):
            rank[ev.skill_id] = r
            best_ev[ev.skill_id] = (ev.start, ev.end)
    return best_ev


def _coverage_model(cov: Cov, best_ev: dict[str, tuple[int, int]]) -> Coverage:
    reqs = []
    for c in cov.items:
        if c.source is not None:
            ev = best_ev.get(c.source)
            start, end = (ev[0], ev[1]) if ev else (None, None)
        else:
            start, end = c.evidence_start, None
        reqs.append(Requirement(skill_id=c.skill_id, name=c.name, met=c.met, strength=c.strength,
                                evidence_start=start, evidence_end=end, via=c.via, credit=c.credit))
    return Coverage(ratio=cov.ratio, met=cov.met, total=cov.total, requirements=tuple(reqs))


def title_fit(role: RoleProfile, candidate: CandidateProfile | ScoringView) -> tuple[float, str]:
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
    """Whether the role requires a skill of an AI-stack category (``scoring.yaml`` ``ai_stack_categories``):
    a must-have or an any-of group, not a nice-to-have ("machine learning a plus" does not make a help-desk
    job an AI job). A skill of ``ai_stack_not_alone`` ("active learning", also an everyday skill) counts only
    beside another required AI-stack skill."""
    m = policy.scoring.match
    cats = set(m.ai_stack_categories)
    ids = {*role.must_have, *(i for g in role.any_of for i in g)}
    ai = {i for i in ids if i in taxonomy.skills and cats.intersection(taxonomy.skills[i].categories)}
    return bool(ai - set(m.ai_stack_not_alone)) or len(ai) >= 2


class ViewScore(NamedTuple):
    score: float
    components: tuple[Part, ...]
    must: Cov
    nice: Cov
    profile_value: float


def score_view(v: ScoringView, role: RoleProfile, *, policy: Policy | None = None,
               taxonomy: Taxonomy | None = None) -> ViewScore:
    """The match score of a candidate's scoring view against a role, with its components (what ``assess``
    reports; re-ranking calls this alone and assesses in full only the candidates it shows)."""
    policy = policy or load_policy()
    taxonomy = taxonomy or load_taxonomy()
    m = policy.scoring.match
    must = open_coverage(skill_coverage(role.must_have, role.any_of, v.skills, taxonomy, policy), role, v)
    nice = skill_coverage(role.nice_to_have, role.any_of, v.skills, taxonomy, policy)

    layer_value = sum(w * min(1.0, v.layers[layer] / m.layer_target) for layer, w in role.layers.items())
    profile_value = sum(p * policy.profiles.sim(role.profile, pid) for pid, p in v.fit.items())
    stage_ids = m.stage_signals[role.stage]
    prod_value = sum({"evidenced": 1.0, "claimed_only": 0.4}.get(v.signals.get(s, "unknown"), 0.0) for s in stage_ids)
    prod_value /= len(stage_ids)
    nice_value = nice.ratio if nice.total else must.ratio

    n_ev = sum(1 for s in stage_ids if v.signals.get(s) == "evidenced")
    parts = [
        ("must_have", m.must_have, must.ratio, f"{must.met} of {must.total} must-haves shown in experience (coverage {must.ratio:.0%})"),
        ("layers", m.layers, layer_value, "alignment of the candidate's layer scores with the role's layer weights"),
        ("profile", m.profile, profile_value, f"fit of the candidate's profile distribution to {role.profile}"),
        ("production", m.production, prod_value, f"{n_ev} of {len(stage_ids)} {role.stage}-stage signals evidenced in experience"),
        ("nice_to_have", m.nice_to_have, nice_value,
         f"{nice.met} of {nice.total} nice-to-haves" if nice.total else "no nice-to-haves: counts as must-have coverage"),
    ]
    if m.semantic is not None and m.semantic.weight > 0:
        from stackfit.embed.signal import semantic_similarity_text

        cos, enc = semantic_similarity_text(v.semantic_text, role, m.semantic.encoder)
        sem_value = min(1.0, max(0.0, (cos - m.semantic.low) / (m.semantic.high - m.semantic.low)))
        parts.append(("semantic", m.semantic.weight, sem_value, f"cosine {cos:.2f} between the role and the skills shown in experience ({enc})"))
    open_role = bool(must.total) and not is_ai_stack_role(role, taxonomy, policy)
    wording = m.wording
    if wording is not None and role.terms and (wording.other_roles if open_role else wording.weight) > 0:
        share = weighted_share(role.terms, v.terms)
        parts.append(("wording", wording.weight, min(1.0, share / wording.full_at),
                      f"the resume uses {share:.0%} of the job description's wording (its content words, rarer ones "
                      f"across occupations weighing more; {wording.full_at:.0%} or more counts in full)"))
    if open_role:
        # a role that names no AI-stack skill (scoring.yaml ai_stack_categories): layers, profile and
        # production signals say nothing about it, so its stated requirements carry the score, and the
        # profile's place is taken by the job itself: how much of the role's title the candidate's past
        # job headings share; the wording of its job description weighs ``wording.other_roles``
        fit, held = title_fit(role, v)
        parts = [(i, wording.other_roles if i == "wording" and wording is not None else
                  0.0 if i in ("layers", "production", "semantic") else w, fit if i == "profile" else v_,
                  (f"share of the role title's words in the candidate's job headings ({held})" if held else
                   "no job heading shares the role title's words") if i == "profile" else
                  d if i not in ("layers", "production", "semantic") else d + " (not weighted: the role names no AI-stack skill)")
                 for i, w, v_, d in parts]
        total_w = sum(w for _, w, _, _ in parts)
        parts = [(i, w / total_w, v_, d) for i, w, v_, d in parts]
    components = tuple(Part(i, round(w, 4), round(v_, 4), round(100 * w * v_, 2), d) for i, w, v_, d in parts)
    return ViewScore(round(sum(c.points for c in components), 1), components, must, nice, profile_value)


def assess(candidate: CandidateProfile, role: RoleProfile, *, policy: Policy | None = None,
           taxonomy: Taxonomy | None = None, view: ScoringView | None = None) -> Assessment:
    """The full assessment; its score is ``score_view`` of the candidate's scoring view (``view``, if the
    caller has made it already)."""
    policy = policy or load_policy()
    taxonomy = taxonomy or load_taxonomy()
    sv = score_view(view or ScoringView.of(candidate), role, policy=policy, taxonomy=taxonomy)
    best_ev = _best_evidence(candidate)
    must, nice = _coverage_model(sv.must, best_ev), _coverage_model(sv.nice, best_ev)
    flags = evaluate_flags(candidate, role, taxonomy, policy) + integrity_flags(candidate.integrity)
    checklist = fill_checklist(candidate, must, sv.profile_value, taxonomy, policy)
    assessment = Assessment(
        document_id=candidate.document_id, file=candidate.file, role_id=role.id, score=sv.score,
        components=tuple(ScoreComponent(id=p.id, weight=p.weight, value=p.value, points=p.points, detail=p.detail) for p in sv.components),
        candidate=candidate, must_have=must, nice_to_have=nice, flags=tuple(flags),
        checklist=tuple(checklist), explanation="", versions=policy.versions,
    )
    return assessment.model_copy(update={"explanation": explain(assessment, role, policy)})
