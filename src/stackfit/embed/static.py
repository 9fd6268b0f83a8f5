"""The default encoder: static token embeddings distilled from all-MiniLM-L6-v2 (model2vec, MIT).

No torch, no network: the table (float16, PCA to 256 dimensions, ~16 MB) and MiniLM's tokenizer ship in
``stackfit/data/models/minilm-static``; ``scripts/build_static_encoder.py`` rebuilds them.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import numpy as np

from stackfit.embed import normalise
from stackfit.errors import DataFileError

MODEL_DIR = "data/models/minilm-static"


def model_path() -> Path:
    return Path(str(resources.files("stackfit").joinpath(MODEL_DIR)))


class StaticEncoder:
    name = "minilm-static"

    def __init__(self, path: Path | None = None) -> None:
        # the tokenizer's thread pool must not run before screening forks its workers (a forked child
        # that inherits a used pool deadlocks); a static model is a table look-up, one thread is enough
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from model2vec import StaticModel

        self.path = path or model_path()
        if not (self.path / "model.safetensors").is_file():
            raise DataFileError("the static embedding model is missing", hint="run scripts/build_static_encoder.py", path=str(self.path))
        meta = json.loads((self.path / "stackfit.json").read_text())
        self.version: str = meta["version"]
        self.model = StaticModel.from_pretrained(str(self.path))
        self.dim: int = int(self.model.dim)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # max_length=None: every token counts (a static model has no context window); single-threaded, so
        # the same texts give the same bytes
        v = self.model.encode(list(texts), max_length=None, batch_size=1024, use_multiprocessing=False, show_progress_bar=False)
        return normalise(np.asarray(v, dtype=np.float32))
