"""Typed, frozen hand-offs between pipeline stages.

parse -> ``Document``; extract -> ``Evidence`` and ``SignalHit``; score ->
``CandidateProfile`` and ``Assessment``; role -> ``RoleProfile``. No stage passes a raw
dict to the next one. Every character span (``start``/``end``) is an offset into
``Document.text``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Layer = Literal["data", "model", "deployment", "infrastructure"]
LAYERS: tuple[Layer, ...] = ("data", "model", "deployment", "infrastructure")

ProfileId = Literal[
    "llm_integration_engineer",
    "ml_engineer",
    "ai_infrastructure_engineer",
    "mlops_engineer",
    "data_scientist",
    "data_engineer",
    "data_analyst",
    "research_engineer",
    "software_engineer",
    "other",
]
PROFILES: tuple[ProfileId, ...] = (
    "llm_integration_engineer",
    "ml_engineer",
    "ai_infrastructure_engineer",
    "mlops_engineer",
    "data_scientist",
    "data_engineer",
    "data_analyst",
    "research_engineer",
    "software_engineer",
    "other",
)

Strength = Literal["listed", "used", "built", "led"]
STRENGTHS: tuple[Strength, ...] = ("listed", "used", "built", "led")

SectionKind = Literal[
    "header", "summary", "experience", "projects", "skills", "education",
    "publications", "certifications", "other",
]
Stage = Literal["prototype", "production", "scaling"]
CheckState = Literal["evidenced", "claimed_only", "contradicted", "unknown"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- parse


class Section(Frozen):
    """A titled block of the document, e.g. "Experience"."""

    kind: SectionKind
    title: str
    start: int
    end: int


class Entry(Frozen):
    """A dated block inside a section (one job, one project), with its date range.

    Dates are ``YYYY-MM`` strings; ``end`` is None for "present" (``current`` True).
    """

    section: SectionKind
    start: int
    end: int
    heading: str
    date_start: str | None = None
    date_end: str | None = None
    current: bool = False
    title: str | None = None


class HiddenText(Frozen):
    """Text in the file that a reader does not see (white, tiny, off-page, CSS-hidden, ...) or
    invisible characters. Kept out of ``Document.text`` unless hidden text is included on request."""

    reason: str = Field(description="reason code, e.g. white_text, render_mode_invisible, docx_vanish, tag_characters")
    text: str = Field(description="the hidden text (for invisible characters: what they spell or an excerpt around them)")
    page: int | None = Field(default=None, description="1-based page for PDFs")
    where: str = Field(default="", description="detail: colour, font size, CSS rule, character codes")


class Document(Frozen):
    """A parsed resume or job description: plain text plus its structure."""

    id: str = Field(description="sha256 of the file's bytes")
    source: str = Field(description="path the file was read from")
    media_type: str
    text: str
    sections: tuple[Section, ...] = ()
    entries: tuple[Entry, ...] = ()
    pages: int = 1
    warnings: tuple[str, ...] = ()
    hidden: tuple[HiddenText, ...] = ()


# --------------------------------------------------------------------------- extract


class Mention(Frozen):
    start: int
    end: int
    text: str


class SkillMentions(Frozen):
    """One taxonomy skill found in a text, with every place it occurs."""

    id: str
    name: str
    layer: Layer
    mentions: tuple[Mention, ...]


class Evidence(Frozen):
    """One piece of evidence for one skill: where it is and how strong it is."""

    skill_id: str
    name: str
    layer: Layer
    section: SectionKind
    start: int
    end: int
    text: str = Field(description="the matched surface text")
    line_start: int = Field(description="start of the mention's statement (its line, or the wrapped bullet it is in)")
    line_end: int = Field(description="end of that statement (the strength was read from these lines)")
    strength: Strength
    pattern_id: str = Field(description="rule that set the strength, e.g. strength.verb.built")
    date_start: str | None = None
    date_end: str | None = None


class SignalHit(Frozen):
    """A Step-4 production-readiness or Step-9 future-proof signal found in the text."""

    id: str
    name: str
    kind: Literal["production", "future_proof"]
    section: SectionKind
    start: int
    end: int
    text: str
    pattern_id: str
    in_experience: bool


# --------------------------------------------------------------------------- score


class SkillSummary(Frozen):
    id: str
    name: str
    layer: Layer
    strength: Strength
    years: float | None = None
    last_used: str | None = None
    mentions: int
    value: float = Field(description="0..1 evidence value: strength x recency x years")


class SignalSummary(Frozen):
    id: str
    name: str
    kind: Literal["production", "future_proof"]
    state: CheckState
    evidence: tuple[SignalHit, ...]


class Versions(Frozen):
    stackfit: str
    taxonomy: str
    scorer: str
    rules: str
    fingerprint: str = Field(description="sha256 (first 16 hex) of every policy and taxonomy file the scores came from")


class Stint(Frozen):
    """One dated job: where its heading starts, how many months it covers and its heading's content words."""

    start: int
    months: int
    terms: tuple[str, ...]


class Location(Frozen):
    """Where a candidate works from (the resume's header or contact line, or given) and its time zone."""

    text: str = Field(description="the location as written")
    city: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code")
    continent: str | None = None
    timezone: str | None = Field(default=None, description="IANA name (Europe/Berlin) or a fixed offset (UTC+05:30)")
    start: int | None = None
    end: int | None = None
    source: Literal["resume", "given"] = "resume"
    note: str = Field(default="", description="how the time zone was chosen")


