"""K-fold cross-validation of the skill tagger on SkillSpan TECH train only (how its settings were chosen).

    python -m benchmarks.accuracy.skillspan_cv [--data DIR] [--c1 C1] [--c2 C2]   # c1/c2 default: the shipped CRF's
           [--thresholds none,0.3,0.35] [--folds 3] [--house]

Train is cut into contiguous folds; for each, a model is fitted on the others and scored on it.
Prints strict/loose span P/R/F1 for the tagger alone and unioned with the taxonomy matcher, at
each decoding threshold ("none" = Viterbi). Dev is never read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.accuracy.metrics import span_prf
from benchmarks.accuracy.skillspan import combine
from stackfit.datafiles import GAZETTEER_SOURCES, SKILLSPAN_TECH_TRAIN, require_public_data, run_script
from stackfit.extract.tagger import tag_spans, taxonomy_tags, trim_span
from stackfit.extract.tagger_train import DEFAULT_PARAMS, build_resources, read_conll, write_model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="cross-validate the skill tagger on SkillSpan TECH train")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    ap.add_argument("--thresholds", default="none,0.3,0.35")
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--house", action="store_true", help="add HOUSE train to every training fold")
    ap.add_argument("--limit", type=int, default=0, help="use the first N train sentences only (smoke tests)")
    ap.add_argument("--max-iterations", type=int, default=150)
    a = ap.parse_args(argv)
    require_public_data(a.data, SKILLSPAN_TECH_TRAIN, *GAZETTEER_SOURCES, *(["skillspan/skillspan_house_train.conll"] if a.house else []))
    train = read_conll(a.data / SKILLSPAN_TECH_TRAIN)
    if a.limit:
        train = train[: a.limit]
    extra = read_conll(a.data / "skillspan" / "skillspan_house_train.conll") if a.house else []
    res = build_resources(a.data)
    thresholds = [None if t.strip().lower() == "none" else float(t) for t in a.thresholds.split(",")]
    gold: list[list[tuple[int, int]]] = []
    pred: dict[tuple[float | None, bool], list[list[tuple[int, int]]]] = {(t, u): [] for t in thresholds for u in (False, True)}
    n = len(train)
    size = n // a.folds
    t0 = time.perf_counter()
    for k in range(a.folds):
        lo, hi = k * size, (k + 1) * size if k < a.folds - 1 else n
        with tempfile.TemporaryDirectory() as d:
            tagger = write_model([*extra, *train[:lo], *train[hi:]], res, Path(d), {"c1": a.c1, "c2": a.c2}, max_iterations=a.max_iterations)
            for s in train[lo:hi]:
                gold.append(s.spans())
                tax = tag_spans(taxonomy_tags(s.tokens))
                for t in thresholds:
                    spans = [x for x in (trim_span(s.tokens, i, j) for i, j in tag_spans(tagger.decode(s.tokens, t))) if x]
                    pred[(t, False)].append(spans)
                    pred[(t, True)].append(combine(spans, tax))
    print(f"{a.folds}-fold CV on TECH train ({n} sentences{', + HOUSE train' if a.house else ''}), c1={a.c1} c2={a.c2}, "
          f"{time.perf_counter() - t0:.0f} s")
    print(f"{'threshold':<10}{'system':<18}{'strict P':>9}{'R':>7}{'F1':>7} |{'loose F1':>9}")
    for (t, union), p in pred.items():
        st, lo_ = span_prf(gold, p), span_prf(gold, p, loose=True)
        name = "tagger+taxonomy" if union else "tagger"
        print(f"{'viterbi' if t is None else t:<10}{name:<18}{st.precision:>9.3f}{st.recall:>7.3f}{st.f1:>7.3f} |{lo_.f1:>9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(run_script(main))
