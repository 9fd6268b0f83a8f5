"""Markdown text a rendered page does not show: HTML comments and inline HTML elements hidden by
the ``hidden`` attribute or an inline style (``display:none``, white or tiny text, ...).
Only non-nested elements are read (``<span style="...">text</span>``)."""

from __future__ import annotations

import html
import re

from stackfit.models import HiddenText
from stackfit.parse.hidden_html import _decls, hiding_reason, reason_code

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_ELEMENT = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)>([^<]*)</\1\s*>", re.DOTALL)
_STYLE = re.compile(r"""\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_HIDDEN_ATTR = re.compile(r"(?:^|\s)hidden(?:\s|=|$)", re.IGNORECASE)
_WHITE = re.compile(r"^(?:#fff|#ffffff|white|rgb\(255,255,255\))$")


def hidden_markdown(text: str, include_hidden: bool) -> tuple[str, list[HiddenText]]:
    """The Markdown without hidden comments and elements (unless ``include_hidden``), and what they said."""
    if "<" not in text:
        return text, []
    found: list[HiddenText] = []

    def comment(m: re.Match[str]) -> str:
        words = " ".join(m.group(1).split())
        if words and len(found) < 50:
            found.append(HiddenText(reason="markdown_comment", text=words[:300], where="HTML comment in Markdown"))
        return m.group(0) if include_hidden else ""

    def element(m: re.Match[str]) -> str:
        attrs, inner = m.group(2), m.group(3)
        style = _STYLE.search(attrs)
        d = _decls(style.group(1) or style.group(2) or "") if style else {}
        why = "hidden attribute" if _HIDDEN_ATTR.search(attrs) else hiding_reason(d)
        if why is None and _WHITE.match(d.get("color", "").replace(" ", "")) and not d.get("background-color", d.get("background")):
            why = f"color:{d['color']} on a white page"
        if why is None:
            return m.group(0)
        words = " ".join(html.unescape(inner).split())
        if words and len(found) < 50:
            found.append(HiddenText(reason=reason_code(why), text=words[:300], where=f"<{m.group(1).lower()}> {why} in Markdown"))
        return m.group(0) if include_hidden else ""

    text = _COMMENT.sub(comment, text)
    text = _ELEMENT.sub(element, text)
    return text, found
