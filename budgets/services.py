"""Writes for personal budgets: create or update them from approved plans."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from core.errors import DomainError
from support_plans.costing import PlanCosts, plan_costs

from .models import BudgetPart, PersonalBudget


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
    budget.plan = plan
    budget.weekly_total = plan.weekly_total
    budget.weekly_la_share = plan.weekly_la_share
    budget.weekly_contribution = plan.weekly_contribution
    budget.save()
    costs = costs or plan_costs(plan.support_lines.all())
    wanted = costs.weekly_by_part
    for part in budget.parts.all():
        if (part.kind, part.provider_id) not in wanted:
            part.weekly_amount = Decimal("0.00")
            part.save()
    for (kind, provider_id), weekly in wanted.items():
        BudgetPart.objects.update_or_create(
            budget=budget, kind=kind, provider_id=provider_id, defaults={"weekly_amount": weekly}
        )
    return budget
