"""``embed.minilm.tokenize`` tokenises only a prefix of long texts; its ids and masks must be those of the
whole texts, truncated to the window and padded as the HF tokenizer pads (torch not needed: the static
model's folder carries the same WordPiece vocabulary)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackfit.embed import minilm
from stackfit.embed.static import model_path

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "stackfit" / "data" / "samples" / "resumes"


@pytest.fixture(params=["as shipped", "with [CLS]/[SEP]"])
def model_dir(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    spec = json.loads((model_path() / "tokenizer.json").read_text(encoding="utf-8"))
    if request.param != "as shipped":  # all-MiniLM-L6-v2's own tokenizer adds [CLS] and [SEP]
        spec["added_tokens"] += [{"id": 101, "content": "[CLS]", "single_word": False, "lstrip": False, "rstrip": False,
                                  "normalized": False, "special": True},
                                 {"id": 102, "content": "[SEP]", "single_word": False, "lstrip": False, "rstrip": False,
                                  "normalized": False, "special": True}]
        spec["post_processor"] = {"type": "TemplateProcessing",
                                  "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                             {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                                  "pair": [{"Sequence": {"id": "A", "type_id": 0}}],
                                  "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [101], "tokens": ["[CLS]"]},
                                                     "[SEP]": {"id": "[SEP]", "ids": [102], "tokens": ["[SEP]"]}}}
    (tmp_path / "tokenizer.json").write_text(json.dumps(spec), encoding="utf-8")
    minilm._tokenizer.cache_clear()
    monkeypatch.setattr(minilm, "_model_path", lambda: str(tmp_path))
    yield tmp_path
    minilm._tokenizer.cache_clear()


def reference(texts: list[str], batch: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The whole texts through the padded, truncating tokenizer, in ``tokenize``'s batches."""
    tok = minilm._tokenizer(minilm.MAX_TOKENS)
    order = np.argsort([-len(t) for t in texts])
    out = []
    for i in range(0, len(texts), batch):
        rows = order[i:i + batch]
        enc = tok.encode_batch([texts[j].strip() for j in rows])
        out.append((rows, np.array([e.ids for e in enc]), np.array([e.attention_mask for e in enc])))
    return out


def same(texts: list[str], batch: int) -> None:
    got = minilm.tokenize(texts, batch)
    ref = reference(texts, batch)
    assert len(got) == len(ref)
    for g, (rows, ids, mask) in zip(got, ref, strict=True):
        assert g.rows.tolist() == rows.tolist()
        assert g.ids.tolist() == ids.tolist()
        assert g.mask.tolist() == mask.tolist()


def test_resumes_long_and_short(model_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*")) if p.suffix in {".txt", ".md"}]
    assert len(" ".join(texts)) > 8000
    long = "\n\n".join(texts)  # far beyond the window
    rnd = random.Random(3)
    words = long.split()
    mixed = [" ".join(rnd.sample(words, rnd.randint(1, 600))) for _ in range(20)]
    deleted = "word " * 10 + "\x00" * 400 + " word" * 300  # the estimate counts the deleted \x00s: whole text needed
    same(texts + [long, long[:1500], "", "   ", "x" * 5000, ("word " * 300).strip(), deleted] + mixed, 4)


PIECES = ["model", "Kubernetes", "naïve", "北京", "数据", "e\u0301", "\u0301", "\u00a0", "\u3000", "\x1c", "\x00", "\t", "\n", " ",
          "\r\n", "-", "C++", "a" * 120, "unaffable", "Straße", "ǅ", "PyTorch/TensorFlow", "😀", "…"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=0, max_size=700).map("".join),
                      min_size=1, max_size=6))
def test_any_text(model_dir: Path, texts: list[str]) -> None:
    same(texts, 3)


def test_cut_only_where_the_tokenizer_splits_words(model_dir: Path) -> None:
    """A prefix cut at a character the normaliser deletes (\\x1c is whitespace to Python, a control character to
    BERT) would split a word: "togeth|er" tokenises as several pieces, "together" as one. The first such
    character after the prefix's estimate is placed there and the window ends on that word, so a wrong
    separator changes the last token."""
    tok = minilm._tokenizer(minilm.MAX_TOKENS, padded=False)
    specials = len(tok.encode("a").ids) - len(tok.encode("a", add_special_tokens=False).ids)  # [CLS] and [SEP], or none
    limit = minilm.MAX_TOKENS - specials  # content tokens the window holds
    vocab = tok.get_vocab()
    word, head = next((w, w[:k]) for w in sorted(vocab) if w.isalpha() and len(w) >= 7
                      for k in range(3, len(w) - 1) if len(tok.encode(w[:k], add_special_tokens=False).ids) >= 2)
    lead = "a " * (limit - 1)
    fill = "\x00" * 400  # counted as punctuation by the prefix's estimate, deleted by the normaliser; no separator
    text = lead + fill + head + "\x1c" + word[len(head):] + " tail" * 50
    same([text], 1)
    whole = tok.encode(text).ids
    assert whole[specials // 2 + limit - 1] == vocab[word]  # the window ends on the whole word
