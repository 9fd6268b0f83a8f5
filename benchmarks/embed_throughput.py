"""Embedding throughput (texts/s) of each encoder, on CPU and, with ``--device cuda``, on a GPU.

One command, a table on stdout and a JSON file::

    python benchmarks/embed_throughput.py                          # CPU: static encoder, full MiniLM if installed
    python benchmarks/embed_throughput.py --device cuda --json bench-out/embed-gpu.json

Texts are synthetic resumes (``pool.PoolGenerator``) cut to 256 MiniLM tokens, the full model's window;
the static encoder is also timed on whole resumes (its setting in ``stackfit screen``: every token counts).

Full MiniLM: with ``stackfit[minilm]`` installed, the real all-MiniLM-L6-v2 through sentence-transformers
(``stackfit.embed.minilm``). Where the weights are not installed (a GPU host with torch but without the
~90 MB weights package), ``--shape-only`` builds a MiniLM-shaped BERT (6 layers, 384 wide, 12 heads,
MiniLM's tokenizer from the static model folder) with random weights: the same arithmetic and so the same
throughput, but no meaningful vectors. The JSON says which was timed. On CUDA: fp16, batch ``--batch``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def texts(n: int) -> list[str]:
    from pool import PoolGenerator

    g = PoolGenerator(5)
    return [g.resume(i) for i in range(n)]


def cut(docs: list[str], tokens: int) -> list[str]:
    """Each text cut to its first ``tokens`` MiniLM tokens (decoded back to text)."""
    from tokenizers import Tokenizer

    from stackfit.embed.static import model_path

    tok = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    tok.no_truncation()
    out = []
    for e, d in zip(tok.encode_batch(docs, add_special_tokens=False), docs, strict=True):
        end = e.offsets[min(tokens, len(e.offsets)) - 1][1] if e.offsets else 0
        out.append(d[:end])
    return out


def timed(fn, items: list[str], repeat: int = 1) -> float:  # type: ignore[no-untyped-def]
    fn(items[: min(64, len(items))])  # warm-up
    best = 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        fn(items)
        best = max(best, len(items) / (time.perf_counter() - t))
    return round(best, 1)


def shape_only_encoder(device: str, batch: int, max_tokens: int = 256):  # type: ignore[no-untyped-def]
    """A MiniLM-shaped BERT with random weights (throughput only): torch + transformers + tokenizers."""
    import torch
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertModel

    from stackfit.embed.static import model_path

    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536,
                     max_position_embeddings=512)
    model = BertModel(cfg).eval().to(device)
    if device.startswith("cuda"):
        model = model.half()
    tok = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    tok.enable_truncation(max_tokens)
    tok.enable_padding()

    def tokenize(items: list[str]) -> list[tuple[object, object]]:
        """Token ids and masks per batch, as tensors (numpy, not Python lists: a list of 256k ints per
        batch costs more than the GPU's forward pass); pinned when a GPU will take them."""
        out = []
        for i in range(0, len(items), batch):
            enc = tok.encode_batch(items[i:i + batch])
            ids = torch.from_numpy(np.array([e.ids for e in enc], dtype=np.int64))
            mask = torch.from_numpy(np.array([e.attention_mask for e in enc], dtype=np.int64))
            if device.startswith("cuda"):
                ids, mask = ids.pin_memory(), mask.pin_memory()
            out.append((ids, mask))
        return out

    def forward(batches: list[tuple[object, object]]) -> np.ndarray:
        outs = []
        with torch.inference_mode():
            for ids, mask in batches:
                ids = ids.to(device, non_blocking=True)  # type: ignore[attr-defined]
                mask = mask.to(device, non_blocking=True)  # type: ignore[attr-defined]
                h = model(input_ids=ids, attention_mask=mask).last_hidden_state
                m = mask.unsqueeze(-1).to(h.dtype)
                v = (h * m).sum(1) / m.sum(1).clamp(min=1)
                outs.append(torch.nn.functional.normalize(v.float(), dim=1))
            return torch.cat(outs).cpu().numpy()

    def encode(items: list[str]) -> np.ndarray:
        return forward(tokenize(items))

    encode.tokenize = tokenize  # type: ignore[attr-defined]
    encode.forward = forward  # type: ignore[attr-defined]
    return encode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--n", type=int, default=0, help="texts per measurement (default: 2000 static, 200 MiniLM on CPU, 50000 on CUDA)")
    ap.add_argument("--batch", type=int, default=0, help="MiniLM batch size (default 32 on CPU, 1024 on CUDA)")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (default: all cores)")
    ap.add_argument("--shape-only", action="store_true", help="time a MiniLM-shaped random-weight model (weights not installed)")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    cuda = a.device.startswith("cuda")
    rows: list[dict[str, object]] = []
    docs = texts(max(a.n or 0, 2000 if not cuda else 50_000))
    short = cut(docs, 256)
    n_tok = 256

    if not cuda:  # the static encoder has no GPU path: it is a table lookup
        from stackfit.embed import get_encoder

        st = get_encoder("static")
        n = a.n or 2000
        rows.append({"encoder": f"{st.name}@{st.version}", "device": "cpu (1 process)", "input": "256 tokens",
                     "texts_per_s": timed(st.encode, short[:n], 3)})
        rows.append({"encoder": f"{st.name}@{st.version}", "device": "cpu (1 process)", "input": "whole resume",
                     "texts_per_s": timed(st.encode, docs[:n], 3), "mean_chars": int(np.mean([len(d) for d in docs[:n]]))})

    batch = a.batch or (1024 if cuda else 32)
    kind = "shape-only (random weights)" if a.shape_only else "all-MiniLM-L6-v2"
    try:
        import torch

        if a.threads:
            torch.set_num_threads(a.threads)
        threads = torch.get_num_threads()
        if cuda and not torch.cuda.is_available():
            raise SystemExit("--device cuda, but torch sees no GPU")
        if a.shape_only:
            enc_fn = shape_only_encoder(a.device, batch)
        else:
            from stackfit.embed.minilm import MiniLMEncoder

            enc_fn = MiniLMEncoder(device=a.device, batch_size=batch).encode
        n = a.n or (50_000 if cuda else 200)
        items = short[:n] if n <= len(short) else (short * (n // len(short) + 1))[:n]
        dev = torch.cuda.get_device_name(0) + " fp16" if cuda else f"cpu ({threads} torch threads)"
        rows.append({"encoder": kind, "device": dev, "input": f"{n_tok} tokens", "batch": batch,
                     "texts_per_s": timed(enc_fn, items, 2 if cuda else 1)})
        if a.shape_only and hasattr(enc_fn, "tokenize"):  # where the time goes: tokenising (CPU) vs the model
            t = time.perf_counter()
            toks = enc_fn.tokenize(items)
            tok_rate = round(len(items) / (time.perf_counter() - t), 1)
            rows.append({"encoder": "tokenizer only", "device": f"cpu ({os.cpu_count()} cores)", "input": f"{n_tok} tokens",
                         "texts_per_s": tok_rate})
            rows.append({"encoder": kind + ", model only", "device": dev, "input": f"{n_tok} tokens, pre-tokenised",
                         "batch": batch, "texts_per_s": timed(lambda _: enc_fn.forward(toks), items, 3 if cuda else 1)})
    except ImportError as exc:
        rows.append({"encoder": kind, "device": a.device, "skipped": f"not installed: {exc.name} (pip install 'stackfit[minilm]')"})

    result = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": f"{platform.machine()} {os.cpu_count()} cores",
              "platform": platform.platform(), "python": platform.python_version(), "rows": rows}
    print(f"{'encoder':48} {'device':34} {'input':14} {'texts/s':>10}")
    for r in rows:
        print(f"{str(r['encoder']):48} {str(r['device']):34} {str(r.get('input', '')):14} {r.get('texts_per_s', r.get('skipped', '')):>10}")
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
