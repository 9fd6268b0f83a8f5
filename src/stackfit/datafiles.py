"""Loading the policy files shipped under ``stackfit/data`` (YAML validated by pydantic)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from stackfit.errors import DataFileError, InputError, StackfitError

M = TypeVar("M", bound=BaseModel)


def package_data(name: str) -> Path:
    """Path of a file under the package's ``data/`` folder."""
    return Path(str(files("stackfit") / "data" / name))


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Read ``path`` as YAML and validate it, reporting every bad entry at once."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError("file not found", hint="check the path", path=str(path)) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", hint="fix the YAML syntax", path=str(path)) from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise DataFileError(
            f"{len(lines)} invalid entr{'y' if len(lines) == 1 else 'ies'}: " + "; ".join(lines[:20]),
            hint="fix the listed fields",
            path=str(path),
        ) from exc


# The public data sets the accuracy benchmarks and the training scripts read (under their ``--data`` folder).
SKILLSPAN_TECH_TRAIN = "skillspan/skillspan_tech_train.conll"
ONET_TECHNOLOGY_SKILLS = "onet/Technology Skills.txt"
ESCO_DIGITAL_SKILLS = "esco/digitalSkillsCollection_en.csv"
LINGUIST_LANGUAGES = "linguist/languages.json"
GAZETTEER_SOURCES = (ONET_TECHNOLOGY_SKILLS, ESCO_DIGITAL_SKILLS, LINGUIST_LANGUAGES)  # the CRF tagger's gazetteers
RJDB_TEST = "rjdb/test.jsonl"


def require_public_data(data: Path, *relpaths: str) -> None:
    """Fail before any work, naming every missing file, when ``data`` lacks the public data a benchmark or a
    training script reads (a wrong ``--data`` found 17 minutes into a run, or as a traceback, helps no one)."""
    missing = [p for p in relpaths if not (data / p).is_file()]
    if missing:
        tops = sorted({p.split("/")[0] + "/" for p in relpaths})
        raise InputError(
            f"{len(missing)} public data file{'' if len(missing) == 1 else 's'} missing: {', '.join(missing)}",
            hint=f"pass --data pointing at the folder that holds {', '.join(tops)} (--help shows the default; "
                 "docs/accuracy.md names each data set's source and licence)",
            path=str(data),
        )


def run_script(main: Callable[..., int | None], argv: list[str] | None = None) -> int:
    """Run a benchmark's or a script's ``main``: a stackfit error (a missing data file, a bad input) is one line on
    stderr and exit status 2, not a traceback."""
    try:
        return main(argv) or 0
    except StackfitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
