"""Payment cycles: what days the next cycle covers, and how much a weekly amount is over them.

The council chooses its cycle in its local settings (people.council_settings, `payment_cycle`),
from a date like its other settings:

- every 4 weeks, in advance (the usual one): a cycle is 28 days and pays the weekly amount × 4;
- every calendar month, in advance: a cycle runs to the last day of its month and pays the
  weekly amount × the days in it ÷ 7, to the penny. A first cycle that starts mid-month runs to
  the end of that month, so the next one starts on the 1st.

The cycle in force on a cycle's first day decides how long it is. A change of cycle ends the cycle
before it on the day before the change starts, so the new cycle starts on the change's date: paid
days never overlap and never leave a gap. A run already made keeps the days it paid (PaymentRun
cycle_days); a change that starts inside them takes effect from the next cycle.

Individual service funds are paid to the provider weekly whatever the council's cycle: the
payment run pays direct payments only, and the finance team records each week's payment into an
ISF (budgets.payments.services), a week being ISF_CYCLE_DAYS days.

Nothing else in the service counts 28 days for a payment cycle: it asks this module.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.formats import long_date
from core.money import round_pennies
from people.council_settings.models import CouncilSettings

from ..models import PaymentRun

Kind = CouncilSettings.PaymentCycle
FOUR_WEEKLY_DAYS = 28
ISF_CYCLE_DAYS = 7
LONGEST_CYCLE_DAYS = 31
ONE_DAY = timedelta(days=1)


def amount_for_days(weekly: Decimal, days: int) -> Decimal:
    """A weekly amount for some days, to the penny (4 weeks is exactly weekly × 4)."""
    return round_pennies(Decimal(weekly) * days / 7)


@dataclass(frozen=True)
class Cycle:
    """The days one payment cycle covers, first to last."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def next_start(self) -> date:
        return self.end + ONE_DAY

    def due(self, weekly: Decimal) -> Decimal:
        """What a weekly amount comes to over this cycle, to the penny."""
        return amount_for_days(weekly, self.days)

    @property
    def is_calendar_month(self) -> bool:
        last = calendar.monthrange(self.start.year, self.start.month)[1]
        return self.start.day == 1 and self.end == self.start.replace(day=last)

    def describe(self) -> str:
        """The cycle in plain words: "4 weeks from 1 June 2027", "June 2027", or the days."""
        if self.days == FOUR_WEEKLY_DAYS:
            return f"4 weeks from {long_date(self.start)}"
        if self.is_calendar_month:
            return f"the month of {self.start:%B %Y}"
        return describe_days(self.start, self.end)


def describe_days(start: date, end: date) -> str:
    days = (end - start).days + 1
    if days == FOUR_WEEKLY_DAYS:
        return f"4 weeks from {long_date(start)}"
    return f"{days} day{'s' if days != 1 else ''} from {long_date(start)} to {long_date(end)}"


def length_words(days: int) -> str:
    """How long a cycle is, in plain words: "4 weeks" or "30 days"."""
    return "4 weeks" if days == FOUR_WEEKLY_DAYS else f"{days} day{'s' if days != 1 else ''}"


def kind_label(kind: str) -> str:
    return Kind(kind).label


class Schedule:
    """A council's payment cycles over time, from its settings read once (one query)."""

    def __init__(self, authority_id, changes: list[tuple[date, str]] | None = None):
        if changes is None:
            changes = list(
                CouncilSettings.objects.filter(authority_id=authority_id)
                .order_by("effective_from", "created_at", "id")
                .values_list("effective_from", "payment_cycle")
            )
        self.changes = changes

    def kind_on(self, day: date) -> str:
        kind = Kind.FOUR_WEEKLY
        for effective_from, cycle in self.changes:
            if effective_from > day:
                break
            kind = cycle
        return kind

    def _next_change(self, after: date, kind: str) -> date | None:
        """The first day after `after` on which a different cycle comes into force."""
        for effective_from, _ in self.changes:
            if effective_from > after and self.kind_on(effective_from) != kind:
                return effective_from
        return None

    def cycle_from(self, start: date) -> Cycle:
        """The cycle that starts on `start`."""
        kind = self.kind_on(start)
        if kind == Kind.CALENDAR_MONTHLY:
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        else:
            end = start + timedelta(days=FOUR_WEEKLY_DAYS - 1)
        change = self._next_change(start, kind)
        if change is not None and change <= end:
            end = change - ONE_DAY
        return Cycle(start, end)

    def cycle_around(self, first_start: date, day: date, last_day: date) -> tuple[int, Cycle]:
        """(its number from 1, the cycle) of the cycles counted from `first_start` that holds
        `day`: the first before they start, the one holding `last_day` after it."""
        number, cycle = 1, self.cycle_from(first_start)
        while cycle.end < day and cycle.end < last_day:
            number, cycle = number + 1, self.cycle_from(cycle.next_start)
        return number, cycle


def cycle_starting(authority, start: date) -> Cycle:
    """The council's cycle that starts on `start`, from its settings in force then."""
    return Schedule(authority.pk).cycle_from(start)


def run_cycle(run: PaymentRun) -> Cycle:
    """The days a run paid (or will pay, once confirmed)."""
    return Cycle(run.cycle_start, run.cycle_start + timedelta(days=run.cycle_days - 1))


def cycle_for(authority, cycle_start: date) -> Cycle:
    """The days a run for the cycle starting then covers: a run's own days once it is asked
    for, otherwise the council's cycle in force on that day."""
    run = PaymentRun.objects.filter(authority=authority, cycle_start=cycle_start).first()
    return run_cycle(run) if run else cycle_starting(authority, cycle_start)


def overlapping_run(authority, cycle: Cycle) -> PaymentRun | None:
    """Another run of the council's whose days share a day with this cycle."""
    nearby = PaymentRun.objects.filter(
        authority=authority,
        cycle_start__gt=cycle.start - timedelta(days=LONGEST_CYCLE_DAYS),
        cycle_start__lte=cycle.end,
    ).exclude(cycle_start=cycle.start)
    for run in nearby.order_by("cycle_start"):
        if run_cycle(run).end >= cycle.start:
            return run
    return None


def weeks_ahead_limit(today: date) -> date:
    """The latest day a cycle may start: payments are made in advance, up to 4 weeks ahead."""
    return today + timedelta(days=FOUR_WEEKLY_DAYS)
