"""Month arithmetic over ``YYYY-MM`` strings (the dates every Entry and Evidence carries)."""

from __future__ import annotations

from datetime import date


def month_index(ym: str) -> int:
    y, m = ym.split("-")[:2]
    return int(y) * 12 + int(m) - 1


def as_of_index(as_of: date) -> int:
    return as_of.year * 12 + as_of.month - 1


def index_to_ym(i: int) -> str:
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def span(start: str | None, end: str | None, now: int) -> tuple[int, int] | None:
    """Inclusive month span of a date range; ``end`` None or "present" means ``now``."""
    if not start:
        return None
    s = month_index(start)
    e = now if end in (None, "present") else month_index(end)  # type: ignore[arg-type]
    e = min(e, now)
    if e < s:
        return None
    return s, e


def merged_months(spans: list[tuple[int, int]]) -> int:
    """Number of distinct months covered by inclusive spans."""
    total = 0
    cur: tuple[int, int] | None = None
    for s, e in sorted(spans):
        if cur is None or s > cur[1] + 1:
            if cur:
                total += cur[1] - cur[0] + 1
            cur = (s, e)
        else:
            cur = (cur[0], max(cur[1], e))
    if cur:
        total += cur[1] - cur[0] + 1
    return total
