"""End-to-end screening throughput and peak memory for TXT, DOCX and PDF resumes.

Each scenario runs in a fresh process (so peak RSS is its own): it screens a pool against a
bundled sample role into a fresh SQLite workspace, writes report.html, ranking.json and
ranking.csv (what `stackfit screen` does), and reports resumes/s and the peak RSS of the
largest process (main or a worker). The baseline, measured in the same run, is parsing alone in one process
(the floor any screener pays to read the files); figures are quoted as ratios against it.

    python benchmarks/screen_throughput.py                    # full run (10k text pool)
    python benchmarks/screen_throughput.py --pool 2000 --quick
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from procmem import peak_rss_mb  # noqa: E402


def _peak_mb() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(peak_rss_mb(), kids)  # the largest single process (main or a worker), in MB


def run_scenario(kind: str, folder: Path, workers: int | None) -> dict[str, object]:
    """Runs inside a fresh process: screen or parse every file under ``folder``."""
    from stackfit import services
    from stackfit.datafiles import package_data
    from stackfit.parse import parse_bytes
    from stackfit.report.write import write_reports
    from stackfit.store import Workspace

    files = sorted(p for p in folder.iterdir() if p.is_file())
    t0 = time.perf_counter()
    pages = 0
    if kind == "parse":
        for f in files:
            pages += parse_bytes(f.read_bytes(), str(f)).pages
        n_ok = len(files)
    else:
        role = services.load_role_file(package_data("samples/roles/rag_assistant.brief.yaml"))
        with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "bench.db") as ws:
            res = services.screen(role, [folder], workspace=ws, as_of=date(2026, 11, 27), workers=workers)
            write_reports(Path(tmp) / "out", role, ws.iter_report_rows(role.id, res.document_ids),
                          lambda d: ws.assessment(role.id, d), ws.get_document, failures=res.failures, as_of=res.as_of)
            n_ok = res.screened
            if res.failures:
                print(f"  {len(res.failures)} failures, first: {res.failures[0]}", file=sys.stderr)
    dt = time.perf_counter() - t0
    return {"files": len(files), "ok": n_ok, "seconds": round(dt, 3), "per_s": round(len(files) / dt, 1),
            "pages": pages, "peak_rss_mb": round(_peak_mb(), 1)}


def in_subprocess(kind: str, folder: Path, workers: int | None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--scenario", kind, "--folder", str(folder)]
    if workers:
        cmd += ["--workers", str(workers)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    if out.stderr.strip():
        print(out.stderr.strip(), file=sys.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_pdf_pool(shared: Path, dest: Path, copies: int) -> int:
    """The real resume PDFs under ``shared/resume_pdfs``, each copied with distinct trailing bytes."""
    pdfs = sorted(p for p in (shared / "resume_pdfs").rglob("*.pdf") if "job_descriptions" not in p.parts)
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    for i in range(copies):
        for p in pdfs:
            data = p.read_bytes() + f"\n%stackfit-bench-copy-{i}\n".encode()
            (dest / f"{p.stem}_{i:04d}.pdf").write_bytes(data)
            n += 1
    return n


def make_docx_pool(texts: list[str], dest: Path) -> None:
    import docx  # python-docx, a dev dependency

    dest.mkdir(parents=True, exist_ok=True)
    for i, t in enumerate(texts):
        d = docx.Document()
        for line in t.splitlines():
            if line.isupper() and line.strip():
                d.add_heading(line.title(), level=2)
            elif line.startswith("- "):
                d.add_paragraph(line[2:], style="List Bullet")
            else:
                d.add_paragraph(line)
        d.save(str(dest / f"resume_{i:05d}.docx"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario", help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--shared-data", type=Path,
                    default=Path(os.environ.get("STACKFIT_SHARED_DATA", HERE.parent.parent / "shared" / "data")))
    ap.add_argument("--pool", type=int, default=10_000, help="size of the large generated text pool")
    ap.add_argument("--small", type=int, default=1_000, help="size of the small text pool (memory flatness)")
    ap.add_argument("--pdf-copies", type=int, default=25, help="copies of each real PDF")
    ap.add_argument("--docx", type=int, default=300, help="generated DOCX resumes")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--quick", action="store_true", help="smaller pools for a smoke run")
    a = ap.parse_args()
    if a.scenario:
        print(json.dumps(run_scenario(a.scenario, a.folder, a.workers)))
        return

    from pool import PoolGenerator

    if a.quick:
        a.pool, a.small, a.pdf_copies, a.docx = min(a.pool, 2000), min(a.small, 500), min(a.pdf_copies, 5), min(a.docx, 100)
    tmp = Path(tempfile.mkdtemp(prefix="stackfit-bench-"))
    results: dict[str, dict[str, object]] = {}
    try:
        gen = PoolGenerator()
        small, large = tmp / "txt_small", tmp / "txt_large"
        for _ in gen.write_text_pool(small, a.small):
            pass
        for _ in gen.write_text_pool(large, a.pool):
            pass
        make_docx_pool([gen.resume(100_000 + i) for i in range(a.docx)], tmp / "docx")
        have_pdf = (a.shared_data / "resume_pdfs").is_dir()
        if have_pdf:
            make_pdf_pool(a.shared_data, tmp / "pdf", a.pdf_copies)
        plan = [("txt", small, f"text, {a.small}"), ("txt", large, f"text, {a.pool}"), ("docx", tmp / "docx", f"docx, {a.docx}")]
        if have_pdf:
            plan.append(("pdf", tmp / "pdf", f"pdf (real), {len(list((tmp / 'pdf').iterdir()))}"))
        for fmt, folder, label in plan:
            base = in_subprocess("parse", folder, None)
            full = in_subprocess("screen", folder, a.workers)
            full["vs_parse_only"] = round(float(full["per_s"]) / float(base["per_s"]), 3)  # type: ignore[arg-type]
            results[label] = {"format": fmt, "parse_only_1proc": base, "screen_end_to_end": full}
            pages = f", {base['pages'] / base['files']:.1f} pages/file" if fmt == "pdf" else ""
            print(f"{label:24} screen {full['per_s']:>7} files/s  peak {full['peak_rss_mb']:>6} MB  | "
                  f"parse-only (1 proc) {base['per_s']:>7} files/s{pages}  ratio {full['vs_parse_only']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    machine = {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count(),
               "processor": platform.processor() or platform.machine(),
               "date": datetime.now(UTC).isoformat(timespec="seconds")}
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "screen_throughput.json").write_text(json.dumps({"machine": machine, "results": results}, indent=2))
    print(f"machine: {machine}\nwritten: {a.out / 'screen_throughput.json'}")


if __name__ == "__main__":
    main()
