"""Kit building speed on the bundled samples: every sample resume against every sample role.

Prints figures (not a test): question-bank load time, and milliseconds per targeted kit built and
rendered as Markdown, HTML and JSON. Run: ``python benchmarks/interview_kits.py``.
"""

from __future__ import annotations

import platform
import statistics
import time
from datetime import date

from stackfit import services
from stackfit.datafiles import package_data
from stackfit.interview.bank import load_bank
from stackfit.interview.kit import build_kit
from stackfit.interview.render import render_kit
from stackfit.score import assess


def main() -> None:
    t0 = time.perf_counter()
    bank = load_bank()
    load_s = time.perf_counter() - t0
    samples = package_data("samples")
    roles = [services.load_role_file(p) for p in sorted((samples / "roles").iterdir())]
    cands = [services.profile_file(p, as_of=date(2026, 11, 27)) for p in sorted((samples / "resumes").iterdir())]
    pairs = [assess(c, r) for r in roles for c in cands]
    build_kit(roles[0], pairs[0])  # warm caches (taxonomy, policy)
    build, render, sizes = [], [], []
    for (r, a) in zip([r for r in roles for _ in cands], pairs, strict=True):
        t = time.perf_counter()
        kit = build_kit(r, a)
        build.append(time.perf_counter() - t)
        t = time.perf_counter()
        for fmt in ("md", "html", "json"):
            render_kit(kit, fmt)
        render.append(time.perf_counter() - t)
        sizes.append(len(kit.questions))
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}")
    print(f"bank: {len(bank.questions)} questions, loaded and cross-checked in {load_s * 1000:.0f} ms (cold, includes taxonomy/policy)")
    print(f"kits: {len(pairs)} (4 roles x {len(cands)} resumes), {min(sizes)}-{max(sizes)} questions each")
    print(f"build_kit: median {statistics.median(build) * 1000:.1f} ms, max {max(build) * 1000:.1f} ms")
    print(f"render md+html+json: median {statistics.median(render) * 1000:.1f} ms, max {max(render) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
