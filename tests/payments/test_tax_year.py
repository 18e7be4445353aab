from datetime import date

import pytest

from payments.taxyear import month_bounds, tax_year_bounds, tax_year_label, week_bounds


@pytest.mark.parametrize("day,start,end", [
    (date(2026, 4, 5), date(2025, 4, 6), date(2026, 4, 5)),  # last day of 2025-26
    (date(2026, 4, 6), date(2026, 4, 6), date(2027, 4, 5)),  # first day of 2026-27
    (date(2026, 1, 1), date(2025, 4, 6), date(2026, 4, 5)),
    (date(2026, 12, 31), date(2026, 4, 6), date(2027, 4, 5)),
    (date(2024, 2, 29), date(2023, 4, 6), date(2024, 4, 5)),
])
def test_tax_year_runs_6_april_to_5_april(day, start, end):
    assert tax_year_bounds(day) == (start, end)


def test_tax_year_label():
    assert tax_year_label(date(2026, 4, 5)) == "2025 to 2026"
    assert tax_year_label(date(2026, 4, 6)) == "2026 to 2027"


def test_month_and_week():
    assert month_bounds(date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert month_bounds(date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))
    # 22 November 2026 is a Sunday: its week started on Monday 16 November.
    assert week_bounds(date(2026, 11, 22)) == (date(2026, 11, 16), date(2026, 11, 22))
    assert week_bounds(date(2026, 11, 23)) == (date(2026, 11, 23), date(2026, 11, 29))
