"""Tax years, months and weeks: the periods totals and thresholds are counted over.

A UK tax year runs from 6 April to 5 April the next year, so 5 April 2026 is in the 2025-26 tax
year and 6 April 2026 starts 2026-27."""

from datetime import date, timedelta


def tax_year_start(day: date) -> date:
    start = date(day.year, 4, 6)
    return start if day >= start else date(day.year - 1, 4, 6)


def tax_year_bounds(day: date) -> tuple[date, date]:
    """The first and last day (6 April, 5 April) of the tax year `day` falls in."""
    start = tax_year_start(day)
    return start, date(start.year + 1, 4, 5)


def tax_year_label(day: date) -> str:
    start = tax_year_start(day)
    return f"{start.year} to {start.year + 1}"


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    return first, next_first - timedelta(days=1)


def week_bounds(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
