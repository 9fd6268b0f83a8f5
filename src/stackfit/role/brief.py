"""A project brief (the guide's Step 1 answers) -> RoleProfile."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stackfit.errors import RoleError
from stackfit.models import LAYERS, Constraints, Reason, RoleProfile, Stage
from stackfit.policy import load_policy
from stackfit.role.rules import Modifier, RoleRules, load_role_rules


class Brief(BaseModel):
    """Answers to the guide's Step 1 questions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    systems: tuple[str, ...] = Field(min_length=1, description="what is built: chatbot, rag, recommendation, ...")
    models: Literal["integrate", "train", "both"] = Field(description="training models or integrating them")
    deployment: Literal["cloud", "edge", "hybrid"] = "cloud"
    real_time: bool = False
    privacy_sensitive: bool = False
    stage: Stage = "production"
    must_have: tuple[str, ...] = ()
    nice_to_have: tuple[str, ...] = ()
    notes: str = ""


QUESTIONS: tuple[tuple[str, str], ...] = (
    ("systems", "What type of AI system are you building?"),
    ("models", "Are we training models or integrating them?"),
    ("deployment", "Are we deploying in cloud or edge environments?"),
    ("real_time", "Do we need real-time inference?"),
    ("privacy_sensitive", "Is privacy-sensitive data involved?"),
    ("stage", "What stage is the product in (prototype, production readiness, scaling)?"),
)


def role_id(title: str, payload: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "role"
    return f"{slug}-{hashlib.sha256(payload.encode()).hexdigest()[:8]}"


class _Builder:
    def __init__(self, rules: RoleRules) -> None:
        self.rules = rules
        self.must: list[str] = []
        self.nice: list[str] = []
        self.any_of: list[tuple[str, ...]] = []
        self.layers = dict.fromkeys(LAYERS, 0.0)
        self.reasons: list[Reason] = []

    def apply(self, m: Modifier, why: str, *, with_layers: bool = True) -> None:
        for n in m.must_have:
            self.must.append(self.rules.skill(n))
        for n in m.nice_to_have:
            self.nice.append(self.rules.skill(n))
        for group in m.any_of:
            ids = self.rules.skills(group)
            if ids not in self.any_of:
                self.any_of.append(ids)
        for layer, w in m.layers.items() if with_layers else ():
            self.layers[layer] += w
        if m.must_have or m.any_of:
            names = [self.rules.taxonomy.skills[self.rules.skill(n)].name for n in m.must_have]
            names += [" or ".join(self.rules.taxonomy.skills[i].name for i in self.rules.skills(g)) for g in m.any_of]
            self.reasons.append(Reason(field="must_have", text=f"{why}: {', '.join(names)}"))


def from_brief(brief: Brief, *, source: Literal["brief", "interactive"] = "brief",
               rules: RoleRules | None = None) -> RoleProfile:
    rules = rules or load_role_rules()
    data = rules.data
    unknown = [s for s in brief.systems if s not in data.systems]
    if unknown:
        raise RoleError(
            f"unknown system type(s): {', '.join(unknown)}",
            hint=f"use any of: {', '.join(data.systems)}",
        )
    b = _Builder(rules)
    trains = brief.models in ("train", "both")
    votes: Counter[str] = Counter()
    order: list[str] = []
    for key in brief.systems:
        sd = data.systems[key]
        prof = sd.profile["train" if trains else "integrate"]
        votes[prof] += 2
        order.append(prof)
        b.apply(sd, f"{sd.name} systems need", with_layers=False)
        extra = sd.must_have_train if trains else sd.must_have_integrate
        if extra:
            b.apply(Modifier(must_have=extra), f"{sd.name} with {'trained' if trains else 'integrated'} models needs")
        for layer, w in sd.layers.items():
            b.layers[layer] += w / len(brief.systems)  # average of the systems' layer needs
    b.apply(data.models[brief.models], f"models: {brief.models}")
    dep = data.deployment[brief.deployment]
    b.apply(dep, f"{brief.deployment} deployment needs")
    constraints = {"edge": dep.constraint == "edge", "real_time": False, "privacy": False}
    if dep.vote:
        votes[dep.vote] += 1
    if brief.real_time:
        b.apply(data.real_time, "real-time inference adds")
        constraints["real_time"] = True
    if brief.privacy_sensitive:
        b.apply(data.privacy_sensitive, "privacy-sensitive data adds")
        constraints["privacy"] = True
    st = data.stages[brief.stage]
    b.apply(st, f"{brief.stage} stage adds")
    if st.vote:
        votes[st.vote] += 1
    for n in brief.must_have:
        sid = rules.taxonomy.resolve(n)
        if sid is None:
            raise RoleError(f"must-have skill {n!r} is not in the taxonomy", hint="use a skill name or alias from `stackfit taxonomy`")
        b.must.append(sid)
    for n in brief.nice_to_have:
        sid = rules.taxonomy.resolve(n)
        if sid is None:
            raise RoleError(f"nice-to-have skill {n!r} is not in the taxonomy", hint="use a skill name or alias")
        b.nice.append(sid)

    profile = max(votes, key=lambda p: (votes[p], -order.index(p) if p in order else -99))
    policy = load_policy()
    pname = policy.profiles.get(profile).name
    b.reasons.insert(0, Reason(field="profile", text=(
        f"{pname}: {', '.join(data.systems[s].name for s in brief.systems)} with "
        f"{'trained' if trains else 'integrated'} models" + (f", {brief.deployment} deployment" if brief.deployment != "cloud" else "")
        + f", {brief.stage} stage")))
    total = sum(b.layers.values())
    layers = {k: round(v / total, 3) for k, v in b.layers.items()}
    b.reasons.insert(1, Reason(field="layers", text=(
        "average of the systems' layer needs, shifted by the stage" + (", real-time" if brief.real_time else "")
        + (", edge" if constraints["edge"] else ""))))
    must = tuple(dict.fromkeys(b.must))
    in_groups = {i for g in b.any_of for i in g}
    must_all = must + tuple(i for g in b.any_of for i in g if i not in must)
    nice = tuple(i for i in dict.fromkeys(b.nice) if i not in must_all and i not in in_groups)
    b.reasons.append(Reason(field="stage", text=f"{brief.stage}: from the brief"))
    payload = brief.model_dump_json()
    return RoleProfile(
        id=role_id(brief.title, payload), title=brief.title, profile=profile, layers=layers,  # type: ignore[arg-type]
        must_have=must_all, nice_to_have=nice, any_of=tuple(b.any_of),
        constraints=Constraints(**constraints), stage=brief.stage, systems=brief.systems, trains_models=trains,
        source=source, reasons=tuple(b.reasons), taxonomy_version=rules.taxonomy.version,
    )
