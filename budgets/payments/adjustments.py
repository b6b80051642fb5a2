"""When a direct payment's weekly amount changes (a plan revision, a new contribution), the days
already paid at the old amount are put right in the next payment run: a top-up or a reduction,
worked out pro rata to the day and explained to the person."""

from datetime import date
from decimal import Decimal

from core.formats import long_date, pounds

from ..models import BudgetPart, PaymentAdjustment
from .cycles import amount_for_days as days_cost


def adjustments_for_new_rate(
    *, part: BudgetPart, new_weekly: Decimal, from_date: date, why: str
) -> list[PaymentAdjustment]:
    """Adjustments for days from `from_date` that were already paid at another weekly amount."""
    made = []
    for period in part.paid_periods.filter(ends_on__gte=from_date).order_by("starts_on"):
        first = max(from_date, period.starts_on)
        days = (period.ends_on - first).days + 1
        amount = days_cost(new_weekly, days) - days_cost(period.weekly_rate, days)
        if amount:
            made.append(
                PaymentAdjustment.objects.create(
                    part=part,
                    amount=amount,
                    from_date=first,
                    to_date=period.ends_on,
                    old_weekly=period.weekly_rate,
                    new_weekly=new_weekly,
                    reason=_reason(
                        why, amount, first, period.ends_on, period.weekly_rate, new_weekly
                    ),
                )
            )
    return made


def _reason(why, amount, first, last, old, new) -> str:
    what = "Top-up" if amount > 0 else "Reduction"
    return (
        f"{what} for {long_date(first)} to {long_date(last)}, already paid at {pounds(old)} a "
        f"week: {why}, so it is {pounds(new)} a week from {long_date(first)}"
    )[:200]


def pending_adjustments(budget):
    """Top-ups and reductions the next payment run will make, oldest first."""
    return PaymentAdjustment.objects.filter(part__budget=budget, applied_on=None).order_by(
        "created_at"
    )
