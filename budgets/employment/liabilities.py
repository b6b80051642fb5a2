"""What a person owes the people they employ, on a day: the one public function the surplus
calculation reads (docs: DOMAIN.md "surplus calculation" takes off unpaid wages and accrued
PA holiday).

    from budgets.employment.liabilities import employment_liabilities
    owed = employment_liabilities(budget, on=date(2026, 12, 7))  # list[OwedAmount]

It only reads. Three kinds of amount are owed:
- approved wages no payment has paid yet (matching.py says which are paid);
- holiday pay a worker still employed has built up and not taken;
- final holiday pay for a worker who has left, until it is paid.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.formats import long_date, pounds

from .hours import hours_text, week_text
from .matching import wages_with_payments
from .models import ExpectedWage, Worker
from .summaries import holidays_for


@dataclass(frozen=True)
class OwedAmount:
    """One amount owed, in plain English: what it is, how much, and why it is owed."""

    label: str
    amount: Decimal
    reason: str


def employment_liabilities(budget, on: date) -> list[OwedAmount]:
    """Everything the person owed the people who work for them at the end of `on`: unpaid
    approved wages and final holiday pay, then holiday built up and not yet taken."""
    workers = list(Worker.objects.filter(budget=budget))
    if not workers:
        return []  # wages and holiday are owed only to someone who has worked for them
    wages = ExpectedWage.objects.filter(worker__budget=budget, owed_from__lte=on)
    statuses = wages_with_payments(budget, on=on, wages=wages)
    owed = [_unpaid(status.wage) for status in statuses if not status.is_paid]
    working = [
        w
        for w in workers
        if w.is_employed and w.starts_on <= on and (w.left_on is None or w.left_on > on)
    ]
    holidays = holidays_for(working, on)
    for worker in working:
        holiday = holidays[worker.id]
        if holiday.untaken_pay > 0:
            owed.append(_holiday(worker, holiday))
    return owed


def _unpaid(wage: ExpectedWage) -> OwedAmount:
    worker = wage.worker
    if wage.kind == ExpectedWage.Kind.FINAL_HOLIDAY:
        return OwedAmount(
            label=f"Final holiday pay for {worker.name}",
            amount=wage.amount,
            reason=(
                f"{worker.name} left on {long_date(worker.left_on)} with holiday built up and "
                "not taken, which is paid when someone leaves. No payment to them for "
                f"{pounds(wage.amount)} has been matched yet."
            ),
        )
    sheet = wage.timesheet
    worked = hours_text(sheet.worked_minutes + int(sheet.holiday_hours * 60))
    return OwedAmount(
        label=f"Wages for {worker.name}, week of {week_text(sheet.week_starts_on)}",
        amount=wage.amount,
        reason=(
            f"{worked} approved on {long_date(wage.owed_from)}. No payment to "
            f"{worker.first_name} for {pounds(wage.amount)} has been matched yet."
        ),
    )


def _holiday(worker, holiday) -> OwedAmount:
    return OwedAmount(
        label=f"Holiday pay built up by {worker.name}",
        amount=holiday.untaken_pay,
        reason=(
            f"{holiday.untaken_hours} hours of paid holiday built up since "
            f"{long_date(holiday.year_start)} and not taken yet, at {pounds(holiday.hourly_rate)} "
            "an hour. It is paid when they take the holiday, or when they leave."
        ),
    )
