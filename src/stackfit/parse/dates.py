"""Date ranges in resume lines: "Jan 2020 – Present", "2019 - 2021", "03/2018 - 06/2020".

``find_date_ranges(line)`` returns every range in a line with its character offsets and the
parsed values as ``YYYY-MM`` strings. It is deliberately strict so that phone numbers,
"2x faster", "10,000 users" or "Python 3.11" are never read as dates: a year is a
four-digit number in 1970..2035 that is not glued to other digits, dots, commas or slashes.

Single dates ("Summer 2022", "2021") are only returned with ``singles=True``; the sectionizer
asks for them on short heading lines only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YEAR_MIN = 1970
YEAR_MAX = 2035

_MONTH_NAME = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19[7-9]\d|20[0-2]\d|203[0-5])"
_SEASON = r"(?i:spring|summer|fall|autumn|winter)"
_MM = r"(?:0?[1-9]|1[0-2])"
_MM2 = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:[0-3]?\d)"

# One date, no capture groups (used inside the range pattern). Alternatives are ordered
# from most to least specific.
_TOKEN = (
    rf"(?:{_MONTH_NAME}\.?(?:\s+{_DAY}(?:st|nd|rd|th)?)?,?\s*(?:{_YEAR}|['’]\d\d)(?!\d)"
    rf"|{_DAY}\.?\s+{_MONTH_NAME}\.?,?\s+{_YEAR}(?!\d)"
    rf"|{_SEASON}\s+{_YEAR}(?!\d)"
    rf"|{_YEAR}[-/.]{_MM2}(?:[-/.][0-3]\d)?(?![\d])"
    rf"|{_MM}[/.\-]{_YEAR}(?!\d)"
    rf"|{_YEAR}(?!\d))"
)
# A bare, capitalised month name: only valid as the start of "Jan – Mar 2020".
_BARE_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PRESENT = (
    r"(?i:present|current(?:ly)?|now|today|ongoing|till\s+date|to\s+date|date)"
)
_SEP = r"(?:\s*(?:-{1,2}|–|—|−|‒|―|~|→|->|(?i:\b(?:to|till|until|through|thru|and)\b:?))\s*)"  # "From: 2017 To: 2020"
_BETWEEN = re.compile(r"(?i:\bbetween\s+)$")  # "and" separates a range only after "between"

_LEFT = r"(?<![\w.,/+\-#$€£])"
_RIGHT = r"(?![\w%+]|[.,/\-]\d)"

_RANGE_RE = re.compile(
    rf"{_LEFT}(?P<start>{_TOKEN}|{_BARE_MONTH}(?={_SEP}{_MONTH_NAME}))"
    rf"(?P<sep>{_SEP})(?i:(?:exp\.?|expected)\s+)?(?P<end>{_TOKEN}|{_PRESENT}){_RIGHT}"
)
# "2018-19", "2018 – 19": a four-digit year, a dash and the end year's last two digits
_SHORT_END_RE = re.compile(rf"{_LEFT}(?P<start>{_YEAR})\s*(?:-|–|—)\s*(?P<end>\d\d){_RIGHT}")
_OPEN_RE = re.compile(rf"(?i:\bsince\s+)(?P<start>{_TOKEN}){_RIGHT}")
_SINGLE_RE = re.compile(rf"{_LEFT}(?P<start>{_TOKEN}){_RIGHT}")
# A line that ends in "2021 –" (the rest of the range is on the next line).
DANGLING_RE = re.compile(rf"{_LEFT}{_TOKEN}\s*(?:-{{1,2}}|–|—|−|‒|―|~|\bto\b)\s*$")

_PARSE_RE = re.compile(
    rf"^(?:(?P<mn>{_MONTH_NAME})\.?(?:\s+{_DAY}(?:st|nd|rd|th)?)?,?\s*(?:(?P<mny>{_YEAR})|['’](?P<mny2>\d\d))"
    rf"|{_DAY}\.?\s+(?P<dmn>{_MONTH_NAME})\.?,?\s+(?P<dmny>{_YEAR})"
    rf"|(?P<sn>{_SEASON})\s+(?P<sny>{_YEAR})"
    rf"|(?P<ymy>{_YEAR})[-/.](?P<ymm>{_MM2})(?:[-/.][0-3]\d)?"
    rf"|(?P<mym>{_MM})[/.\-](?P<myy>{_YEAR})"
    rf"|(?P<y>{_YEAR})"
    rf"|(?P<bm>{_BARE_MONTH}))$"
)
_PRESENT_RE = re.compile(rf"^{_PRESENT}$")

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# season -> (first month, last month)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (1, 2)}


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date range (or, with ``singles=True``, a single date) found in a line.

    ``start``/``end`` are character offsets within the line; ``date_start``/``date_end``
    are ``YYYY-MM``; ``date_end`` is None and ``current`` True for "present".
    """

    start: int
    end: int
    text: str
    date_start: str | None
    date_end: str | None
    current: bool = False
    single: bool = False


_YEAR_ONLY = re.compile(_YEAR)


