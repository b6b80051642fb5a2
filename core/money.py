"""Money arithmetic: the one place in the project where amounts are rounded.

Every amount is a ``Decimal`` of pounds. Rounding is half-up to the penny, where "half-up"
means a half penny rounds away from zero (``ROUND_HALF_UP``), as councils and banks do.

Weekly is the source of truth for charges and budgets. Other periods are derived from it:
an annual figure is the weekly figure × 52 exactly, so a weekly amount in pence survives the
round trip ``annual_to_weekly(weekly_to_annual(w)) == w``. Converting the other way (annual
or monthly to weekly) divides, so it is rounded to the penny once, at the end.
"""

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12


def _require_decimal(value: Decimal) -> Decimal:
    """Return value as a Decimal, refusing floats and anything that is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"Money must be a Decimal, not {type(value).__name__}: {value!r}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"Money must be a finite amount, not {value}")
    return value


def round_pennies(value: Decimal) -> Decimal:
    """Round an amount half-up (away from zero) to the nearest penny."""
    return _require_decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def monthly_to_weekly(amount: Decimal) -> Decimal:
    """Convert a calendar-monthly amount to weekly (× 12 / 52), rounded once to the penny."""
    return round_pennies(_require_decimal(amount) * MONTHS_PER_YEAR / WEEKS_PER_YEAR)


def annual_to_weekly(amount: Decimal) -> Decimal:
    """Convert an annual amount to weekly (÷ 52), rounded once to the penny."""
    return round_pennies(_require_decimal(amount) / WEEKS_PER_YEAR)


def weekly_to_annual(amount: Decimal) -> Decimal:
    """Convert a weekly amount to annual: weekly × 52 exactly (no rounding for amounts in pence)."""
    return round_pennies(_require_decimal(amount) * WEEKS_PER_YEAR)
