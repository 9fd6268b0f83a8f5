"""Documents/s of embedding's CPU stage (``embed.prepare.prepare_documents``: parse the stored JSON, redact,
and for MiniLM tokenise), in one process: the rate each of ``stackfit embed --engine ray``'s CPU tasks feeds
the encoder actors with, and most of the local engine's time with the static encoder.

Two sets: synthetic resumes of the benchmark pool (``pool.PoolGenerator``, ≈1,650 characters) and the real
resume PDFs in ``DATA/resume_pdfs`` (parsed once; repeated to ``--n-pdf`` documents). Best of ``--repeat``
runs. MiniLM needs its tokenizer (``stackfit[minilm]``); without it that row says so.

    python benchmarks/embed_prepare.py --data ../shared/data --json bench-out/embed-prepare.json

To compare two versions of the code, run it with ``PYTHONPATH`` pointing at each checkout's ``src``,
alternating, several times (the figures in docs/scale.md are the best of three such alternations).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--n-synthetic", type=int, default=1500)
    ap.add_argument("--n-pdf", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()

    from pool import PoolGenerator

    import stackfit
    from stackfit.embed.prepare import prepare_documents
    from stackfit.errors import StackfitError
    from stackfit.parse import parse_file, parse_text

    g = PoolGenerator(5)
    sets = {"synthetic pool": [parse_text(g.resume(i), f"r{i}.txt").model_dump_json() for i in range(a.n_synthetic)]}
    pdfs = []
    for p in sorted((a.data / "resume_pdfs").rglob("*.pdf")):
        try:
            pdfs.append(parse_file(p).model_dump_json())
        except StackfitError:
            continue
    if pdfs:
        chars = statistics.median(len(json.loads(d)["text"]) for d in pdfs)
        sets[f"{len(pdfs)} resume PDFs (median {chars:.0f} characters)"] = (pdfs * (a.n_pdf // len(pdfs) + 1))[:a.n_pdf]
    rows: list[dict[str, object]] = []
    for name, docs in sets.items():
        for enc in ("static", "minilm"):
            try:
                prepare_documents(enc, docs[:8], 32)  # load the rules and the tokenizer
            except StackfitError as exc:
                rows.append({"set": name, "encoder": enc, "skipped": str(exc)})
                continue
            best = float("inf")
            for _ in range(a.repeat):
                t = time.perf_counter()
                for i in range(0, len(docs), 256):
                    prepare_documents(enc, docs[i:i + 256], 32)
                best = min(best, time.perf_counter() - t)
            rows.append({"set": name, "encoder": enc, "documents": len(docs), "per_s": round(len(docs) / best, 1)})
    meta = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "python": platform.python_version(), "stackfit": str(Path(stackfit.__file__).parent),
            "load_average": [round(x, 2) for x in os.getloadavg()]}
    print(f"| set | encoder | documents | documents/s (best of {a.repeat}) |\n|---|---|---:|---:|")
    for r in rows:
        print(f"| {r['set']} | {r['encoder']} | {r.get('documents', '')} | {r.get('per_s', r.get('skipped'))} |")
    print(json.dumps(meta))
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
