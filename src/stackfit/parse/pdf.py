"""PDF text with pypdfium2, page by page (no layout analysis: cheap, ~200 pages/s).

Text comes in the order the PDF draws it, which is reading order for almost every resume. One
exception is mended: lines drawn after others but standing wholly above the first line of page 1,
in its column (a name a template positions at the top and draws last), are moved to the front, so
the header starts with them. Running footers/headers repeated on every page ("February 10, 2026 Jane Doe ·
Résumé 1") and lone page numbers ("1/2", "Page 2 of 3") are dropped so they do not land inside a job.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pypdfium2 as pdfium

from stackfit.errors import CorruptFileError, EmptyDocumentError, EncryptedFileError, NoTextLayerError
from stackfit.models import HiddenText
from stackfit.parse.base import Extracted, ParseLimits, plural
from stackfit.parse.hidden_pdf import hidden_objects, visible_chars

MEDIA_TYPE = "application/pdf"

_LINE_BREAK = re.compile(r"\r\n|\n")
# pdfium marks a hyphen at a line break as U+FFFE (older builds: \x02); some fonts map the
# visible hyphen to U+00AD. They were drawn as hyphens, so they stay hyphens.
_HYPHEN_CHARS = str.maketrans({"\ufffe": "-", "\x02": "-", "\u00ad": "-", "\u2010": "-", "\u2011": "-"})
_MULTI_HYPHEN = re.compile(r"(?<=\w)-{2,}(?=\w)")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.)\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?\s*$|^\s*[-–—]\s*\d{1,3}\s*[-–—]\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")

# pypdfium2 load errors (FPDF_GetLastError): 4 = password, 5 = unsupported security handler
_ERR_PASSWORD = {4, 5}


def _top_lines_first(raw: str, index: list[int] | range, charbox: Callable[[int], tuple[float, float, float, float]]) -> str:
    """``raw`` (one page's text; ``index``: the pdfium character index of each of its characters) with the
    lines that stand wholly above its first line, in its column (their first character lies within the first
    line's width), moved to the front, highest first. A contact block set higher at the right stays put."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE_BREAK.finditer(raw):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(raw)))
    boxes: list[tuple[float, float, float, float] | None] = []  # (left, bottom, right, top): first and last character
    for a, b in spans:
        line = raw[a:b]
        first_char, last_char = a + len(line) - len(line.lstrip()), a + len(line.rstrip()) - 1
        if first_char > last_char:
            boxes.append(None)
            continue
        left, bottom, _, top = charbox(index[first_char])
        boxes.append((left, bottom, charbox(index[last_char])[2], top))
    first = next((box for box in boxes if box is not None), None)
    if first is None:
        return raw
    f_left, _, f_right, f_top = first
    above = [j for j, box in enumerate(boxes)
             if box is not None and box is not first and box[1] >= f_top and f_left - 1.0 <= box[0] <= f_right]
    if not above:
        return raw
    moved = sorted(above, key=lambda j: -boxes[j][3])  # type: ignore[index]
    gone = set(above)
    lines = [raw[a:b] for a, b in spans]
    return "\n".join([lines[j] for j in moved] + [ln for j, ln in enumerate(lines) if j not in gone])


def _strip_furniture(pages: list[list[str]]) -> None:
    for lines in pages:
        while lines and (not lines[-1].strip() or _PAGE_NUMBER.match(lines[-1])):
            lines.pop()
        while lines and (not lines[0].strip() or _PAGE_NUMBER.match(lines[0])):
            lines.pop(0)
    if len(pages) < 2:
        return
    # a running footer: the same last line on most pages, digits ignored
    keys = [_DIGITS.sub("#", p[-1].strip()) if p else "" for p in pages]
    for key, count in Counter(k for k in keys if k).items():
        if count >= 2 and count * 2 >= len(pages) and len(key) <= 150:
            for p, k in zip(pages, keys, strict=False):
                if k == key:
                    p.pop()
    # a running header: the same first line on pages 2.. (page 1 keeps it: often the name)
    keys = [_DIGITS.sub("#", p[0].strip()) if p else "" for p in pages]
    for key, count in Counter(k for k in keys[1:] if k).items():
        if count >= 2 and count * 2 >= len(pages) - 1 and len(key) <= 150:
            for p, k in zip(pages[1:], keys[1:], strict=False):
                if k == key:
                    p.pop(0)


def extract_pdf(data: bytes, path: str, limits: ParseLimits) -> Extracted:
    if b"%PDF-" not in data[:1024]:
        raise CorruptFileError(
            "not a PDF file (no %PDF- header)",
            hint="check the file; re-export it as PDF or rename it to its real type",
            path=path,
        )
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in _ERR_PASSWORD or "password" in str(exc).lower():
            raise EncryptedFileError(
                "the PDF is password-protected",
                hint="save or print an unprotected copy of the PDF and screen that",
                path=path,
            ) from exc
        raise CorruptFileError(
            f"the PDF cannot be read ({exc})",
            hint="the file is damaged or incomplete; download or export it again",
            path=path,
        ) from exc
    warnings: list[str] = []
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise EmptyDocumentError("the PDF has no pages", hint="export the resume again", path=path)
        n_read = min(n_pages, limits.max_pages)
        if n_read < n_pages:
            warnings.append(f"only the first {n_read} of {n_pages} pages were read (max_pages)")
        pages: list[list[str]] = []
        hidden: list[HiddenText] = []
        empty = 0
        total = 0
        for i in range(n_read):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                try:
                    raw = textpage.get_text_range()
                    if raw.strip():
                        objs, runs = hidden_objects(page.raw, textpage.raw, page.get_mediabox(), i + 1)
                        hidden += runs
                        index: list[int] | range | None = range(len(raw)) if len(raw) == textpage.count_chars() else None
                        if objs and not limits.include_hidden:
                            raw, index = visible_chars(textpage.raw, objs)
                        if i == 0 and index is not None:
                            try:
                                raw = _top_lines_first(raw, index, textpage.get_charbox)
                            except pdfium.PdfiumError:  # a character without a box: keep the drawing order
                                pass
                finally:
                    textpage.close()
            finally:
                page.close()
            if not raw.strip():
                empty += 1
            pages.append(_LINE_BREAK.split(raw.translate(_HYPHEN_CHARS)))
            total += len(raw)
            if total > limits.max_chars * 2:  # the rest would be truncated anyway
                if i + 1 < n_read:
                    warnings.append(f"stopped reading after page {i + 1} (max_chars)")
                    n_read = i + 1
                break
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(
            f"a page of the PDF cannot be read ({exc})",
            hint="the file is damaged; export or print it to PDF again",
            path=path,
        ) from exc
    finally:
        pdf.close()
    if empty == n_read:
        raise NoTextLayerError(
            "the PDF has no text layer",
            hint="the PDF is a scan; export it with a text layer or OCR it first",
            path=path,
        )
    if empty:
        warnings.append(f"{plural(empty, 'page')} had no text layer")
    _strip_furniture(pages)
    text = "\n".join("\n".join(p) for p in pages)
    text = _MULTI_HYPHEN.sub("-", text)
    return Extracted(text=text, media_type=MEDIA_TYPE, pages=n_pages, warnings=warnings, hidden=hidden)
