"""The scoring view of a candidate: the part of a CandidateProfile that the match score reads.

A stored CandidateProfile is about 27 kB of JSON (every piece of evidence with its text and lines); the
score reads only skill strengths, signal states, layer scores, the profile distribution, content-word
stems, dated jobs and years. Re-ranking a hundred retrieved candidates (``stackfit.retrieve``) reads this
view (about a tenth of the size, parsed without validation of the nested models) and the stored vector
of the candidate's semantic text, instead of parsing and assessing each full profile.

``assess`` computes its score from the same view (``stackfit.score.match.score_view``), so the two
paths give the same number by construction; a test compares them on stored candidates.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from stackfit.extract.degrees import Held
from stackfit.models import CandidateProfile, Strength

VIEW_VERSION = 2  # bump when the fields below change (stored views of another version are ignored); 2: degrees


class Job(NamedTuple):
    """A dated job (``models.Stint``): its heading's offset, its months and its heading's content words."""

    start: int
    months: int
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoringView:
    document_id: str
    file: str
    profile: str
    fit: dict[str, float]
    layers: dict[str, float]
    skills: dict[str, Strength]  # skill id -> strongest evidence (led, built, used, listed)
    signals: dict[str, str]  # signal id -> state (evidenced, claimed_only, unknown)
    terms: dict[str, int]  # content-word stem -> offset of its first use
    experience: tuple[Job, ...]
    years_experience: float | None
    semantic_text: str  # what the semantic component embeds (stackfit.embed.signal.candidate_text)
    degrees: tuple[Held, ...] = ()  # degrees stated in the education sections (stackfit.extract.degrees)

    @classmethod
    def of(cls, c: CandidateProfile) -> ScoringView:
        from stackfit.embed.signal import candidate_text

        return cls(
            document_id=c.document_id, file=c.file, profile=c.profile, fit=dict(c.fit), layers=dict(c.layers),
            skills={s.id: s.strength for s in c.skills}, signals={s.id: s.state for s in c.signals},
            terms=dict(c.terms), experience=tuple(Job(st.start, st.months, tuple(st.terms)) for st in c.experience),
            years_experience=c.years_experience, semantic_text=candidate_text(c),
            degrees=tuple(Held(d.level, d.start, tuple(d.terms)) for d in c.degrees),
        )

    def to_json(self, vector: np.ndarray | None = None, encoder: str | None = None) -> str:
        """JSON of the view and, if given, the semantic text's vector (float32, base64) under its encoder key."""
        body: dict[str, Any] = {
            "v": VIEW_VERSION, "document_id": self.document_id, "file": self.file, "profile": self.profile,
            "fit": self.fit, "layers": self.layers, "skills": self.skills, "signals": self.signals, "terms": self.terms,
            "experience": [list(j) for j in self.experience], "years_experience": self.years_experience,
            "semantic_text": self.semantic_text, "degrees": [list(d) for d in self.degrees],
        }
        if vector is not None and encoder is not None:
            body["semantic"] = {"encoder": encoder, "vector": base64.b64encode(np.asarray(vector, dtype=np.float32).tobytes()).decode()}
        return json.dumps(body, separators=(",", ":"))


def view_from_json(raw: str) -> tuple[ScoringView, tuple[str, np.ndarray] | None] | None:
    """(view, (encoder key, vector) or None) from ``to_json`` output; None for a view of another version."""
    d = json.loads(raw)
    if d.get("v") != VIEW_VERSION:
        return None
    view = ScoringView(
        document_id=d["document_id"], file=d["file"], profile=d["profile"], fit=d["fit"], layers=d["layers"],
        skills=d["skills"], signals=d["signals"], terms=d["terms"],
        experience=tuple(Job(s, m, tuple(t)) for s, m, t in d["experience"]), years_experience=d["years_experience"],
        semantic_text=d["semantic_text"], degrees=tuple(Held(lv, s, tuple(t)) for lv, s, t in d.get("degrees", [])),
    )
    sem = d.get("semantic")
    vec = (sem["encoder"], np.frombuffer(base64.b64decode(sem["vector"]), dtype=np.float32)) if sem else None
    return view, vec