def _month_of(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _parse_token(tok: str, *, as_end: bool) -> tuple[int, int | None] | None:
    """(year, month) of one date token; month None when it is a bare month name."""
    m = _PARSE_RE.match(tok.strip())
    if m is None:
        return None
    g = m.groupdict()
    if g["mn"]:
        if g["mny"]:
            year = int(g["mny"])
        else:
            yy = int(g["mny2"])
            year = 2000 + yy if yy <= YEAR_MAX - 2000 else 1900 + yy
        return year, _month_of(g["mn"])
    if g["dmn"]:
        return int(g["dmny"]), _month_of(g["dmn"])
    if g["sn"]:
        first, last = _SEASONS[g["sn"].lower()]
        return int(g["sny"]), (last if as_end else first)
    if g["ymy"]:
        return int(g["ymy"]), int(g["ymm"])
    if g["mym"]:
        return int(g["myy"]), int(g["mym"])
    if g["y"]:
        return int(g["y"]), (12 if as_end else 1)
    if g["bm"]:
        return -1, _month_of(g["bm"])
    return None  # pragma: no cover


def _fmt(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _in_range(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def find_date_ranges(line: str, *, singles: bool = False) -> list[DateRange]:
    """All date ranges in ``line``, left to right, non-overlapping.

    Recognises "Jan 2020 – Present", "January 2020 - Mar 2023", "2019 – 2021",
    "03/2018 - 06/2020", "2018-03 – 2020-06", "Since 2021", "2021 — now",
    "Sep. 2019 to Current", "2022–Present", "Jan – Mar 2020", "Summer 2021 - Fall 2022",
    "From: 2017 To: 2020", "2018-19".
    With ``singles=True`` also single dates ("Summer 2022", "2021", "May 2023"), marked
    ``single=True`` with the whole month/year as the range.
    """
    out: list[DateRange] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _RANGE_RE.finditer(line):
        if m.group("sep").strip().lower() == "and" and not _BETWEEN.search(line[: m.start()]):
            continue
        start_tok, end_tok = m.group("start"), m.group("end")
        end_v: tuple[int, int | None] | None
        current = False
        if _PRESENT_RE.match(end_tok):
            current = True
            end_v = None
        else:
            end_v = _parse_token(end_tok, as_end=True)
            if end_v is None:
                continue
        start_v = _parse_token(start_tok, as_end=False)
        if start_v is None:
            continue
        sy, sm = start_v
        if sy == -1:  # bare month: "Jan – Mar 2020" takes the end's year
            if end_v is None:
                continue
            sy = end_v[0]
        if not _in_range(sy) or sm is None:
            continue
        date_end: str | None = None
        if end_v is not None:
            ey, em = end_v
            if em is not None and ey > sy and _YEAR_ONLY.fullmatch(end_tok.strip()):
                em = sm  # "2015 - 2016", "Mar 2015 - 2016": (end year - start year) years, not up to December
            if not _in_range(ey) or em is None or (ey, em) < (sy, sm):
                continue
            date_end = _fmt(ey, em)
        out.append(DateRange(m.start(), m.end(), m.group(0), _fmt(sy, sm), date_end, current))
        taken.append((m.start(), m.end()))

    for m in _SHORT_END_RE.finditer(line):
        sy, yy = int(m.group("start")), int(m.group("end"))
        ey = sy - sy % 100 + yy
        ey += 100 if ey < sy else 0  # "1998 – 02"
        if not free(m.start(), m.end()) or not _in_range(sy) or not sy <= ey <= sy + 10:
            continue
        if yy <= 12 and m.group(0)[4:5] == "-" and m.group(0)[5:6].isdigit():
            continue  # "2009-12" is December 2009 (YYYY-MM), not 2009-2012
        out.append(DateRange(m.start(), m.end(), m.group(0), _fmt(sy, 1), _fmt(ey, 1 if ey > sy else 12)))
        taken.append((m.start(), m.end()))

    for m in _OPEN_RE.finditer(line):
        if not free(m.start(), m.end()):
            continue
        v = _parse_token(m.group("start"), as_end=False)
        if v is None or v[1] is None or not _in_range(v[0]):
            continue
        out.append(DateRange(m.start(), m.end(), m.group(0), _fmt(v[0], v[1]), None, True))
        taken.append((m.start(), m.end()))

    if singles:
        for m in _SINGLE_RE.finditer(line):
            if not free(m.start(), m.end()):
                continue
            tok = m.group("start")
            a = _parse_token(tok, as_end=False)
            b = _parse_token(tok, as_end=True)
            if a is None or b is None or a[1] is None or b[1] is None or not _in_range(a[0]):
                continue
            out.append(
                DateRange(m.start(), m.end(), tok, _fmt(a[0], a[1]), _fmt(b[0], b[1]), False, True)
            )
            taken.append((m.start(), m.end()))

    out.sort(key=lambda r: r.start)
    if singles and len(out) >= 2:
        out = _merge_single_lists(line, out)
    return out


_LIST_GLUE = re.compile(r"^(?:\s*(?:,|&|\band\b)\s*)$", re.IGNORECASE)


def _merge_single_lists(line: str, found: list[DateRange]) -> list[DateRange]:
    """ "Summer 2012 and 2013" -> one span from the first date to the last."""
    merged: list[DateRange] = [found[0]]
    for r in found[1:]:
        prev = merged[-1]
        if prev.single and r.single and _LIST_GLUE.match(line[prev.end : r.start]):
            merged[-1] = DateRange(
                prev.start, r.end, line[prev.start : r.end], prev.date_start, r.date_end, False, True
            )
        else:
            merged.append(r)
    return merged


def ends_with_dangling_range(line: str) -> bool:
    """True for a line like "2021 –" whose range continues on the next line."""
    return DANGLING_RE.search(line) is not None
