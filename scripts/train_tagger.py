"""Rebuild the shipped skill tagger from SkillSpan TECH train (Knowledge layer) and the shared gazetteers.

    python scripts/train_tagger.py                      # reads ../shared/data, writes src/stackfit/data/models/
    python scripts/train_tagger.py --data DIR --out DIR [--limit N]

Deterministic: the same data gives the same model file (L-BFGS over sentences in file order).
Hyper-parameters were chosen by 3-fold cross-validation on train only (see docs/accuracy.md);
dev is never read here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from stackfit.datafiles import GAZETTEER_SOURCES, SKILLSPAN_TECH_TRAIN, require_public_data, run_script
from stackfit.extract.tagger_train import DEFAULT_PARAMS, build_resources, read_conll, write_model

ROOT = Path(__file__).resolve().parents[1]
# chosen by 3-fold CV on tech train (docs/accuracy.md): mild L1/L2 (DEFAULT_PARAMS, which the cross-validations
# use too), marginal threshold for recall
PARAMS = DEFAULT_PARAMS
THRESHOLD = 0.3


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="folder with skillspan/, onet/, esco/, linguist/")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "stackfit" / "data" / "models")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N sentences only (smoke tests)")
    ap.add_argument("--max-iterations", type=int, default=150)
    a = ap.parse_args(argv)
    require_public_data(a.data, SKILLSPAN_TECH_TRAIN, *GAZETTEER_SOURCES)
    train = read_conll(a.data / SKILLSPAN_TECH_TRAIN)
    if a.limit:
        train = train[: a.limit]
    res = build_resources(a.data)
    t0 = time.perf_counter()
    info = {"trained_on": "SkillSpan TECH train, Knowledge layer (Zhang et al., NAACL 2022; MIT)",
            "sentences": len(train), "threshold": THRESHOLD}
    tagger = write_model(train, res, a.out, PARAMS, info, a.max_iterations)
    size = tagger.model_path.stat().st_size
    print(f"trained on {len(train)} sentences in {time.perf_counter() - t0:.1f} s -> {tagger.model_path} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(run_script(main))
