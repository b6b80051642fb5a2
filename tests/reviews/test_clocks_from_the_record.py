"""The clocks read from the record: an approved revision restarts the plan clock, the direct
payment clock keeps running from when the direct payment started."""

from datetime import timedelta

import pytest
from django.utils import timezone

from budgets.models import BudgetPart, PersonalBudget
from reviews.due import next_review_for
from reviews.schedule import Clock, add_months
from support_plans import services as plan_services
from tests.builders import approve

from .helpers import approved_days_ago, dates_from_the_record

pytestmark = pytest.mark.django_db


def _started_days_ago(budget, days, *, dp_too=True):
    approved_days_ago(budget.person, days)
    PersonalBudget.objects.filter(pk=budget.pk).update(
        starts_on=budget.starts_on - timedelta(days=days)
    )
    if dp_too:
        parts = BudgetPart.objects.filter(budget=budget)
        for part in parts:
            parts.filter(pk=part.pk).update(
                created_at=timezone.localtime(part.created_at) - timedelta(days=days)
            )
    dates_from_the_record(budget.person)


def test_a_review_past_its_date_is_overdue(budget, social_worker):
    _started_days_ago(budget, 100)
    due = next_review_for(social_worker, budget.person)
    assert due.status == "overdue"
    assert due.schedule.aligned_on == timezone.localdate() - timedelta(days=100 - 56)


def test_an_approved_revision_restarts_the_plan_clock_but_not_the_direct_payment_clock(
    budget, social_worker, approver
):
    person = budget.person
    _started_days_ago(budget, 100)
    revision = plan_services.plan_revise(
        plan=budget.plan, user=person.user, reason="Needs changed after a fall"
    )
    approve(revision, writer=person.user, checker=social_worker, approver=approver)
    today = timezone.localdate()
    due = next_review_for(social_worker, person)
    plan = due.schedule.due(Clock.PLAN)
    assert plan.due_on == today + timedelta(weeks=8)
    assert "after the plan last changed on" in plan.reason
    dp_started = today - timedelta(days=100)
    assert due.schedule.due(Clock.DIRECT_PAYMENT).due_on == add_months(dp_started, 6)
    assert due.status == "not_due"


def test_a_direct_payment_added_after_the_budget_started_runs_from_when_it_was_added(
    budget, social_worker
):
    _started_days_ago(budget, 100, dp_too=False)
    due = next_review_for(social_worker, budget.person)
    assert due.schedule.due(Clock.DIRECT_PAYMENT).due_on == add_months(timezone.localdate(), 6)


def test_a_direct_payment_now_paying_nothing_has_no_clock(budget, social_worker):
    BudgetPart.objects.filter(budget=budget).update(weekly_amount=0)
    dates_from_the_record(budget.person)
    due = next_review_for(social_worker, budget.person)
    assert due.schedule.due(Clock.DIRECT_PAYMENT) is None
