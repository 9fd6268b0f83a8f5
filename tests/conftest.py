from __future__ import annotations

import os
from pathlib import Path

import pytest

from stackfit.datafiles import package_data

SAMPLES = package_data("samples")


def shared_data() -> Path:
    """The public data sets (../shared/data beside the repository, or STACKFIT_SHARED_DATA)."""
    env = os.environ.get("STACKFIT_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES
