from __future__ import annotations

import random
from pathlib import Path

import pytest

from stackfit.datafiles import package_data

SAMPLES = package_data("samples")


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


# --------------------------------------------------------------------------- CLI / services fixtures

class BadBatch:
    """A folder of resumes, two good and several broken, plus an explicitly named unsupported file.

    ``bad`` maps each broken file's name to the error code services.screen reports for it;
    ``maybe`` holds files that may be parsed or rejected (never crash): a UTF-16 Markdown file
    without a BOM.
    """

    def __init__(self, root: Path) -> None:
        from reportlab.pdfgen import canvas

        resumes = SAMPLES / "resumes"
        self.folder = root / "batch"
        self.folder.mkdir()
        self.good = ("amara_okafor.md", "mei_lin_chen.pdf")
        for name in self.good:
            (self.folder / name).write_bytes((resumes / name).read_bytes())
        pdf = (resumes / "priya_raman.pdf").read_bytes()
        (self.folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
        c = canvas.Canvas(str(self.folder / "locked.pdf"), encrypt="secret", invariant=1)
        c.drawString(72, 720, "Jane Doe, Machine Learning Engineer. Built PyTorch models on Kubernetes.")
        c.save()
        (self.folder / "empty.txt").write_bytes(b"")
        (self.folder / "noise.txt").write_bytes(random.Random(7).randbytes(4096))
        (self.folder / "utf16.md").write_bytes(
            "# Jane Doe\n\n## Experience\n\nBuilt PyTorch models and served them on Kubernetes.\n".encode("utf-16-le"))
        self.unsupported = root / "resume.xyz"
        self.unsupported.write_text("Jane Doe, ML engineer, PyTorch\n", encoding="utf-8")
        self.bad = {
            "truncated.pdf": "corrupt_file",
            "locked.pdf": "encrypted_file",
            "empty.txt": "empty_document",
            "noise.txt": "corrupt_file",
            "resume.xyz": "unsupported_format",
        }
        self.maybe = ("utf16.md",)

    @property
    def paths(self) -> list[Path]:
        return [self.folder, self.unsupported]


@pytest.fixture
def bad_batch(tmp_path: Path) -> BadBatch:
    return BadBatch(tmp_path)
