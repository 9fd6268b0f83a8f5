import pytest

from stackfit.score.dates import index_to_ym, merged_months, month_index, span

NOW = month_index("2026-11")


@pytest.mark.parametrize(
    ("spans", "months"),
    [
        ([], 0),
        ([(0, 11)], 12),
        ([(0, 11), (12, 23)], 24),  # adjacent spans join
        ([(0, 11), (6, 17)], 18),  # overlapping jobs count once
        ([(0, 5), (10, 11)], 8),  # a gap is not counted
        ([(10, 11), (0, 5), (3, 4)], 8),  # order does not matter
    ],
)
def test_merged_months(spans, months):
    assert merged_months(spans) == months


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2020-01", "2020-12", (month_index("2020-01"), month_index("2020-12"))),
        ("2024-03", None, (month_index("2024-03"), NOW)),
        ("2024-03", "present", (month_index("2024-03"), NOW)),
        ("2027-01", None, None),  # starts in the future
        (None, "2020-01", None),
        ("2021-05", "2030-01", (month_index("2021-05"), NOW)),  # clipped at now
    ],
)
def test_span(start, end, expected):
    assert span(start, end, NOW) == expected


def test_month_round_trip():
    assert index_to_ym(month_index("2019-07")) == "2019-07"
