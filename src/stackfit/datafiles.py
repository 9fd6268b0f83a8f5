"""Loading the policy files shipped under ``stackfit/data`` (YAML validated by pydantic)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from stackfit.errors import DataFileError

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
