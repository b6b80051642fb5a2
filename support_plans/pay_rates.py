"""Legal pay rates, held as data with their source and the date each applies from.

Pure data and lookups, no database: the support plan warns when a personal assistant's hourly
cost is below the National Living Wage, and the personal assistant employment pages can use the
same rates. A new rate is one more line here, added when the government announces it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

NLW_SOURCE = "National Minimum Wage and National Living Wage rates, GOV.UK"
NLW_SOURCE_URL = "https://www.gov.uk/national-minimum-wage-rates"


@dataclass(frozen=True)
class PayRate:
    """An hourly rate the law sets, who it is for, the day it applies from, and where it is set."""

    name: str
    hourly: Decimal
    applies_from: date
    who: str
    source: str = NLW_SOURCE
    source_url: str = NLW_SOURCE_URL


# The National Living Wage, oldest first.
NATIONAL_LIVING_WAGE = (
    PayRate("National Living Wage", Decimal("12.21"), date(2025, 4, 1), "workers aged 21 and over"),
    PayRate("National Living Wage", Decimal("12.71"), date(2026, 4, 1), "workers aged 21 and over"),
)


def rate_on(day: date, rates: tuple[PayRate, ...] = NATIONAL_LIVING_WAGE) -> PayRate | None:
    """The rate that applies on `day`, or None before the first one we hold."""
    applying = [rate for rate in rates if rate.applies_from <= day]
    return applying[-1] if applying else None


def next_rate_after(day: date, rates: tuple[PayRate, ...] = NATIONAL_LIVING_WAGE) -> PayRate | None:
    """The next rate already announced to start after `day`, if there is one."""
    return next((rate for rate in rates if rate.applies_from > day), None)


def below_living_wage(hourly: Decimal, day: date) -> str:
    """A plain warning when `hourly` is below the National Living Wage on `day` (or below the
    next rate already announced); '' when it is not."""
    now, coming = rate_on(day), next_rate_after(day)
    if now is not None and hourly < now.hourly:
        return (
            f"£{hourly:,.2f} an hour is less than the {now.name} of £{now.hourly:,.2f} an hour "
            f"for {now.who} (from {_day(now.applies_from)})."
        )
    if coming is not None and hourly < coming.hourly:
        return (
            f"£{hourly:,.2f} an hour will be less than the {coming.name} of "
            f"£{coming.hourly:,.2f} an hour for {coming.who} from {_day(coming.applies_from)}."
        )
    return ""


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
