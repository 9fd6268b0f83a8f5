"""Schema and loader of ``data/integrity.yaml``: injection patterns, look-alike letters, stuffing limits."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator

from stackfit.datafiles import load_yaml_model, package_data


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InjectionRule(_Strict):
    id: str = Field(pattern=r"^injection\.[a-z_]+$")
    leet: bool = False
    patterns: tuple[str, ...] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for p in v:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"bad regular expression {p!r}: {exc}") from exc
            if p != p.lower() or " " in p:
                raise ValueError(f"pattern {p!r} must be lower case without spaces (it is matched on squashed text)")
        return v


class HiddenTextRules(_Strict):
    reasons: dict[str, str]


class Lookalikes(_Strict):
    letters: str
    min_latin: int = 2


class StuffingRules(_Strict):
    repeated_line_min_chars: int = Field(ge=5)
    repeated_line_min_count: int = Field(ge=2)
    skill_mentions_min: int = Field(ge=2)
    skill_mentions_per_1000_chars: float = Field(gt=0)
    job_description_phrases_min: int = Field(ge=1)
    job_description_phrases: tuple[str, ...]


class IntegrityRules(_Strict):
    version: str
    hidden_text: HiddenTextRules
    injection: tuple[InjectionRule, ...]
    lookalikes: Lookalikes
    stuffing: StuffingRules


@cache
def load_integrity_rules() -> IntegrityRules:
    return load_yaml_model(package_data("integrity.yaml"), IntegrityRules)
