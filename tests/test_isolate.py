"""Parsing under limits: a file that hangs, eats memory or kills its worker fails alone, with a
typed reason naming the limit, and the batch goes on (``stackfit.isolate``)."""

from __future__ import annotations

import os
import shutil
import signal
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackfit import services
from stackfit.cli import app
from stackfit.datafiles import package_data
from stackfit.errors import EmptyDocumentError, LimitExceededError, MemoryLimitError, ParseTimeoutError
from stackfit.isolate import parse_file_isolated
from stackfit.parse import ParseLimits, parse_bytes
from stackfit.parse.base import MIB
from stackfit.store import Workspace

SAMPLES = package_data("samples")
AS_OF = date(2026, 11, 27)
FAST = ParseLimits(time_limit=1.0, memory_limit=256 * MIB)


def _hostile(name: str) -> None:
    """What the patched parser does to the file ``name`` (runs in the forked worker)."""
    if name.endswith("hang.txt"):
        time.sleep(600)
    elif name.endswith("hog.txt"):
        blocks = [bytearray(64 * MIB) for _ in range(64)]  # 4 GiB, far over the cap
        del blocks
    elif name.endswith("segv.txt"):
        os.kill(os.getpid(), signal.SIGSEGV)
    elif name.endswith("abort.txt"):
        os.abort()


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted((SAMPLES / "resumes").glob("*.txt")):
        shutil.copy(p, folder / p.name)
    for name in ("hang.txt", "hog.txt", "segv.txt", "abort.txt"):
        (folder / name).write_text(f"Jane Doe {name}\nEXPERIENCE\nEngineer\n", encoding="utf-8")
    real = services.parse_bytes

    def patched(data: bytes, name: str, **kw: object):
        _hostile(name)
        return real(data, name, **kw)

    monkeypatch.setattr(services, "parse_bytes", patched)
    return folder


@pytest.mark.parametrize("workers", [1, 2])
def test_a_hanging_hogging_or_crashing_file_fails_alone(batch: Path, tmp_path: Path, workers: int) -> None:
    role = services.load_role_file(SAMPLES / "roles" / "rag_assistant.brief.yaml")
    t0 = time.monotonic()
    with Workspace(tmp_path / "ws.db") as ws:
        res = services.screen(role, [batch], workspace=ws, as_of=AS_OF, workers=workers, limits=FAST)
        stored = ws.count("assessments")
    elapsed = time.monotonic() - t0
    got = {Path(f.file).name: f.code for f in res.failures}
    assert got == {"hang.txt": "time_limit", "hog.txt": "memory_limit", "segv.txt": "worker_crashed",
                   "abort.txt": "memory_limit"}
    messages = {Path(f.file).name: f.message for f in res.failures}
    assert "(time_limit)" in messages["hang.txt"] and "1 s" in messages["hang.txt"]
    assert "(memory_limit)" in messages["hog.txt"] and "256 MiB" in messages["hog.txt"]
    assert "killed by SIGSEGV" in messages["segv.txt"]
    assert "killed by SIGABRT" in messages["abort.txt"]
    assert res.screened == stored == len(list((SAMPLES / "resumes").glob("*.txt")))
    # the hanging file was stopped at its limit, not waited for
    assert res.slowest[0][1].endswith("hang.txt") and 1.0 <= res.slowest[0][0] < 1.0 + 3
    assert elapsed < 60


def test_results_keep_input_order_whatever_finishes_first(tmp_path: Path) -> None:
    from stackfit.isolate import Supervisor

    def slow_first(n: int) -> int:
        time.sleep(0.3 if n == 0 else 0)
        return n * n

    sup = Supervisor(slow_first, lambda job, failed: -1, workers=2, limits=ParseLimits(time_limit=5))
    assert list(sup.map(iter(range(20)), window=4)) == [n * n for n in range(20)]
    assert sup.restarts == 0


