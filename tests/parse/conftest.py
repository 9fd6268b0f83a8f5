"""Session fixtures for the parse tests; builders live in ``parse_fixtures``."""

from __future__ import annotations

import pytest
from parse_fixtures import make_docx, make_pdf, resume_pdf_lines


@pytest.fixture(scope="session")
def docx_bytes() -> bytes:
    return make_docx()


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    return make_pdf([resume_pdf_lines()])
