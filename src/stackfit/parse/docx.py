"""DOCX text with docx2python: headers, body paragraphs, tables, text boxes, footers.

The zip is checked against the limits before anything is decompressed: member count and
the total declared uncompressed size (``zipfile`` never inflates a member past its
declared size, so the declared sizes bound the work). Password-protected Word files are
OLE containers, not zips: ``EncryptedFileError``.
"""

from __future__ import annotations

import io
import re
import zipfile

from stackfit.errors import (
    CorruptFileError,
    EncryptedFileError,
    FileTooLargeError,
    LimitExceededError,
    UnsupportedFormatError,
)
from stackfit.parse.base import MIB, Extracted, ParseLimits
from stackfit.parse.hidden_docx import scan_docx

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")

_LINK = re.compile(r'<a href="[^"]*">(.*?)</a>', re.DOTALL)
_PLACEHOLDER = re.compile(r"----(?:Image alt text---->[^<]*<|[^\s<>]*?----)")
_LIST_MARK = re.compile(r"^\t*--\t")
_LIST_STYLE = re.compile(r"^list\s*(?:bullet|paragraph|continue)", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^(?:heading\s*\d|title|subtitle)$", re.IGNORECASE)


def _check_zip(data: bytes, path: str, limits: ParseLimits) -> None:
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTION_MARK in data:
            raise EncryptedFileError(
                "the Word document is password-protected",
                hint="open it in Word, remove the password and save it again (or export a PDF)",
                path=path,
            )
        raise UnsupportedFormatError(
            "this is a legacy Word .doc file, not a .docx",
            hint="open it in Word or LibreOffice and save it as .docx or PDF",
            path=path,
        )
    if not data.startswith(b"PK"):
        raise CorruptFileError(
            "not a DOCX file (not a zip archive)",
            hint="check the file; save it from Word as .docx or export a PDF",
            path=path,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise CorruptFileError(
            f"the DOCX is not a valid zip archive ({exc})",
            hint="the file is damaged or incomplete; save it from Word again",
            path=path,
        ) from exc
    if len(infos) > limits.max_docx_members:
        raise FileTooLargeError(
            f"the DOCX holds {len(infos)} files, more than the limit of {limits.max_docx_members} (max_docx_members)",
            hint="this is not a normal resume; save it again from Word or export a PDF",
            path=path, limit="max_docx_members", value=limits.max_docx_members,
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_docx_uncompressed:
        raise FileTooLargeError(
            f"the DOCX unpacks to {total / MIB:.0f} MiB, more than the limit of "
            f"{limits.max_docx_uncompressed / MIB:.0f} MiB (max_docx_uncompressed)",
            hint="remove large embedded images or objects, or export a PDF",
            path=path, limit="max_docx_uncompressed", value=limits.max_docx_uncompressed,
        )
    for i in infos:  # a zip bomb: a member that inflates hundreds of times its packed size
        if i.file_size > MIB and i.file_size > limits.max_docx_ratio * max(i.compress_size, 1):
            raise LimitExceededError(
                f"the DOCX member {i.filename[:80]!r} inflates {i.file_size // max(i.compress_size, 1)} times "
                f"its packed size, more than the limit of {limits.max_docx_ratio} (max_docx_ratio)",
                hint="this looks like a zip bomb, not a Word document; export the resume as PDF",
                path=path, limit="max_docx_ratio", value=limits.max_docx_ratio,
            )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise CorruptFileError(
            "the file is a zip archive but not a Word document (no word/document.xml)",
            hint="save the resume from Word as .docx or export a PDF",
            path=path,
        )


def _par_text(par: object) -> str:
    text = "".join(run.text for run in par.runs)  # type: ignore[attr-defined]
    if "<a href" in text:
        text = _LINK.sub(r"\1", text)
    if "----" in text:
        text = _PLACEHOLDER.sub("", text)
    if _LIST_MARK.match(text):
        return _LIST_MARK.sub("- ", text)
    if _LIST_STYLE.match(getattr(par, "style", "") or "") and text.strip():
        return "- " + text.lstrip()  # bullets that come from a list style, not a numbering
    return text


def _render(blocks: list, out: list[str], hints: list[str]) -> None:
    """Append lines for docx2python's [table][row][cell][paragraph] structure."""
    for table in blocks:
        real_table = len(table) > 1 or any(len(row) > 1 for row in table)
        for row in table:
            cells: list[list[str]] = []
            for cell in row:
                lines = []
                for par in cell:
                    t = _par_text(par)
                    if not t.strip():
                        continue
                    lines.append(t)
                    if _HEADING_STYLE.match(getattr(par, "style", "") or ""):
                        hints.append(t.strip())
                cells.append(lines)
            if real_table and all(len(c) <= 1 for c in cells):
                line = " | ".join(c[0].strip() for c in cells if c)
                if line:
                    out.append(line)
            else:
                for c in cells:
                    out.extend(c)
        out.append("")


def extract_docx(data: bytes, path: str, limits: ParseLimits) -> Extracted:
    _check_zip(data, path, limits)
    from docx2python import docx2python  # imported lazily: costs ~0.1 s

    out: list[str] = []
    hints: list[str] = []
    try:
        data, hidden = scan_docx(data, limits.include_hidden)
        with docx2python(io.BytesIO(data)) as doc:
            _render(doc.header_pars, out, hints)
            _render(doc.body_pars, out, hints)
            _render(doc.footnotes_pars, out, hints)
            _render(doc.endnotes_pars, out, hints)
            _render(doc.footer_pars, out, hints)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise CorruptFileError(
            f"the DOCX cannot be read ({exc.__class__.__name__}: {exc})",
            hint="the file is damaged; open it in Word and save it again, or export a PDF",
            path=path,
        ) from exc
    except Exception as exc:  # lxml XMLSyntaxError and friends from inside docx2python
        if exc.__class__.__module__.startswith(("lxml", "docx2python", "xml")):
            raise CorruptFileError(
                f"the DOCX cannot be read ({exc.__class__.__name__}: {exc})",
                hint="the file is damaged; open it in Word and save it again, or export a PDF",
                path=path,
            ) from exc
        raise
    return Extracted(text="\n".join(out), media_type=MEDIA_TYPE, hints=hints, hidden=hidden)
