"""Approving a plan sets the budget in the same transaction: if budgets fails, nothing is
approved."""

from decimal import Decimal

import pytest

from budgets.models import BudgetPart, PersonalBudget
from support_plans import services
from support_plans.models import ApprovalDecision, SupportPlan
from support_plans.signals import plan_approved
from tests.builders import add_line, ready_plan

APPROVE = ApprovalDecision.Decision.APPROVED


def _checked_plan(person, social_worker):
    plan = ready_plan(person, person.user)
    services.plan_submit(plan=plan, user=person.user)
    services.plan_check(plan=plan, user=social_worker)
    return plan


def _budgets_fail(sender, **kwargs):
    raise RuntimeError("the budgets app could not set the budget")


def test_a_failing_budget_step_rolls_the_approval_back(eligible_person, social_worker, approver):
    plan = _checked_plan(eligible_person, social_worker)
    plan_approved.connect(_budgets_fail, dispatch_uid="test.budgets_fail")
    try:
        with pytest.raises(RuntimeError):
            services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    finally:
        plan_approved.disconnect(dispatch_uid="test.budgets_fail")
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.CHECKED
    assert not ApprovalDecision.objects.filter(plan=plan).exists()
    assert not PersonalBudget.objects.filter(person=eligible_person).exists()


def test_approval_sets_one_budget_part_per_way_the_money_is_managed(
    eligible_person, social_worker, approver, provider_org
):
    plan = ready_plan(eligible_person, eligible_person.user)
    add_line(plan, eligible_person.user, management="isf", provider=provider_org, cost="20.00")
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    budget = PersonalBudget.objects.get(person=eligible_person)
    parts = {(p.kind, p.provider_id): p.weekly_amount for p in budget.parts.all()}
    assert parts[(BudgetPart.Kind.DIRECT_PAYMENT, None)] == Decimal("150.00")
    assert parts[(BudgetPart.Kind.ISF, provider_org.id)] > 0
    assert budget.weekly_total == sum(parts.values())
