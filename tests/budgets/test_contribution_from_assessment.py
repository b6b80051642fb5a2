"""Issue 9 item 3: completing a financial assessment after a budget is paid changes the
contribution from the next unpaid day, the next run pays net of it, the person is told, and an
approval made without any financial assessment says so and records it."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from budgets import ledger
from budgets.models import BudgetChange
from budgets.payments import runs
from notifications.models import Message
from support_plans.models import ApprovalDecision
from tests.builders import (
    add_line,
    approve,
    complete_eligible_assessment,
    pension_assessment_complete,
    pension_assessment_ready,
    ready_plan,
)

from .test_spending import held


def test_a_completed_assessment_changes_what_the_next_run_pays(
    dp_part, council, person, finance_officer
):
    budget = dp_part.budget
    runs.payment_run(authority=council, cycle_start=budget.starts_on, run_by=finance_officer)
    assert held(dp_part) == Decimal("600.00")

    done = pension_assessment_complete(person, finance_officer)

    budget.refresh_from_db()
    assert budget.weekly_contribution == Decimal("11.30")
    next_cycle = budget.starts_on + timedelta(days=28)
    change = BudgetChange.objects.filter(budget=budget).first()
    assert change.effective_from == next_cycle  # the first day not yet paid for
    assert "pays £11.30 a week" in change.what and change.recorded_by == finance_officer
    assert any("£11.30 a week" in text for text in done.changes_elsewhere)
    told = Message.objects.get(kind=Message.Kind.CONTRIBUTION_CHANGED)
    assert told.person == person and "£11.30 a week" in told.body
    assert "£138.70 a week" in told.body  # what the council pays

    run, _ = runs.payment_run(authority=council, cycle_start=next_cycle, run_by=finance_officer)
    assert run.total == Decimal("554.80")  # 4 weeks at £150 − £11.30
    assert not ledger.check_invariants()


def test_the_officer_is_told_what_changes_when_completing(
    client, dp_part, council, person, finance_officer
):
    budget = dp_part.budget
    runs.payment_run(authority=council, cycle_start=budget.starts_on, run_by=finance_officer)
    draft = pension_assessment_ready(person, finance_officer)
    client.force_login(finance_officer)
    url = reverse("financial_assessment:complete", args=[person.id, draft.id])
    page = client.post(url, follow=True).text
    assert "The financial assessment is complete" in page
    next_cycle = budget.starts_on + timedelta(days=28)
    assert f"From {next_cycle.day} " in page and "pays £11.30 a week" in page
    banner = page[page.index("govuk-notification-banner__content") :]
    heading, change = banner.split("</p>")[:2]
    assert "The financial assessment is complete" in heading and "pays £11.30" not in heading
    assert '<p class="govuk-body">From' in change  # the budget change on its own line


def test_approving_without_a_financial_assessment_says_so_and_is_recorded(
    client, council, person, social_worker, approver
):

    complete_eligible_assessment(person, social_worker, indicative_weekly="300")
    plan = ready_plan(person, person.user)
    add_line(plan, person.user, description="Evening visits", quantity="1", cost="10.00")
    from support_plans import services as plan_services

    plan_services.plan_submit(plan=plan, user=person.user)
    plan_services.plan_check(plan=plan, user=social_worker)
    client.force_login(approver)
    url = reverse("plan_approval:decide", args=[person.id, plan.id])
    page = client.get(url).text
    assert "has no completed financial assessment" in page
    plan_services.plan_decide(plan=plan, user=approver, decision="approved")
    decision = ApprovalDecision.objects.get(plan=plan)
    assert decision.without_financial_assessment
    assert "Approved before a financial assessment was completed" in client.get(url).text


def test_approving_after_a_financial_assessment_records_nothing_special(
    person, social_worker, approver, finance_officer
):
    complete_eligible_assessment(person, social_worker, indicative_weekly="300")
    pension_assessment_complete(person, finance_officer)
    plan = ready_plan(person, person.user)
    approve(plan, writer=person.user, checker=social_worker, approver=approver)
    assert not ApprovalDecision.objects.get(plan=plan).without_financial_assessment
