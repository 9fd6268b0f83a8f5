"""Settings: stackfit.toml, overridden by STACKFIT_* variables; bad values are clear errors. The README's
settings table lists every field."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackfit.errors import InputError
from stackfit.settings import SETTINGS_ENV, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_file_then_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "stackfit.toml"
    cfg.write_text('[stackfit]\nblind = true\nretention_days = 90\ncontact = "jobs@example.com"\n', encoding="utf-8")
    s = load_settings(cfg, env={})
    assert (s.blind, s.retention_days, s.contact, s.organisation) == (True, 90, "jobs@example.com", "We")
    s = load_settings(cfg, env={"STACKFIT_BLIND": "0", "STACKFIT_RETENTION_DAYS": "30"})
    assert (s.blind, s.retention_days) == (False, 30)
    assert load_settings(tmp_path / "missing.toml", env={}) == Settings()


@pytest.mark.parametrize(("body", "env", "match"), [
    ("retention_days = 0\n", {}, "retention_days"),
    ("colour = 'blue'\n", {}, "colour"),
    ("blind = [\n", {}, "not valid TOML"),
    ("", {"STACKFIT_RETENTION_DAYS": "a year"}, "retention_days"),
])
def test_bad_settings_are_named(tmp_path: Path, body: str, env: dict[str, str], match: str) -> None:
    cfg = tmp_path / "stackfit.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        load_settings(cfg, env=env)


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key, var in SETTINGS_ENV.items():
        assert f"| `{key}` | `{var}` |" in readme
    assert set(SETTINGS_ENV) == set(Settings.model_fields)
