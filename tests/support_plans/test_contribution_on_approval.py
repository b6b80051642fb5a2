"""Issue 11: the charge is capped by the approved cost of the plan, worked out again whenever a
plan is approved or revised; when the contribution is the whole budget the council pays nothing,
the direct payment stops and the person arranges and pays for their own care.

What the person pays always comes from assessments.financial.services.weekly_contribution.
"""

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from assessments.financial import services as financial
from budgets import ledger
from budgets.models import BudgetChange, ExpectedContribution, PaidPeriod, PersonalBudget
from budgets.payments import runs
from budgets.payments.contributions import contributions_generate
from support_plans import services
from support_plans.models import SupportLine
from tests.builders import approve, pension_assessment_complete, ready_plan, spend

from .test_plan_pdfs import needs_poppler, pdf_text

LINE_FIELDS = [
    "description",
    "provider_kind",
    "provider",
    "payee",
    "quantity_per_week",
    "unit",
    "unit_cost",
    "weeks_a_year",
    "management",
    "dp_holder",
    "account_type",
]


def _change_the_line(plan, user, **changes) -> SupportLine:
    """Change the plan's one line, keeping it the same support (carried from the last revision)."""
    line = plan.support_lines.get()
    details = {name: getattr(line, name) for name in LINE_FIELDS} | changes
    return services.support_line_update(
        plan=plan, user=user, line=line, details=details, outcomes=list(line.outcomes.all())
    )


def _revise(plan, person, social_worker, approver, **changes):
    revision = services.plan_revise(plan=plan, user=person.user, reason="My needs changed")
    _change_the_line(revision, person.user, **changes)
    return approve(revision, writer=person.user, checker=social_worker, approver=approver)


def _full_cost_assessment(person, officer, weekly_cost="100.00"):
    draft = financial.financial_assessment_start(person=person, started_by=officer)
    financial.financial_assessment_update(
        assessment=draft,
        user=officer,
        data={"declined_to_disclose": True, "weekly_cost_of_care": Decimal(weekly_cost)},
    )
    return financial.financial_assessment_complete(assessment=draft, user=officer)


@pytest.fixture
def assessed(eligible_person, finance_officer):
    """Sam, eligible, with a financial assessment charging £11.30 a week."""
    pension_assessment_complete(eligible_person, finance_officer)
    return eligible_person


# Approval and revision work the contribution out again.


def test_approval_caps_the_charge_at_the_approved_cost(assessed, social_worker, approver):
    plan = approve(
        ready_plan(assessed, assessed.user),  # £150 a week
        writer=assessed.user,
        checker=social_worker,
        approver=approver,
    )
    assert (plan.weekly_contribution, plan.weekly_la_share, plan.weekly_direct_payment) == (
        Decimal("11.30"),
        Decimal("138.70"),
        Decimal("138.70"),
    )
    assert not plan.council_pays_nothing


def test_a_revision_works_the_contribution_out_again_against_the_new_cost(
    assessed, social_worker, approver, finance_officer, council
):
    first = approve(
        ready_plan(assessed, assessed.user),
        writer=assessed.user,
        checker=social_worker,
        approver=approver,
    )
    budget = PersonalBudget.objects.get(person=assessed)
    part = budget.parts.get(kind="direct_payment")
    runs.payment_run(authority=council, cycle_start=budget.starts_on, run_by=finance_officer)
    spent = spend(part, assessed.user, "45.00", "before", on=budget.starts_on)
    paid_before = list(PaidPeriod.objects.filter(part=part).values_list("starts_on", "ends_on"))

    # 1 hour at £10 a week: less than the £11.30 charge, so the charge is capped at £10.
    revision = _revise(
        first, assessed, social_worker, approver, quantity_per_week=Decimal("1"), unit_cost=10
    )

    assert (revision.weekly_total, revision.weekly_contribution) == (
        Decimal("10.00"),
        Decimal("10.00"),
    )
    budget.refresh_from_db()
    assert budget.plan_id == revision.id and budget.weekly_contribution == Decimal("10.00")
    # The same budget: what was paid and spent stays as it was.
    assert list(PaidPeriod.objects.filter(part=part).values_list("starts_on", "ends_on")) == (
        paid_before
    )
    assert spent[0].budget_id == budget.id and ledger.held_balance(budget=budget) == Decimal(
        "509.80"
    )  # £554.80 paid for the first 4 weeks, less £45 spent
    assert not ledger.check_invariants()
    change = BudgetChange.objects.filter(budget=budget).first()
    assert "went from £11.30 to £10.00 a week" in change.what


def test_a_full_cost_payer_pays_the_new_cost_after_a_revision(
    eligible_person, social_worker, approver, finance_officer
):
    _full_cost_assessment(eligible_person, finance_officer)
    first = approve(
        ready_plan(eligible_person, eligible_person.user),
        writer=eligible_person.user,
        checker=social_worker,
        approver=approver,
    )
    assert first.weekly_contribution == Decimal("150.00")
    revision = _revise(first, eligible_person, social_worker, approver, quantity_per_week=12)
    assert (revision.weekly_total, revision.weekly_contribution, revision.weekly_la_share) == (
        Decimal("180.00"),
        Decimal("180.00"),
        Decimal("0.00"),
    )


# When the contribution is the whole budget, the council pays nothing.