def test_single_file_parsing_is_isolated_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stackfit.parse

    empty = tmp_path / "blank.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(EmptyDocumentError) as err:  # typed errors cross the process boundary intact
        parse_file_isolated(empty, FAST)
    assert err.value.path == str(empty) and err.value.hint
    hang = tmp_path / "hang.txt"
    hang.write_text("Jane Doe\n", encoding="utf-8")
    real = stackfit.parse.parse_file

    def patched(path: Path, **kw: object):
        _hostile(str(path))
        return real(path, **kw)

    monkeypatch.setattr(stackfit.parse, "parse_file", patched)
    with pytest.raises(ParseTimeoutError) as timeout:
        services.profile_file(hang, as_of=AS_OF, limits=FAST)
    assert timeout.value.limit == "time_limit" and timeout.value.value == 1.0 and timeout.value.path == str(hang)
    r = CliRunner().invoke(app, ["extract", str(hang), "--time-limit", "0.5"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "longer than the limit of 0.5 s (time_limit)" in r.stderr
    hog = tmp_path / "hog.txt"
    hog.write_text("Jane Doe\n", encoding="utf-8")
    with pytest.raises(MemoryLimitError):
        parse_file_isolated(hog, ParseLimits(memory_limit=256 * MIB))
    r = CliRunner().invoke(app, ["profile", str(hog), "--memory-limit", "256"])
    assert r.exit_code == 1 and "(memory_limit)" in r.stderr


@pytest.mark.parametrize(
    ("markup", "limit"),
    [
        (b"<html><body>" + b"<div>" * 1100 + b"Jane" + b"</div>" * 1100 + b"</body></html>", "max_html_depth"),
        (b"<html><body>" + b"<p>PyTorch</p>" * 201_000 + b"</body></html>", "max_html_elements"),
    ],
)
def test_html_over_its_limits_is_rejected_naming_the_limit(markup: bytes, limit: str) -> None:
    with pytest.raises(LimitExceededError) as err:
        parse_bytes(markup, "page.html")
    assert err.value.limit == limit and f"({limit})" in err.value.message and err.value.path == "page.html"
    # the same page is read when the limit allows it
    doc = parse_bytes(markup, "page.html", limits=ParseLimits(max_html_depth=10_000, max_html_elements=1_000_000))
    assert "Jane" in doc.text or "PyTorch" in doc.text


def test_a_docx_zip_bomb_is_rejected_before_it_is_inflated() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (20 * MIB) + b"</w:document>")
    with pytest.raises(LimitExceededError) as err:
        parse_bytes(buf.getvalue(), "bomb.docx")
    assert err.value.limit == "max_docx_ratio" and "(max_docx_ratio)" in str(err.value)


_HOLD: list[bytearray] = []


def _fill_then_parse(job: tuple[Path, int]) -> str:
    """Grow this worker's mapped memory to within ``spare`` bytes of its address-space cap (a large
    file read before), then parse a PDF in the same worker."""
    import resource

    from stackfit.isolate import _vm_size

    path, spare = job
    cap = resource.getrlimit(resource.RLIMIT_AS)[0]
    _HOLD.append(bytearray(max(0, cap - _vm_size() - spare)))
    return parse_bytes(path.read_bytes(), path.name).text


def test_a_pdf_parses_in_a_worker_whose_heap_is_near_its_cap(tmp_path: Path) -> None:
    # pdfium (an 8 MB library) used to be mapped on a worker's first PDF, under the cap: after a large
    # file, the mapping failed ("failed to map segment from shared object") and every later PDF in that
    # worker came back as corrupt. Workers now map the readers before the cap is set.
    from stackfit.isolate import Failed, Supervisor

    pdf = package_data("samples/resumes/mei_lin_chen.pdf")
    sup: Supervisor[tuple[Path, int], object] = Supervisor(_fill_then_parse, lambda job, f: f, workers=1,
                                                            limits=ParseLimits(memory_limit=160 * MIB))
    (out,) = list(sup.map(iter([(pdf, 6 * MIB)])))
    assert not isinstance(out, Failed) or "failed to map" not in out.detail, out
    assert isinstance(out, str) and "Mei" in out
