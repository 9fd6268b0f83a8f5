"""Skill extraction on SkillSpan (TECH, Knowledge layer as gold for technical skills).

    python -m benchmarks.accuracy.skillspan [--data ../shared/data] [--json OUT] [--split dev]

Systems, all scored on the gold tokens of the chosen split (default dev; nothing here trains on it):

- onet-gazetteer: plain longest-match look-up of O*NET Technology Skills example names,
  case-insensitive, on token n-grams (the anchor baseline);
- onet+linguist: the same look-up over O*NET examples plus GitHub Linguist language names, with
  punctuation stripped from token edges (this reproduces the anchor figures quoted in issue 3);
- keyword: longest-match look-up of every Knowledge span string seen in SkillSpan TECH train;
- taxonomy: the stackfit taxonomy matcher alone (``stackfit.extract.skills``);
- tagger: the shipped CRF tagger alone (``stackfit.extract.tagger``);
- stackfit: tagger spans plus taxonomy hits that no tagger span overlaps;
- crf+minilm, stackfit+minilm: the same two with the CRF averaged with the MiniLM tagger
  (``stackfit.extract.tagger_minilm``; only where the ``minilm`` extra is installed, else skipped and said).

Metrics: strict and loose span P/R/F1 (token offsets), per-sentence set P/R/F1 over normalised
strings (``metrics.normalise``), and the share of predicted spans that resolve to a taxonomy id.
Also the tagger's speed on CPU (dev sentences/s; ms per bundled sample resume).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.accuracy.metrics import normalise, set_prf, span_prf
from stackfit.datafiles import GAZETTEER_SOURCES, SKILLSPAN_TECH_TRAIN, require_public_data, run_script
from stackfit.extract.tagger import SkillTagger, default_tagger, lexicon_tags, resolve_skill, tag_spans, taxonomy_tags
from stackfit.extract.tagger_train import Sentence, linguist_lexicon, onet_lexicon, read_conll
from stackfit.taxonomy import load_taxonomy

Spans = list[tuple[int, int]]
SYSTEMS = ("onet-gazetteer", "onet+linguist", "keyword", "taxonomy", "tagger", "stackfit", "crf+minilm", "stackfit+minilm")


def plain_lookup(tokens: Sequence[str], lexicon: frozenset[str], max_len: int = 6) -> Spans:
    """Longest match of lower-cased token n-grams (tokens as written, no punctuation stripping)."""
    low = [t.lower() for t in tokens]
    out: Spans = []
    i = 0
    while i < len(tokens):
        for n in range(min(max_len, len(tokens) - i), 0, -1):
            if " ".join(low[i : i + n]) in lexicon:
                out.append((i, i + n))
                i += n
                break
        else:
            i += 1
    return out


def keyword_lexicon(train: Sequence[Sentence]) -> frozenset[str]:
    return frozenset(" ".join(s.tokens[a:b]).lower() for s in train for a, b in s.spans())


def combine(tagger_spans: Spans, taxonomy_spans: Spans) -> Spans:
    """Tagger spans, plus taxonomy hits that overlap none of them; in token order."""
    extra = [t for t in taxonomy_spans if not any(t[0] < b and a < t[1] for a, b in tagger_spans)]
    return sorted([*tagger_spans, *extra])


Many = Callable[[Sequence[Sequence[str]]], list[Spans]]


def _each(fn: Callable[[Sequence[str]], Spans]) -> Many:
    return lambda sents: [fn(t) for t in sents]


def _with_taxonomy(tag_many: Many) -> Many:
    return lambda sents: [combine(p, tag_spans(taxonomy_tags(t))) for t, p in zip(sents, tag_many(sents), strict=True)]


def systems(train: Sequence[Sentence], data: Path, tagger: SkillTagger, ensemble: Any = None) -> dict[str, Many]:
    """Each system maps a list of tokenised sentences to their spans (the MiniLM tagger runs in batches)."""
    onet = onet_lexicon(data)
    onet_lang = onet | linguist_lexicon(data)
    kw = keyword_lexicon(train)
    out: dict[str, Many] = {
        "onet-gazetteer": _each(lambda toks: plain_lookup(toks, onet)),
        "onet+linguist": _each(lambda toks: tag_spans(lexicon_tags(toks, onet_lang))),
        "keyword": _each(lambda toks: plain_lookup(toks, kw)),
        "taxonomy": _each(lambda toks: tag_spans(taxonomy_tags(toks))),
        "tagger": tagger.tag_many,
        "stackfit": _with_taxonomy(tagger.tag_many),
    }
    if ensemble is not None:
        out["crf+minilm"] = ensemble.tag_many
        out["stackfit+minilm"] = _with_taxonomy(ensemble.tag_many)
    return out


def evaluate(sentences: Sequence[Sentence], predict: Many) -> dict[str, object]:
    tax = load_taxonomy()
    gold: list[Spans] = [s.spans() for s in sentences]
    pred: list[Spans] = predict([s.tokens for s in sentences])
    resolved = 0
    for s, p in zip(sentences, pred, strict=True):
        resolved += sum(1 for a, b in p if resolve_skill(" ".join(s.tokens[a:b]), tax) is not None)
    gset = [{normalise(" ".join(s.tokens[a:b])) for a, b in g} - {""} for s, g in zip(sentences, gold, strict=True)]
    pset = [{normalise(" ".join(s.tokens[a:b])) for a, b in p} - {""} for s, p in zip(sentences, pred, strict=True)]
    n_pred = sum(len(p) for p in pred)
    return {
        "strict": span_prf(gold, pred).as_dict(),
        "loose": span_prf(gold, pred, loose=True).as_dict(),
        "set": set_prf(gset, pset).as_dict(),
        "taxonomy_share": round(resolved / n_pred, 4) if n_pred else 0.0,
        "predicted_spans": n_pred,
    }


def speed(tagger: Any, sentences: Sequence[Sentence]) -> dict[str, float]:
    from stackfit.datafiles import package_data
    from stackfit.parse import parse_file

    tagger.tag_tokens(sentences[0].tokens)  # open the model first
    t0 = time.perf_counter()
    tagger.tag_many([s.tokens for s in sentences])
    sent_s = len(sentences) / (time.perf_counter() - t0)
    docs = [parse_file(p) for p in sorted((package_data("samples") / "resumes").iterdir())]
    t0 = time.perf_counter()
    for d in docs:
        tagger.find(d.text)
    per = (time.perf_counter() - t0) / len(docs) * 1000
    return {"sentences_per_s": round(sent_s, 1), "ms_per_sample_resume": round(per, 1), "sample_resumes": len(docs)}


def table(results: dict[str, dict[str, object]]) -> str:
    head = f"{'system':<16}{'strict P':>9}{'R':>7}{'F1':>7} |{'loose P':>8}{'R':>7}{'F1':>7} |{'set P':>7}{'R':>7}{'F1':>7} |{'tax id':>7}"
    lines = [head, "-" * len(head)]
    for name, r in results.items():
        st, lo, se = (r[k] for k in ("strict", "loose", "set"))
        assert isinstance(st, dict) and isinstance(lo, dict) and isinstance(se, dict)
        lines.append(f"{name:<16}{st['precision']:>9.3f}{st['recall']:>7.3f}{st['f1']:>7.3f} |{lo['precision']:>8.3f}{lo['recall']:>7.3f}"
                     f"{lo['f1']:>7.3f} |{se['precision']:>7.3f}{se['recall']:>7.3f}{se['f1']:>7.3f} |{r['taxonomy_share']:>7.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Skill extraction on SkillSpan TECH (Knowledge layer)")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--split", default="dev", help="SkillSpan TECH split to report on (train is used for the keyword list)")
    ap.add_argument("--json", type=Path, default=None, help="write the results as JSON here")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--minilm", choices=("auto", "on", "off"), default="auto",
                    help="the CRF + MiniLM rows: where the minilm extra is installed (auto), required (on), or skipped")
    a = ap.parse_args(argv)
    require_public_data(a.data, SKILLSPAN_TECH_TRAIN, f"skillspan/skillspan_tech_{a.split}.conll", *GAZETTEER_SOURCES)
    train = read_conll(a.data / SKILLSPAN_TECH_TRAIN)
    test = read_conll(a.data / "skillspan" / f"skillspan_tech_{a.split}.conll")
    tagger = default_tagger()
    ensemble = None
    if a.minilm != "off":
        from stackfit.extract.tagger_minilm import available, ensemble_tagger

        if available():
            ensemble = ensemble_tagger()
        elif a.minilm == "on":
            print("error: --minilm on, but the minilm extra is not installed (make install-minilm)", file=sys.stderr)
            return 2
        else:
            print("note: the minilm extra is not installed; the crf+minilm rows are skipped (make install-minilm)")
    results = {name: evaluate(test, fn) for name, fn in systems(train, a.data, tagger, ensemble).items()}
    gold_n = sum(len(s.spans()) for s in test)
    print(f"SkillSpan TECH {a.split}: {len(test)} sentences, {gold_n} gold Knowledge spans; train {len(train)} sentences; "
          f"tagger {tagger.version}{f'; ensemble {ensemble.version}' if ensemble else ''}")
    print(table(results))
    out: dict[str, object] = {
        "benchmark": "skillspan", "split": a.split, "sentences": len(test), "gold_spans": gold_n,
        "date": datetime.now(UTC).strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {_cores()} cores",
        "tagger": tagger.version, "ensemble": ensemble.version if ensemble else None,
        "taxonomy": load_taxonomy().version, "results": results,
    }
    if not a.no_speed:
        sp = speed(tagger, test)
        out["speed"] = sp
        print(f"tagger speed: {sp['sentences_per_s']} sentences/s; {sp['ms_per_sample_resume']} ms per sample resume "
              f"({sp['sample_resumes']} resumes), one CPU thread")
        if ensemble is not None:
            spe = speed(ensemble, test)
            out["speed_minilm"] = spe
            print(f"crf+minilm speed: {spe['sentences_per_s']} sentences/s; {spe['ms_per_sample_resume']} ms per sample resume "
                  f"(torch threads: {_torch_threads()})")
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {a.json}")
    return 0


def _torch_threads() -> int:
    import torch

    return int(torch.get_num_threads())


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(run_script(main))
