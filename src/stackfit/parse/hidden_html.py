"""HTML elements a browser does not show: the ``hidden`` attribute and CSS that hides text.

Inline ``style`` attributes and simple rules in ``<style>`` blocks (``.class``, ``#id``, ``tag``,
``tag.class``) are read; no cascade beyond that. Hiding CSS: ``display: none``, ``visibility:
hidden``, ``opacity: 0``, a font size under 2 px/pt, text positioned or indented far off screen,
a zero-size box with ``overflow: hidden``, ``clip: rect(0 0 0 0)`` / ``clip-path: inset(50%)``,
``transform: scale(0)``, and white (or background-coloured) text on a white page.
"""

from __future__ import annotations

import re

from lxml import etree

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SIMPLE = re.compile(r"^([a-z][a-z0-9]*)?(?:([.#])([\w-]+))?$", re.IGNORECASE)
_DECL = re.compile(r"([\w-]+)\s*:\s*([^;]+)")
_FAR = re.compile(r"^-\d{3,}(?:\.\d+)?(?:px|pt|em|rem|%)?$")
_SIZE = re.compile(r"^(\d*\.?\d+)(px|pt|em|rem|%)?$")
_WHITE = {"#fff", "#ffffff", "white", "rgb(255,255,255)", "#fefefe", "#fdfdfd", "rgba(255,255,255,1)"}
_TRANSPARENT = {"transparent", "rgba(0,0,0,0)"}


def reason_code(why: str) -> str:
    """The reason code for a description returned by ``CssHiding.reason``."""
    if why.startswith("hidden attribute"):
        return "html_hidden"
    if why.startswith("color:") and "white" in why:
        return "white_text"
    if why.startswith("color and background"):
        return "background_colour_text"
    if why.startswith("font-size"):
        return "tiny_text"
    if why.startswith(("left", "top", "right", "text-indent", "margin-left")):
        return "off_page"
    return "css_hidden"


def _decls(style: str) -> dict[str, str]:
    return {k.lower(): v.strip().lower().replace(" !important", "").replace("!important", "")
            for k, v in _DECL.findall(style)}


def hiding_reason(d: dict[str, str]) -> str | None:
    """Why these CSS declarations hide an element's text, or None."""
    if d.get("display", "").startswith("none"):
        return "display:none"
    if d.get("visibility", "") in ("hidden", "collapse"):
        return f"visibility:{d['visibility']}"
    if (op := d.get("opacity")) is not None and _num(op) is not None and (_num(op) or 0) < 0.05:
        return f"opacity:{op}"
    size = d.get("font-size")
    if size is not None and (m := _SIZE.match(size.replace(" ", ""))):
        v, unit = float(m.group(1)), m.group(2) or "px"
        if (unit in ("px", "pt") and v < 2) or (unit in ("em", "rem") and v < 0.15) or (unit == "%" and v < 15):
            return f"font-size:{size}"
    for prop in ("left", "top", "text-indent", "margin-left", "right"):
        if _FAR.match(d.get(prop, "").replace(" ", "")):
            return f"{prop}:{d[prop]}"
    if d.get("overflow") == "hidden" and (_zero(d.get("height")) or _zero(d.get("width"))
                                            or _zero(d.get("max-height"))):
        return "zero-size box with overflow:hidden"
    clip = d.get("clip", "").replace(" ", "")
    if clip.startswith("rect(0") and clip in ("rect(0,0,0,0)", "rect(0000)", "rect(0px,0px,0px,0px)", "rect(0px0px0px0px)"):
        return "clip:rect(0 0 0 0)"
    if d.get("clip-path", "").replace(" ", "") in ("inset(50%)", "inset(100%)", "circle(0)", "circle(0px)"):
        return f"clip-path:{d['clip-path']}"
    if re.match(r"^scale\(0(?:\.0+)?\)$", d.get("transform", "").replace(" ", "")):
        return f"transform:{d['transform']}"
    color = d.get("color", "").replace(" ", "")
    if color in _TRANSPARENT:
        return "color:transparent"
    return None


def _num(v: str) -> float | None:
    try:
        return float(v.rstrip("%")) / (100 if v.endswith("%") else 1)
    except ValueError:
        return None


def _zero(v: str | None) -> bool:
    return v is not None and re.match(r"^0+(?:\.0+)?(?:px|pt|em|rem|%)?$", v.replace(" ", "")) is not None


class CssHiding:
    """Which elements of one page are hidden, from its ``<style>`` blocks and inline styles."""

    def __init__(self, root: etree._Element) -> None:
        self.rules: list[tuple[str | None, str | None, str | None, str, dict[str, str]]] = []
        for style in root.iter("style"):
            css = _COMMENT.sub("", style.text or "")
            if "@media print" in css:
                css = css.split("@media print")[0]
            for selectors, body in _RULE.findall(css):
                d = _decls(body)
                for sel in selectors.split(","):
                    m = _SIMPLE.match(sel.strip())
                    if m is None:
                        continue
                    tag, kind, name = m.group(1), m.group(2), m.group(3)
                    self.rules.append((tag.lower() if tag else None, kind, name, sel.strip(), d))

    def _matching(self, el: etree._Element, tag: str) -> list[tuple[str, dict[str, str]]]:
        if not self.rules:
            return []
        classes = set((el.get("class") or "").split())
        el_id = el.get("id")
        out = []
        for rtag, kind, name, sel, d in self.rules:
            if rtag is not None and rtag != tag:
                continue
            if kind == "." and name not in classes or kind == "#" and name != el_id:
                continue
            if rtag is None and kind is None:
                continue
            out.append((sel, d))
        return out

    def declarations(self, el: etree._Element, tag: str) -> tuple[dict[str, str], str]:
        d: dict[str, str] = {}
        src = ""
        for sel, decl in self._matching(el, tag):
            d.update(decl)
            src = f"CSS rule {sel}"
        inline = el.get("style")
        if inline:
            d.update(_decls(inline))
            src = "inline style"
        return d, src

    def reason(self, el: etree._Element, tag: str) -> str | None:
        """Why ``el`` is not shown (attribute or CSS), or None."""
        if el.get("hidden") is not None:
            return "hidden attribute"
        if not self.rules and not el.get("style"):
            return None
        d, src = self.declarations(el, tag)
        if not d:
            return None
        why = hiding_reason(d)
        if why is None and d.get("color", "").replace(" ", "") in _WHITE and not self._has_background(el, tag, d):
            why = f"color:{d['color']} on a white page"
        if why is None and (bg := d.get("background-color", d.get("background", "")).replace(" ", "")) \
                and bg == d.get("color", "").replace(" ", ""):
            why = f"color and background both {bg}"
        return f"{why} ({src})" if why else None

    def _has_background(self, el: etree._Element, tag: str, d: dict[str, str]) -> bool:
        """Whether the element or an ancestor paints a background (white text on it is visible)."""
        def paints(decl: dict[str, str]) -> bool:
            bg = decl.get("background-color") or decl.get("background") or ""
            bg = bg.replace(" ", "")
            return bool(bg) and bg not in _WHITE and bg not in _TRANSPARENT and bg != "none"
        if paints(d):
            return True
        for anc in el.iterancestors():
            if isinstance(anc.tag, str) and paints(self.declarations(anc, anc.tag.lower())[0]):
                return True
        return False
