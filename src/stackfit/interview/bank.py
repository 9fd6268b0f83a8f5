"""The interview question bank and the interview rules: versioned YAML under ``data/interview``.

Each stage file (architecture, stack, production) holds questions with what a strong answer
shows and a behaviourally anchored 1-4 rubric. Loading validates every file with pydantic
(``extra="forbid"``) and cross-checks every reference (taxonomy categories, signal ids,
profiles, role system types), reporting every bad entry at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stackfit.datafiles import load_yaml_model, package_data
from stackfit.errors import DataFileError
from stackfit.models import Layer, ProfileId

QStage = Literal["architecture", "stack", "production"]
STAGES: tuple[QStage, ...] = ("architecture", "stack", "production")
STAGE_NAMES: dict[str, str] = {
    "architecture": "Architecture thinking",
    "stack": "Practical stack knowledge",
    "production": "Production readiness",
}
QKind = Literal["design", "knowledge", "experience", "claim"]
BANK_FILES = ("architecture.yaml", "stack.yaml", "production.yaml")
RULES_FILE = "rules.yaml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Question(Strict):
    """One question of the bank. ``kind: claim`` questions are templates: ``{skill}`` is filled in."""

    id: str = Field(pattern=r"^(arch|stack|prod)\.[a-z0-9_]+$")
    stage: QStage
    kind: QKind
    layers: tuple[Layer, ...] = Field(min_length=1)
    profiles: tuple[ProfileId, ...] = Field(default=(), description="profiles it suits best; empty: any")
    systems: tuple[str, ...] = Field(default=(), description="role system types a design exercise fits")
    categories: tuple[str, ...] = Field(default=(), description="taxonomy categories it probes")
    signals: tuple[str, ...] = Field(default=(), description="signal ids it probes")
    scenario: str = ""
    prompt: str = Field(min_length=10)
    follow_ups: tuple[str, ...] = ()
    strong_answer: str = Field(min_length=10)
    rubric: dict[int, str]

    @field_validator("rubric")
    @classmethod
    def _rubric(cls, v: dict[int, str]) -> dict[int, str]:
        if sorted(v) != [1, 2, 3, 4]:
            raise ValueError(f"rubric needs exactly the levels 1, 2, 3, 4 (got {sorted(v)})")
        if any(not s.strip() for s in v.values()):
            raise ValueError("every rubric level needs a description")
        return v

    @model_validator(mode="after")
    def _kind(self) -> Question:
        templated = "{skill}" in self.prompt
        if (self.kind == "claim") != templated:
            raise ValueError(f"{self.id}: a claim question must contain {{skill}} in its prompt, and only a claim question may")
        if self.kind == "design" and (not self.scenario or not self.systems):
            raise ValueError(f"{self.id}: a design exercise needs a scenario and the system types it fits")
        return self


class BankFile(Strict):
    version: str
    stage: QStage
    questions: tuple[Question, ...]

    @model_validator(mode="before")
    @classmethod
    def _stage_into_questions(cls, data: Any) -> Any:
        """Questions take their stage from the file they are in."""
        if isinstance(data, dict) and isinstance(data.get("questions"), list):
            stage = data.get("stage")
            data = {**data, "questions": [{**q, "stage": stage} if isinstance(q, dict) else q for q in data["questions"]]}
        return data


# --------------------------------------------------------------------------- rules


class StackTopic(Strict):
    id: str
    name: str
    categories: tuple[str, ...]
    layer: Layer


class FlagProbe(Strict):
    layer: Layer
    categories: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    why: str


class KitRules(Strict):
    caps: dict[QStage, int]
    stack_topics: tuple[StackTopic, ...]
    min_layer_weight: float
    production_topics: tuple[str, ...]
    core_questions: dict[str, tuple[str, ...]] = {}
    flag_probes: dict[str, FlagProbe]
    max_must_have_probes: int = Field(ge=0)


class SummaryRules(Strict):
    disagreement_spread: int = Field(ge=1, le=3)


class Threshold(Strict):
    id: str
    at: float


class RecommendationRules(Strict):
    screening_weight: float = Field(ge=0, le=1)
    interview_weight: float = Field(ge=0, le=1)
    thresholds: tuple[Threshold, ...]
    min_scored_items: int = Field(ge=1)
    contradicted_cap: str

    @model_validator(mode="after")
    def _check(self) -> RecommendationRules:
        if abs(self.screening_weight + self.interview_weight - 1) > 1e-6:
            raise ValueError("screening_weight + interview_weight must be 1")
        ats = [t.at for t in self.thresholds]
        if ats != sorted(ats, reverse=True) or not ats or ats[-1] != 0.0:
            raise ValueError("thresholds must be ordered highest first and end at 0.0")
        if self.contradicted_cap not in {t.id for t in self.thresholds}:
            raise ValueError(f"contradicted_cap {self.contradicted_cap!r} is not a threshold id")
        return self

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.thresholds)


class ChecklistInterviewRules(Strict):
    contradicted_at_most: float = Field(ge=1, le=4)
    confirmed_at_least: float = Field(ge=1, le=4)
    experience_items: tuple[str, ...] = ()


class InterviewRules(Strict):
    version: str
    kit: KitRules
    summary: SummaryRules
    recommendation: RecommendationRules
    checklist: ChecklistInterviewRules


# --------------------------------------------------------------------------- the bank


@dataclass(frozen=True)
class Bank:
    version: str
    questions: dict[str, Question]
    rules: InterviewRules
    fingerprint: str

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions.values())

    def stage(self, stage: str) -> list[Question]:
        return [q for q in self.questions.values() if q.stage == stage]

    def get(self, question_id: str) -> Question:
        return self.questions[question_id]

    @cached_property
    def versions(self) -> dict[str, str]:
        return {"bank": self.version, "rules": self.rules.version, "fingerprint": self.fingerprint}


def check_references(questions: list[Question], rules: InterviewRules) -> list[str]:
    """Problems where the bank or the rules name a category, signal, system or flag that does not exist."""
    from stackfit.policy import load_policy
    from stackfit.role.rules import load_role_rules
    from stackfit.taxonomy import load_taxonomy

    cats = set(load_taxonomy().categories)
    policy = load_policy()
    sigs = {s.id for s in policy.signals.signals}
    flags = {f.id for f in policy.flags.flags}
    systems = set(load_role_rules().data.systems)
    problems: list[str] = []
    seen: dict[str, int] = {}
    for q in questions:
        seen[q.id] = seen.get(q.id, 0) + 1
        problems += [f"{q.id}: unknown category {c!r}" for c in q.categories if c not in cats]
        problems += [f"{q.id}: unknown signal {s!r}" for s in q.signals if s not in sigs]
        problems += [f"{q.id}: unknown system type {s!r}" for s in q.systems if s not in systems]
        if q.kind != "claim" and not (q.categories or q.signals):
            problems.append(f"{q.id}: probes nothing (give categories or signals)")
    problems += [f"duplicate question id {i}" for i, n in sorted(seen.items()) if n > 1]
    k = rules.kit
    for t in k.stack_topics:
        problems += [f"rules.yaml stack topic {t.id}: unknown category {c!r}" for c in t.categories if c not in cats]
    problems += [f"rules.yaml production topic: unknown signal {s!r}" for s in k.production_topics if s not in sigs]
    for fid, fp in k.flag_probes.items():
        if fid not in flags:
            problems.append(f"rules.yaml flag_probes: unknown flag {fid!r}")
        problems += [f"rules.yaml flag_probes.{fid}: unknown category {c!r}" for c in fp.categories if c not in cats]
        problems += [f"rules.yaml flag_probes.{fid}: unknown signal {s!r}" for s in fp.signals if s not in sigs]
    ids = {q.id for q in questions}
    topic_ids = {t.id for t in k.stack_topics} | set(k.production_topics)
    for topic, qids in k.core_questions.items():
        if topic not in topic_ids:
            problems.append(f"rules.yaml core_questions: unknown topic {topic!r}")
        problems += [f"rules.yaml core_questions.{topic}: unknown question {q!r}" for q in qids if q not in ids]
    checklist_ids = {i.id for i in policy.checklist.items}
    problems += [f"rules.yaml checklist.experience_items: unknown checklist item {i!r}"
                 for i in rules.checklist.experience_items if i not in checklist_ids]
    for stage in STAGES:
        if not any(q.stage == stage and q.kind != "claim" for q in questions):
            problems.append(f"stage {stage} has no questions")
    claim_ids = {q.id for q in questions if q.kind == "claim"}
    for need in ("stack.claim_listed_skill", "stack.claim_verify_strongest", "stack.claim_gap_skill"):
        if need not in claim_ids:
            problems.append(f"the claim template {need} is missing")
    return problems


@cache
def load_bank() -> Bank:
    """The shipped question bank and rules, validated and cross-checked (cached)."""
    folder = package_data("interview")
    files = [load_yaml_model(folder / name, BankFile) for name in BANK_FILES]
    versions = {f.version for f in files}
    if len(versions) != 1:
        raise DataFileError(f"the bank files carry different versions: {sorted(versions)}",
                            hint="give every stage file the same version", path=str(folder))
    for name, f in zip(BANK_FILES, files, strict=True):
        if f.stage != name.removesuffix(".yaml"):
            raise DataFileError(f"stage {f.stage!r} in the wrong file", hint=f"{name} must say stage: {name.removesuffix('.yaml')}",
                                path=str(folder / name))
    rules = load_yaml_model(folder / RULES_FILE, InterviewRules)
    questions = [q for f in files for q in f.questions]
    problems = check_references(questions, rules)
    if problems:
        raise DataFileError(f"{len(problems)} problem(s) in the question bank: " + "; ".join(problems),
                            hint="fix the listed entries under stackfit/data/interview", path=str(folder))
    h = hashlib.sha256()
    for name in (*BANK_FILES, RULES_FILE):
        h.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    return Bank(version=files[0].version, questions={q.id: q for q in questions}, rules=rules, fingerprint=h.hexdigest()[:16])
