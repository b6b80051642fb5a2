"""Paid holiday a worker builds up: pure arithmetic, no database.

The law (https://www.gov.uk/holiday-entitlement-rights): 5.6 weeks' paid holiday a year, at most
28 days. Part-time workers get the same 5.6 weeks of their own working week. Workers whose
hours change from week to week build up holiday at 12.07% of the hours they work
(https://www.gov.uk/guidance/holiday-entitlement-and-pay-for-irregular-hours-and-part-year-
workers): 5.6 weeks of holiday in a year of 52 leaves 46.4 weeks of work, and 5.6 ÷ 46.4 is
12.07%.

The holiday year runs from the worker's start date, year after year (what the law uses when the
contract says nothing else). Holiday is built up day by day through the year; a worker who
leaves is owed pay for what they built up and did not take.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from core.money import round_pennies

WEEKS_A_YEAR = Decimal("5.6")
MOST_DAYS = 28
IRREGULAR_SHARE = Decimal("0.1207")
HUNDREDTH = Decimal("0.01")
REGULAR, IRREGULAR = "regular", "irregular"


def hours(value) -> Decimal:
    """Hours to the hundredth, half up (7.755 hours is 7.76)."""
    return Decimal(value).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return date(start.year + years, 3, 1)


def holiday_year(started_on: date, on: date) -> tuple[date, date]:
    """(first day, last day) of the holiday year that `on` falls in, counted from the start."""
    years = max(0, on.year - started_on.year)
    while years > 0 and anniversary(started_on, years) > on:
        years -= 1
    return anniversary(started_on, years), anniversary(started_on, years + 1) - timedelta(days=1)


def yearly_hours(usual_hours: Decimal, usual_days: int | None) -> Decimal:
    """A year's paid holiday in hours for regular hours: 5.6 of the worker's own weeks, but
    never more than 28 of their working days."""
    entitled = WEEKS_A_YEAR * usual_hours
    if usual_days:
        entitled = min(entitled, MOST_DAYS * usual_hours / usual_days)
    return hours(entitled)


@dataclass(frozen=True)
class Holiday:
    """A worker's holiday for the year `on` falls in, in hours and in money."""

    pattern: str
    year_start: date
    year_end: date
    counted_to: date
    hourly_rate: Decimal
    entitled_hours: Decimal | None  # a whole year's, for regular hours
    worked_hours: Decimal  # in the year so far
    built_up_hours: Decimal
    taken_hours: Decimal
    explained: list[str] = field(default_factory=list)

    @property
    def untaken_hours(self) -> Decimal:
        """Built up and not taken yet (never below nothing)."""
        return max(self.built_up_hours - self.taken_hours, Decimal("0.00"))

    @property
    def left_this_year(self) -> Decimal:
        """What can still be taken this year: the rest of the year's holiday for regular
        hours; what has been built up so far for hours that change."""
        whole = self.entitled_hours if self.entitled_hours is not None else self.built_up_hours
        return max(whole - self.taken_hours, Decimal("0.00"))

    @property
    def overtaken_hours(self) -> Decimal:
        """Holiday taken beyond what has been built up so far."""
        return max(self.taken_hours - self.built_up_hours, Decimal("0.00"))

    @property
    def built_up_pay(self) -> Decimal:
        return round_pennies(self.built_up_hours * self.hourly_rate)

    @property
    def untaken_pay(self) -> Decimal:
        return round_pennies(self.untaken_hours * self.hourly_rate)

    @property
    def share_of_year_gone(self) -> Decimal:
        days = (self.year_end - self.year_start).days + 1
        return Decimal((self.counted_to - self.year_start).days + 1) / days


def _in_year(entries, first: date, last: date):
    return [amount for day, amount in entries if first <= day <= last]


def holiday_on(
    *,
    on: date,
    started_on: date,
    left_on: date | None,
    pattern: str,
    hourly_rate: Decimal,
    usual_hours: Decimal | None = None,
    usual_days: int | None = None,
    worked: list[tuple[date, int]] = (),
    taken: list[tuple[date, Decimal]] = (),
) -> Holiday:
    """The holiday year that `on` falls in (or the worker's last, once they have left):
    holiday built up to `on` (or their last day), taken, and what it is worth.

    `worked` is (day, minutes) of approved work; `taken` is (week's first day, hours) of paid
    holiday on approved timesheets.
    """
    last_day = min(on, left_on) if left_on else on
    year_start, year_end = holiday_year(started_on, max(last_day, started_on))
    counted_to = min(max(last_day, year_start), year_end)
    minutes = sum(_in_year(worked, year_start, counted_to))
    worked_hours = hours(Decimal(minutes) / 60)
    taken_hours = hours(sum(_in_year(taken, year_start, counted_to), Decimal("0")))
    if pattern == IRREGULAR:
        built_up = hours(worked_hours * IRREGULAR_SHARE)
        entitled = None
        explained = [
            f"12.07% of the {worked_hours} hours worked this holiday year is {built_up} hours.",
        ]
    else:
        entitled = yearly_hours(usual_hours or Decimal("0"), usual_days)
        days = (year_end - year_start).days + 1
        gone = (counted_to - year_start).days + 1
        built_up = hours(entitled * gone / days) if last_day >= started_on else Decimal("0.00")
        explained = [
            f"5.6 weeks of {usual_hours} hours is {entitled} hours a year.",
            f"{gone} of the year's {days} days have gone, so {built_up} hours are built up.",
        ]
    return Holiday(
        pattern=pattern,
        year_start=year_start,
        year_end=year_end,
        counted_to=counted_to,
        hourly_rate=hourly_rate,
        entitled_hours=entitled,
        worked_hours=worked_hours,
        built_up_hours=built_up,
        taken_hours=taken_hours,
        explained=explained,
    )


def not_being_taken(holiday: Holiday) -> bool:
    """Half the holiday year has gone and less than a third of what was built up is taken:
    the worker may not be getting the rest the law gives them."""
    return (
        holiday.share_of_year_gone >= Decimal("0.5")
        and holiday.built_up_hours > 0
        and holiday.taken_hours * 3 < holiday.built_up_hours
    )
