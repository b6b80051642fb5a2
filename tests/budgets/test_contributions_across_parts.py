"""Issue 11: a contribution larger than the direct payment is taken from the managed and ISF
parts as well (the person is told where it goes); a budget with a contribution but no direct
payment is invoiced, and a finance officer records each invoice paid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets.models import BudgetPart, ExpectedContribution
from budgets.payments import contributions, runs
from budgets.payments.due import net_weekly
from core.errors import DomainError

TODAY = timezone.localdate()
Kind = BudgetPart.Kind


def _with(budget, contribution: str, **parts):
    """Set the budget's parts' weekly amounts (kind=amount) and its contribution."""
    for kind, weekly in parts.items():
        BudgetPart.objects.update_or_create(
            budget=budget, kind=kind, provider=None, defaults={"weekly_amount": Decimal(weekly)}
        )
    budget.weekly_total = sum(p.weekly_amount for p in budget.parts.all())
    budget.weekly_contribution = Decimal(contribution)
    budget.weekly_la_share = budget.weekly_total - budget.weekly_contribution
    budget.save()
    return budget


def _url(budget):
    return reverse("payments:person_contributions", kwargs={"budget_id": budget.id})


def test_a_contribution_larger_than_the_direct_payment_is_taken_from_the_managed_part(
    client, budget, dp_part, council, person
):
    _with(budget, "200.00", direct_payment="150.00", council_managed="100.00")
    managed = budget.parts.get(kind=Kind.COUNCIL_MANAGED)
    split = contributions.contribution_split(budget)
    assert split == {dp_part.pk: Decimal("150.00"), managed.pk: Decimal("50.00")}
    assert contributions.part_net_weekly(budget, managed) == Decimal("50.00")
    assert net_weekly(budget, dp_part) == Decimal("0.00")
    client.force_login(person.user)
    page = client.get(_url(budget)).text
    assert "the council pays less into the other parts of the budget as well" in page
    assert "£150.00 a week less into Direct payment" in page
    assert "£50.00 a week less into Managed by the council" in page


def test_the_direct_payment_carries_the_contribution_first_then_managed_then_isf(budget, dp_part):
    _with(budget, "90.00", direct_payment="40.00", isf="100.00", council_managed="30.00")
    by_kind = {
        part.kind: contributions.contribution_split(budget)[part.pk] for part in budget.parts.all()
    }
    assert by_kind == {
        Kind.DIRECT_PAYMENT: Decimal("40.00"),
        Kind.COUNCIL_MANAGED: Decimal("30.00"),
        Kind.ISF: Decimal("20.00"),
    }


def test_a_contribution_within_the_direct_payment_leaves_the_other_parts_alone(
    budget, dp_part, council
):
    _with(budget, "20.00", direct_payment="150.00", council_managed="100.00")
    assert net_weekly(budget, dp_part) == Decimal("130.00")
    managed = budget.parts.get(kind=Kind.COUNCIL_MANAGED)
    assert contributions.part_net_weekly(budget, managed) == Decimal("100.00")
    assert "paid into the direct payment account" in contributions.contribution_where(budget)


@pytest.fixture
def invoiced_budget(budget, council, finance_officer):
    """Sam's support is all managed by the council; he contributes £25 a week."""
    _with(budget, "25.00", direct_payment="0.00", council_managed="150.00")
    runs.payment_run(authority=council, cycle_start=TODAY, run_by=finance_officer)
    return budget


def test_with_no_direct_payment_the_contribution_is_invoiced_not_expected_in_an_account(
    client, invoiced_budget, person
):
    expected = ExpectedContribution.objects.get(budget=invoiced_budget)
    assert expected.invoiced and expected.amount == Decimal("100.00")
    assert "the council sends an invoice each payment cycle instead" in (
        contributions.contribution_where(invoiced_budget)
    )
    client.force_login(person.user)
    page = client.get(_url(invoiced_budget)).text
    assert "Invoiced" in page and "Record as paid today" not in page
    assert client.post(_url(invoiced_budget), {"invoice_paid": expected.pk}).status_code == 404
    expected.refresh_from_db()
    assert expected.invoice_paid_on is None


def test_a_finance_officer_records_an_invoice_paid_and_it_stays_paid(
    client, invoiced_budget, council, finance_officer
):
    expected = ExpectedContribution.objects.get(budget=invoiced_budget)
    client.force_login(finance_officer)
    assert "Record as paid today" in client.get(_url(invoiced_budget)).text
    response = client.post(_url(invoiced_budget), {"invoice_paid": expected.pk}, follow=True)
    assert "is recorded as paid" in response.text
    expected.refresh_from_db()
    assert (expected.status, expected.invoice_paid_on, expected.invoice_paid_by) == (
        ExpectedContribution.Status.PAID,
        TODAY,
        finance_officer,
    )
    contributions.contributions_refresh(authority=council, today=TODAY + timedelta(days=60))
    expected.refresh_from_db()
    assert expected.status == ExpectedContribution.Status.PAID
    again = client.post(_url(invoiced_budget), {"invoice_paid": expected.pk}, follow=True)
    assert "already recorded as paid" in again.text
    with pytest.raises(DomainError, match="today or in the past"):
        expected.invoice_paid_on = None
        expected.save()
        contributions.contribution_invoice_paid(
            expected=expected, user=finance_officer, paid_on=TODAY + timedelta(days=1)
        )


def test_an_unpaid_invoice_still_turns_late_then_missing(invoiced_budget, council):
    contributions.contributions_refresh(authority=council, today=TODAY + timedelta(days=60))
    expected = ExpectedContribution.objects.get(budget=invoiced_budget)
    assert expected.status == ExpectedContribution.Status.MISSING
