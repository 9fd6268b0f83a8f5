"""Request and response bodies of the REST API (they make the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str = Field(description="stable machine-readable code, e.g. not_found, forbidden, unsupported_format")
    message: str
    hint: str = ""
    field: str | None = Field(default=None, description="the request field at fault, when there is one")


class ErrorBody(BaseModel):
    """The one shape of every JSON error."""

    error: ErrorDetail


class JdIn(Body):
    text: str = Field(min_length=1, max_length=50_000, description="the job description")
    title: str = Field(default="", max_length=200)


class RoleSummary(BaseModel):
    id: str
    title: str
    candidates: int


class Me(BaseModel):
    id: int
    email: str
    role: str
    workspace: str


class UserIn(Body):
    email: str = Field(max_length=200)
    password: str = Field(min_length=10, max_length=200)
    role: Literal["admin", "recruiter", "interviewer"]


class TokenIn(Body):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(BaseModel):
    id: int
    name: str
    token: str = Field(description="shown only once; send it as Authorization: Bearer <token>")


class TokenInfo(BaseModel):
    id: int
    name: str
    created_at: str


class JobOut(BaseModel):
    id: str
    role_id: str
    state: Literal["queued", "running", "done", "failed"]
    done: int
    total: int
    current: str
    failures: list[dict[str, str]]
    error: dict[str, str] | None


class RankedCandidate(BaseModel):
    rank: int
    document_id: str
    file: str
    score: float
    profile: str
    layers: dict[str, float]
    must_have_met: int
    must_have_total: int
    must_have_coverage: float
    flags: list[str]
    location: str
    timezone: str
    overlap_hours: float | None
    stage: str


class StageIn(Body):
    stage: Literal["new", "screened", "interviewing", "offer", "hired", "rejected"]
    reason: str = Field(default="", max_length=2000)


class StageOut(BaseModel):
    document_id: str
    role_id: str
    stage: str
    previous: str
    actor: str
    reason: str
    at: str


MAX_ID = 2**62  # ids beyond SQLite's integer range are a validation error, not a crash


class AssignIn(Body):
    user_id: int = Field(ge=1, le=MAX_ID)


class Assignment(BaseModel):
    role_id: str
    document_id: str
    file: str
    role_title: str


class ScorecardIn(Body):
    stage: Literal["architecture", "stack", "production"]
    scores: dict[str, int] = Field(description="kit question id -> rubric level 1-4", max_length=100)
    notes: str = Field(default="", max_length=5000)


class TeamIn(Body):
    yaml: str = Field(min_length=1, max_length=100_000, description="the team's TEAM.yaml (members with declared skills)")


Json = dict[str, Any]
