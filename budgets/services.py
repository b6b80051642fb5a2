"""Writes for personal budgets: create or update them from approved plans.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from core.errors import DomainError
from support_plans.costing import plan_totals

from .models import BudgetPart, PersonalBudget


def _parts_from_plan(plan) -> dict:
    """{(kind, provider or None): weekly amount} from the plan's lines."""
    groups: dict = {}
    for line in plan.support_lines.all():
        provider = line.provider if line.management == BudgetPart.Kind.ISF else None
        groups.setdefault((line.management, provider), []).append(line)
    return {key: plan_totals(lines).weekly for key, lines in groups.items()}


@db_transaction.atomic
def budget_from_approved_plan(*, plan) -> PersonalBudget:
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
    wanted = _parts_from_plan(plan)
    for part in budget.parts.all():
        if (part.kind, part.provider) not in wanted:
            part.weekly_amount = Decimal("0.00")
            part.save()
    for (kind, provider), weekly in wanted.items():
        BudgetPart.objects.update_or_create(
            budget=budget, kind=kind, provider=provider, defaults={"weekly_amount": weekly}
        )
    return budget
