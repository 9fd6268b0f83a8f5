"""Plain text and Markdown: byte decoding and Markdown-to-text.

Decoding order: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM
(recognised by its NUL pattern), then charset-normalizer's best guess. Data with NUL
bytes or many control characters is binary, not text: ``CorruptFileError``.
"""

from __future__ import annotations

import codecs
import re

from stackfit.errors import CorruptFileError, EncodingError
from stackfit.parse.base import Extracted

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _binary_hint(kind: str) -> str:
    return f"this is binary data, not {kind}; check the file or rename it to its real type"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: ASCII-range characters leave every other byte NUL."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.7 * half and other.count(0) <= 0.05 * half:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(
    data: bytes, path: str, *, kind: str = "text", declared: str | None = None
) -> tuple[str, list[str]]:
    """Text of ``data`` and any warning about how it was decoded.

    ``declared``: an encoding the file names itself (HTML ``<meta charset>``), tried when
    the data is not UTF-8.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), []
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"the file starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()}",
                    hint="re-save the file as UTF-8",
                    path=path,
                ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if "\x00" in text:
            alt = _utf16_without_bom(data)
            if alt is not None:
                return alt, []
            raise CorruptFileError("the file contains NUL bytes", hint=_binary_hint(kind), path=path)
        return text, []
    if b"\x00" in data:
        alt = _utf16_without_bom(data)
        if alt is not None:
            return alt, []
        raise CorruptFileError("the file contains NUL bytes", hint=_binary_hint(kind), path=path)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(declared), []
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes  # imported lazily: only non-UTF-8 files need it

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else None
    if encoding is None:
        raise EncodingError(
            "the text encoding cannot be recognised",
            hint="re-save the file as UTF-8",
            path=path,
        )
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise EncodingError(
            f"the text looks like {encoding} but does not decode as it",
            hint="re-save the file as UTF-8",
            path=path,
        ) from exc
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise CorruptFileError("the file is full of control characters", hint=_binary_hint(kind), path=path)
    return text, [f"decoded as {encoding} (not UTF-8)"]


def _check_controls(text: str, path: str, kind: str) -> None:
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise CorruptFileError("the file is full of control characters", hint=_binary_hint(kind), path=path)


def extract_text(data: bytes, path: str) -> Extracted:
    text, warnings = decode_bytes(data, path)
    _check_controls(text, path, "text")
    return Extracted(text=text, media_type="text/plain", warnings=warnings)


def extract_markdown(data: bytes, path: str) -> Extracted:
    text, warnings = decode_bytes(data, path, kind="Markdown")
    _check_controls(text, path, "Markdown")
    plain, hints = markdown_to_text(text)
    return Extracted(text=plain, media_type="text/markdown", warnings=warnings, hints=hints)


# --------------------------------------------------------------------------- markdown

_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_LIST = re.compile(r"^([ \t]*)[*+-][ \t]+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+.*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _inline(s: str) -> str:
    if len(s) > 2000:  # the lazy emphasis patterns are quadratic on one huge line
        return s
    s = _IMAGE.sub(r"\1", s)
    s = _LINK.sub(r"\1", s)
    s = _REF_LINK.sub(r"\1", s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _CODE.sub(r"\1", s)
    s = _STRONG.sub(r"\2", s)
    s = _EM.sub(r"\1", s)
    s = _HTML_BREAK.sub(" ", s)
    return _ESCAPE.sub(r"\1", s)


def markdown_to_text(md: str) -> tuple[str, list[str]]:
    """Plain text of a Markdown resume and the texts of its heading lines.

    Heading markers, emphasis, links (``[text](url)`` -> ``text``), images, code marks,
    blockquote marks, table rules and front matter go; bullets become ``"- "``.
    """
    lines = md.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    hints: list[str] = []
    in_fence = False
    i = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        for j in range(1, min(len(lines), 200)):
            if lines[j].strip() in ("---", "..."):
                i = j + 1
                break
    for line in lines[i:]:
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        m = _ATX.match(line)
        if m:
            title = _inline(m.group(1) or "").strip()
            out.append(title)
            if title:
                hints.append(title)
            continue
        if _SETEXT.match(line) and out and out[-1].strip() and not _LIST.match(out[-1]) and not out[-1].startswith("- "):
            hints.append(out[-1].strip())
            out.append("")
            continue
        if _RULE.match(line) or _TABLE_SEP.match(line) or _REF_DEF.match(line):
            out.append("")
            continue
        line = _QUOTE.sub("", line)
        line = _LIST.sub("- ", line)
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            line = " | ".join(c.strip() for c in stripped[1:-1].split("|"))
        out.append(_inline(line))
    return "\n".join(out), hints
