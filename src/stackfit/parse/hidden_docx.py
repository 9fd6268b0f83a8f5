"""Word runs a reader does not see: hidden (``w:vanish``) runs, white or background-coloured
fonts, fonts under 2 pt - set on the run or through its character style.

docx2python merges runs and drops the hidden flag, so the check reads the XML parts itself,
only when a part mentions one of these properties (a byte search), and returns a copy of the
file with the hidden runs emptied for docx2python to read.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from stackfit.models import HiddenText

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_Q = "{" + W + "}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
# a part is read only when it holds one of these: a vanish flag, a light font colour, a font under 2 pt
_MARKERS = re.compile(rb'<w:vanish\b|<w:color w:val="[c-fC-F][0-9a-fA-F][c-fC-F][0-9a-fA-F][c-fC-F][0-9a-fA-F]"|<w:sz w:val="[0-3]"')
MIN_HALF_POINTS = 4  # 2 pt
CONTRAST = 40
_FALSE = {"0", "false", "off"}


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(_Q + "val", "true").lower() not in _FALSE


def _rgb(val: str | None) -> tuple[int, int, int] | None:
    if not val or len(val) != 6 or val.lower() == "auto":
        return None
    try:
        return int(val[0:2], 16), int(val[2:4], 16), int(val[4:6], 16)
    except ValueError:
        return None


def _style_props(styles_xml: bytes | None) -> dict[str, dict[str, str]]:
    """Character and paragraph styles that hide text: style id -> {vanish, color, sz}."""
    out: dict[str, dict[str, str]] = {}
    if not styles_xml:
        return out
    root = etree.fromstring(styles_xml, parser=etree.XMLParser(resolve_entities=False, huge_tree=False))
    for st in root.iter(_Q + "style"):
        rpr = st.find(_Q + "rPr")
        if rpr is None:
            continue
        props: dict[str, str] = {}
        if _on(rpr.find(_Q + "vanish")):
            props["vanish"] = "1"
        col = rpr.find(_Q + "color")
        if col is not None and col.get(_Q + "val"):
            props["color"] = col.get(_Q + "val", "")
        sz = rpr.find(_Q + "sz")
        if sz is not None and sz.get(_Q + "val", "").isdigit():
            props["sz"] = sz.get(_Q + "val", "")
        if props:
            out[st.get(_Q + "styleId", "")] = props
    return out


def _hides(props: dict[str, str]) -> bool:
    rgb = _rgb(props.get("color"))
    return bool(props.get("vanish")) or int(props.get("sz") or 99) < MIN_HALF_POINTS or (rgb is not None and min(rgb) >= 200)


def _shading(el: etree._Element) -> tuple[int, int, int] | None:
    """The fill of the nearest shaded run, paragraph or table cell around ``el``."""
    node: etree._Element | None = el
    while node is not None:
        for prop in ("rPr", "pPr", "tcPr"):
            pr = node.find(_Q + prop)
            if pr is not None:
                shd = pr.find(_Q + "shd")
                if shd is not None and (fill := _rgb(shd.get(_Q + "fill"))) is not None:
                    return fill
                hl = pr.find(_Q + "highlight")
                if hl is not None and hl.get(_Q + "val", "none") != "none":
                    return (0, 0, 0) if hl.get(_Q + "val") == "black" else (128, 128, 128)
        node = node.getparent()
    return None


def _run_reason(run: etree._Element, styles: dict[str, dict[str, str]]) -> tuple[str, str] | None:
    rpr = run.find(_Q + "rPr")
    props: dict[str, str] = {}
    if rpr is not None:
        rstyle = rpr.find(_Q + "rStyle")
        if rstyle is not None:
            props.update(styles.get(rstyle.get(_Q + "val", ""), {}))
        v = rpr.find(_Q + "vanish")
        if v is not None:
            props["vanish"] = "1" if _on(v) else ""
        col = rpr.find(_Q + "color")
        if col is not None:
            props["color"] = col.get(_Q + "val", "")
        sz = rpr.find(_Q + "sz")
        if sz is not None and sz.get(_Q + "val", "").isdigit():
            props["sz"] = sz.get(_Q + "val", "")
    if props.get("vanish"):
        return "docx_vanish", "hidden run (w:vanish)"
    if "sz" in props and int(props["sz"]) < MIN_HALF_POINTS:
        return "tiny_text", f"font size {int(props['sz']) / 2:g} pt"
    rgb = _rgb(props.get("color"))
    if rgb is not None and min(rgb) >= 200:
        bg = _shading(run) or (255, 255, 255)
        if max(abs(a - b) for a, b in zip(rgb, bg, strict=True)) < CONTRAST:
            code = "white_text" if min(bg) >= 245 else "background_colour_text"
            where = "white" if bg == (255, 255, 255) else "#{:02x}{:02x}{:02x}".format(*bg)
            return code, f"font colour {props['color']} on {where}"
    return None


def scan_docx(data: bytes, include_hidden: bool) -> tuple[bytes, list[HiddenText]]:
    """Hidden runs of a .docx, and the file with them emptied (or ``data`` when nothing is hidden)."""
    hidden: list[HiddenText] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = [n for n in zf.namelist() if _PARTS.match(n)]
        parts = {n: zf.read(n) for n in names}
        marked = any(_MARKERS.search(x) for x in parts.values())
        styles: dict[str, dict[str, str]] = {}
        if any(b"<w:rStyle " in x for x in parts.values()) and "word/styles.xml" in zf.namelist():
            styles_raw = zf.read("word/styles.xml")
            if _MARKERS.search(styles_raw):  # character styles are read only when runs use one and one may hide
                styles = {k: v for k, v in _style_props(styles_raw).items() if _hides(v)}
                marked = marked or any(f'w:val="{k}"'.encode() in x for k in styles for x in parts.values())
        if not marked:
            return data, hidden
        changed: dict[str, bytes] = {}
        parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
        for name, xml in parts.items():
            root = etree.fromstring(xml, parser=parser)
            dirty = False
            last: tuple[str, str] | None = None
            for run in root.iter(_Q + "r"):
                why = _run_reason(run, styles)
                if why is None:
                    last = None
                    continue
                texts = run.findall(_Q + "t")
                words = "".join(t.text or "" for t in texts)
                if not words.strip():
                    continue
                if last == why and hidden and len(hidden[-1].text) < 300:
                    hidden[-1] = hidden[-1].model_copy(update={"text": (hidden[-1].text + words)[:300]})
                elif len(hidden) < 50:
                    hidden.append(HiddenText(reason=why[0], text=words.strip()[:300], where=f"{why[1]} in {name}"))
                last = why
                if not include_hidden:
                    for t in texts:
                        t.text = ""
                    dirty = True
            if dirty:
                changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if not changed:
            return data, hidden
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in zf.infolist():
                new.writestr(info, changed.get(info.filename) or zf.read(info.filename))
    return out.getvalue(), hidden
