"""find_date_ranges: the formats resumes use, and things that must not be dates."""

from __future__ import annotations

import pytest

from stackfit.parse.dates import ends_with_dangling_range, find_date_ranges


@pytest.mark.parametrize(
    ("line", "text", "start", "end", "current"),
    [
        ("Jan 2020 – Present", "Jan 2020 – Present", "2020-01", None, True),
        ("January 2020 - Mar 2023", "January 2020 - Mar 2023", "2020-01", "2023-03", False),
        ("2019 – 2021", "2019 – 2021", "2019-01", "2021-01", False),
        ("03/2018 - 06/2020", "03/2018 - 06/2020", "2018-03", "2020-06", False),
        ("2018-03 – 2020-06", "2018-03 – 2020-06", "2018-03", "2020-06", False),
        ("Since 2021", "Since 2021", "2021-01", None, True),
        ("2021 — now", "2021 — now", "2021-01", None, True),
        ("Sep. 2019 to Current", "Sep. 2019 to Current", "2019-09", None, True),
        ("2022–Present", "2022–Present", "2022-01", None, True),
        ("Senior ML Engineer, Acme | Mar 2021 – Present", "Mar 2021 – Present", "2021-03", None, True),
        ("Acme (2019-2020)", "2019-2020", "2019-01", "2020-01", False),
        ("Aug. 2014 - Apr. 2016", "Aug. 2014 - Apr. 2016", "2014-08", "2016-04", False),
        ("Sept 2017 until Dec 2018", "Sept 2017 until Dec 2018", "2017-09", "2018-12", False),
        ("Jan – Mar 2020", "Jan – Mar 2020", "2020-01", "2020-03", False),
        ("Summer 2021 - Fall 2022", "Summer 2021 - Fall 2022", "2021-06", "2022-11", False),
        ("Jan '19 - Dec '20", "Jan '19 - Dec '20", "2019-01", "2020-12", False),
        ("2020.01 - 2021.06", "2020.01 - 2021.06", "2020-01", "2021-06", False),
        ("15 March 2019 – 1 June 2020", "15 March 2019 – 1 June 2020", "2019-03", "2020-06", False),
        ("Mar. 2016 - Exp. Jun. 2017", "Mar. 2016 - Exp. Jun. 2017", "2016-03", "2017-06", False),
        ("2019 To 2021", "2019 To 2021", "2019-01", "2021-01", False),
        ("June 2018 - Till Date", "June 2018 - Till Date", "2018-06", None, True),
        ("2020-01-15 – 2021-02-28", "2020-01-15 – 2021-02-28", "2020-01", "2021-02", False),
        ("Survey researcher between 2013 and 2016", "2013 and 2016", "2013-01", "2016-01", False),
        ("Designer, Organization: Acme, From: 2012 To: 2015", "2012 To: 2015", "2012-01", "2015-01", False),
        ("From: Jan 2017 To: Mar 2020", "Jan 2017 To: Mar 2020", "2017-01", "2020-03", False),
        ("Senior CRM Program Manager (2018- 19)", "2018- 19", "2018-01", "2019-01", False),
        ("Analyst, FY 2019-20", "2019-20", "2019-01", "2020-01", False),
        ("Tutor 1998 – 02", "1998 – 02", "1998-01", "2002-01", False),
    ],
)
def test_date_range_formats(line: str, text: str, start: str, end: str | None, current: bool) -> None:
    (r,) = find_date_ranges(line)
    assert line[r.start : r.end] == text == r.text
    assert (r.date_start, r.date_end, r.current) == (start, end, current)


@pytest.mark.parametrize(
    ("line", "start", "end", "current"),
    [
        ("2015 - 2016", "2015-01", "2016-01", False),  # one year (13 inclusive months), not two
        ("Mar 2015 - 2016", "2015-03", "2016-03", False),
        ("Summer 2015 - 2016", "2015-06", "2016-06", False),
        ("2018-19", "2018-01", "2019-01", False),
        ("2019 - 2019", "2019-01", "2019-12", False),  # same year: the whole year
        ("Mar 2019 - 2019", "2019-03", "2019-12", False),
        ("Jan 2020 - Present", "2020-01", None, True),
        ("2015 - Mar 2016", "2015-01", "2016-03", False),  # a month-precise end is kept
        ("Mar 2015 - Jun 2016", "2015-03", "2016-06", False),
        ("2015 - 06/2016", "2015-01", "2016-06", False),
        ("2015 - Fall 2016", "2015-01", "2016-11", False),
    ],
)
def test_year_only_end_ends_in_the_start_month(line: str, start: str, end: str | None, current: bool) -> None:
    """A bare end year after the start year ends in the start's month of that year, not in December:
    "2015 - 2016" is about one year of experience, not two."""
    (r,) = find_date_ranges(line)
    assert (r.date_start, r.date_end, r.current) == (start, end, current)


@pytest.mark.parametrize(
    "line",
    [
        "(123) 456-7890",
        "+1-123-456-7890",
        "Phone: 555-2019-2020",
        "tel:(+82) 10-9030-1843",
        "Made training 2x faster",
        "Served 10,000 users",
        "Upgraded to Python 3.11",
        "Python 3.11 – 3.12 support",
        "Page 1/2",
        "Reduced cost by 2020%",
        "ISO 9001 - 14001 certified",
        "Handled 1999-2000x more traffic",
        "Worked on it 2021 ~",
        "1965 – 1969",  # outside 1970..2035
        "2030 – 2025",  # end before start
        "version 2019.3.1 - 2020.1",
        "Python in 2019 and 2021",  # "and" joins a range only after "between"
        "Released 2009-12",  # December 2009 (YYYY-MM), not 2009-2012
        "Built 2018-17",  # a two-digit end before the start
        "ISO 2001-15 audit",  # more than ten years on: not a job's two-digit end
    ],
)
def test_not_date_ranges(line: str) -> None:
    assert find_date_ranges(line) == []


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Software Engineer Intern Summer 2022", "2022-06", "2022-08"),
        ("Real-time Transit Prediction App 2022", "2022-01", "2022-12"),
        ("2022 Personal Expense Tracker", "2022-01", "2022-12"),
        ("Data Scientist Summer 2012 and 2013", "2012-06", "2013-12"),
        ("OpenResume May 2023", "2023-05", "2023-05"),
    ],
)
def test_single_dates_only_when_asked(line: str, start: str, end: str) -> None:
    assert find_date_ranges(line) == []
    (r,) = find_date_ranges(line, singles=True)
    assert r.single and (r.date_start, r.date_end) == (start, end)


@pytest.mark.parametrize("line", ["Upgraded to Python 3.11", "Served 10,000 users", "(123) 456-7890", "2x faster"])
def test_singles_still_reject_numbers(line: str) -> None:
    assert find_date_ranges(line, singles=True) == []


def test_two_ranges_in_one_line() -> None:
    found = find_date_ranges("Acme 2015 – 2017, Beta Corp Jan 2018 – Present")
    assert [(r.date_start, r.date_end, r.current) for r in found] == [
        ("2015-01", "2017-01", False),
        ("2018-01", None, True),
    ]


@pytest.mark.parametrize(
    ("line", "dangling"), [("2021 –", True), ("June 2020 -", True), ("2021 – 2022", False), ("Built it", False)]
)
def test_dangling_range(line: str, dangling: bool) -> None:
    assert ends_with_dangling_range(line) is dangling
