"""Parse stage: a file (PDF, DOCX, TXT, Markdown, HTML, JSON Resume) -> ``Document``.

``Document.text`` is normalised plain text (see ``normalize``) and every offset in
``sections`` and ``entries`` points into it. The format is chosen by the file name's
suffix; magic bytes win when they disagree (a PDF named ``.docx`` is read as a PDF, with a
warning). Every failure is a typed ``stackfit.errors.InputError`` subclass with a hint.

    from stackfit.parse import parse_file, parse_bytes, parse_text, SUPPORTED_SUFFIXES, ParseLimits
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePath

from stackfit.errors import (
    CorruptFileError,
    EmptyDocumentError,
    FileTooLargeError,
    InputError,
    StackfitError,
    UnsupportedFormatError,
)
from stackfit.models import Document
from stackfit.parse.base import MIB, Extracted, ParseLimits
from stackfit.parse.normalize import normalize
from stackfit.parse.sections import sectionize
from stackfit.parse.unicode import invisible_characters

__all__ = ["SUPPORTED_SUFFIXES", "ParseLimits", "parse_bytes", "parse_file", "parse_text"]

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm", ".json")

_KIND_BY_SUFFIX = {
    ".pdf": "pdf", ".docx": "docx", ".txt": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".json": "json",
}
_LABEL = {"pdf": "PDF", "docx": "DOCX", "text": "text file", "markdown": "Markdown file",
          "html": "HTML page", "json": "JSON file"}
_DEFAULT_LIMITS = ParseLimits()
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def preload_readers() -> None:
    """Import every reader and the native libraries behind them (pdfium, lxml, docx2python).

    Parse workers call this before their address-space cap is set (``isolate.apply_limits``): a library
    first mapped under the cap, after a large file has grown the worker's heap, can fail to map ("failed
    to map segment from shared object"), and every PDF that worker read afterwards was reported corrupt."""
    import docx2python  # noqa: F401

    from stackfit.parse import docx, hidden_markdown, html, jsonresume, pdf, text  # noqa: F401


def _read(kind: str, data: bytes, path: str, limits: ParseLimits) -> Extracted:
    # readers are imported on first use: a text-only run never loads pdfium or docx2python
    if kind == "pdf":
        from stackfit.parse.pdf import extract_pdf

        return extract_pdf(data, path, limits)
    if kind == "docx":
        from stackfit.parse.docx import extract_docx

        return extract_docx(data, path, limits)
    if kind == "html":
        from stackfit.parse.html import extract_html

        return extract_html(data, path, limits)
    if kind == "json":
        from stackfit.parse.jsonresume import extract_json

        return extract_json(data, path)
    from stackfit.parse.text import extract_markdown, extract_text

    if kind == "markdown":
        from stackfit.parse.hidden_markdown import hidden_markdown

        ex = extract_markdown(data, path)
        ex.text, ex.hidden = hidden_markdown(ex.text, limits.include_hidden)
        return ex
    return extract_text(data, path)


def _unsupported(suffix: str, path: str) -> UnsupportedFormatError:
    what = f"files ending in {suffix!r} are not supported" if suffix else "the file type cannot be recognised"
    return UnsupportedFormatError(
        what,
        hint=f"give a resume as one of {', '.join(SUPPORTED_SUFFIXES)}",
        path=path,
    )


