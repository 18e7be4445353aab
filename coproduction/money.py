"""Money is Decimal pounds and pence everywhere; this is how it is written for people."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENCE = Decimal("0.01")


class Money(Decimal):
    """An amount in pounds, for records whose values are shown without knowing their meaning
    (download my data): £12.50 on the page and in the PDF, a number in the JSON."""


def format_pounds(value) -> str:
    """£1,234.50: always pounds and pence (SQLite's sums can come back as 36.5)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(PENCE, rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"£{amount:,}"
