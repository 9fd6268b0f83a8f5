"""Text a reader of a PDF does not see, found from pdfium's page objects (no rendering).

A text object is hidden when its fill colour is (nearly) the colour under it (white paper, or
the last filled shape drawn beneath it), it is transparent, its render mode draws nothing
(3: invisible, 7: clip only), its effective font size is under 2 pt, or it lies outside the
page box. A page whose text is almost all invisible over an image is an OCR layer of a scan,
which is what the reader sees: not flagged.

The check walks page objects, not characters, so a clean page costs one pass over its
objects; only a page with hidden objects is re-read character by character to drop them.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pr

from stackfit.models import HiddenText

MIN_FONT_PT = 2.0
CONTRAST = 40  # largest channel difference (0-255) below which text and background look the same
_INVISIBLE_MODES = {3, 7}
_MAX_RUNS = 50
_MAX_EXCERPT = 300


@dataclass(slots=True)
class _Fill:
    box: tuple[float, float, float, float]
    rgb: tuple[int, int, int]


def _addr(obj: object) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0  # type: ignore[arg-type]


# reused out-parameters: one allocation per process instead of eight per text object
_F = [ctypes.c_float() for _ in range(4)]
_U = [ctypes.c_uint() for _ in range(4)]


def _bounds(obj: object) -> tuple[float, float, float, float]:
    if not pr.FPDFPageObj_GetBounds(obj, *_F):
        return 0.0, 0.0, 0.0, 0.0
    return _F[0].value, _F[1].value, _F[2].value, _F[3].value


def _fill(obj: object) -> tuple[int, int, int, int]:
    if not pr.FPDFPageObj_GetFillColor(obj, *_U):
        return 0, 0, 0, 255
    return _U[0].value, _U[1].value, _U[2].value, _U[3].value


def _text_of(obj: object, textpage: object) -> str:
    n = pr.FPDFTextObj_GetText(obj, textpage, None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    pr.FPDFTextObj_GetText(obj, textpage, ctypes.cast(buf, ctypes.POINTER(pr.FPDF_WCHAR)), n)
    return buf.raw.decode("utf-16-le", "replace").rstrip("\x00")


def _font_pt(obj: object) -> float:
    size = ctypes.c_float()
    if not pr.FPDFTextObj_GetFontSize(obj, size):
        return 12.0
    m = pr.FS_MATRIX()
    if pr.FPDFPageObj_GetMatrix(obj, m):
        return size.value * float((m.c * m.c + m.d * m.d) ** 0.5)
    return size.value


def _objects(page: object) -> list[tuple[object, int, bool]]:
    """(object, type, nested in a form) for every object on the page, in drawing order."""
    out: list[tuple[object, int, bool]] = []

    def walk(count: int, get: object, parent: object, nested: bool) -> None:
        for i in range(count):
            o = get(parent, i)  # type: ignore[operator]
            kind = pr.FPDFPageObj_GetType(o)
            out.append((o, kind, nested))
            if kind == pr.FPDF_PAGEOBJ_FORM:
                walk(pr.FPDFFormObj_CountObjects(o), pr.FPDFFormObj_GetObject, o, True)

    walk(pr.FPDFPage_CountObjects(page), pr.FPDFPage_GetObject, page, False)
    return out


def _filled(obj: object) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(pr.FPDFPath_GetDrawMode(obj, mode, stroke)) and mode.value != 0


def _contains(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _near(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[2] - b[2])) < CONTRAST


def hidden_objects(page: object, textpage: object, box: tuple[float, float, float, float], page_no: int) -> tuple[set[int], list[HiddenText]]:
    """Addresses of the hidden text objects on one page and what they say, grouped by reason."""
    x0, y0, x1, y1 = box
    hidden: set[int] = set()
    runs: list[HiddenText] = []
    fills: list[_Fill] = []
    images: list[tuple[float, float, float, float]] = []
    fill_colours: set[tuple[int, int, int]] = set()
    invisible: list[tuple[int, str]] = []
    last: tuple[str, str] | None = None
    for obj, kind, nested in _objects(page):
        if kind == pr.FPDF_PAGEOBJ_PATH:
            if not nested and _filled(obj):
                r, g, b, a = _fill(obj)
                if a > 200:
                    fills.append(_Fill(_bounds(obj), (r, g, b)))
                    fill_colours.add((r, g, b))
            continue
        if kind == pr.FPDF_PAGEOBJ_IMAGE:
            if not nested:
                images.append(_bounds(obj))
            continue
        if kind != pr.FPDF_PAGEOBJ_TEXT:
            continue
        reason = where = ""
        mode = pr.FPDFTextObj_GetTextRenderMode(obj)
        if mode in _INVISIBLE_MODES:
            reason, where = "render_mode_invisible", f"text render mode {mode}"
        else:
            box = _bounds(obj)
            r, g, b, a = _fill(obj)
            if not nested and (box[2] <= x0 or box[0] >= x1 or box[3] <= y0 or box[1] >= y1):
                reason, where = "off_page", f"at x {box[0]:.0f}..{box[2]:.0f}, y {box[1]:.0f}..{box[3]:.0f}, page {x0:.0f} {y0:.0f} {x1:.0f} {y1:.0f}"
            elif box[3] - box[1] < 2 * MIN_FONT_PT and (pt := _font_pt(obj)) < MIN_FONT_PT:  # measure only what looks small
                reason, where = "tiny_text", f"{pt:.2g} pt"
            elif a < 30 and mode in (0, 4):
                reason, where = "transparent_text", f"fill alpha {a}"
            elif mode in (0, 4) and (min(r, g, b) >= 215 or any(_near((r, g, b), c) for c in fill_colours)):
                # filled text as light as the paper or as some shape on the page: what lies under it?
                cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
                under = next((f for f in reversed(fills) if _contains(f.box, cx, cy)), None)
                if under is None and any(_contains(i, cx, cy) for i in images):
                    continue  # text over a picture: its colour says nothing
                bg = under.rgb if under is not None else (255, 255, 255)
                if _near((r, g, b), bg):
                    reason = "white_text" if min(bg) >= 245 else "background_colour_text"
                    where = f"text #{r:02x}{g:02x}{b:02x} on #{bg[0]:02x}{bg[1]:02x}{bg[2]:02x}"
        if not reason:
            last = None
            continue
        text = _text_of(obj, textpage)
        if reason == "render_mode_invisible":
            invisible.append((_addr(obj), text))
        hidden.add(_addr(obj))
        if last == (reason, where) and runs and len(runs[-1].text) < _MAX_EXCERPT:
            prev = runs[-1]
            runs[-1] = prev.model_copy(update={"text": (prev.text + " " + text.strip())[:_MAX_EXCERPT]})
        elif len(runs) < _MAX_RUNS:
            runs.append(HiddenText(reason=reason, text=text.strip()[:_MAX_EXCERPT], page=page_no, where=where))
        last = (reason, where)
    # an OCR layer: (nearly) all text invisible, over a scanned image - that is what the reader sees
    if images and invisible and sum(max(1, len(t)) for _, t in invisible) >= 0.8 * max(1, _text_total(textpage)):
        for addr, _ in invisible:
            hidden.discard(addr)
        runs = [h for h in runs if h.reason != "render_mode_invisible"]
    return hidden, [h for h in runs if h.text]


def _text_total(textpage: object) -> int:
    return int(pr.FPDFText_CountChars(textpage))


def visible_chars(textpage: object, hidden: set[int]) -> tuple[str, list[int]]:
    """The page's text without the characters of hidden objects (pdfium's generated breaks kept), and the
    pdfium character index of each character kept."""
    out: list[str] = []
    index: list[int] = []
    for i in range(pr.FPDFText_CountChars(textpage)):
        obj = pr.FPDFText_GetTextObject(textpage, i)
        if obj and _addr(obj) in hidden:
            continue
        code = pr.FPDFText_GetUnicode(textpage, i)
        if code:
            out.append(chr(code))
            index.append(i)
    return "".join(out), index