def _sniff(data: bytes) -> str | None:
    """The binary format the bytes announce, whatever the file is called."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(_OLE_MAGIC):
        return "docx"
    return None


def _sniff_text(data: bytes) -> str | None:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return None


def _check_size(n: int, path: str, limits: ParseLimits) -> None:
    if n > limits.max_bytes:
        raise FileTooLargeError(
            f"the file is {n / MIB:.1f} MiB, more than the limit of {limits.max_bytes / MIB:.0f} MiB (max_bytes)",
            hint="resumes are rarely that large; export a smaller PDF (without scanned images)",
            path=path, limit="max_bytes", value=limits.max_bytes,
        )


def _finish(
    doc_id: str, source: str, ex: Extracted, limits: ParseLimits, label: str
) -> Document:
    warnings = list(ex.warnings)
    raw = ex.text
    if len(raw) > limits.max_chars * 4:  # normalising can only shrink it this far
        raw = raw[: limits.max_chars * 4]
    hidden = (*ex.hidden, *invisible_characters(raw))
    text = normalize(raw)
    if len(text) > limits.max_chars:
        cut = text.rfind("\n", 0, limits.max_chars + 1)
        if cut < limits.max_chars * 0.9:
            cut = limits.max_chars
        text = text[:cut].rstrip()
        warnings.append(f"text truncated to its first {len(text)} characters (max_chars {limits.max_chars})")
    if not text:
        raise EmptyDocumentError(
            f"the {label} contains no text",
            hint="check that the right file was given and that it is not blank",
            path=source,
        )
    sections, entries = sectionize(text, ex.hints)
    return Document(
        id=doc_id,
        source=source,
        media_type=ex.media_type,
        text=text,
        sections=sections,
        entries=entries,
        pages=ex.pages,
        warnings=tuple(warnings),
        hidden=hidden,
    )


def parse_bytes(data: bytes, name: str, *, limits: ParseLimits = _DEFAULT_LIMITS) -> Document:
    """Parse a file's bytes; ``name`` (a file name or path) picks the format by its suffix.

    ``Document.source`` is ``name``; ``Document.id`` the sha256 of ``data``.
    """
    name = str(name)
    _check_size(len(data), name, limits)
    suffix = PurePath(name).suffix.lower()
    kind = _KIND_BY_SUFFIX.get(suffix)
    if kind is None and suffix and suffix[1:].isalnum():
        raise _unsupported(suffix, name)
    if not data.strip():
        raise EmptyDocumentError("the file is empty", hint="check that the right file was given", path=name)
    warnings: list[str] = []
    magic = _sniff(data)
    if kind is None:  # no suffix (e.g. an upload without a name): trust the content
        kind = magic or _sniff_text(data)
        if kind is None:
            raise _unsupported(suffix, name)
    elif magic is not None and magic != kind:
        warnings.append(f"the file is a {_LABEL[magic]} although its name ends in {suffix}")
        kind = magic
    label = _LABEL[kind]
    try:
        ex = _read(kind, data, name, limits)
    except (StackfitError, MemoryError):
        raise
    except Exception as exc:  # a reader library choked on malformed input
        raise CorruptFileError(
            f"the {label} cannot be read ({exc.__class__.__name__}: {str(exc)[:200]})",
            hint="the file is damaged or not what its name says; save or export it again",
            path=name,
        ) from exc
    ex.warnings[:0] = warnings
    return _finish(hashlib.sha256(data).hexdigest(), name, ex, limits, label)


def parse_file(path: Path, *, limits: ParseLimits = _DEFAULT_LIMITS) -> Document:
    """Parse a resume file; ``Document.source`` is ``str(path)``."""
    path = Path(path)
    where = str(path)
    suffix = path.suffix.lower()
    if suffix and suffix not in _KIND_BY_SUFFIX and suffix[1:].isalnum():
        raise _unsupported(suffix, where)
    try:
        size = path.stat().st_size
        _check_size(size, where, limits)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror or exc}",
            hint="check the path and the file's permissions",
            path=where,
        ) from exc
    return parse_bytes(data, where, limits=limits)


def parse_text(
    text: str,
    source: str = "<text>",
    media_type: str = "text/plain",
    *,
    limits: ParseLimits = _DEFAULT_LIMITS,
) -> Document:
    """Sectionize text that is already plain (a pasted job description, test input).

    ``media_type`` "text/markdown" or "text/html" converts the markup first.
    ``Document.id`` is the sha256 of the UTF-8 text.
    """
    hints: list[str] = []
    plain = text
    if media_type == "text/markdown":
        from stackfit.parse.text import markdown_to_text

        plain, hints = markdown_to_text(text)
    elif media_type == "text/html":
        from stackfit.parse.html import html_to_text

        plain, hints = html_to_text(text)
    doc_id = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    ex = Extracted(text=plain, media_type=media_type, hints=hints)
    return _finish(doc_id, source, ex, limits, "text")
