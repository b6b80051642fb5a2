"""Writes for personal budgets: create or update them from approved plans, and change the
person's contribution when a financial assessment is completed.

Each change is recorded as a BudgetChange the person reads on their budget page. A change to a
direct payment's weekly amount for days already paid is put right in the next payment run
(budgets.payments.adjustments).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from assessments.financial.services import weekly_contribution
from core.errors import DomainError
from core.formats import long_date, pounds
from support_plans.costing import PlanCosts, plan_costs

from .models import BudgetChange, BudgetPart, PersonalBudget
from .monitoring import rows as monitoring_rows
from .payments.adjustments import adjustments_for_new_rate
from .payments.due import net_weekly
from .reminders import contribution_change_tell

ONE_DAY = timedelta(days=1)


@db_transaction.atomic
def budget_from_approved_plan(*, plan, costs: PlanCosts | None = None) -> PersonalBudget:
    """Create the person's budget from an approved plan, or update it from a new revision."""
    if plan.status != plan.Status.APPROVED:
        raise DomainError("Only an approved plan sets a personal budget.")
    today = timezone.localdate()
    budget = PersonalBudget.objects.select_for_update().filter(
        person=plan.person, status=PersonalBudget.Status.ACTIVE
    ).first() or PersonalBudget(
        person=plan.person, starts_on=today, ends_on=today + timedelta(days=365)
    )
    revised = budget.pk is not None
    old_total = budget.weekly_total if revised else None
    old_contribution = budget.weekly_contribution if revised else None
    budget.plan = plan
    budget.weekly_total = plan.weekly_total
    budget.weekly_la_share = plan.weekly_la_share
    budget.weekly_contribution = plan.weekly_contribution
    budget.save()
    _set_parts(budget, (costs or plan_costs(plan.support_lines.all())).weekly_by_part)
    if revised:
        why = f"the support plan changed on {long_date(today)}"
        _readjust_direct_payments(budget, today, why)
    what = _plan_change_text(budget, old_total)
    if revised and old_contribution != budget.weekly_contribution:
        what += (
            f" The contribution, worked out again against the new budget, went from "
            f"{pounds(old_contribution)} to {pounds(budget.weekly_contribution)} a week."
        )
    _record(budget, today, f"{what}{_council_pays_nothing_text(budget)}", None)
    monitoring_rows.budgets_changed([budget.id])
    return budget


def _council_pays_nothing_text(budget: PersonalBudget) -> str:
    """What happens when the contribution is the whole budget, in plain words ("" otherwise)."""
    if not budget.council_pays_nothing:
        return ""
    name = budget.person.display_name
    return (
        f" {name}'s contribution of {pounds(budget.weekly_contribution)} a week is the whole "
        f"personal budget, so the council pays nothing towards the care. The direct payment "
        f"stops: no more payments are made into it, and {name} arranges and pays for their own "
        "care. The council will help arrange it if asked."
    )


def _set_parts(budget: PersonalBudget, wanted: dict) -> None:
    """One part per way the money is managed; a way the plan no longer uses pays £0."""
    for part in budget.parts.all():
        if (part.kind, part.provider_id) not in wanted:
            part.weekly_amount = Decimal("0.00")
            # Only the amount: a posting may have moved last_record_on since the part was read.
            part.save(update_fields=["weekly_amount", "updated_at"])
    for (kind, provider_id), weekly in wanted.items():
        BudgetPart.objects.update_or_create(
            budget=budget, kind=kind, provider_id=provider_id, defaults={"weekly_amount": weekly}
        )


def _readjust_direct_payments(budget: PersonalBudget, from_date: date, why: str) -> None:
    for part in budget.parts.filter(kind=BudgetPart.Kind.DIRECT_PAYMENT):
        adjustments_for_new_rate(
            part=part, new_weekly=net_weekly(budget, part), from_date=from_date, why=why
        )


def _plan_change_text(budget: PersonalBudget, old_total: Decimal | None) -> str:
    if old_total is None:
        return f"The personal budget started: {pounds(budget.weekly_total)} a week."
    if old_total == budget.weekly_total:
        return "The support plan changed; the budget stayed the same."
    return (
        f"The support plan changed: the budget went from {pounds(old_total)} to "
        f"{pounds(budget.weekly_total)} a week. Days already paid at the old amount are put "
        "right in the next payment."
    )


def _record(budget: PersonalBudget, effective_from: date, what: str, user) -> BudgetChange:
    return BudgetChange.objects.create(
        budget=budget,
        effective_from=effective_from,
        what=what,
        weekly_total=budget.weekly_total,
        weekly_contribution=budget.weekly_contribution,
        recorded_by=user,
    )


def next_unpaid_day(budget: PersonalBudget) -> date:
    """The first day after the last day the direct payment has been paid for (or today)."""
    last = (
        budget.parts.filter(kind=BudgetPart.Kind.DIRECT_PAYMENT)
        .values_list("paid_periods__ends_on", flat=True)
        .order_by("-paid_periods__ends_on")
        .first()
    )
    return max(last + ONE_DAY, timezone.localdate()) if last else timezone.localdate()


@db_transaction.atomic
def budget_contribution_set(*, person, user, applies_from: date | None = None) -> str:
    """A completed financial assessment sets the contribution of the person's active budget, from
    the next payment cycle (from applies_from if earlier: a new year's rates apply from the
    year's first day, and days already paid are put right in the next payment); what changes and
    when, in plain words ("" if there is no budget).
    What the person pays comes from assessments.financial.services.weekly_contribution, the one
    place that caps the charge at the cost of the care."""
    budget = (
        PersonalBudget.objects.select_for_update()
        .filter(person=person, status=PersonalBudget.Status.ACTIVE)
        .first()
    )
    if budget is None:
        return ""
    contribution = weekly_contribution(person=person, weekly_cost=budget.weekly_total).weekly
    if contribution == budget.weekly_contribution:
        return f"{person.display_name}'s contribution stays at {pounds(contribution)} a week."
    starts = next_unpaid_day(budget)
    backdated = applies_from is not None and applies_from < starts
    if backdated:
        starts = max(applies_from, budget.starts_on)
    budget.weekly_contribution = contribution
    budget.weekly_la_share = budget.weekly_total - contribution
    budget.save()
    if backdated:
        why = f"the contribution changed from {long_date(starts)} on the new year's rates"
        _readjust_direct_payments(budget, starts, why)
    what = (
        f"From {long_date(starts)}, {person.display_name} pays {pounds(contribution)} a week "
        f"towards their care and the council pays {pounds(budget.weekly_la_share)} a week."
    )
    if budget.council_pays_nothing:
        what += _council_pays_nothing_text(budget)
    else:
        what += " The next payment from the council is net of the contribution."
    contribution_change_tell(_record(budget, starts, what, user))
    monitoring_rows.budgets_changed([budget.id])
    return what
