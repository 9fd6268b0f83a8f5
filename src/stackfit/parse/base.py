"""Limits and the raw result every format reader returns before normalisation."""

from __future__ import annotations

from dataclasses import dataclass, field

from stackfit.models import HiddenText

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ParseLimits:
    """Bounds on what one file may cost. Over ``max_bytes`` (or a DOCX over its zip limits)
    is a ``FileTooLargeError``; text over ``max_chars`` is truncated with a warning; pages
    after ``max_pages`` are skipped with a warning. Every other limit is a
    ``LimitExceededError`` naming the setting (``ParseTimeoutError``, ``MemoryLimitError``)."""

    include_hidden: bool = False  # keep text a reader does not see (white, tiny, CSS-hidden) in Document.text
    max_bytes: int = 20 * MIB
    max_pages: int = 40
    max_chars: int = 400_000
    max_docx_uncompressed: int = 100 * MIB
    max_docx_members: int = 2000
    # hostile files: a member packed tighter than this is a zip bomb; HTML nested deeper or with
    # more elements than this is not a resume
    max_docx_ratio: int = 200
    max_html_depth: int = 1024
    max_html_elements: int = 200_000
    # enforced around the parser by ``stackfit.isolate``: wall-clock seconds per file (the
    # worker is killed and replaced) and the address space of a parsing process (RLIMIT_AS)
    time_limit: float = 10.0
    memory_limit: int = 512 * MIB


@dataclass(slots=True)
class Extracted:
    """Plain text from one reader, not yet normalised, with format-specific extras."""

    text: str
    media_type: str
    pages: int = 1
    warnings: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)  # texts of lines the format marks as headings
    hidden: list[HiddenText] = field(default_factory=list)  # text a reader does not see (not in ``text``)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
