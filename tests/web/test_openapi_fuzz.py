"""Property-based fuzzing of the OpenAPI document (schemathesis): no request, valid or not, gets a 5xx.

Runs against its own two-workspace app (it creates and revokes things at random) as the admin of
``acme``; examples per operation are bounded so the whole run takes about a minute. (Schemathesis'
pytest plugin does not load under this pytest, so each operation's strategy is driven by hypothesis.)
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.web.conftest import World, build_world


@cache
def fuzz_world() -> World:
    return build_world(Path(tempfile.mkdtemp(prefix="stackfit-fuzz-")))


@cache
def operations() -> dict[str, Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_world().app)
    return {op.label: op for op in (r.ok() for r in schema.get_all_operations())}


OPERATIONS = [
    "GET /api/me", "GET /api/users", "POST /api/users", "GET /api/tokens", "POST /api/tokens", "DELETE /api/tokens/{token_id}",
    "GET /api/roles", "POST /api/roles/jd", "POST /api/roles/brief", "GET /api/roles/{role_id}", "POST /api/roles/{role_id}/uploads",
    "GET /api/jobs/{job_id}", "GET /api/roles/{role_id}/candidates", "GET /api/roles/{role_id}/candidates/{document_id}",
    "POST /api/roles/{role_id}/candidates/{document_id}/stage", "POST /api/roles/{role_id}/candidates/{document_id}/assignments",
    "GET /api/assignments", "GET /api/roles/{role_id}/candidates/{document_id}/kit",
    "POST /api/roles/{role_id}/candidates/{document_id}/scorecards", "GET /api/roles/{role_id}/reports/{fmt}",
    "POST /api/team", "GET /api/team", "GET /api/team/plan.{fmt}",
]


def test_every_operation_is_fuzzed() -> None:
    assert sorted(operations()) == sorted(OPERATIONS)


@pytest.mark.slow
@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_errors(label: str) -> None:
    w = fuzz_world()
    op = operations()[label]
    real = {"role_id": w.role_id, "document_id": w.assigned, "job_id": w.job_id}

    @given(case=op.as_strategy())
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    def run(case: schemathesis.Case) -> None:
        if label.startswith("DELETE /api/tokens"):
            case.path_parameters = {"token_id": 10_000 + abs(int(case.path_parameters.get("token_id", 0))) % 1000}  # never ours
        elif case.path_parameters and hash(str(case.path_parameters)) % 2:  # half the time, real ids reach deeper code
            case.path_parameters = {k: real.get(k, v) for k, v in case.path_parameters.items()}
        response = case.call(headers={"Authorization": f"Bearer {w.tokens['admin']}"})
        case.validate_response(response, checks=[not_a_server_error])

    run()
