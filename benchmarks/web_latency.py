"""Web app figures (not a test): time to screen the 15 sample resumes through the upload API, and the
median latency of the main JSON routes and pages, in-process (FastAPI TestClient, no network).

    .venv/bin/python benchmarks/web_latency.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from stackfit.web import accounts
from stackfit.web.app import WebSettings, create_app

SAMPLES = Path(__file__).resolve().parents[1] / "src/stackfit/data/samples"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    n = ap.parse_args().repeat
    app = create_app(WebSettings(db=Path(tempfile.mkdtemp()) / "stackfit.db"))
    user = accounts.add_user(app.state.server, "bench@example.com", "bench-password", "admin")
    c = TestClient(app, headers={"Authorization": f"Bearer {accounts.create_token(app.state.server, user, 'bench')[1]}"})
    role = c.post("/api/roles/jd", json={"text": (SAMPLES / "roles/inference_platform.jd.txt").read_text(encoding="utf-8")}).json()["id"]
    files = [("files", (p.name, p.read_bytes())) for p in sorted((SAMPLES / "resumes").iterdir())]
    t0 = time.perf_counter()
    job = c.post(f"/api/roles/{role}/uploads", files=files).json()["id"]
    while c.get(f"/api/jobs/{job}").json()["state"] in ("queued", "running"):
        time.sleep(0.02)
    print(f"upload and screen {len(files)} sample resumes (1 worker): {time.perf_counter() - t0:.2f} s")
    doc = c.get(f"/api/roles/{role}/candidates").json()[0]["document_id"]
    routes = {
        "GET /api/roles/{id}/candidates (ranking JSON)": f"/api/roles/{role}/candidates",
        "GET /api/roles/{id}/candidates?team_hours=... (with overlap)": f"/api/roles/{role}/candidates?team_hours=09:00-17:00%20Europe/Berlin",
        "GET /api/roles/{id}/candidates/{doc} (candidate JSON)": f"/api/roles/{role}/candidates/{doc}",
        "GET /roles/{id} (role page with ranking)": f"/roles/{role}",
        "GET /roles/{id}/candidates/{doc} (candidate page)": f"/roles/{role}/candidates/{doc}",
        "GET /roles/{id}/candidates/{doc}/kit (kit page)": f"/roles/{role}/candidates/{doc}/kit",
    }
    for name, url in routes.items():
        times = []
        for _ in range(n):
            t = time.perf_counter()
            assert c.get(url).status_code == 200
            times.append(time.perf_counter() - t)
        print(f"{name}: median {1000 * statistics.median(times):.1f} ms over {n}")


if __name__ == "__main__":
    main()
