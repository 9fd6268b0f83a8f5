"""CPU time per file of parse + profile (``time.process_time``, best of N), steadier than wall-clock
throughput on a shared machine. Compare two checkouts by running it with each one's ``src`` first:

    python benchmarks/parse_profile_cpu.py
    PYTHONPATH=/path/to/other/checkout/src python benchmarks/parse_profile_cpu.py
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path

import stackfit
from stackfit.datafiles import package_data
from stackfit.parse import parse_bytes
from stackfit.score import profile_document

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--shared-data", type=Path, default=Path(os.environ.get("STACKFIT_SHARED_DATA", REPO.parent / "shared" / "data")))
    a = ap.parse_args()
    sets = {"bundled samples": sorted((package_data("samples") / "resumes").iterdir()),
            "real PDFs": sorted((a.shared_data / "resume_pdfs").rglob("*.pdf"))}
    print(f"stackfit from {Path(stackfit.__file__).parent}")
    for name, paths in sets.items():
        if not paths:
            continue
        items = [(p.name, p.read_bytes()) for p in paths]
        for n, b in items:  # warm up: imports, caches
            profile_document(parse_bytes(b, n), as_of=date(2026, 11, 27))
        best = float("inf")
        for _ in range(a.repeat):
            t = time.process_time()
            for n, b in items:
                profile_document(parse_bytes(b, n), as_of=date(2026, 11, 27))
            best = min(best, (time.process_time() - t) / len(items) * 1000)
        print(f"{name} ({len(items)} files): {best:.2f} ms CPU per file, parse + profile (best of {a.repeat})")


if __name__ == "__main__":
    main()