class IntegrityFinding(Frozen):
    """Something in a resume that tries to game a screener: hidden text, instructions aimed at
    screeners, Unicode tricks, keyword stuffing. Flagged for review, never a rejection."""

    kind: Literal["hidden_text", "injection", "unicode", "lookalike", "stuffing"]
    reason: str = Field(description="reason or pattern id, e.g. white_text, injection.ignore_instructions")
    excerpt: str
    start: int | None = Field(default=None, description="offset into Document.text (None: not in the visible text)")
    end: int | None = None
    page: int | None = None
    excluded: bool = Field(default=False, description="the text was kept out of scoring")


class Degree(Frozen):
    """A degree the resume states (``extract.degrees``): its level, where it is and the content words of its line."""

    level: str = Field(description="level id of data/degrees.yaml: high_school, associate, bachelor, master, doctorate")
    start: int
    terms: tuple[str, ...] = ()


class CandidateProfile(Frozen):
    """What a resume says about a person, independent of any role."""

    document_id: str
    file: str
    profile: ProfileId
    fit: dict[str, float] = Field(description="distribution over the profile vocabulary")
    tags: tuple[str, ...] = ()
    layers: dict[str, float] = Field(description="layer scores 0-100")
    skills: tuple[SkillSummary, ...]
    evidence: tuple[Evidence, ...]
    signals: tuple[SignalSummary, ...]
    titles: tuple[str, ...] = ()
    years_experience: float | None = None
    profile_reasons: tuple[str, ...] = ()
    terms: dict[str, int] = Field(default_factory=dict, description="content-word stems with the offset of their first use; "
                                  "matched against a role's open requirements")
    experience: tuple[Stint, ...] = ()
    versions: Versions
    location: Location | None = None
    integrity: tuple[IntegrityFinding, ...] = ()
    degrees: tuple[Degree, ...] = Field(default=(), description="degrees stated in the education sections")


class OpenRequirement(Frozen):
    """A requirement line naming no taxonomy skill ("Meticulous attention to detail"), kept as its content words."""

    text: str
    terms: tuple[str, ...]
    years: float | None = Field(default=None, description="the line asks for this many years in the work it names")
    degree: str | None = Field(default=None, description="the line asks for a degree of this level or above "
                               "(data/degrees.yaml); ``fields`` are the fields it accepts, each as content-word stems")
    fields: tuple[tuple[str, ...], ...] = ()
    related: bool = Field(default=False, description="a related field will do")
    equivalent: bool = Field(default=False, description="equivalent experience will do")


class Constraints(Frozen):
    edge: bool = False
    real_time: bool = False
    privacy: bool = False


class Reason(Frozen):
    field: str
    text: str


class RoleProfile(Frozen):
    """What a role needs. Built from a brief, a job description or the interactive questions."""

    id: str
    title: str
    profile: ProfileId
    tags: tuple[str, ...] = ()
    layers: dict[str, float] = Field(description="weights over the four layers, summing to 1")
    must_have: tuple[str, ...] = Field(description="taxonomy skill ids")
    nice_to_have: tuple[str, ...] = ()
    any_of: tuple[tuple[str, ...], ...] = Field(
        default=(), description="groups of skill ids of which one satisfies the requirement ('vLLM or Triton')"
    )
    constraints: Constraints = Constraints()
    stage: Stage = "production"
    systems: tuple[str, ...] = ()
    trains_models: bool | None = None
    source: Literal["brief", "jd", "interactive"]
    reasons: tuple[Reason, ...] = ()
    taxonomy_version: str
    open_requirements: tuple[OpenRequirement, ...] = ()
    min_years: float | None = Field(default=None, description="years of experience the role asks for at least")
    terms: tuple[str, ...] = Field(default=(), description="content-word stems of the job description outside "
                                   "nice-to-have sections, each once: the wording component's reference")


class Requirement(Frozen):
    skill_id: str
    name: str
    met: bool = Field(description="the skill itself is shown in experience (used, built or led), not only listed")
    strength: Strength | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    via: str | None = Field(default=None, description="related skill id that gave partial credit")
    credit: float = 0.0


class Coverage(Frozen):
    ratio: float = Field(description="0..1, strength-weighted")
    met: int
    total: int
    requirements: tuple[Requirement, ...]


class Flag(Frozen):
    id: str
    name: str
    severity: Literal["info", "warning", "critical"]
    message: str
    reasons: tuple[str, ...] = ()
    kind: Literal["mismatch", "integrity"] = "mismatch"


class ChecklistItem(Frozen):
    id: str
    question: str
    state: CheckState
    evidence: tuple[Mention, ...] = ()
    note: str = ""


class ScoreComponent(Frozen):
    id: str
    weight: float
    value: float = Field(description="0..1")
    points: float = Field(description="weight x value x 100")
    detail: str


class Assessment(Frozen):
    """A candidate judged against a role."""

    document_id: str
    file: str
    role_id: str
    score: float
    components: tuple[ScoreComponent, ...]
    candidate: CandidateProfile
    must_have: Coverage
    nice_to_have: Coverage
    flags: tuple[Flag, ...]
    checklist: tuple[ChecklistItem, ...]
    explanation: str
    versions: Versions


class Failure(Frozen):
    """A file that could not be screened, and why."""

    file: str
    code: str
    message: str
    hint: str = ""
