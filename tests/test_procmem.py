"""The benchmarks' peak memory counts the benchmark only, not the process that started it."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
PROBE = ("import resource, sys; sys.path.insert(0, sys.argv[1]); from procmem import peak_rss_mb; "
         "print(peak_rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="VmHWM is Linux's")
def test_a_subprocess_of_a_large_process_reports_its_own_peak() -> None:
    ballast = bytearray(400 * 1024 * 1024)
    ballast[:: 4096] = b"\x01" * len(ballast[:: 4096])  # touch every page, so it is resident
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 > 400
    out = subprocess.run([sys.executable, "-c", PROBE, str(BENCHMARKS)], capture_output=True, text=True, check=True,
                         timeout=60).stdout.split()
    own, inherited = float(out[0]), float(out[1])
    del ballast
    assert inherited > 400  # what ru_maxrss says after fork + exec: the starting process's size
    assert 1 < own < 150  # a bare Python interpreter
