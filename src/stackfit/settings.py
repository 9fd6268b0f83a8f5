"""Settings: declared once here, read from ``stackfit.toml`` (current folder, or ``STACKFIT_CONFIG``)
and environment variables (which win). Each field documents itself; ``SETTINGS_ENV`` is the table.

    blind           STACKFIT_BLIND=1            redact personal details before scoring and in every report
    retention_days  STACKFIT_RETENTION_DAYS=N   candidates older than N days are erased by ``stackfit purge``
    contact         STACKFIT_CONTACT=...        who candidates write to (notice, alternative process)
    organisation    STACKFIT_ORGANISATION=...   the employer named in the candidate notice
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stackfit.errors import InputError


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    blind: bool = Field(default=False, description="blind screening: redact names, contacts, links, dates of birth, "
                                                   "graduation years, nationality, marital status and gendered words")
    retention_days: int | None = Field(default=None, ge=1, description="erase candidates older than this many days")
    contact: str = Field(default="the hiring team", description="who candidates contact to ask for an alternative process")
    organisation: str = Field(default="We", description="the employer named in the candidate notice")


SETTINGS_ENV = {"blind": "STACKFIT_BLIND", "retention_days": "STACKFIT_RETENTION_DAYS", "contact": "STACKFIT_CONTACT",
                "organisation": "STACKFIT_ORGANISATION"}


def load_settings(config: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Settings from the TOML file (``[stackfit]`` table or top level) overlaid by environment variables."""
    env = dict(os.environ) if env is None else env
    path = config or Path(env.get("STACKFIT_CONFIG", "stackfit.toml"))
    values: dict[str, object] = {}
    if path.is_file():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"the settings file is not valid TOML: {exc}", hint="fix the file or remove it", path=str(path)) from exc
        table = raw.get("stackfit", raw)
        values.update(table if isinstance(table, dict) else {})
    for key, var in SETTINGS_ENV.items():
        if env.get(var, "") != "":
            v: object = env[var]
            if key == "blind":
                v = str(v).strip().lower() in ("1", "true", "yes", "on")
            values[key] = v
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        bad = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(f"invalid settings: {bad}", hint=f"check {path} and the STACKFIT_* variables", path=str(path)) from exc
