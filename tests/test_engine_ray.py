"""``--engine ray``: the samples screened on a local Ray cluster give the same workspace results and
byte-identical reports as the local engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackfit import services
from stackfit.cli import app
from stackfit.errors import InputError
from stackfit.store import Workspace

AS_OF = date(2026, 11, 27)


def test_engine_options_are_checked(tmp_path: Path, samples: Path) -> None:
    role = services.load_role_file(samples / "roles" / "rag_assistant.brief.yaml")
    with Workspace(tmp_path / "ws.db") as ws:
        with pytest.raises(InputError, match="unknown engine"):
            services.screen(role, [samples / "resumes"], workspace=ws, engine="spark")  # type: ignore[arg-type]
        with pytest.raises(InputError, match="--engine ray"):
            services.screen(role, [samples / "resumes"], workspace=ws, address="ray://head:10001")


@pytest.mark.slow
def test_ray_and_local_engines_write_identical_reports(tmp_path: Path, samples: Path, bad_batch) -> None:
    pytest.importorskip("ray")
    runner = CliRunner()
    role = samples / "roles" / "rag_assistant.brief.yaml"
    outs = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine
        r = runner.invoke(app, ["screen", str(role), str(samples / "resumes"), *map(str, bad_batch.paths), "--engine", engine,
                                "--workers", "2", "--db", str(tmp_path / f"{engine}.db"), "--out", str(out), "--as-of", "2026-11-27"])
        assert r.exit_code == 3, r.output  # some files failed: the bad batch
        assert "16 screened (0 unchanged, reused), 5 failed" in r.stdout  # the batch's two good files repeat samples
        outs[engine] = (out, sorted(line for line in r.stderr.splitlines() if line.startswith("skipped")))
    for name in ("ranking.json", "ranking.csv"):
        assert (outs["local"][0] / name).read_bytes() == (outs["ray"][0] / name).read_bytes(), name
    assert outs["local"][1] == outs["ray"][1] and len(outs["ray"][1]) == 5  # failures are reported the same way
    with Workspace(tmp_path / "local.db") as a, Workspace(tmp_path / "ray.db") as b:
        assert a.count("documents") == b.count("documents") == 16
        assert a.count("failures") == b.count("failures") > 0
        # the Ray tasks embed what they parse, as the local workers do: the same vectors, byte for byte
        from sqlalchemy import select

        from stackfit.store.embeddings import embeddings_t

        def vectors(ws: Workspace) -> list[tuple[str, str, bytes]]:
            with ws.engine.connect() as conn:
                return sorted((r.document_id, r.encoder, r.vector) for r in conn.execute(select(embeddings_t)))

        assert len(vectors(a)) == 16 and vectors(a) == vectors(b)
