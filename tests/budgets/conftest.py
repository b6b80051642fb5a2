"""A person with an approved plan, so a budget with a direct payment part exists."""

from datetime import date
from decimal import Decimal

import pytest

from budgets import ledger
from budgets.models import BudgetPart, PersonalBudget, Transaction
from support_plans import services as plan_services
from support_plans.models import ApprovalDecision

from ..support_plans.conftest import complete_eligible_assessment, ready_plan


@pytest.fixture
def budget(person, social_worker, approver):
    """Sam's budget: £150 a week by direct payment (10 hours of a PA at £15)."""
    complete_eligible_assessment(person, social_worker, indicative_weekly="300.00")
    plan = ready_plan(person, person.user)
    plan_services.plan_submit(plan=plan, user=person.user)
    plan_services.plan_check(plan=plan, user=social_worker)
    plan_services.plan_decide(plan=plan, user=approver, decision=ApprovalDecision.Decision.APPROVED)
    return PersonalBudget.objects.get(person=person)


@pytest.fixture
def dp_part(budget):
    return budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)


def pay_in(part, user, amount, key="pay-1", on=date(2026, 11, 2)):
    return ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal(amount),
            occurred_on=on,
            recorded_by=user,
            idempotency_key=key,
        )
    )


def spend(part, user, amount, key, on=date(2026, 11, 3), payee="Jo (PA)"):
    return ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.SPEND,
            amount=Decimal(amount),
            occurred_on=on,
            recorded_by=user,
            idempotency_key=key,
            payee=payee,
        )
    )
