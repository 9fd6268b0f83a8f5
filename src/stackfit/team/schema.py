"""Schemas of the team policy (``data/team.yaml``) and of a user's TEAM.yaml."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stackfit.datafiles import load_yaml_model, package_data
from stackfit.errors import DataFileError
from stackfit.models import Layer, ProfileId, Stage

STAGE_ORDER: dict[str, int] = {"prototype": 1, "production": 2, "scaling": 3}
_HOURS = re.compile(r"^\s*([01]?\d|2[0-4]):([0-5]\d)\s*[-–]\s*([01]?\d|2[0-4]):([0-5]\d)\s*$")


def parse_hours(text: str) -> tuple[int, int]:
    """``"09:00-17:00"`` -> (540, 1020) minutes after midnight; an end before the start runs past midnight."""
    m = _HOURS.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a time range; write it like 09:00-17:00")
    start, end = int(m[1]) * 60 + int(m[2]), int(m[3]) * 60 + int(m[4])
    if start >= 24 * 60 or end > 24 * 60 or start == end:
        raise ValueError(f"{text!r} is not a usable time range")
    return start, end


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- policy


class StageNeeds(Strict):
    id: Stage
    name: str
    phase: int
    layers: dict[Layer, float]
    signals: tuple[str, ...] = ()


class HireArchetype(Strict):
    id: str
    name: str
    stage: Stage
    profile: ProfileId
    covered_by: tuple[ProfileId, ...]
    layers: dict[Layer, float] = {}
    covered_by_layers: dict[Layer, float] = {}
    signals: tuple[str, ...] = ()
    extra_systems: tuple[str, ...] = ()
    product_systems: bool = True
    brief_models: Literal["integrate", "train", "both"] = "train"
    why: str


class TeamPolicy(Strict):
    version: str
    profile_fit_min: float = Field(ge=0, le=1)
    stages: tuple[StageNeeds, ...]
    hires: tuple[HireArchetype, ...]
    default_systems: tuple[str, ...] = Field(min_length=1)
    default_hours: str
    regions: dict[str, tuple[str, ...]]

    @model_validator(mode="after")
    def _check(self) -> TeamPolicy:
        from stackfit.policy import load_policy

        problems: list[str] = []
        signals = {s.id for s in load_policy().signals.signals}
        if [s.id for s in self.stages] != list(STAGE_ORDER):
            problems.append(f"stages must be {', '.join(STAGE_ORDER)} in this order")
        for s in self.stages:
            problems += [f"stage {s.id}: unknown signal {x!r}" for x in s.signals if x not in signals]
        for h in self.hires:
            problems += [f"hire {h.id}: unknown signal {x!r}" for x in h.signals if x not in signals]
        if [STAGE_ORDER[h.stage] for h in self.hires] != sorted(STAGE_ORDER[h.stage] for h in self.hires):
            problems.append("hires must be listed in stage order")
        try:
            parse_hours(self.default_hours)
        except ValueError as exc:
            problems.append(f"default_hours: {exc}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def stage(self, stage_id: str) -> StageNeeds:
        return next(s for s in self.stages if s.id == stage_id)

    def hire(self, hire_id: str) -> HireArchetype | None:
        return next((h for h in self.hires if h.id == hire_id), None)


@cache
def load_team_policy() -> TeamPolicy:
    path = package_data("team.yaml")
    policy = load_yaml_model(path, TeamPolicy)
    if not policy.hires:
        raise DataFileError("no hires defined", hint="list the hire archetypes", path=str(path))
    return policy


# --------------------------------------------------------------------------- TEAM.yaml


class Member(Strict):
    """A current team member: a resume (path relative to TEAM.yaml) or declared skills."""

    name: str = Field(min_length=1)
    resume: str | None = None
    skills: tuple[str, ...] = ()
    title: str | None = Field(default=None, description="job title, used with declared skills")
    years: float = Field(default=2.0, gt=0, le=50, description="years declared skills were used")
    location: str | None = None
    timezone: str | None = None
    hours: str | None = None

    @field_validator("timezone")
    @classmethod
    def _member_tz(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                ZoneInfo(v)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {v!r}; use an IANA name such as Europe/Berlin") from None
        return v

    @model_validator(mode="after")
    def _one_source(self) -> Member:
        if (self.resume is None) == (not self.skills):
            raise ValueError("give either resume: (a file) or skills: (a list), not both and not neither")
        return self

    @field_validator("hours")
    @classmethod
    def _hours(cls, v: str | None) -> str | None:
        if v is not None:
            parse_hours(v)
        return v


class Phase(Strict):
    stage: Stage
    name: str | None = None
    date: dt.date | None = None
    order: int | None = None
    done: bool = False
    planned_hires: tuple[str, ...] = ()


class Product(Strict):
    """What the team builds (the guide's Step 1 answers), used for the generated role profiles."""

    systems: tuple[str, ...] = Field(min_length=1)
    models: Literal["integrate", "train", "both"] = "train"
    deployment: Literal["cloud", "edge", "hybrid"] = "cloud"
    real_time: bool = False
    privacy_sensitive: bool = False


class TeamFile(Strict):
    name: str = Field(min_length=1)
    hours: str = "09:00-17:00"
    timezone: str = "UTC"
    product: Product | None = None
    members: tuple[Member, ...] = Field(min_length=1)
    roadmap: tuple[Phase, ...] = Field(min_length=1)

    @field_validator("hours")
    @classmethod
    def _hours(cls, v: str) -> str:
        parse_hours(v)
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r}; use an IANA name such as Europe/Berlin") from None
        return v
