"""The semantic component of the match score: cosine similarity between the role's text and the skills
the candidate shows in dated experience, both embedded by the encoder named in ``scoring.yaml``.

The candidate side is built from the profile (skill names, strongest first), not from the raw resume,
so the signal never sees a name, a contact or a gendered word, is the same for every caller of
``assess`` (screening, search, interview kits) and is deterministic. Skills only listed in a Skills
section are left out (they already earn partial credit, and keyword lists would inflate the cosine).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from stackfit.embed import encoder_key, get_encoder
from stackfit.models import CandidateProfile, RoleProfile

_ORDER = {"led": 0, "built": 1, "used": 2, "listed": 3}


def candidate_text(candidate: CandidateProfile) -> str:
    return ", ".join(s.name for s in sorted(candidate.skills, key=lambda s: (_ORDER[s.strength], s.id)) if s.strength != "listed")


@lru_cache(maxsize=64)
def _role_vector(encoder: str, role_json: str) -> np.ndarray:
    from stackfit.models import RoleProfile
    from stackfit.retrieve import role_text

    return get_encoder(encoder).encode([role_text(RoleProfile.model_validate_json(role_json))])[0]


def semantic_similarity(candidate: CandidateProfile, role: RoleProfile, encoder: str) -> tuple[float, str]:
    """(cosine, encoder name@version)."""
    enc = get_encoder(encoder)
    text = candidate_text(candidate)
    if not text:
        return 0.0, encoder_key(enc)
    cos = float(enc.encode([text])[0] @ _role_vector(encoder, role.model_dump_json()))
    return round(cos, 4), encoder_key(enc)


def prepare(role: RoleProfile, encoder: str) -> None:
    """Load the encoder and the role's vector in this process, and run one encoding so every lazy
    allocation (tokenizer, BLAS buffers) happens now. Screening calls it in the parent before its
    workers fork: they inherit the model instead of each loading it under its memory limit."""
    _role_vector(encoder, role.model_dump_json())
    get_encoder(encoder).encode(["python"])
