"""``stackfit search``: retrieve-and-rerank over every candidate stored in the workspace (thin adapter)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stackfit import services
from stackfit.cli import AsOfOpt, DbOpt, _as_of, _errors, _existing_workspace, app, err_console, out_console
from stackfit.errors import InputError


@app.command("search")
def search_command(
    role: Annotated[Path, typer.Argument(help="a saved role profile, a brief (.yaml) or a job description file")],
    db: DbOpt = "stackfit.db",
    top: Annotated[int, typer.Option("--top", min=1, help="candidates retrieved by vector similarity, then fully re-ranked")] = 100,
    filters: Annotated[list[str] | None, typer.Option("--filter", help="structured filter before the vector stage: profile=<id>")] = None,
    min_years: Annotated[float | None, typer.Option("--min-years", min=0, help="only candidates with this many years of dated experience")] = None,
    encoder: Annotated[str, typer.Option("--encoder", help="static (default, no torch) or minilm (stackfit[minilm])")] = "static",
    show: Annotated[int, typer.Option("--show", min=1, help="rows shown in the terminal table")] = 15,
    as_of: AsOfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the re-ranked list as JSON")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="also write the re-ranked list to OUT/search.json")] = None,
) -> None:
    """Find the best stored candidates for a role: vector retrieval over the workspace, then full assessment of the top N."""
    with _errors():
        role_p = services.load_role_file(role)
        with _existing_workspace(db) as ws:
            res = services.search_role(ws, role_p, top=top, filters=filters, min_years=min_years, encoder=encoder, as_of=_as_of(as_of))
    body = json.dumps({
        "role": role_p.id, "encoder": res.encoder, "pool": res.pool, "eligible": res.eligible, "retrieved": res.retrieved,
        "unprofiled": res.unprofiled, "versions": res.versions.model_dump(),
        "candidates": [{"rank": n, "document_id": h.document_id, "file": h.file, "score": h.score, "similarity": h.similarity,
                        "profile": h.profile, "must_have": f"{h.must_met}/{h.must_total}"} for n, h in enumerate(res.hits, 1)]}, indent=1)
    if out is not None:
        with _errors():
            if out.exists() and not out.is_dir():
                raise InputError("--out must be a folder, but a file of that name exists", hint="choose another --out", path=str(out))
            out.mkdir(parents=True, exist_ok=True)
            (out / "search.json").write_text(body + "\n", encoding="utf-8")
    if as_json:
        out_console.print_json(body)
        return
    t = Table()
    for col, just in (("#", "right"), ("file", "left"), ("score", "right"), ("cosine", "right"), ("profile", "left"), ("must", "right")):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    for n, h in enumerate(res.hits[:show], 1):
        t.add_row(str(n), Path(h.file).name, f"{h.score:.0f}", f"{h.similarity:.3f}", h.profile, f"{h.must_met}/{h.must_total}")
    out_console.print(f"{role_p.title} — {res.retrieved} of {res.pool} stored candidates retrieved by {res.encoder}"
                      + (f" among {res.eligible} passing the filters" if res.eligible is not None else "") + ", re-ranked by match score")
    out_console.print(t)
    if res.unprofiled:
        err_console.print(f"note: {res.unprofiled} of the stored candidates have no profile under the current rules "
                          f"({res.versions.scorer}, taxonomy {res.versions.taxonomy}): the filters cannot see them. "
                          "Screen their files again (stackfit screen) to include them.")
    if len(res.hits) > show:
        out_console.print(f"... {len(res.hits) - show} more (--show, --json)")
