"""The README's command examples are real: each ``$ stackfit ...`` block is run and every line
shown must appear in the output (a line ending in "..." is compared up to the dots; "..." alone
stands for lines left out)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```text\n\$ (.+?)\n(.*?)```", re.DOTALL)


def examples() -> list[tuple[str, list[str]]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(cmd, out.splitlines()) for cmd, out in BLOCK.findall(text) if "stackfit " in cmd]


def test_readme_has_examples():
    assert len(examples()) >= 4


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[c.split("|")[-1].split()[1] for c, _ in examples()])
def test_readme_example(command: str, expected: list[str], tmp_path: Path) -> None:
    cmd = re.sub(r"(?<![\w/.-])stackfit ", f"{sys.executable} -m stackfit ", command)  # every command of a && chain
    if " screen " in cmd:  # keep the workspace and reports out of the repository
        cmd += f" --db {tmp_path / 'ws.db'} --out {tmp_path / 'out'}"
    run = subprocess.run(cmd, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "COLUMNS": "140", "PYTHONPATH": str(ROOT / "src"),
                              "STACKFIT_DB": str(tmp_path / "ws.db"),  # interview examples share a workspace per block
                              "STACKFIT_WEB_DB": str(tmp_path / "web" / "stackfit.db")})
    assert run.returncode == 0, run.stderr
    got = [line.rstrip() for line in run.stdout.splitlines()]
    for line in expected:
        line = line.rstrip()
        if not line or line == "...":
            continue
        if line.endswith("..."):
            prefix = line[:-3].rstrip()
            assert any(g.startswith(prefix) for g in got), f"README line not in the output: {line!r}"
        else:
            assert line in got, f"README line not in the output: {line!r}\n--- output:\n" + "\n".join(got)