@pytest.fixture
def pays_it_all(eligible_person, social_worker, approver, finance_officer):
    """Sam chose not to tell the council about their money: they pay the whole £150 a week."""
    _full_cost_assessment(eligible_person, finance_officer)
    return approve(
        ready_plan(eligible_person, eligible_person.user),
        writer=eligible_person.user,
        checker=social_worker,
        approver=approver,
    )


def test_the_plan_says_the_council_pays_nothing_and_the_person_arranges_their_care(
    client, pays_it_all
):
    assert pays_it_all.council_pays_nothing
    assert pays_it_all.weekly_direct_payment == 0 and pays_it_all.direct_payment_frequency == ""
    client.force_login(pays_it_all.person.user)
    page = unescape(client.get(reverse("plans:plan", args=[pays_it_all.id])).content.decode())
    assert "Your contribution of £150.00 a week is the whole personal budget" in page
    assert "the council pays nothing towards your care" in page
    assert "There is no direct payment: it stops, and you arrange and pay for your own care" in page
    assert "If you would like help to arrange it, ask" in page
    assert "paid every 4 weeks" not in page


def test_staff_read_the_same_in_the_persons_name(client, pays_it_all, social_worker):
    client.force_login(social_worker)
    page = unescape(client.get(reverse("plans:plan", args=[pays_it_all.id])).content.decode())
    assert "Sam Okafor arranges and pays for their own care" in page


def test_the_budget_page_says_the_direct_payment_stops(client, pays_it_all):
    budget = PersonalBudget.objects.get(plan=pays_it_all)
    assert budget.council_pays_nothing
    client.force_login(pays_it_all.person.user)
    page = unescape(client.get(reverse("budgets:dashboard", args=[budget.id])).content.decode())
    assert "The direct payment stops: the council makes no more payments into it" in page
    assert "You arrange and pay for your own care" in page
    assert "into the direct payment account" not in page
    change = BudgetChange.objects.get(budget=budget)
    assert "The direct payment stops" in change.what and "Sam Okafor arranges" in change.what


def test_no_direct_payment_is_made_at_nothing_and_no_contribution_is_expected(
    pays_it_all, council, finance_officer
):
    budget = PersonalBudget.objects.get(plan=pays_it_all)
    assert runs.due_payments(council, budget.starts_on) == []
    run, _ = runs.payment_run(
        authority=council, cycle_start=budget.starts_on, run_by=finance_officer
    )
    assert (run.payments, run.total) == (0, Decimal("0.00"))
    assert not PaidPeriod.objects.filter(part__budget=budget).exists()
    assert contributions_generate(authority=council, cycle_start=budget.starts_on) == 0
    assert not ExpectedContribution.objects.filter(budget=budget).exists()


def test_a_revision_that_leaves_the_council_paying_nothing_stops_the_direct_payment(
    assessed, social_worker, approver, finance_officer, council
):
    first = approve(
        ready_plan(assessed, assessed.user),
        writer=assessed.user,
        checker=social_worker,
        approver=approver,
    )
    budget = PersonalBudget.objects.get(person=assessed)
    runs.payment_run(authority=council, cycle_start=budget.starts_on, run_by=finance_officer)
    _revise(first, assessed, social_worker, approver, quantity_per_week=Decimal("1"), unit_cost=10)
    budget.refresh_from_db()
    assert budget.council_pays_nothing
    next_cycle = budget.starts_on + timedelta(days=28)
    assert runs.due_payments(council, next_cycle) == []
    run, _ = runs.payment_run(authority=council, cycle_start=next_cycle, run_by=finance_officer)
    assert run.payments == 0 and run.total == 0
    assert not ExpectedContribution.objects.filter(budget=budget, due_on=next_cycle).exists()


def test_a_financial_assessment_that_covers_the_whole_budget_says_the_payment_stops(
    dp_part, person, finance_officer
):
    done = _full_cost_assessment(person, finance_officer, weekly_cost="150.00")
    budget = dp_part.budget
    budget.refresh_from_db()
    assert budget.weekly_contribution == Decimal("150.00") and budget.council_pays_nothing
    told = " ".join(done.changes_elsewhere)
    assert "the council pays £0.00 a week" in told
    assert "The direct payment stops" in told and "arranges and pays for their own care" in told


def test_the_approver_and_the_decisions_page_say_the_council_pays_nothing(
    client, pays_it_all, approver
):
    person = pays_it_all.person
    client.force_login(approver)
    url = reverse("plan_approval:decide", args=[person.id, pays_it_all.id])
    page = unescape(client.get(url).content.decode())
    assert "Sam Okafor's contribution is the whole personal budget" in page
    assert "None: the council pays nothing" in page
    client.force_login(person.user)
    decisions = reverse("plan_approval:decisions", args=[person.id])
    page = unescape(client.get(decisions).content.decode())
    assert "There is no direct payment: it stops, and you arrange and pay for your own care" in page
    assert "The contribution is paid into the direct payment account" not in page


@needs_poppler
def test_the_plan_pdf_says_the_council_pays_nothing(client, pays_it_all, tmp_path):
    client.force_login(pays_it_all.person.user)
    response = client.get(reverse("plans:plan_pdf", args=[pays_it_all.id]))
    text = pdf_text(response.content, tmp_path)
    assert "so the council pays nothing towards their care" in text
    assert "Sam Okafor arranges and pays for their own care" in text
