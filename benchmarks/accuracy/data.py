"""Reading the public data's JSON Lines files for the accuracy benchmarks: one reader, one clear error for a bad file.

RJDB (``rjdb/test.jsonl``) and SkillSpan's ``train.json`` / ``dev.json`` are JSON Lines: one object per line. A
line that is not such an object, or lacks a field the benchmark reads, is an :class:`~stackfit.errors.InputError`
naming the file and the line, not a traceback halfway through a 17-minute run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from stackfit.datafiles import RJDB_TEST
from stackfit.errors import InputError

RJDB_FIELDS: Mapping[str, type] = {"Job-Description": str, "Resume-matched": str, "Resume-unmatched": str}
SKILLSPAN_POSTING_FIELDS: Mapping[str, type] = {"source": str, "idx": int, "tokens": list}


def jsonl_rows(path: Path, fields: Mapping[str, type], what: str) -> Iterator[dict[str, Any]]:
    """Each object of the JSON Lines file ``path`` whose ``fields`` have their types (blank lines skipped)."""
    hint = f"use {what} as published (one JSON object per line), or point --data at another copy"
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{what} not found", hint=f"pass --data pointing at the folder that holds {path.parent.name}/",
                         path=str(path)) from exc
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"line {n} is not JSON ({exc.msg})", hint=hint, path=str(path)) from exc
                if not isinstance(row, dict):
                    raise InputError(f"line {n} is not a JSON object", hint=hint, path=str(path))
                bad = [k for k, t in fields.items() if not isinstance(row.get(k), t) or isinstance(row.get(k), bool)]
                if bad:
                    raise InputError(f"line {n} lacks the field{'s' if len(bad) > 1 else ''} {', '.join(bad)} (or has the wrong type)",
                                     hint=hint, path=str(path))
                yield row
        except UnicodeDecodeError as exc:
            raise InputError("not UTF-8 text", hint=hint, path=str(path)) from exc


def rjdb_rows(data: Path) -> Iterator[dict[str, Any]]:
    """Each row of ``data/rjdb/test.jsonl``, its job description and two resumes strings."""
    return jsonl_rows(data / RJDB_TEST, RJDB_FIELDS, "RJDB's test.jsonl")
