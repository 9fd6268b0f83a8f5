"""Hidden text, prompt injection, Unicode tricks and keyword stuffing: detection figures.

Generates the labelled corpus of ``tests/integrity_corpus.py`` (each technique ``--n`` times from
the bundled sample resumes, ``--clean`` generated clean files, the 15 samples and the real PDFs in
``../shared/data/resume_pdfs``), parses and profiles every file, and prints per technique the
files, the files flagged with the expected finding and the recall; for clean files the false
positives. The figures in docs/trust.md come from this script:

    python benchmarks/integrity_detection.py            # --n 50 --clean 200
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from integrity_corpus import corpus, evaluate, table  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=50, help="files per technique")
    ap.add_argument("--clean", type=int, default=200, help="generated clean files")
    ap.add_argument("--seed", type=int, default=6)
    a = ap.parse_args()
    t0 = time.perf_counter()
    tallies = evaluate(corpus(n=a.n, n_clean=a.clean, seed=a.seed))
    took = time.perf_counter() - t0
    print(f"# integrity detection, {datetime.now(UTC):%Y-%m-%d}, Python {platform.python_version()}, "
          f"{platform.machine()}, seed {a.seed}")
    print(table(tallies))
    missed = {k: t.missed for k, t in tallies.items() if t.missed}
    if missed:
        print("\nmissed or falsely flagged:")
        for k, names in missed.items():
            print(f"  {k}: {', '.join(names[:10])}")
    files = sum(t.n for t in tallies.values())
    print(f"\n{files} files parsed and profiled in {took:.1f} s (generation excluded: "
          f"{sum(t.seconds for t in tallies.values()):.1f} s in parse + profile)")


if __name__ == "__main__":
    main()
