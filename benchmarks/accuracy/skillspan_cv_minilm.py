"""K-fold cross-validation of the CRF + MiniLM ensemble on SkillSpan TECH train only (dev is never read).

    python -m benchmarks.accuracy.skillspan_cv_minilm [--data ../shared/data] [--folds 3] --oof OUT.npz
    python -m benchmarks.accuracy.skillspan_cv_minilm --from OUT.npz      # re-score saved predictions
    python -m benchmarks.accuracy.skillspan_cv_minilm --from OUT.npz --fill-past-window   # windows.v1 on old files
    python -m benchmarks.accuracy.skillspan_cv_minilm --from SEED13.npz --average SEED14.npz  # two seeds averaged
    python -m benchmarks.accuracy.skillspan_cv_minilm --join FOLDS01.npz FOLD2.npz --oof ALL.npz  # one seed's folds
    ... --score-folds 0,1   # those folds only;   ... --per-fold   # each fold's figures beside the pooled ones

For each contiguous fold (the folds of ``skillspan_cv``), a CRF and the MiniLM adapters are trained on the
other folds with the shipped settings, and both models' per-word P(B), P(I) on the held fold are kept
(out-of-fold). The grid then scores every ensemble weight and decoding threshold by strict span F1 and by
per-sentence set F1, so the decoding settings can be chosen without dev. Needs the ``minilm`` extra; about
30 min per fold on 2 quiet cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.accuracy.metrics import normalise, set_prf, span_prf
from stackfit.datafiles import GAZETTEER_SOURCES, SKILLSPAN_TECH_TRAIN, require_public_data, run_script
from stackfit.extract.tagger import gazetteer_tags, tag_spans, trim_span
from stackfit.extract.tagger_minilm import combine, decode_probs
from stackfit.extract.tagger_train import build_resources, read_conll, write_model

WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def out_of_fold(data: Path, folds: int, epochs: int | None, threads: int, limit: int, only: list[int] | None = None,
                save: Path | None = None, rank: int | None = None, train_windows: bool = False,
                seed: int | None = None, members: int | None = None) -> dict[str, np.ndarray]:
    import torch

    from stackfit.extract.tagger_minilm import MiniLMTagger
    from stackfit.extract.tagger_train import fit_minilm

    torch.set_num_threads(threads)
    train = read_conll(data / SKILLSPAN_TECH_TRAIN)
    if limit:
        train = train[:limit]
    res = build_resources(data)
    n, size = len(train), len(train) // folds
    crf_p: list[np.ndarray] = []
    nn_p: list[np.ndarray] = []
    index: list[int] = []
    t0 = time.perf_counter()
    for k in range(folds):
        if only is not None and k not in only:
            continue
        lo, hi = k * size, (k + 1) * size if k < folds - 1 else n
        rest, held = [*train[:lo], *train[hi:]], train[lo:hi]
        with tempfile.TemporaryDirectory() as d:
            crf = write_model(rest, res, Path(d))
            params = {**({"epochs": epochs} if epochs else {}), **({"rank": rank} if rank else {}),
                      **({"train_windows": 1} if train_windows else {}), **({"seed": seed} if seed is not None else {}),
                      **({"members": members} if members else {})}
            fit_minilm(rest, res, Path(d), params or None, {"cv_fold": k},
                       log=lambda m, k=k: print(f"{time.perf_counter() - t0:7.0f} s  fold {k}: {m}", flush=True))
            nn = MiniLMTagger(Path(d), threads=threads)
            gaz = [gazetteer_tags(s.tokens, crf.resources) for s in held]
            nn_p += nn.word_probs([s.tokens for s in held], gaz)
            crf_p += [crf.marginals(s.tokens, g) if s.tokens else np.zeros((0, 2)) for s, g in zip(held, gaz, strict=True)]
        index += range(lo, hi)
        oof = {"index": np.array(index), "lengths": np.array([len(train[i].tokens) for i in index]),
               "crf": np.concatenate(crf_p).astype(np.float32), "nn": np.concatenate(nn_p).astype(np.float32)}
        if save:  # after every fold, so a long run keeps what it has
            np.savez_compressed(save, **oof)
        print(f"{time.perf_counter() - t0:7.0f} s  fold {k} done ({hi - lo} sentences)", flush=True)
    return oof


def fill_past_window(data: Path, oof: dict[str, np.ndarray], threads: int) -> int:
    """Fill, in place, the MiniLM's zeros (words past the single window read before ``windows.v1``) with the
    shipped adapters read in windows; returns how many words were filled. Those words were never trained on
    (the shipped adapters cut long sentences), but their sentences' first window was: a slightly optimistic
    measure of windowed reading."""
    from stackfit.extract.tagger_minilm import MiniLMTagger

    train = read_conll(data / SKILLSPAN_TECH_TRAIN)
    cut = np.cumsum(oof["lengths"])[:-1]
    nn = np.split(oof["nn"], cut)
    todo = [j for j, p in enumerate(nn) if len(p) and (p.sum(axis=1) == 0).any()]
    res = build_resources(data)
    sents = [train[oof["index"][j]].tokens for j in todo]
    read = MiniLMTagger(threads=threads).word_probs(sents, [gazetteer_tags(s, res) for s in sents])
    filled = 0
    for j, q in zip(todo, read, strict=True):
        gap = nn[j].sum(axis=1) == 0
        nn[j][gap] = q[gap]
        filled += int(gap.sum())
    oof["nn"] = np.concatenate(nn)
    return filled


def average_members(files: list[Path]) -> dict[str, np.ndarray]:
    """Out-of-fold files of MiniLM networks trained with different seeds, as one file whose MiniLM
    probabilities are their average (a multi-member tagger), over the sentences the last file holds; the CRF's
    probabilities are the last file's (the CRF does not depend on the seed). A member votes only on the words it
    read: a file made before ``windows.v1`` has zeros past its single window, and those words take the mean of
    the members that read them (the product reads every word with every member, so this only mends old files)."""
    loaded = []
    for f in files:
        with np.load(f) as z:
            loaded.append({k: z[k] for k in z.files})
    last = loaded[-1]
    nn = []
    for oof in loaded:
        pos = {int(i): j for j, i in enumerate(oof["index"])}
        parts = np.split(oof["nn"], np.cumsum(oof["lengths"])[:-1])
        try:
            nn.append(np.concatenate([parts[pos[int(i)]] for i in last["index"]]))
        except KeyError as exc:
            raise SystemExit(f"{files[len(nn)]} lacks sentence {exc} of {files[-1]}") from None
    stack = np.stack(nn)  # members x words x (P(B), P(I))
    read = (stack.sum(axis=2, keepdims=True) > 0).astype(np.float32)
    mean = (stack * read).sum(axis=0) / np.maximum(read.sum(axis=0), 1.0)
    return {**last, "nn": mean.astype(np.float32)}


def join_folds(files: list[Path]) -> dict[str, np.ndarray]:
    """Out-of-fold files of one seed that hold different folds (``--only-folds`` runs), as one file in
    sentence order; a sentence in two files is an error (the files would not be one seed's folds)."""
    parts: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for f in files:
        with np.load(f) as z:
            cut = np.cumsum(z["lengths"])[:-1]
            for i, c, n in zip(z["index"], np.split(z["crf"], cut), np.split(z["nn"], cut), strict=True):
                if int(i) in parts:
                    raise SystemExit(f"sentence {int(i)} is in two of the files to join ({f}): join different folds only")
                parts[int(i)] = (c, n)
    index = sorted(parts)
    return {"index": np.array(index), "lengths": np.array([len(parts[i][0]) for i in index]),
            "crf": np.concatenate([parts[i][0] for i in index]).astype(np.float32),
            "nn": np.concatenate([parts[i][1] for i in index]).astype(np.float32)}


def restrict(oof: dict[str, np.ndarray], keep: set[int]) -> dict[str, np.ndarray]:
    """The out-of-fold probabilities of the sentences in ``keep`` only (train indices)."""
    cut = np.cumsum(oof["lengths"])[:-1]
    sel = [j for j, i in enumerate(oof["index"]) if int(i) in keep]
    if not sel:
        raise SystemExit("no out-of-fold sentence of the folds asked for is in the file: check --score-folds")
    crf, nn = np.split(oof["crf"], cut), np.split(oof["nn"], cut)
    return {"index": oof["index"][sel], "lengths": oof["lengths"][sel],
            "crf": np.concatenate([crf[j] for j in sel]), "nn": np.concatenate([nn[j] for j in sel])}


def fold_of(n: int, folds: int) -> list[int]:
    """The fold of each of ``n`` train sentences, as ``out_of_fold`` cuts them (contiguous; the last takes the rest)."""
    size = n // folds
    return [min(i // size, folds - 1) for i in range(n)]


def grid(data: Path, oof: dict[str, np.ndarray], limit: int) -> list[dict[str, float]]:
    train = read_conll(data / SKILLSPAN_TECH_TRAIN)
    if limit:
        train = train[:limit]
    train = [train[i] for i in oof["index"]]  # the sentences that were held out
    cut = np.cumsum(oof["lengths"])[:-1]
    crf, nn = np.split(oof["crf"], cut), np.split(oof["nn"], cut)
    gold = [s.spans() for s in train]
    gset = [{normalise(" ".join(s.tokens[a:b])) for a, b in g} - {""} for s, g in zip(train, gold, strict=True)]
    rows = []
    for w in WEIGHTS:
        for t in THRESHOLDS:
            pred = []
            for s, c, p in zip(train, crf, nn, strict=True):
                if not s.tokens:
                    pred.append([])
                    continue
                pb, pi = combine(c, p, w)
                tags = decode_probs(pb.tolist(), pi.tolist(), t)
                pred.append([x for x in (trim_span(s.tokens, a, b) for a, b in tag_spans(tags)) if x is not None])
            pset = [{normalise(" ".join(s.tokens[a:b])) for a, b in sp} - {""} for s, sp in zip(train, pred, strict=True)]
            st, se = span_prf(gold, pred), set_prf(gset, pset)
            rows.append({"weight": w, "threshold": t, "strict_p": st.precision, "strict_r": st.recall, "strict_f1": st.f1,
                         "set_f1": se.f1})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=0, help="MiniLM epochs (default: the shipped setting)")
    ap.add_argument("--rank", type=int, default=0, help="LoRA rank of the MiniLM adapters (default: the shipped setting)")
    ap.add_argument("--fill-past-window", action="store_true",
                    help="with --from: give words past the MiniLM's old single window the shipped adapters' windowed reading")
    ap.add_argument("--train-windows", action="store_true", help="train long sentences as tiling windows (not shipped)")
    ap.add_argument("--seed", type=int, default=None, help="MiniLM training seed (default: the shipped setting)")
    ap.add_argument("--members", type=int, default=0, help="MiniLM networks per fold, seeds seed, seed + 1, ... (default: shipped)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="first N train sentences only (smoke tests)")
    ap.add_argument("--only-folds", default="", help="comma-separated folds to run (default: all)")
    ap.add_argument("--oof", type=Path, help="write the out-of-fold probabilities here (.npz), after every fold")
    ap.add_argument("--from", dest="src", type=Path, help="score saved out-of-fold probabilities instead of training")
    ap.add_argument("--average", type=Path, action="append", default=[],
                    help="with --from: average its MiniLM probabilities with this file's (another seed), over this file's sentences")
    ap.add_argument("--join", type=Path, nargs="+", default=[],
                    help="join these out-of-fold files of one seed (different folds) into --oof, then score them")
    ap.add_argument("--score-folds", default="", help="with --from: score these folds only (comma-separated)")
    ap.add_argument("--per-fold", action="store_true", help="also print each fold's strict / set F1 for every cell")
    a = ap.parse_args(argv)
    require_public_data(a.data, SKILLSPAN_TECH_TRAIN, *(GAZETTEER_SOURCES if not (a.src or a.join) or a.fill_past_window else ()))
    if a.join:
        oof = join_folds(a.join)
        if a.oof:
            np.savez_compressed(a.oof, **oof)
    elif a.src and a.average:
        oof = average_members([a.src, *a.average])
    elif a.src:
        with np.load(a.src) as z:
            oof = {k: z[k] for k in z.files}
        if a.fill_past_window:
            print(f"{fill_past_window(a.data, oof, a.threads)} words past the window read by the shipped adapters in windows")
    else:
        only = [int(x) for x in a.only_folds.split(",")] if a.only_folds else None
        oof = out_of_fold(a.data, a.folds, a.epochs or None, a.threads, a.limit, only, a.oof, a.rank or None, a.train_windows,
                          a.seed, a.members or None)
    n_train = len(read_conll(a.data / SKILLSPAN_TECH_TRAIN))
    fold = fold_of(a.limit or n_train, a.folds)
    if a.score_folds:
        wanted = {int(x) for x in a.score_folds.split(",")}
        oof = restrict(oof, {int(i) for i in oof["index"] if fold[int(i)] in wanted})
    rows = grid(a.data, oof, a.limit)
    print(f"{len(oof['index'])} out-of-fold sentences")
    print(f"{'weight':>7}{'thr':>6}{'strict P':>10}{'R':>7}{'F1':>7}{'set F1':>8}")
    for r in rows:
        print(f"{r['weight']:>7}{r['threshold']:>6}{r['strict_p']:>10.3f}{r['strict_r']:>7.3f}{r['strict_f1']:>7.3f}{r['set_f1']:>8.3f}")
    best_s = max(rows, key=lambda r: r["strict_f1"])
    best_set = max(rows, key=lambda r: r["set_f1"])
    print(f"best strict F1: weight {best_s['weight']}, threshold {best_s['threshold']} ({best_s['strict_f1']:.3f}); "
          f"best set F1: weight {best_set['weight']}, threshold {best_set['threshold']} ({best_set['set_f1']:.3f})")
    if a.per_fold:
        present = sorted({fold[int(i)] for i in oof["index"]})
        per = {k: grid(a.data, restrict(oof, {int(i) for i in oof["index"] if fold[int(i)] == k}), a.limit) for k in present}
        print("\nstrict / set F1 per fold")
        print(f"{'weight':>7}{'thr':>6}" + "".join(f"{'fold ' + str(k):>16}" for k in present) + f"{'pooled':>16}")
        for j, r in enumerate(rows):
            cells = "".join(f"{per[k][j]['strict_f1']:>9.3f} /{per[k][j]['set_f1']:.3f}" for k in present)
            print(f"{r['weight']:>7}{r['threshold']:>6}{cells}{r['strict_f1']:>9.3f} /{r['set_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(run_script(main))
