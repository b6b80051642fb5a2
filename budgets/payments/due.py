"""Who a payment run pays, for which days and how much: the run's own selection, shown in the
preview before anything is paid and paid as it is by the run (budgets.payments.runs).

A run pays each active direct payment for the days of the cycle that fall inside its budget and
have not been paid already, however they were paid, net of the share of the person's
contribution it carries, with any adjustments waiting for it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch

from core.formats import long_date
from people.models import Organisation, Person

from ..models import BudgetPart, Notice, PaidPeriod, PaymentAdjustment, PersonalBudget
from . import contributions
from .cycles import Cycle, amount_for_days, cycle_for

ONE_DAY = timedelta(days=1)
ZERO = Decimal("0.00")


def net_weekly(budget: PersonalBudget, part: BudgetPart) -> Decimal:
    """What the council pays into a direct payment a week: net of the share of the person's
    contribution it carries (the rest is taken from the other parts: contributions.py)."""
    return max(contributions.part_net_weekly(budget, part), ZERO)


days_cost = amount_for_days  # a weekly amount for some days, to the penny


@dataclass
class DuePayment:
    """What a run pays one direct payment: the days not paid yet, adjustments, and why."""

    person: Person
    part: BudgetPart
    weekly: Decimal
    periods: list = field(default_factory=list)  # [(first day, last day)] to pay for
    adjustments: list = field(default_factory=list)  # PaymentAdjustment rows to apply
    already_paid: list = field(default_factory=list)  # PaidPeriod rows inside the cycle
    note: str = ""

    @property
    def days(self) -> int:
        return sum((end - start).days + 1 for start, end in self.periods)

    @property
    def for_days(self) -> Decimal:
        return sum((days_cost(self.weekly, (e - s).days + 1) for s, e in self.periods), ZERO)

    @property
    def adjusted(self) -> Decimal:
        return sum((adjustment.amount for adjustment in self.adjustments), ZERO)

    @property
    def amount(self) -> Decimal:
        """What the run pays in: never less than £0 (a larger reduction waits for the next)."""
        return max(self.for_days + self.adjusted, ZERO)


def _uncovered(start: date, end: date, covered: list[PaidPeriod]) -> list[tuple[date, date]]:
    """The stretches of days from start to end that no paid period covers."""
    stretches, day = [], start
    for period in sorted(covered, key=lambda p: p.starts_on):
        if period.ends_on < day or period.starts_on > end:
            continue
        if period.starts_on > day:
            stretches.append((day, period.starts_on - ONE_DAY))
        day = max(day, period.ends_on + ONE_DAY)
    if day <= end:
        stretches.append((day, end))
    return stretches


def _note(due: DuePayment, cycle: Cycle, budget: PersonalBudget) -> str:
    """Why a payment is less (or more) than a full cycle, in plain words."""
    reasons = []
    if budget.starts_on > cycle.start:
        reasons.append(f"the budget starts on {long_date(budget.starts_on)}")
    if budget.ends_on < cycle.end:
        reasons.append(f"the budget ends on {long_date(budget.ends_on)}")
    if due.already_paid:
        paid = due.already_paid[0]
        reasons.append(f"{long_date(paid.starts_on)} to {long_date(paid.ends_on)} is already paid")
    reasons += [adjustment.reason for adjustment in due.adjustments]
    return "; ".join(reasons)


def part_due(part: BudgetPart, cycle: Cycle | date) -> DuePayment | None:
    """What a run for the cycle (or the council's cycle starting on a day) would pay this
    direct payment, or None if nothing at all."""
    budget = part.budget
    if not isinstance(cycle, Cycle):
        cycle = cycle_for(budget.person.local_authority, cycle)
    start, end = max(cycle.start, budget.starts_on), min(cycle.end, budget.ends_on)
    covered = [p for p in part.paid_periods.all() if p.ends_on >= start and p.starts_on <= end]
    due = DuePayment(budget.person, part, net_weekly(budget, part))
    due.periods = _uncovered(start, end, covered) if start <= end else []
    due.already_paid = covered
    due.adjustments = [a for a in part.adjustments.all() if a.applied_on is None]
    due.note = _note(due, cycle, budget)
    return due if due.periods or due.adjustments or due.already_paid else None


def due_parts(authority: Organisation):
    """Active direct payments at the council that a payment run pays: not those of a budget
    the person's contribution covers in full (the direct payment stops; nothing is paid at £0)."""
    return (
        BudgetPart.objects.filter(
            kind=BudgetPart.Kind.DIRECT_PAYMENT,
            budget__status=PersonalBudget.Status.ACTIVE,
            budget__person__local_authority=authority,
            budget__in=PersonalBudget.objects.council_pays(),
        )
        .select_related("budget__person")
        .prefetch_related(
            "paid_periods",
            "budget__parts",  # the contribution's share of each part (contributions.py)
            Prefetch("adjustments", queryset=PaymentAdjustment.objects.filter(applied_on=None)),
        )
    )


def due_payments(
    authority: Organisation, cycle_start: date, cycle: Cycle | None = None
) -> list[DuePayment]:
    """Who the run for a cycle pays (or has nothing to pay), by name: the run's own selection."""
    cycle = cycle or cycle_for(authority, cycle_start)
    # A direct payment suspended or ended under a written notice is paid nothing meanwhile.
    stopped = set(Notice.objects.stopping_payments(cycle.start).values_list("part_id", flat=True))
    found = (part_due(part, cycle) for part in due_parts(authority) if part.pk not in stopped)
    return sorted(
        (due for due in found if due is not None),
        key=lambda due: (due.person.last_name, due.person.first_name),
    )
