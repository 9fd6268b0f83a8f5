"""Build an interview kit for a role, optionally targeted at one screened candidate.

Deterministic: the same role, assessment and bank give the same kit. Every question carries
the reason it was chosen. Order of choice per stage (each capped by ``rules.yaml``):

* architecture: design exercises fitting the role's system types, profile and constraints;
* stack: probes for raised screening flags, must-haves that are missing or only listed, one
  verification of the strongest claim, then the guide's topics (vector search, embeddings
  selection, inference optimisation) where the role needs them, then the role's must-haves;
* production: the guide's production-readiness topics, gaps in the resume first, then claims
  only made in a summary or skills list, then verification of what the resume shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from stackfit.interview.bank import STAGES, Bank, Question, load_bank
from stackfit.interview.models import Kit, KitCandidate, KitQuestion
from stackfit.models import Assessment, RoleProfile
from stackfit.policy import load_policy
from stackfit.taxonomy import Taxonomy, load_taxonomy

Pred = Callable[[Question], bool]


def _focus(q: Question, cats: set[str]) -> float:
    """Questions whose main category is the target come first."""
    return 1.0 if q.categories and q.categories[0] in cats else 0.0


class _Builder:
    def __init__(self, role: RoleProfile, assessment: Assessment | None, bank: Bank, taxonomy: Taxonomy,
                 caps: dict[str, int]) -> None:
        self.role, self.a, self.bank, self.tax = role, assessment, bank, taxonomy
        self.caps = caps
        self.chosen: dict[str, list[KitQuestion]] = {s: [] for s in STAGES}
        self.used: set[str] = set()

    # ------------------------------------------------------------------ helpers
    def full(self, stage: str) -> bool:
        return len(self.chosen[stage]) >= self.caps.get(stage, 0)

    def relevance(self, q: Question) -> float:
        """How well a question fits the role: profile, layer weights and system types."""
        r = self.role
        score = sum(r.layers.get(layer, 0.0) for layer in q.layers) / len(q.layers)
        if not q.profiles:
            score += 0.5  # a general question
        elif q.profiles[0] == r.profile:
            score += 1.0
        else:
            score += 0.5 if r.profile in q.profiles else -0.5
        score += 0.5 * len(set(q.systems) & set(r.systems))
        return score

    def pick(self, stage: str, pred: Pred, kinds: Iterable[str] = (), extra: Callable[[Question], float] | None = None,
             topic: str | None = None) -> Question | None:
        """The best unused question of ``stage`` satisfying ``pred``: preferred kinds first, then the topic's
        core questions (rules.yaml), then relevance to the role; ties by id."""
        order = {k: i for i, k in enumerate(kinds)}
        core = self.bank.rules.kit.core_questions.get(topic or "", ())
        pool = [q for q in self.bank.stage(stage) if q.kind != "claim" and q.id not in self.used and pred(q)]
        if not pool:
            return None
        return min(pool, key=lambda q: (order.get(q.kind, len(order)), core.index(q.id) if q.id in core else len(core),
                                        -(extra(q) if extra else 0.0) - self.relevance(q), q.id))

    def add(self, q: Question, reason: str, target: str | None = None, skill: str | None = None) -> None:
        kid = q.id if skill is None else f"{q.id}#{skill}"
        if kid in self.used:
            return
        name = self.tax.skills[skill].name if skill else ""

        def fill(s: str) -> str:
            return s.replace("{skill}", name) if skill else s

        self.used.add(kid)
        self.used.add(q.id) if skill is None else None
        self.chosen[q.stage].append(KitQuestion(
            id=kid, question_id=q.id, stage=q.stage, kind=q.kind, prompt=fill(q.prompt), scenario=q.scenario,
            follow_ups=tuple(fill(f) for f in q.follow_ups), strong_answer=fill(q.strong_answer),
            rubric={k: fill(v) for k, v in q.rubric.items()}, reason=reason, target=target or skill,
            categories=tuple(sorted(set(q.categories) | (set(self.tax.skills[skill].categories) if skill else set()))),
            signals=q.signals,
        ))

    def label(self, skill_id: str) -> str:
        """A requirement's name; for an any-of group, its alternatives ("one of A | B | C")."""
        for g in self.role.any_of:
            if skill_id in g:
                names = [self.tax.skills[i].name for i in g if i in self.tax.skills]
                return "(one of " + " | ".join(names[:5]) + (" | ..." if len(names) > 5 else "") + ")"
        return self.tax.skills[skill_id].name

    def must_categories(self) -> set[str]:
        return {c for sid in self.role.must_have if sid in self.tax.skills for c in self.cats(sid)} - {"programming_language"}

    def cats(self, skill_id: str) -> set[str]:
        return set(self.tax.skills[skill_id].categories)

    # ------------------------------------------------------------------ stage 1
    def architecture(self) -> None:
        r = self.role
        covered: set[str] = set()
        must_cats = self.must_categories()

        def fit(q: Question) -> float:
            s = 3.0 * len((set(q.systems) & set(r.systems)) - covered)
            s += 2.0 if r.profile in q.profiles else 0.0
            s += 2.0 if r.constraints.edge and "edge_deployment" in q.systems else 0.0
            s += 1.0 if r.constraints.real_time and ("high_scale_inference" in q.systems or "latency_optimization" in q.signals) else 0.0
            s += 1.0 if r.constraints.privacy and "security_privacy" in q.categories else 0.0
            s += 0.5 * len(set(q.categories) & set(r.tags))
            s += 1.0 * len(set(q.categories) & must_cats)  # job descriptions name skills, not system types
            return s

        while not self.full("architecture"):
            q = self.pick("architecture", lambda q: q.kind == "design", extra=fit)
            if q is None:
                break
            why = []
            systems = [s for s in q.systems if s in r.systems]
            if systems:
                why.append("the role builds " + ", ".join(s.replace("_", " ") for s in systems))
            overlap = sorted(set(q.categories) & must_cats)
            if overlap:
                names = [self.tax.categories[c].name.lower() for c in overlap]
                why.append("the role's must-haves include " + ", ".join(names))
            if r.profile in q.profiles:
                why.append(f"it suits the role's profile ({r.profile})")
            if r.constraints.edge and "edge_deployment" in q.systems:
                why.append("the role deploys to the edge")
            if r.constraints.real_time and "latency_optimization" in q.signals:
                why.append("the role is real-time, and the exercise has a latency budget")
            if r.constraints.privacy and "security_privacy" in q.categories:
                why.append("the role handles private data")
            self.add(q, "Design exercise: " + ("; ".join(why) if why else "closest fit to the role's layers") + ".",
                     target=systems[0] if systems else None)
            covered |= set(q.systems)

    # ------------------------------------------------------------------ stage 2
    def flag_probes(self, stage: str) -> None:
        if self.a is None:
            return
        probes = self.bank.rules.kit.flag_probes
        for f in self.a.flags:
            fp = probes.get(f.id)
            if fp is None or self.full(stage):
                continue
            if stage == "stack" and fp.categories:
                q = self.pick(stage, lambda q, fp=fp: bool(set(q.categories) & set(fp.categories)),  # type: ignore[misc]
                              kinds=("knowledge", "experience"), extra=lambda q, fp=fp: 1.0 if fp.layer in q.layers else 0.0)  # type: ignore[misc]
            elif stage == "production" and fp.signals:
                q = self.pick(stage, lambda q, fp=fp: bool(set(q.signals) & set(fp.signals)), kinds=("experience", "knowledge"))  # type: ignore[misc]
            else:
                continue
            if q is not None:
                self.add(q, f"Probe: {fp.why} ({f.message.rstrip('.')}).", target=f.id)

    def must_have_probes(self) -> None:
        assert self.a is not None
        # taxonomy skills only: open requirements ("attention to detail") and years have no bank questions
        reqs = tuple(r for r in self.a.must_have.requirements if r.skill_id in self.tax.skills)
        listed = sorted((r for r in reqs if r.strength == "listed" and r.via is None),  # languages last: the least telling probe
                        key=lambda r: "programming_language" in self.cats(r.skill_id))
        via = [r for r in reqs if r.via is not None]
        missing = [r for r in reqs if r.strength is None]
        n = 0
        limit = self.bank.rules.kit.max_must_have_probes
        claim_listed = self.bank.get("stack.claim_listed_skill")
        claim_gap = self.bank.get("stack.claim_gap_skill")
        for r in listed:
            if n >= limit or self.full("stack"):
                return
            self.add(claim_listed, f"Must-have {self.label(r.skill_id)} is only listed (Skills or summary), never shown in dated experience.",
                     skill=r.skill_id)
            n += 1
        for r in missing + via:
            if n >= limit or self.full("stack"):
                return
            cats = self.cats(r.skill_id)
            q = self.pick("stack", lambda q, cats=cats: bool(set(q.categories) & cats), kinds=("knowledge",),  # type: ignore[misc]
                          extra=lambda q, cats=cats: _focus(q, cats))  # type: ignore[misc]
            if r.via is not None:
                rel = self.tax.skills[r.via].name
                why = f"Must-have {self.label(r.skill_id)} is not in the resume; only the related {rel} is ({r.strength})."
            else:
                why = f"Must-have {self.label(r.skill_id)} is missing: the resume never mentions it."
            if q is not None:
                self.add(q, why + " The question tests that area directly.", target=r.skill_id)
            else:
                self.add(claim_gap, why, skill=r.skill_id)
            n += 1

    def verify_strongest(self) -> None:
        assert self.a is not None
        order = {"led": 0, "built": 1}
        strong = [r for r in self.a.must_have.requirements if r.strength in order and r.via is None and r.skill_id in self.tax.skills]
        if not strong:
            return
        best = min(strong, key=lambda r: ("programming_language" in self.cats(r.skill_id), order[r.strength or ""],
                                          -r.credit, r.skill_id))
        s = next((s for s in self.a.candidate.skills if s.id == best.skill_id), None)
        years = f", {s.years} years" if s and s.years else ""
        self.add(self.bank.get("stack.claim_verify_strongest"),
                 f"Verify the strongest claim: must-have {best.name} is {best.strength} in dated experience{years}.",
                 skill=best.skill_id)

    def stack_topics(self) -> None:
        k = self.bank.rules.kit
        must_cats = self.must_categories()
        have: dict[str, str] = {}
        if self.a is not None:
            for s in self.a.candidate.skills:
                for c in self.cats(s.id):
                    if s.strength != "listed":
                        have.setdefault(c, s.name)
        for t in k.stack_topics:
            if self.full("stack"):
                return
            weight = self.role.layers.get(t.layer, 0.0)
            needed = bool(must_cats & set(t.categories))
            if weight < k.min_layer_weight and not needed:
                continue
            shown = next((have[c] for c in t.categories if c in have), None)
            kinds = ("experience", "knowledge") if shown else ("knowledge", "experience")
            q = self.pick("stack", lambda q, t=t: bool(set(q.categories) & set(t.categories)), kinds=kinds,  # type: ignore[misc]
                          extra=lambda q, t=t: _focus(q, set(t.categories)), topic=t.id)  # type: ignore[misc]
            if q is None:
                continue
            why = ("a must-have is in this area" if needed else f"the role's {t.layer} layer weighs {weight:.0%}")
            if self.a is not None:
                why += f"; the resume shows {shown} in experience, so ask for a concrete case" if shown else "; the resume shows no experience here"
            self.add(q, f"Guide Stage 2 topic, {t.name}: {why}.", target=t.id)

    def role_must_haves(self) -> None:
        for sid in self.role.must_have:
            if self.full("stack"):
                return
            if sid not in self.tax.skills:
                continue
            cats = self.cats(sid) - {"programming_language"} or self.cats(sid)
            q = self.pick("stack", lambda q, cats=cats: bool(set(q.categories) & cats), kinds=("knowledge", "experience"),  # type: ignore[misc]
                          extra=lambda q, cats=cats: _focus(q, cats))  # type: ignore[misc]
            if q is not None:
                self.add(q, f"Covers the role's must-have {self.tax.skills[sid].name}.", target=sid)

    def fill(self, stage: str) -> None:
        while not self.full(stage):
            q = self.pick(stage, lambda q: True)
            if q is None:
                return
            self.add(q, f"Fills the stage: closest remaining fit to the role's profile ({self.role.profile}) and layers.")

    # ------------------------------------------------------------------ stage 3
    def production(self) -> None:
        states: dict[str, str] = {}
        hits: dict[str, str] = {}
        if self.a is not None:
            for s in self.a.candidate.signals:
                states[s.id] = s.state
                if s.evidence:
                    hits[s.id] = s.evidence[0].text
        configured = list(self.bank.rules.kit.production_topics)
        rank = {"unknown": 0, "claimed_only": 1, "evidenced": 2}
        topics = configured if self.a is None else sorted(
            configured, key=lambda t: (rank.get(states.get(t, "unknown"), 0), configured.index(t)))
        names = {s.id: s.name for s in load_policy().signals.signals}
        for t in topics:
            if self.full("production"):
                return
            state = states.get(t, "unknown") if self.a is not None else None
            name = names[t].lower()
            kinds = ("knowledge", "experience") if state == "unknown" else ("experience", "knowledge")

            def focus(q: Question, t: str = t) -> float:
                return 2.0 / len(q.signals) if q.signals and q.signals[0] == t else 0.0  # focused questions first

            q = self.pick("production", lambda q, t=t: t in q.signals, kinds=kinds, extra=focus, topic=t)  # type: ignore[misc]
            if q is None:
                continue
            if state is None:
                why = f"Guide Stage 3 topic: {name}."
            elif state == "unknown":
                why = f"Gap: no {name} evidence anywhere in the resume."
            elif state == "claimed_only":
                why = f"Claim to check: {name} is mentioned ('{hits.get(t, '')}') but not in dated experience."
            else:
                why = f"Verify: the resume shows {name} in experience ('{hits.get(t, '')}'); ask for the concrete story."
            self.add(q, why, target=t)


