"""Cost of Step 7's location lookup next to profiling (figures, not pass/fail).

Prints the one-off load of the GeoNames tables (time and peak-memory growth, once per process;
`stackfit screen` loads them before forking its workers) and the time per resume of
``find_location`` and of the whole ``profile_document`` (which includes it), over the bundled
sample resumes. Run: ``python benchmarks/location_lookup.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from stackfit.datafiles import package_data
from stackfit.extract import location
from stackfit.parse import parse_file
from stackfit.score import profile_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procmem import peak_rss_mb  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    n = ap.parse_args().repeat
    docs = [parse_file(f) for f in sorted((package_data("samples") / "resumes").iterdir())]
    rss0 = peak_rss_mb()
    t = time.perf_counter()
    location.gazetteer()
    load = time.perf_counter() - t
    grow = peak_rss_mb() - rss0
    for d in docs:  # warm the matchers
        profile_document(d, as_of=date(2026, 11, 27))
    t = time.perf_counter()
    for _ in range(n):
        for d in docs:
            location.find_location(d)
    per_loc = (time.perf_counter() - t) / (n * len(docs))
    t = time.perf_counter()
    for _ in range(n):
        for d in docs:
            profile_document(d, as_of=date(2026, 11, 27))
    per_prof = (time.perf_counter() - t) / (n * len(docs))
    print(f"GeoNames tables: {load * 1000:.0f} ms, +{grow:.0f} MB peak RSS (once per process)")
    print(f"find_location: {per_loc * 1e6:.0f} µs/resume; profile_document: {per_prof * 1000:.2f} ms/resume "
          f"({per_loc / per_prof:.1%} of it), {len(docs)} sample resumes x {n}")


if __name__ == "__main__":
    main()
