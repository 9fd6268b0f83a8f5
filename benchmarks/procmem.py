"""Peak resident memory of this process, as the benchmarks report it.

``getrusage(RUSAGE_SELF).ru_maxrss`` is not "this program's peak" on Linux: the counter survives ``execve``, so a
benchmark started as a subprocess of a large process (a test run that has imported torch, say) reports its
parent's size at the fork. ``VmHWM`` in ``/proc/self/status`` belongs to the address space, which ``execve``
replaces, so it counts this program only. Elsewhere (macOS) ``ru_maxrss`` is used, in bytes there.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident set size since it started (since its last ``execve``), in MiB."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
