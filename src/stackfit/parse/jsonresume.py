"""JSON Resume (https://jsonresume.org/schema) rendered as a plain-text resume.

The rendering uses the same headings a person would write ("Summary", "Experience",
"Projects", "Skills", "Education", ...) and one heading line per job,
``"Senior ML Engineer, Acme Corp | 2021-03 – Present"``, followed by its summary and
``"- "`` bullets, so the shared sectionizer finds sections and dated entries as usual.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from stackfit.errors import CorruptFileError, UnsupportedFormatError
from stackfit.parse.base import Extracted
from stackfit.parse.text import decode_bytes

MEDIA_TYPE = "application/json"

_RESUME_KEYS = frozenset(
    {"basics", "work", "volunteer", "education", "awards", "certificates", "publications",
     "skills", "languages", "interests", "references", "projects"}
)


# JSON Resume lists rendered as "- name, by (date)" lines: (key, heading, name field, by field, date field)
_DATED_LISTS = (
    ("certificates", "Certifications", "name", "issuer", "date"),
    ("awards", "Awards", "title", "awarder", "date"),
    ("publications", "Publications", "name", "publisher", "releaseDate"),
)


def _s(v: Any) -> str:
    """A scalar as text; anything else (dicts, lists, null) as ""."""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool) or v is None:
        return ""
    if isinstance(v, (int, float)):
        return str(v)
    return ""


def _list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else []


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def _date(v: Any) -> str:
    s = _s(v)
    # "2021-03-01" -> "2021-03"; "2021-03" and "2021" stay
    if len(s) == 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit():
        return s[:7]
    return s


def _dates(item: dict[str, Any], start_key: str = "startDate", end_key: str = "endDate") -> str:
    start, end = _date(item.get(start_key)), _date(item.get(end_key))
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"{start} – Present"
    return end


def _heading(*parts: str, dates: str = "") -> str:
    head = ", ".join(p for p in parts if p)
    if dates:
        head = f"{head} | {dates}" if head else dates
    return head


def _bullets(out: list[str], items: Any) -> None:
    for h in _list(items):
        t = _s(h)
        if t:
            out.append(f"- {t}")


def render_json_resume(doc: dict[str, Any]) -> tuple[str, list[str]]:
    """Plain text of a JSON Resume object and its section headings."""
    out: list[str] = []
    hints: list[str] = []

    def section(title: str) -> None:
        if out:
            out.append("")
        out.append(title)
        hints.append(title)

    basics = _dict(doc.get("basics"))
    for key in ("name", "label"):
        if _s(basics.get(key)):
            out.append(_s(basics.get(key)))
    loc = _dict(basics.get("location"))
    place = ", ".join(x for x in (_s(loc.get("city")), _s(loc.get("region")), _s(loc.get("countryCode"))) if x)
    contact = [x for x in (_s(basics.get("email")), _s(basics.get("phone")), _s(basics.get("url")), place) if x]
    if contact:
        out.append(" | ".join(contact))
    for p in _list(basics.get("profiles")):
        p = _dict(p)
        line = ": ".join(x for x in (_s(p.get("network")), _s(p.get("url")) or _s(p.get("username"))) if x)
        if line:
            out.append(line)
    if _s(basics.get("summary")):
        section("Summary")
        out.append(_s(basics.get("summary")))

    def entries(items: Any, heading: Callable[[dict[str, Any]], str], text_key: str,
                extra: Callable[[dict[str, Any]], str] | None = None) -> None:
        """One dated heading line per item, then its text, its highlights as bullets, and ``extra``."""
        first = True
        for raw in _list(items):
            item = _dict(raw)
            head = heading(item)
            if not head:
                continue
            if not first:
                out.append("")
            first = False
            out.append(head)
            if _s(item.get(text_key)):
                out.append(_s(item.get(text_key)))
            _bullets(out, item.get("highlights"))
            tail = extra(item) if extra else ""
            if tail:
                out.append(tail)

    def job_heading(org_keys: tuple[str, ...], role_key: str) -> Callable[[dict[str, Any]], str]:
        def heading(w: dict[str, Any]) -> str:
            org = next((_s(w.get(k)) for k in org_keys if _s(w.get(k))), "")
            return _heading(_s(w.get(role_key)), org, dates=_dates(w))
        return heading

    def project_heading(p: dict[str, Any]) -> str:
        roles = ", ".join(_s(r) for r in _list(p.get("roles")) if _s(r))
        return _heading(_s(p.get("name")), roles, _s(p.get("entity")), dates=_dates(p))

    def technologies(p: dict[str, Any]) -> str:
        kws = [_s(k) for k in _list(p.get("keywords")) if _s(k)]
        return "Technologies used: " + ", ".join(kws) if kws else ""

    if _list(doc.get("work")):
        section("Experience")
        entries(doc.get("work"), job_heading(("name", "company"), "position"), "summary")
    if _list(doc.get("projects")):
        section("Projects")
        entries(doc.get("projects"), project_heading, "description", technologies)
    if _list(doc.get("skills")):
        section("Skills")
        for s in _list(doc.get("skills")):
            s = _dict(s)
            name = _s(s.get("name"))
            words = ", ".join(_s(k) for k in _list(s.get("keywords")) if _s(k))
            level = _s(s.get("level"))
            line = f"{name}: {words}" if name and words else name or words
            if line and level:
                line = f"{line} ({level})"
            if line:
                out.append(line)
    if _list(doc.get("education")):
        section("Education")
        for e in _list(doc.get("education")):
            e = _dict(e)
            degree = " in ".join(x for x in (_s(e.get("studyType")), _s(e.get("area"))) if x)
            head = _heading(degree, _s(e.get("institution")), dates=_dates(e))
            if head:
                out.append(head)
            if _s(e.get("score")):
                out.append(f"Score: {_s(e.get('score'))}")
            courses = [_s(c) for c in _list(e.get("courses")) if _s(c)]
            if courses:
                out.append("Courses: " + ", ".join(courses))
    if _list(doc.get("volunteer")):
        section("Volunteering")
        entries(doc.get("volunteer"), job_heading(("organization", "name"), "position"), "summary")
    for key, title, name_key, by_key, date_key in _DATED_LISTS:
        if not _list(doc.get(key)):
            continue
        section(title)
        for item in _list(doc.get(key)):
            item = _dict(item)
            head = _heading(_s(item.get(name_key)), _s(item.get(by_key)), dates=_date(item.get(date_key)))
            if head:
                out.append(f"- {head}")
            if _s(item.get("summary")):
                out.append(_s(item.get("summary")))
    if _list(doc.get("languages")):
        section("Languages")
        for lang in _list(doc.get("languages")):
            lang = _dict(lang)
            line = " – ".join(x for x in (_s(lang.get("language")), _s(lang.get("fluency"))) if x)
            if line:
                out.append(f"- {line}")
    if _list(doc.get("interests")):
        section("Interests")
        for it in _list(doc.get("interests")):
            it = _dict(it)
            words = ", ".join(_s(k) for k in _list(it.get("keywords")) if _s(k))
            line = ": ".join(x for x in (_s(it.get("name")), words) if x)
            if line:
                out.append(f"- {line}")
    return "\n".join(out), hints


def extract_json(data: bytes, path: str) -> Extracted:
    text, warnings = decode_bytes(data, path, kind="JSON")
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise CorruptFileError(
            f"not valid JSON{where}",
            hint="fix the JSON syntax (a JSON Resume file from jsonresume.org is expected)",
            path=path,
        ) from exc
    if not isinstance(doc, dict) or not (_RESUME_KEYS & doc.keys()):
        raise UnsupportedFormatError(
            "the JSON file is not a JSON Resume (no basics, work, education or skills)",
            hint="use the JSON Resume schema (https://jsonresume.org/schema) or give a PDF, DOCX or text resume",
            path=path,
        )
    rendered, hints = render_json_resume(doc)
    return Extracted(text=rendered, media_type=MEDIA_TYPE, warnings=warnings, hints=hints)
