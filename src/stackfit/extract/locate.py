"""Where a character offset stands in a Document: its line, section and dated entry."""

from __future__ import annotations

import re
from bisect import bisect_right

from stackfit.models import Document, Entry, SectionKind

_NEWLINE = re.compile("\n")


class Locator:
    """Offset look-ups over one document (binary search over precomputed boundaries)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        text = doc.text
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._sections = sorted(doc.sections, key=lambda s: s.start)
        self._section_starts = [s.start for s in self._sections]
        self._entries = sorted(doc.entries, key=lambda e: e.start)
        self._entry_starts = [e.start for e in self._entries]
        self.memo: dict[object, object] = {}  # what later stages derive from the document once (its statements)

    def line(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding ``pos``; end excludes the newline."""
        return self.line_bounds(self.line_index(pos))

    def line_index(self, pos: int) -> int:
        """The number of the line holding ``pos`` (0-based)."""
        return bisect_right(self._line_starts, pos) - 1

    def line_bounds(self, i: int) -> tuple[int, int]:
        """(start, end) of line ``i``; end excludes the newline."""
        start = self._line_starts[i]
        end = self._line_starts[i + 1] - 1 if i + 1 < len(self._line_starts) else len(self.doc.text)
        return start, end

    def opens_block(self, i: int) -> bool:
        """Whether a section or a dated entry starts on line ``i`` (at its first non-blank character or before)."""
        start, end = self.line_bounds(i)
        line = self.doc.text[start:end]
        first = start + len(line) - len(line.lstrip())
        for starts in (self._section_starts, self._entry_starts):
            j = bisect_right(starts, first) - 1
            if j >= 0 and starts[j] >= start:
                return True
        return False

    def section(self, pos: int) -> SectionKind:
        i = bisect_right(self._section_starts, pos) - 1
        if i < 0:
            return "header"
        s = self._sections[i]
        return s.kind if pos < s.end else "other"

    def entry(self, pos: int) -> Entry | None:
        i = bisect_right(self._entry_starts, pos) - 1
        if i < 0:
            return None
        e = self._entries[i]
        return e if pos < e.end else None
