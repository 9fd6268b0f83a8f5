"""Schemas and cached loaders of the policy files under ``stackfit/data``.

Each file is versioned; the versions end up in every stored score (``Versions``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from stackfit import __version__
from stackfit.datafiles import load_yaml_model, package_data
from stackfit.errors import DataFileError
from stackfit.models import Layer, ProfileId, SectionKind, Stage, Strength, Versions
from stackfit.taxonomy import load_taxonomy


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(v: str) -> str:
    try:
        re.compile(v)
    except re.error as exc:
        raise ValueError(f"bad regular expression {v!r}: {exc}") from exc
    return v


# --------------------------------------------------------------------------- evidence


class VerbRule(Strict):
    id: str
    strength: Strength
    pattern: str

    _v = field_validator("pattern")(_check_regex)


class StatementRules(Strict):
    """When a line continues the one before it (a bullet wrapped over several lines): regexes on the lines."""

    bullet: str
    joins_after: str
    continues: str
    number_in_bullet: str
    sentence_end: str

    _v = field_validator("bullet", "joins_after", "continues", "number_in_bullet", "sentence_end")(_check_regex)


class EvidenceRules(Strict):
    version: str
    listed_sections: tuple[SectionKind, ...]
    experience_sections: tuple[SectionKind, ...]
    verbs: tuple[VerbRule, ...]
    statements: StatementRules


# --------------------------------------------------------------------------- signals


class SignalPattern(Strict):
    """A regex on the lower-cased text, or taxonomy skills (any of their aliases) - one of the two."""

    id: str
    regex: str = ""
    skills: tuple[str, ...] = ()

    _v = field_validator("regex")(_check_regex)


class SignalDef(Strict):
    id: str
    name: str
    kind: Literal["production", "future_proof"]
    layer: Layer
    patterns: tuple[SignalPattern, ...]


class SignalRules(Strict):
    version: str
    signals: tuple[SignalDef, ...]


# --------------------------------------------------------------------------- profiles


class ProfileDef(Strict):
    id: ProfileId
    name: str
    track: bool
    default_layers: dict[Layer, float]
    categories: dict[str, float]
    signals: dict[str, float]
    titles: tuple[str, ...]
    generic_titles: tuple[str, ...] = ()  # titles shared with jobs outside the profile: vote at generic_title_factor
    # skill categories that make a job title this profile's when no profile's patterns match it: "PHP Engineer"
    # (app_language) votes software_engineer, "Kafka Engineer" (stream_processing) data_engineer
    title_skills: tuple[str, ...] = ()
    publications_weight: float = 0.0
    needs_ai: bool = False  # a machine-learning job: skill votes need one skill of ProfileRules.ai_categories

    @field_validator("titles", "generic_titles")
    @classmethod
    def _titles(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for t in v:
            _check_regex(t)
        return v


class Specialisations(Strict):
    min_value: float
    tags: dict[str, tuple[str, ...]]


class ProfileRules(Strict):
    version: str
    temperature: float = Field(gt=0)
    other_base: float
    title_weight_current: float
    title_weight_past: float
    title_weight_headline: float
    generic_title_factor: float = Field(default=1.0, ge=0, le=1)
    jd_other_base: float = 0.5
    unknown_title_factor: float = Field(default=0.0, ge=0, le=1)
    category_cap: float
    listed_vote_cap: float
    ai_categories: tuple[str, ...] = ()
    no_ai_factor: float = Field(default=1.0, ge=0, le=1)
    profiles: tuple[ProfileDef, ...]
    similarity: dict[ProfileId, dict[ProfileId, float]]
    specialisations: Specialisations

    def sim(self, role: str, candidate: str) -> float:
        if role == candidate:
            return 1.0
        return self.similarity.get(role, {}).get(candidate, 0.0)  # type: ignore[call-overload]

    def get(self, profile_id: str) -> ProfileDef:
        for p in self.profiles:
            if p.id == profile_id:
                return p
        raise KeyError(profile_id)


# --------------------------------------------------------------------------- flags, checklist


class FlagCondition(Strict):
    role_profile_in: tuple[ProfileId, ...] | None = None
    role_trains_models: bool | None = None
    role_layer_weight_at_least: dict[Layer, float] | None = None
    candidate_profile_in: tuple[ProfileId, ...] | None = None
    candidate_profile_not_in: tuple[ProfileId, ...] | None = None
    layer_below: dict[Layer, float] | None = None
    has_skill: tuple[str, ...] | None = None
    has_category_used: tuple[str, ...] | None = None
    lacks_category_used: tuple[str, ...] | None = None
    lacks_signal: tuple[str, ...] | None = None


class FlagRule(Strict):
    id: str
    name: str
    severity: Literal["info", "warning", "critical"]
    message: str
    when: FlagCondition


class FlagRules(Strict):
    version: str
    flags: tuple[FlagRule, ...]


class ChecklistDef(Strict):
    id: str
    question: str
    kind: Literal["coverage", "evidence"]
    signals: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    evidenced_at: float = 0.7
    claimed_at: float = 0.4


class ChecklistRules(Strict):
    version: str
    items: tuple[ChecklistDef, ...]


# --------------------------------------------------------------------------- scoring


class Recency(Strict):
    full_until_months: int
    floor: float
    floor_at_months: int


class YearsRule(Strict):
    unknown: float
    min: float
    saturate_years: float


class LayerRule(Strict):
    scale: float
    listed_cap: float
    signal_value: float


class SemanticRule(Strict):
    """The embedding component: value = (cosine - low) / (high - low), clipped to 0..1."""

    weight: float
    encoder: str
    low: float
    high: float


class WordingRule(Strict):
    """The wording component: the share of the job description's content words (outside nice-to-have
    sections, each weighted by ``extract.terms.term_weight``) that the resume uses."""

    weight: float = Field(ge=0.0, le=1.0, description="in AI-stack roles; part of the weights that sum to 1")
    other_roles: float = Field(ge=0.0, le=1.0, description="in other roles, before their weights are rescaled to sum to 1")
    full_at: float = Field(gt=0.0, le=1.0, description="share of the wording at or above which the component is fully met")


class MatchRule(Strict):
    must_have: float
    layers: float
    profile: float
    production: float
    nice_to_have: float
    semantic: SemanticRule | None = None
    wording: WordingRule | None = None
    layer_target: float
    requirement_credit: dict[Strength, float]
    related_credit: float
    stage_signals: dict[Stage, tuple[str, ...]]
    # a role that names a skill of one of these categories is an AI-stack role: layers, production
    # signals and the semantic component are weighted; any other role is scored on its stated
    # requirements and on how close the candidate's past jobs are to it
    ai_stack_categories: tuple[str, ...] = ()
    ai_stack_not_alone: tuple[str, ...] = ()  # skill ids whose name is also an everyday skill


class ScoringRules(Strict):
    version: str
    strength_weight: dict[Strength, float]
    recency: Recency
    years: YearsRule
    layers: LayerRule
    match: MatchRule


# --------------------------------------------------------------------------- the bundle


@dataclass(frozen=True)
class Policy:
    """Every policy file, validated and cross-checked against the taxonomy."""

    evidence: EvidenceRules
    signals: SignalRules
    profiles: ProfileRules
    flags: FlagRules
    checklist: ChecklistRules
    scoring: ScoringRules

    @cached_property
    def versions(self) -> Versions:
        tax = load_taxonomy()
        rules = "+".join(
            [self.evidence.version, self.signals.version, self.profiles.version, self.flags.version, self.checklist.version]
        )
        return Versions(stackfit=__version__, taxonomy=tax.version, scorer=self.scoring.version, rules=rules,
                        fingerprint=policy_fingerprint())

    def check_references(self) -> list[str]:
        """Problems where a policy file names a category, skill, signal or profile that does not exist."""
        tax = load_taxonomy()
        cats = set(tax.categories)
        sigs = {s.id for s in self.signals.signals}
        problems: list[str] = []
        id_lists: dict[str, list[str]] = {
            "evidence.yaml verbs": [v.id for v in self.evidence.verbs],
            "signals.yaml signals": [s.id for s in self.signals.signals],
            "signals.yaml patterns": [p.id for s in self.signals.signals for p in s.patterns],
            "profiles.yaml profiles": [p.id for p in self.profiles.profiles],
            "flags.yaml flags": [f.id for f in self.flags.flags],
            "checklist.yaml items": [i.id for i in self.checklist.items],
        }
        for where, ids in id_lists.items():
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                problems.append(f"{where}: duplicate ids {', '.join(dupes)}")
        for s in self.signals.signals:  # matched against lower-cased text, so a capital letter never matches
            problems += [f"signals.yaml {p.id}: patterns must be lower case" for p in s.patterns
                         if re.search(r"(?<!\\)[A-Z]", p.regex)]
            problems += [f"signals.yaml {p.id}: give a regex or skills, not both or neither" for p in s.patterns
                         if bool(p.regex) == bool(p.skills)]
            problems += [f"signals.yaml {p.id}: unknown skill {k!r}" for p in s.patterns for k in p.skills if k not in tax.skills]
        problems += [f"profiles.yaml ai_categories: unknown category {c!r}" for c in self.profiles.ai_categories if c not in cats]
        for p in self.profiles.profiles:
            problems += [f"profiles.yaml {p.id}: unknown category {c!r}" for c in p.categories if c not in cats]
            problems += [f"profiles.yaml {p.id}: unknown title_skills category {c!r}" for c in p.title_skills if c not in cats]
            problems += [f"profiles.yaml {p.id}: unknown signal {s!r}" for s in p.signals if s not in sigs]
            if abs(sum(p.default_layers.values()) - 1.0) > 1e-6:
                problems.append(f"profiles.yaml {p.id}: default_layers must sum to 1")
        problems += [f"scoring.yaml match.ai_stack_categories: unknown category {c!r}"
                     for c in self.scoring.match.ai_stack_categories if c not in cats]
        problems += [f"scoring.yaml match.ai_stack_not_alone: unknown skill {s!r}"
                     for s in self.scoring.match.ai_stack_not_alone if s not in tax.skills]
        for tag, tcats in self.profiles.specialisations.tags.items():
            problems += [f"profiles.yaml specialisation {tag}: unknown category {c!r}" for c in tcats if c not in cats]
        for f in self.flags.flags:
            w = f.when
            for c in (w.has_category_used or ()) + (w.lacks_category_used or ()):
                if c not in cats:
                    problems.append(f"flags.yaml {f.id}: unknown category {c!r}")
            problems += [f"flags.yaml {f.id}: unknown skill {s!r}" for s in (w.has_skill or ()) if s not in tax.skills]
            problems += [f"flags.yaml {f.id}: unknown signal {s!r}" for s in (w.lacks_signal or ()) if s not in sigs]
        for item in self.checklist.items:
            problems += [f"checklist.yaml {item.id}: unknown category {c!r}" for c in item.categories if c not in cats]
            problems += [f"checklist.yaml {item.id}: unknown signal {s!r}" for s in item.signals if s not in sigs]
        m = self.scoring.match
        total = m.must_have + m.layers + m.profile + m.production + m.nice_to_have + (m.semantic.weight if m.semantic else 0.0)
        total += m.wording.weight if m.wording else 0.0
        if abs(total - 1.0) > 1e-6:
            problems.append(f"scoring.yaml: match weights sum to {total}, not 1")
        for stage, stage_ids in m.stage_signals.items():
            problems += [f"scoring.yaml stage {stage}: unknown signal {s!r}" for s in stage_ids if s not in sigs]
        return problems


POLICY_FILES = ("evidence.yaml", "signals.yaml", "profiles.yaml", "flags.yaml", "checklist.yaml", "scoring.yaml", "roles.yaml",
                "terms.yaml", "degrees.yaml", "locations.yaml", "geo/cities.tsv", "geo/countries.tsv", "geo/us_states.tsv", "integrity.yaml")


@cache
def policy_fingerprint() -> str:
    """Hash of every shipped policy and taxonomy file: two scores with equal fingerprints came from equal rules."""
    h = hashlib.sha256()
    tax = package_data("taxonomy")
    files = [package_data(n) for n in POLICY_FILES] + [tax / "index.yaml", *sorted((tax / "skills").glob("*.yaml"))]
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@cache
def load_policy() -> Policy:
    policy = Policy(
        evidence=load_yaml_model(package_data("evidence.yaml"), EvidenceRules),
        signals=load_yaml_model(package_data("signals.yaml"), SignalRules),
        profiles=load_yaml_model(package_data("profiles.yaml"), ProfileRules),
        flags=load_yaml_model(package_data("flags.yaml"), FlagRules),
        checklist=load_yaml_model(package_data("checklist.yaml"), ChecklistRules),
        scoring=load_yaml_model(package_data("scoring.yaml"), ScoringRules),
    )
    problems = policy.check_references()
    if problems:
        raise DataFileError(
            f"{len(problems)} broken reference(s): " + "; ".join(problems),
            hint="fix the policy files under stackfit/data",
            path=str(package_data("")),
        )
    return policy
