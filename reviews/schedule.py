"""When a person's reviews are due: a pure function of dates and the council's settings.

Two statutory clocks run for a person with an approved plan: the plan review (a light first review
some weeks after the plan starts or changes, then at least every routine interval) and, with a
direct payment, the direct payment review (within its first months, then at least every routine
interval). One aligned date, the earliest due, meets both.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import models

from core.formats import long_date

# The law and guidance: a council may be stricter, never looser (see people.council_settings).
PLAN_FIRST_REVIEW_MAX_WEEKS = 8
DP_FIRST_REVIEW_MAX_MONTHS = 6
ROUTINE_REVIEW_MAX_MONTHS = 12
DUE_SOON_DAYS = 28


class Clock(models.TextChoices):
    PLAN = "plan", "Plan review"
    DIRECT_PAYMENT = "direct_payment", "Direct payment review"


class ReviewStatus(models.TextChoices):
    OVERDUE = "overdue", "Overdue"
    REQUESTED = "requested", "Requested"
    DUE_SOON = "due_soon", "Due within 4 weeks"
    NOT_DUE = "not_due", "Not due"


@dataclass(frozen=True)
class ReviewIntervals:
    """The council's intervals, as read from its settings in force."""

    plan_first_review_weeks: int = PLAN_FIRST_REVIEW_MAX_WEEKS
    dp_first_review_months: int = DP_FIRST_REVIEW_MAX_MONTHS
    routine_review_months: int = ROUTINE_REVIEW_MAX_MONTHS

    @classmethod
    def of(cls, settings) -> "ReviewIntervals":
        """The intervals from a CouncilSettings row, held within the statutory limits."""
        return cls(
            plan_first_review_weeks=min(
                settings.plan_first_review_weeks, PLAN_FIRST_REVIEW_MAX_WEEKS
            ),
            dp_first_review_months=min(settings.dp_first_review_months, DP_FIRST_REVIEW_MAX_MONTHS),
            routine_review_months=min(settings.routine_review_months, ROUTINE_REVIEW_MAX_MONTHS),
        )


@dataclass(frozen=True)
class ClockDue:
    """One clock: when its review is due and why, in plain English."""

    clock: Clock
    due_on: date
    reason: str


@dataclass(frozen=True)
class Schedule:
    """Every clock running for a person, and the one date that meets them all."""

    clocks: tuple[ClockDue, ...]
    aligned_on: date
    aligned_reason: str

    def due(self, clock: Clock) -> ClockDue | None:
        """The clock named, if it runs for this person."""
        return next((c for c in self.clocks if c.clock == clock), None)

    @property
    def purposes(self) -> str:
        """'plan review and direct payment review': what the aligned review is for."""
        return " and ".join(c.clock.label.lower() for c in self.clocks)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 January + 1 = 28 or 29 February)."""
    return day + relativedelta(months=months)


def _months(n: int) -> str:
    return "1 month" if n == 1 else f"{n} months"


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def _plan_clock(plan_started_on, plan_changed, last_review_on, intervals) -> ClockDue:
    if last_review_on and last_review_on >= plan_started_on:
        months = intervals.routine_review_months
        return ClockDue(
            Clock.PLAN,
            add_months(last_review_on, months),
            f"Plan review: at least every {_months(months)}; the last review was on "
            f"{long_date(last_review_on)}",
        )
    weeks = intervals.plan_first_review_weeks
    started = "last changed" if plan_changed else "started"
    return ClockDue(
        Clock.PLAN,
        plan_started_on + timedelta(weeks=weeks),
        f"Plan review: a light first review {_weeks(weeks)} after the plan {started} on "
        f"{long_date(plan_started_on)}",
    )


def _dp_clock(dp_started_on, last_review_on, intervals) -> ClockDue:
    if last_review_on and last_review_on >= dp_started_on:
        months = intervals.routine_review_months
        return ClockDue(
            Clock.DIRECT_PAYMENT,
            add_months(last_review_on, months),
            f"Direct payment review: at least every {_months(months)}; the last review was on "
            f"{long_date(last_review_on)}",
        )
    months = intervals.dp_first_review_months
    return ClockDue(
        Clock.DIRECT_PAYMENT,
        add_months(dp_started_on, months),
        f"Direct payment review: within {_months(months)} of the direct payment starting on "
        f"{long_date(dp_started_on)}",
    )


def _aligned_reason(clocks: tuple[ClockDue, ...], aligned_on: date) -> str:
    if len(clocks) == 1:
        return f"One review on {long_date(aligned_on)}: the {clocks[0].clock.label.lower()}."
    if all(c.due_on == aligned_on for c in clocks):
        return f"One review on {long_date(aligned_on)} is due on both clocks and meets both."
    first = min(clocks, key=lambda c: c.due_on)
    later = [c for c in clocks if c is not first]
    return (
        f"One review on {long_date(aligned_on)}, when the {first.clock.label.lower()} is due, "
        f"also meets the {later[0].clock.label.lower()} (due by {long_date(later[0].due_on)})."
    )


def review_schedule(
    *,
    plan_started_on: date,
    intervals: ReviewIntervals,
    plan_changed: bool = False,
    dp_started_on: date | None = None,
    last_review_on: date | None = None,
) -> Schedule:
    """Each clock's due date and why, and the earliest of them as the one aligned date."""
    clocks = [_plan_clock(plan_started_on, plan_changed, last_review_on, intervals)]
    if dp_started_on is not None:
        clocks.append(_dp_clock(dp_started_on, last_review_on, intervals))
    clocks = tuple(clocks)
    aligned_on = min(c.due_on for c in clocks)
    return Schedule(clocks, aligned_on, _aligned_reason(clocks, aligned_on))


def review_status(schedule: Schedule, *, today: date, requested: bool) -> ReviewStatus:
    """Overdue when a statutory date has passed; else Requested, Due within 4 weeks or Not due."""
    if schedule.aligned_on < today:
        return ReviewStatus.OVERDUE
    if requested:
        return ReviewStatus.REQUESTED
    if schedule.aligned_on <= today + timedelta(days=DUE_SOON_DAYS):
        return ReviewStatus.DUE_SOON
    return ReviewStatus.NOT_DUE
