"""HTML to text with lxml: block elements become lines, list items ``"- "`` lines,
table rows ``"cell | cell"`` lines, headings their own lines (and heading hints).
Scripts, styles, the head, noscript, templates and embedded SVG are dropped."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from stackfit.errors import CorruptFileError, EmptyDocumentError, LimitExceededError
from stackfit.models import HiddenText
from stackfit.parse.base import Extracted, ParseLimits
from stackfit.parse.hidden_html import CssHiding, reason_code
from stackfit.parse.text import decode_bytes

MEDIA_TYPE = "text/html"

_DROP = frozenset(
    {"script", "style", "head", "noscript", "template", "svg", "math", "iframe", "object",
     "embed", "canvas", "select", "button", "title", "meta", "link"}
)
_BLOCK = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "ul", "ol",
     "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "address",
     "figure", "figcaption", "form", "fieldset", "legend", "details", "summary", "hr", "body",
     "html", "caption", "center", "hgroup", "menu"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELLS = frozenset({"td", "th"})
_WS = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


class _Out:
    """Collects lines; inline text is whitespace-collapsed like a browser does."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.bullet = False  # a list item opened and its text has not started yet

    def text(self, s: str | None, pre: bool = False) -> None:
        if not s:
            return
        if self.bullet and s.strip():
            self.newline()
            self.cur.append("- ")
            self.bullet = False
            s = s.lstrip()
        if pre:
            parts = s.split("\n")
            self.cur.append(parts[0])
            for p in parts[1:]:
                self.newline()
                self.cur.append(p)
        else:
            self.cur.append(_WS.sub(" ", s))

    def newline(self) -> None:
        line = "".join(self.cur).strip()
        self.cur = []
        if line:
            self.lines.append(line)

    def blank(self) -> None:
        self.newline()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")


def _too_big(what: str, limit: str, value: int) -> LimitExceededError:
    return LimitExceededError(
        f"the HTML page {what} than the limit of {value} ({limit})",
        hint="this is not a normal resume page; save it again as simple HTML or export a PDF",
        limit=limit, value=value,
    )


def html_to_text(
    markup: str, hidden: list[HiddenText] | None = None, include_hidden: bool = False, limits: ParseLimits | None = None,
) -> tuple[str, list[str]]:
    """Plain text of an HTML document and the texts of its headings.

    Elements a browser does not show are left out (unless ``include_hidden``) and, when
    ``hidden`` is given, appended to it. Over ``limits.max_html_depth`` nested or
    ``limits.max_html_elements`` elements is a ``LimitExceededError``."""
    max_depth = limits.max_html_depth if limits else None
    max_elements = limits.max_html_elements if limits else None
    markup = _XML_DECL.sub("", markup, count=1)
    try:
        # huge_tree: libxml2 otherwise drops everything nested deeper than 256 elements
        root = lxml.html.document_fromstring(markup, parser=lxml.html.HTMLParser(huge_tree=True))
    except etree.ParserError:
        return "", []
    out = _Out()
    hints: list[str] = []
    heading_start: int | None = None
    pre_depth = 0
    row_cells: list[int] = []  # per open <tr>: cells seen so far
    css = CssHiding(root)
    skipped: set[etree._Element] = set()
    depth = elements = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if event == "start":
            depth += 1
            elements += 1
            if max_depth is not None and depth > max_depth:
                raise _too_big("nests elements deeper", "max_html_depth", max_depth)
            if max_elements is not None and elements > max_elements:
                raise _too_big("has more elements", "max_html_elements", max_elements)
        else:
            depth -= 1
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comment or processing instruction: only its tail counts
            if event == "end":
                out.text(el.tail, pre_depth > 0)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in _DROP:
                walker.skip_subtree()
                continue
            why = css.reason(el, tag)
            if why is not None:
                words = _WS.sub(" ", el.text_content()).strip()
                if words and hidden is not None and len(hidden) < 50:
                    hidden.append(HiddenText(reason=reason_code(why), text=words[:300], where=f"<{tag}> {why}"))
                if not include_hidden:
                    skipped.add(el)
                    walker.skip_subtree()
                    continue
            if tag == "br":
                out.newline()
            elif tag == "li":
                out.newline()
                out.bullet = True
            elif tag in _HEADINGS:
                out.blank()
                heading_start = len(out.lines)
            elif tag == "hr":
                out.blank()
            elif tag == "tr":
                out.newline()
                row_cells.append(0)
            elif tag in _CELLS:
                if row_cells:
                    if row_cells[-1]:
                        out.cur.append(" | ")
                    row_cells[-1] += 1
            elif tag == "pre":
                out.newline()
                pre_depth += 1
            elif tag in _BLOCK:
                out.newline()
            out.text(el.text, pre_depth > 0)
        else:
            if tag in _DROP or el in skipped:
                out.text(el.tail, pre_depth > 0)
                continue
            if tag in _HEADINGS:
                out.newline()
                if heading_start is not None:
                    hints.extend(s for s in out.lines[heading_start:] if s)
                    heading_start = None
            elif tag == "tr":
                out.newline()
                if row_cells:
                    row_cells.pop()
            elif tag == "pre":
                out.newline()
                pre_depth = max(0, pre_depth - 1)
            elif tag in _BLOCK or tag == "li":
                out.newline()
                if tag == "li":
                    out.bullet = False
            out.text(el.tail, pre_depth > 0)
    out.newline()
    return "\n".join(out.lines), hints


def extract_html(data: bytes, path: str, limits: ParseLimits | None = None) -> Extracted:
    declared = _META_CHARSET.search(data[:4096])
    markup, warnings = decode_bytes(
        data, path, kind="HTML", declared=declared.group(1).decode("ascii") if declared else None
    )
    try:
        hidden: list[HiddenText] = []
        text, hints = html_to_text(markup, hidden, limits.include_hidden if limits else False, limits)
    except LimitExceededError as exc:
        exc.path = path
        raise
    except (etree.LxmlError, ValueError) as exc:
        raise CorruptFileError(f"the HTML cannot be read ({exc})", hint="save the page again as HTML or PDF",
                               path=path) from exc
    if not text.strip():
        raise EmptyDocumentError("the HTML page has no visible text", hint="check that the right page was saved",
                                 path=path)
    return Extracted(text=text, media_type=MEDIA_TYPE, warnings=warnings, hints=hints, hidden=hidden)
