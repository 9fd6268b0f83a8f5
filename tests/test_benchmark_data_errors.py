"""A wrong --data folder or a damaged public data file stops a benchmark or a training script with one line that
names the file and the fix (exit status 2), before any work, never with a traceback."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.accuracy.data import RJDB_FIELDS, jsonl_rows, rjdb_rows
from stackfit.datafiles import GAZETTEER_SOURCES, SKILLSPAN_TECH_TRAIN, require_public_data, run_script
from stackfit.errors import InputError, RoleError
from stackfit.extract.tagger_train import read_conll

ROOT = Path(__file__).resolve().parents[1]

RJDB_ROW = {"Job-Description": "## Job title\nData Engineer\n", "Resume-matched": "## Skills\n- Spark\n",
            "Resume-unmatched": "## Skills\n- Excel\n", "Skills": ["Spark"]}


def test_require_public_data_names_every_missing_file_and_the_option(tmp_path: Path) -> None:
    (tmp_path / "onet").mkdir()
    (tmp_path / "onet" / "Technology Skills.txt").write_text("O*NET-SOC Code\tExample\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        require_public_data(tmp_path, SKILLSPAN_TECH_TRAIN, *GAZETTEER_SOURCES)
    text = str(exc.value)
    assert "3 public data files missing" in text
    assert SKILLSPAN_TECH_TRAIN in text and "esco/digitalSkillsCollection_en.csv" in text and "linguist/languages.json" in text
    assert "onet/Technology Skills.txt" not in text.split("(")[0]  # present, so not listed as missing
    assert "--data" in text and "skillspan/" in text
    assert exc.value.path == str(tmp_path)


def test_require_public_data_passes_when_the_files_are_there(tmp_path: Path) -> None:
    (tmp_path / "rjdb").mkdir()
    (tmp_path / "rjdb" / "test.jsonl").write_text(json.dumps(RJDB_ROW) + "\n", encoding="utf-8")
    require_public_data(tmp_path, "rjdb/test.jsonl")
    assert [r["Skills"] for r in rjdb_rows(tmp_path)] == [["Spark"]]


def test_run_script_turns_a_stackfit_error_into_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    def fails(argv: list[str] | None) -> int:
        raise RoleError("no role", hint="give a brief", path="role.yaml")

    assert run_script(fails) == 2
    assert capsys.readouterr().err == "error: role.yaml: no role (give a brief)\n"
    assert run_script(lambda argv: 3) == 3
    assert run_script(lambda argv: None) == 0


@pytest.mark.parametrize(
    ("module", "extra", "missing"),
    [
        ("skillspan", ["--minilm", "off"], "skillspan/skillspan_tech_dev.conll"),
        ("skillspan_cv", [], SKILLSPAN_TECH_TRAIN),
        ("skillspan_cv_minilm", ["--from", "benchmarks/accuracy/results/skillspan_oof.npz"], SKILLSPAN_TECH_TRAIN),
        ("rjdb", [], "rjdb/test.jsonl"),
        ("profiles", [], "rjdb/test.jsonl"),
        ("calibration", [], "rjdb/test.jsonl"),
        ("ablation", [], "rjdb/test.jsonl"),
        ("stability", [], "resume_pdfs/resume_matcher/templates/two-column.pdf"),
    ],
)
def test_each_benchmark_stops_on_a_wrong_data_folder(module: str, extra: list[str], missing: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    main = importlib.import_module(f"benchmarks.accuracy.{module}").main
    assert run_script(main, ["--data", str(tmp_path / "nowhere"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert missing in err and "--data" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (json.dumps(RJDB_ROW) + "\n\n" + '{"Job-Description": "x", \n', "line 3 is not JSON"),
        (json.dumps(RJDB_ROW) + "\n" + json.dumps(["a list"]) + "\n", "line 2 is not a JSON object"),
        (json.dumps({**RJDB_ROW, "Resume-unmatched": None}) + "\n", "line 1 lacks the field Resume-unmatched"),
    ],
)
def test_a_damaged_rjdb_file_names_the_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "rjdb").mkdir()
    (tmp_path / "rjdb" / "test.jsonl").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        list(rjdb_rows(tmp_path))
    assert exc.value.path == str(tmp_path / "rjdb" / "test.jsonl")


def test_a_benchmark_reports_a_damaged_file_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.accuracy.profiles import main

    (tmp_path / "rjdb").mkdir()
    (tmp_path / "rjdb" / "test.jsonl").write_bytes(b"\xff\xfe not utf-8\n")
    assert run_script(main, ["--data", str(tmp_path)]) == 2
    assert "test.jsonl: not UTF-8 text" in capsys.readouterr().err


def test_jsonl_rows_checks_field_types(tmp_path: Path) -> None:
    path = tmp_path / "train.json"
    path.write_text(json.dumps({"source": "tech", "idx": True, "tokens": ["a"]}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1 lacks the field idx"):
        list(jsonl_rows(path, {"source": str, "idx": int, "tokens": list}, "SkillSpan's train.json"))
    assert set(RJDB_FIELDS) == {"Job-Description", "Resume-matched", "Resume-unmatched"}


def test_a_skillspan_file_that_is_not_utf8_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "skillspan_tech_train.conll"
    path.write_bytes(b"Python\tO\tB\n\xff\tO\tO\n")
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_conll(path)


@pytest.mark.parametrize(("script", "missing"), [("train_tagger.py", SKILLSPAN_TECH_TRAIN),
                                                 ("build_term_weights.py", "esco/occupations_en.csv"),
                                                 ("build_title_heads.py", "onet/Alternate Titles.txt")])
def test_training_and_build_scripts_stop_on_a_wrong_data_folder(script: str, missing: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--data", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert missing in done.stderr and "--data" in done.stderr
