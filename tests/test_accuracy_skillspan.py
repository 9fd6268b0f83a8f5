"""The SkillSpan benchmark's pieces on a tiny inline CoNLL sample with hand-computed results."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.accuracy.skillspan import combine, evaluate, keyword_lexicon, plain_lookup
from stackfit.errors import InputError
from stackfit.extract.tagger_train import parse_conll, read_conll

SAMPLE = """We\tO\tO
use\tO\tO
Apache\tO\tB
Kafka\tO\tI
and\tO\tO
SQL\tO\tB
.\tO\tO

Knowledge\tO\tO
of\tO\tO
Kafka\tO\tB
"""


def test_loader_on_inline_conll(tmp_path: Path) -> None:
    f = tmp_path / "skillspan_tech_dev.conll"
    f.write_text(SAMPLE, encoding="utf-8")
    sents = read_conll(f)
    assert [s.spans() for s in sents] == [[(2, 4), (5, 6)], [(2, 3)]]
    assert sents[1].tokens == ("Knowledge", "of", "Kafka")
    with pytest.raises(InputError, match="not found"):
        read_conll(tmp_path / "missing.conll")


def test_plain_lookup_is_longest_match_case_insensitive() -> None:
    lex = frozenset({"apache kafka", "kafka", "sql"})
    assert plain_lookup(["We", "use", "Apache", "Kafka", "and", "SQL", "."], lex) == [(2, 4), (5, 6)]
    assert plain_lookup(["kafka,"], lex) == []  # plain: punctuation glued to a token is not stripped
    assert keyword_lexicon(parse_conll(SAMPLE)) == {"apache kafka", "sql", "kafka"}


def test_combine_keeps_tagger_spans_and_adds_non_overlapping_taxonomy_hits() -> None:
    assert combine([(2, 4)], [(3, 4), (5, 6)]) == [(2, 4), (5, 6)]


def test_evaluate_hand_computed() -> None:
    sents = parse_conll(SAMPLE)
    # predicts "Kafka" alone in both sentences: sentence 1 strict miss (gold is "Apache Kafka"), loose hit;
    # sentence 2 exact hit. strict P = 1/2, R = 1/3; loose P = 2/2, R = 2/3; set: {kafka} vs {apache kafka, sql}
    # and {kafka} vs {kafka} -> tp 1, predicted 2, gold 3.
    r = evaluate(sents, lambda many: [[(i, i + 1) for i, t in enumerate(toks) if t == "Kafka"] for toks in many])
    assert r["strict"] == {"precision": 0.5, "recall": 0.3333, "f1": 0.4, "tp": 1, "predicted": 2, "gold": 3}
    loose = r["loose"]
    assert isinstance(loose, dict) and loose["precision"] == 1.0 and loose["recall"] == 0.6667
    st = r["set"]
    assert isinstance(st, dict) and (st["tp"], st["predicted"], st["gold"]) == (1, 2, 3)
    assert r["taxonomy_share"] == 1.0  # "Kafka" resolves in the taxonomy


def test_cv_script_runs_on_a_tiny_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.accuracy import skillspan_cv
    from tests.test_tagger import _tiny_data

    data = _tiny_data(tmp_path / "data")
    assert skillspan_cv.main(["--data", str(data), "--folds", "2", "--thresholds", "none,0.3", "--max-iterations", "20"]) == 0
    out = capsys.readouterr().out
    assert "2-fold CV on TECH train (24 sentences)" in out
    assert out.count("tagger+taxonomy") == 2