def build_kit(role: RoleProfile, assessment: Assessment | None = None, *, bank: Bank | None = None,
              caps: dict[str, int] | None = None) -> Kit:
    """A kit for ``role``; with an ``assessment`` the questions target that candidate's screening."""
    bank = bank or load_bank()
    tax = load_taxonomy()
    b = _Builder(role, assessment, bank, tax, {**dict(bank.rules.kit.caps.items()), **(caps or {})})
    b.architecture()
    if assessment is not None:
        b.flag_probes("stack")
        b.must_have_probes()
        b.verify_strongest()
    b.stack_topics()
    b.role_must_haves()
    b.fill("stack")
    if assessment is not None:
        b.flag_probes("production")
    b.production()
    b.fill("production")
    cand = None
    notes = [f"Kit for '{role.title}' ({role.profile}, stage {role.stage}); {sum(len(v) for v in b.chosen.values())} questions."]
    if assessment is not None:
        a = assessment
        cand = KitCandidate(document_id=a.document_id, file=a.file, profile=a.candidate.profile, score=a.score)
        notes.append(f"Targeted at {Path(a.file).name}: screening score {a.score:.0f}, {a.must_have.met} of {a.must_have.total} must-haves "
                     f"shown in experience" + (f", flags: {', '.join(f.id for f in a.flags)}" if a.flags else "") + ".")
    notes.append("Score each question on its 1-4 rubric; the anchors say what each level sounds like.")
    return Kit(role_id=role.id, role_title=role.title, role_profile=role.profile, candidate=cand,
               questions=tuple(q for s in STAGES for q in b.chosen[s]), notes=tuple(notes), versions=bank.versions)
