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


_ROLE_JSON: dict[int, tuple[RoleProfile, str]] = {}  # id(role) -> (the role, kept alive so the id stays its own; its JSON)
_PRIMED: dict[tuple[str, str], np.ndarray] = {}  # (encoder, candidate text) -> vector, filled by ``prime``
_PRIMED_MAX = 4096


def _role_json(role: RoleProfile) -> str:
    hit = _ROLE_JSON.get(id(role))
    if hit is None or hit[0] is not role:
        if len(_ROLE_JSON) >= 64:
            _ROLE_JSON.clear()
        hit = _ROLE_JSON[id(role)] = (role, role.model_dump_json())
    return hit[1]


def prime(candidates: list[CandidateProfile], encoder: str) -> None:
    """Encode the candidates' texts in one batch ahead of their ``assess`` calls (re-ranking a hundred
    retrieved candidates). The static encoder gives the same bytes for a text whatever its batch, so the
    scores are those of one-by-one encoding; the cache is bounded and only saves time."""
    prime_texts(list(map(candidate_text, candidates)), encoder)


def prime_texts(texts: list[str], encoder: str, known: dict[str, np.ndarray] | None = None) -> None:
    """``prime`` for candidate texts (``candidate_text``) already made; ``known`` holds vectors computed
    earlier (stored with the candidates' scoring views), which are cached as they are."""
    new = dict(known or {})
    todo = sorted({t for t in texts if t and t not in new and (encoder, t) not in _PRIMED})
    if todo:
        new.update(zip(todo, get_encoder(encoder).encode(todo), strict=True))
    if not new:
        return
    if len(_PRIMED) + len(new) > _PRIMED_MAX:
        _PRIMED.clear()
    _PRIMED.update(((encoder, t), v) for t, v in new.items())


def semantic_similarity(candidate: CandidateProfile, role: RoleProfile, encoder: str) -> tuple[float, str]:
    """(cosine, encoder name@version)."""
    return semantic_similarity_text(candidate_text(candidate), role, encoder)


def semantic_similarity_text(text: str, role: RoleProfile, encoder: str) -> tuple[float, str]:
    """(cosine, encoder name@version) of a candidate's semantic text (``candidate_text``) and the role."""
    enc = get_encoder(encoder)
    if not text:
        return 0.0, encoder_key(enc)
    vec = _PRIMED.get((encoder, text))
    if vec is None:
        vec = enc.encode([text])[0]
    cos = float(vec @ _role_vector(encoder, _role_json(role)))
    return round(cos, 4), encoder_key(enc)


def prime_vectors(vectors: dict[str, np.ndarray], encoder: str) -> None:
    """Cache vectors computed earlier for these candidate texts."""
    prime_texts([], encoder, known=vectors)


def prepare(role: RoleProfile, encoder: str) -> None:
    """Load the encoder and the role's vector in this process, and run one encoding so every lazy
    allocation (tokenizer, BLAS buffers) happens now. Screening calls it in the parent before its
    workers fork: they inherit the model instead of each loading it under its memory limit."""
    _role_vector(encoder, role.model_dump_json())
    get_encoder(encoder).encode(["python"])
