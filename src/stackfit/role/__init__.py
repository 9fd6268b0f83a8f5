"""Role stage: a project brief, a job description or a saved profile -> RoleProfile."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from stackfit.errors import RoleError
from stackfit.models import RoleProfile
from stackfit.role.brief import QUESTIONS, Brief, from_brief
from stackfit.role.jd import from_jd

__all__ = ["Brief", "QUESTIONS", "from_brief", "from_jd", "load_role", "load_brief", "save_role", "role_from_jd_file",
           "role_from_brief_file"]

_STRUCTURED = (".yaml", ".yml", ".json")


def _read_structured(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RoleError("file not found", hint="check the path of the role", path=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise RoleError("not UTF-8 text", hint="save the file as UTF-8", path=str(path)) from exc
    try:
        return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise RoleError(f"not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {exc}".splitlines()[0],
                        hint="a brief or saved role is YAML/JSON; for a job description use `stackfit role from-jd`",
                        path=str(path)) from exc


def _validation_message(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors()[:8])


def load_brief(path: Path) -> Brief:
    raw = _read_structured(path)
    if not isinstance(raw, dict):
        raise RoleError("not a brief: expected keys such as title, systems, models, stage",
                        hint="for a job description use `stackfit role from-jd`", path=str(path))
    try:
        return Brief.model_validate(raw)
    except ValidationError as exc:
        raise RoleError(f"not a valid brief: {_validation_message(exc)}",
                        hint="see the sample briefs in stackfit/data/samples/roles, or answer the questions with `stackfit role new`",
                        path=str(path)) from exc


def role_from_brief_file(path: Path) -> RoleProfile:
    try:
        return from_brief(load_brief(path))
    except RoleError as exc:
        exc.path = exc.path or str(path)
        raise


def role_from_jd_file(path: Path) -> RoleProfile:
    from stackfit.parse import parse_file

    return from_jd(parse_file(path))


def load_role(path: Path) -> RoleProfile:
    """A saved RoleProfile, a brief (YAML/JSON with ``systems``) or a job description file."""
    if path.is_dir():
        raise RoleError("is a folder", hint="give a role file: a brief, a saved profile or a job description", path=str(path))
    if path.suffix.lower() not in _STRUCTURED:
        return role_from_jd_file(path)
    raw = _read_structured(path)
    if isinstance(raw, dict) and "systems" in raw and "layers" not in raw:
        try:
            return from_brief(Brief.model_validate(raw))
        except RoleError as exc:
            exc.path = exc.path or str(path)
            raise
        except ValidationError as exc:
            raise RoleError(f"not a valid brief: {_validation_message(exc)}", hint="fix the listed fields",
                            path=str(path)) from exc
    if isinstance(raw, dict) and "profile" in raw and "layers" in raw:
        try:
            return RoleProfile.model_validate(raw)
        except ValidationError as exc:
            raise RoleError(f"not a valid role profile: {_validation_message(exc)}", hint="fix the listed fields",
                            path=str(path)) from exc
    raise RoleError(
        "neither a brief (needs 'systems') nor a saved role profile (needs 'profile' and 'layers')",
        hint="create one with `stackfit role new`, `stackfit role from-brief` or `stackfit role from-jd`",
        path=str(path),
    )


def dump_role(role: RoleProfile, fmt: str) -> str:
    data = role.model_dump(mode="json")
    if fmt == "json":
        return json.dumps(data, indent=2, sort_keys=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def save_role(role: RoleProfile, path: Path) -> None:
    path.write_text(dump_role(role, "json" if path.suffix == ".json" else "yaml"), encoding="utf-8")
