"""``stackfit embed``: (re)embed the stored documents that an encoder's index lacks (thin adapter)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from stackfit import services
from stackfit.cli import DbOpt, _errors, _existing_workspace, app, err_console, out_console


@app.command("embed")
def embed_command(
    db: DbOpt = "stackfit.db",
    encoder: Annotated[str, typer.Option("--encoder", help="static (default, no torch) or minilm (stackfit[minilm])")] = "static",
    engine: Annotated[str, typer.Option("--engine", help="local: in this process; ray: CPU tasks prepare batches, encoder "
                                        "actors run the model, on a GPU each when the cluster has GPUs (pip install 'stackfit[ray]')")] = "local",
    address: Annotated[str | None, typer.Option("--address", help="with --engine ray: an existing cluster "
                                                "(ray://HOST:10001); default: a local one")] = None,
    batch: Annotated[int | None, typer.Option("--batch", min=1, help="documents per batch (default 256; 1024 for GPU actors)")] = None,
    actors: Annotated[int | None, typer.Option("--actors", min=1, help="with --engine ray: encoder actors "
                                               "(default: one per GPU, else half the cluster's CPUs)")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1, help="with --engine ray and no --address: "
                                                "CPUs of the local cluster (default: all cores)")] = None,
) -> None:
    """Embed every stored document that the encoder's vector index lacks (incremental: a second run does nothing)."""
    with _errors():
        with _existing_workspace(db) as ws:
            if err_console.is_terminal:
                with Progress(TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                              console=err_console, transient=True) as bar:
                    task = bar.add_task("", total=None)

                    def progress(done: int, total: int, _: str) -> None:
                        bar.update(task, completed=done, total=total)

                    res = services.embed_documents(ws, encoder=encoder, engine=engine, address=address, batch=batch,  # type: ignore[arg-type]
                                                   actors=actors, workers=workers, progress=progress)
            else:
                res = services.embed_documents(ws, encoder=encoder, engine=engine, address=address, batch=batch,  # type: ignore[arg-type]
                                               actors=actors, workers=workers)
    if not res.embedded:
        out_console.print(f"nothing to embed: all {res.documents} stored documents have a {res.encoder} vector; "
                          f"the index holds {res.indexed} vectors; workspace: {db}")
        return
    out_console.print(f"{res.embedded} of {res.documents} stored documents embedded by {res.encoder} on {res.placement} in "
                      f"{res.seconds:.1f} s ({res.embedded / res.seconds:,.0f} documents/s, {res.startup_seconds:.1f} s of it loading the "
                      f"encoder{' and starting Ray' if res.engine == 'ray' else ''}); the index holds {res.indexed} vectors; workspace: {db}")
