"""Payments in: the payment run page (preview, run, safe to run twice), contributions expected,
paid, late and missing, and payments recorded for managed accounts and ISFs."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets.models import (
    Account,
    BudgetPart,
    ExpectedContribution,
    PaymentRun,
    PersonalBudget,
    Transaction,
)
from budgets.payments import contributions, runs
from budgets.payments import services as payments
from core.errors import DomainError
from core.formats import long_date
from support_plans import services as plan_services
from support_plans.models import ApprovalDecision
from tests.builders import add_line, complete_eligible_assessment, pay_in, ready_plan

from ..factories import PersonFactory, UserFactory

TODAY = timezone.localdate()
CYCLE = TODAY  # the budgets in these tests start today


def held(part) -> Decimal:
    return Account.objects.get(part=part, kind=Account.Kind.HELD).balance


def with_contribution(budget, weekly: str) -> PersonalBudget:
    """The financial assessment's weekly charge, as approval would have fixed it."""
    budget.weekly_contribution = Decimal(weekly)
    budget.weekly_la_share = budget.weekly_total - budget.weekly_contribution
    budget.save()
    return budget


def cycle_url(day=CYCLE) -> str:
    return reverse("payments:payment_cycle", kwargs={"cycle_start": day})


@pytest.fixture
def second_person_budget(council, social_worker, approver):
    """Another person at the council, £210 a week by direct payment."""
    person = PersonFactory(
        local_authority=council, first_name="Ada", last_name="Ashworth", user=UserFactory()
    )
    complete_eligible_assessment(person, social_worker, indicative_weekly="300.00")
    plan = ready_plan(person, person.user)
    add_line(plan, person.user, description="Day centre", quantity="2", unit="day", cost="30.00")
    plan_services.plan_submit(plan=plan, user=person.user)
    plan_services.plan_check(plan=plan, user=social_worker)
    plan_services.plan_decide(plan=plan, user=approver, decision=ApprovalDecision.Decision.APPROVED)
    return PersonalBudget.objects.get(person=person)


def test_the_preview_shows_who_will_be_paid_how_much_net_of_contributions(
    client, budget, second_person_budget, finance_officer, council
):
    with_contribution(budget, "20.00")
    due = {p.person.last_name: p.amount for p in runs.due_payments(council, CYCLE)}
    assert due == {"Okafor": Decimal("520.00"), "Ashworth": Decimal("840.00")}
    client.force_login(finance_officer)
    page = client.get(cycle_url()).content.decode()
    assert "2 direct payments, £1,360.00 in all" in page
    assert "Sam Okafor" in page and "£520.00" in page and "Ada Ashworth" in page
    assert not Transaction.objects.exists() and not PaymentRun.objects.exists()


def test_running_twice_pays_once_and_says_who_ran_it(client, dp_part, finance_officer, confirm):
    client.force_login(finance_officer)
    first = confirm(cycle_url()).content.decode()
    assert "1 direct payment was paid, £600.00 in all" in first
    second = confirm(cycle_url()).content.decode()
    assert "already run on" in second and "by Chris Doyle, so nothing new was paid" in second
    assert PaymentRun.objects.count() == 1 and held(dp_part) == Decimal("600.00")
    assert Transaction.objects.filter(kind=Transaction.Kind.PAYMENT_IN).count() == 1


def test_the_run_page_chooses_a_cycle_and_suggests_the_next(client, dp_part, finance_officer):
    client.force_login(finance_officer)
    date_fields = {
        "cycle_start_0": CYCLE.day,
        "cycle_start_1": CYCLE.month,
        "cycle_start_2": CYCLE.year,
    }
    response = client.post(reverse("payments:payment_runs"), date_fields)
    assert response.status_code == 302 and response["Location"] == cycle_url()
    client.post(cycle_url())
    page = client.get(reverse("payments:payment_runs")).content.decode()
    next_start = CYCLE + timedelta(days=28)
    assert f"The next cycle starts on <strong>{long_date(next_start)}</strong>" in page


def test_a_cycle_overlapping_one_already_paid_is_refused(client, dp_part, finance_officer, confirm):
    client.force_login(finance_officer)
    confirm(cycle_url())
    overlapping = CYCLE + timedelta(days=14)
    response = client.post(
        reverse("payments:payment_runs"),
        {
            "cycle_start_0": overlapping.day,
            "cycle_start_1": overlapping.month,
            "cycle_start_2": overlapping.year,
        },
    )
    assert f"This overlaps the cycle that starts {long_date(CYCLE)}" in response.content.decode()
    response = client.post(cycle_url(overlapping), follow=True)
    assert "This overlaps the cycle" in response.content.decode()
    assert PaymentRun.objects.count() == 1 and held(dp_part) == Decimal("600.00")


@pytest.mark.parametrize(
    "fields, message",
    [
        ({}, "Enter the first day of the payment cycle"),
        (
            {"cycle_start_0": "31", "cycle_start_1": "2", "cycle_start_2": "2026"},
            "must be a real date",
        ),
        (
            {"cycle_start_0": "x", "cycle_start_1": "<b>", "cycle_start_2": "20"},
            "must be a real date",
        ),
        (
            {"cycle_start_0": "1", "cycle_start_1": "1", "cycle_start_2": "2099"},
            "within the next 4 weeks",
        ),
    ],
)
def test_bad_cycle_dates_are_explained(client, dp_part, finance_officer, fields, message):
    client.force_login(finance_officer)
    response = client.post(reverse("payments:payment_runs"), fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page


def test_a_cycle_date_that_is_not_a_date_is_not_found(client, finance_officer):
    client.force_login(finance_officer)
    assert client.get("/budgets/finance/payments/2026-02-31/").status_code == 404


def test_only_finance_staff_reach_the_payment_pages(client, dp_part, social_worker, person):
    for user in (social_worker, person.user):
        client.force_login(user)
        assert client.get(reverse("payments:payment_runs")).status_code == 404
        assert client.post(cycle_url()).status_code == 404
    assert not PaymentRun.objects.exists()


# Contributions.


@pytest.fixture
def paying_budget(budget):
    return with_contribution(budget, "20.00")


def test_contributions_are_expected_once_per_cycle(paying_budget, council, finance_officer):
    runs.payment_run(authority=council, cycle_start=CYCLE, run_by=finance_officer)
    runs.payment_run(authority=council, cycle_start=CYCLE, run_by=finance_officer)
    assert contributions.contributions_generate(authority=council, cycle_start=CYCLE) == 0
    expected = ExpectedContribution.objects.get()
    assert (expected.due_on, expected.amount) == (CYCLE, Decimal("80.00"))


def test_a_contribution_paid_in_marks_the_expected_one_paid(
    client, paying_budget, council, finance_officer, person
):
    runs.payment_run(authority=council, cycle_start=CYCLE, run_by=finance_officer)
    client.force_login(person.user)
    url = reverse("payments:person_contributions", kwargs={"budget_id": paying_budget.id})
    key = "6f1c1d7e-3a52-4c7e-9a59-0f1f8f1f2a10"
    fields = {
        "amount": "80.00",
        "paid_on_0": "3",
        "paid_on_1": "11",
        "paid_on_2": "2026",
        "note": "Ref SAM",
        "submission_key": key,
    }
    page = client.post(url, fields, follow=True).content.decode()
    assert "The contribution of £80.00 paid on 3 November 2026 has been logged" in page
    client.post(url, fields)  # sent twice: logged once
    txn = Transaction.objects.get(kind=Transaction.Kind.CONTRIBUTION)
    assert txn.idempotency_key == f"contribution:{key}" and txn.recorded_by == person.user
    expected = ExpectedContribution.objects.get()
    assert expected.status == ExpectedContribution.Status.PAID and expected.paid_by == txn
    assert ">Paid</strong> on 3 November 2026" in client.get(url).content.decode()


def test_unpaid_contributions_become_late_then_missing(paying_budget, council, finance_officer):
    for cycle in (TODAY - timedelta(days=42), TODAY - timedelta(days=7), TODAY):
        contributions.contributions_generate(authority=council, cycle_start=cycle)
        PaymentRun.objects.create(
            authority=council, cycle_start=cycle, run_by=finance_officer, run_at=timezone.now()
        )
    contributions.contributions_update(authority=council, user=finance_officer)
    statuses = dict(ExpectedContribution.objects.values_list("due_on", "status"))
    assert statuses == {
        TODAY - timedelta(days=42): "missing",
        TODAY - timedelta(days=7): "late",
        TODAY: "expected",
    }


def test_a_late_payment_pays_the_earliest_contribution_and_a_correction_undoes_it(
    paying_budget, council, finance_officer, dp_part, person
):
    from budgets import ledger

    for cycle in (TODAY - timedelta(days=56), TODAY - timedelta(days=28)):
        contributions.contributions_generate(authority=council, cycle_start=cycle)
    txn = contributions.contribution_log(
        budget=paying_budget,
        user=person.user,
        amount=Decimal("80.00"),
        paid_on=TODAY,
        submission_key="k1",
    )
    rows = list(ExpectedContribution.objects.order_by("due_on"))
    assert [r.status for r in rows] == ["paid", "missing"] and rows[0].paid_by == txn
    ledger.reverse(
        original=txn,
        recorded_by=person.user,
        reason="Bank returned it",
        on=TODAY,
        idempotency_key="fix-k1",
    )
    contributions.contributions_match(budget_ids=[paying_budget.id])
    contributions.contributions_mark(authority=council, budget_ids=[paying_budget.id], today=TODAY)
    assert list(ExpectedContribution.objects.values_list("status", flat=True)) == [
        "missing",
        "missing",
    ]


def test_a_contribution_of_a_different_amount_is_logged_but_does_not_mark_one_paid(
    paying_budget, council, person
):
    contributions.contributions_generate(authority=council, cycle_start=TODAY)
    contributions.contribution_log(
        budget=paying_budget,
        user=person.user,
        amount=Decimal("50.00"),
        paid_on=TODAY,
        submission_key="part",
    )
    assert ExpectedContribution.objects.get().status == ExpectedContribution.Status.EXPECTED
    assert Transaction.objects.filter(kind=Transaction.Kind.CONTRIBUTION).count() == 1


def test_the_council_list_shows_contributions_by_status(
    client, paying_budget, council, finance_officer
):
    PaymentRun.objects.create(
        authority=council,
        cycle_start=TODAY - timedelta(days=20),
        run_by=finance_officer,
        run_at=timezone.now(),
    )
    client.force_login(finance_officer)
    url = reverse("payments:contributions")
    page = client.post(url, follow=True).content.decode()
    assert "1 newly expected, 0 newly paid" in page and "Sam Okafor" in page
    late = client.get(url, {"status": "missing"}).content.decode()
    assert "1 contribution: missing" in late
    assert (
        "There are no contributions to show" in client.get(url, {"status": "paid"}).content.decode()
    )
    assert client.get(url, {"status": "nonsense"}).status_code == 200


@pytest.mark.parametrize(
    "fields, message",
    [
        ({}, "Enter an amount in pounds and pence"),
        ({"amount": "eighty"}, "Enter an amount in pounds and pence"),
        ({"amount": "0.00"}, "The amount must be more than £0"),
        ({"amount": "1e5"}, "Enter an amount in pounds and pence"),
        (
            {"amount": "80", "paid_on_0": "1", "paid_on_1": "1", "paid_on_2": "2099"},
            "today or in the past",
        ),
        (
            {"amount": "80", "paid_on_0": "30", "paid_on_1": "2", "paid_on_2": "2026"},
            "must be a real date",
        ),
        ({"amount": "80", "submission_key": "not-a-key"}, "This form has expired"),
    ],
)
def test_bad_contribution_input_is_explained_and_kept(
    client, paying_budget, person, fields, message
):
    client.force_login(person.user)
    url = reverse("payments:person_contributions", kwargs={"budget_id": paying_budget.id})
    response = client.post(
        url, {"submission_key": "6f1c1d7e-3a52-4c7e-9a59-0f1f8f1f2a10", **fields}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    if "amount" in fields:
        assert f'value="{fields["amount"]}"' in page
    assert not Transaction.objects.exists()


def test_contribution_pages_are_for_the_person_and_the_council(
    client, paying_budget, social_worker, other_person, provider_user
):
    url = reverse("payments:person_contributions", kwargs={"budget_id": paying_budget.id})
    client.force_login(social_worker)
    page = client.get(url)
    assert page.status_code == 200 and "Log the contribution" not in page.content.decode()
    assert client.post(url, {"amount": "80"}).status_code == 404
    for user in (other_person.user, provider_user):
        client.force_login(user)
        assert client.get(url).status_code == 404


# Managed accounts and individual service funds.


@pytest.fixture
def mixed_budget(person, social_worker, approver, provider_org):
    """Sam's budget: a direct payment, a council-managed account and an ISF at Brightside."""
    complete_eligible_assessment(person, social_worker, indicative_weekly="500.00")
    plan = ready_plan(person, person.user)
    add_line(
        plan,
        person.user,
        description="Respite",
        quantity="1",
        unit="week",
        cost="70.00",
        management="council_managed",
    )
    add_line(
        plan,
        person.user,
        description="Morning visits",
        quantity="7",
        unit="hour",
        cost="21.50",
        management="isf",
        provider=provider_org,
    )
    plan_services.plan_submit(plan=plan, user=person.user)
    plan_services.plan_check(plan=plan, user=social_worker)
    plan_services.plan_decide(plan=plan, user=approver, decision=ApprovalDecision.Decision.APPROVED)
    return PersonalBudget.objects.get(person=person)


def part_of(budget, kind) -> BudgetPart:
    return budget.parts.get(kind=kind)


def payment_fields(**extra) -> dict:
    last = TODAY + timedelta(days=27)
    return {
        "amount": "70.00",
        "paid_on_0": TODAY.day,
        "paid_on_1": TODAY.month,
        "paid_on_2": TODAY.year,
        "covers_from_0": TODAY.day,
        "covers_from_1": TODAY.month,
        "covers_from_2": TODAY.year,
        "covers_to_0": last.day,
        "covers_to_1": last.month,
        "covers_to_2": last.year,
        "payee": "Seaview Respite",
        "note": "A week in May",
        "submission_key": "0b7d5a47-6f55-4c8e-8a0e-2d8c1d1b5f30",
        **extra,
    }


def test_finance_staff_fund_a_managed_account_and_pay_from_it(
    client, mixed_budget, finance_officer, person
):
    managed = part_of(mixed_budget, BudgetPart.Kind.COUNCIL_MANAGED)
    url = reverse("payments:on_behalf", kwargs={"budget_id": mixed_budget.id})
    client.force_login(finance_officer)
    spend_first = client.post(url, payment_fields(part=managed.pk, kind="spend"))
    assert "There is £0.00 left, which is not enough" in spend_first.content.decode()
    client.post(
        url,
        payment_fields(
            part=managed.pk,
            kind="payment_in",
            amount="280.00",
            submission_key="11111111-1111-4111-8111-111111111111",
        ),
    )
    page = client.post(url, payment_fields(part=managed.pk, kind="spend"), follow=True)
    assert "Recorded: payment for support of £70.00" in page.content.decode()
    client.post(url, payment_fields(part=managed.pk, kind="spend"))  # sent twice
    assert held(managed) == Decimal("210.00")
    spent = Transaction.objects.get(part=managed, kind=Transaction.Kind.SPEND)
    assert spent.payee == "Seaview Respite" and spent.recorded_by == finance_officer
    assert spent.budget.person == person


def test_the_council_does_not_record_the_providers_isf_payments(
    client, mixed_budget, finance_officer
):
    isf = part_of(mixed_budget, BudgetPart.Kind.ISF)
    client.force_login(finance_officer)
    url = reverse("payments:on_behalf", kwargs={"budget_id": mixed_budget.id})
    page = client.post(url, payment_fields(part=isf.pk, kind="spend")).content.decode()
    assert "The provider holding the individual service fund records its payments" in page
    client.post(url, payment_fields(part=isf.pk, kind="payment_in", amount="602.00"))
    assert held(isf) == Decimal("602.00")


def test_the_provider_records_payments_from_its_own_isf_only(
    client, mixed_budget, provider_user, other_provider_user, finance_officer
):
    isf = part_of(mixed_budget, BudgetPart.Kind.ISF)
    pay_in(isf, finance_officer, "602.00", key="isf-fund")
    url = reverse("payments:isf", kwargs={"budget_id": mixed_budget.id})
    client.force_login(provider_user)
    assert "Sam Okafor" in client.get(reverse("payments:isf_people")).content.decode()
    page = client.post(
        url, payment_fields(payee="Carer wages, week 1", amount="150.50"), follow=True
    )
    assert "Recorded: a payment of £150.50 to Carer wages, week 1" in page.content.decode()
    assert held(isf) == Decimal("451.50")
    assert Transaction.objects.get(kind="spend").part == isf
    client.force_login(other_provider_user)
    assert client.get(url).status_code == 404
    assert client.post(url, payment_fields(amount="1.00")).status_code == 404
    with pytest.raises(DomainError, match="Only the provider holding this fund"):
        payments.isf_payment_record(
            part=part_of(mixed_budget, BudgetPart.Kind.COUNCIL_MANAGED),
            user=provider_user,
            details={"amount": Decimal("1"), "paid_on": TODAY, "payee": "x", "submission_key": "k"},
        )


def test_the_isf_page_shows_the_provider_nothing_but_its_fund(
    client, mixed_budget, provider_user, finance_officer, person
):
    from tests.builders import spend

    dp = part_of(mixed_budget, BudgetPart.Kind.DIRECT_PAYMENT)
    pay_in(dp, finance_officer, "600.00", key="dp")
    spend(dp, person.user, "12.34", "secret", payee="SENTINEL-DP-SPEND")
    client.force_login(provider_user)
    page = client.get(reverse("payments:isf", kwargs={"budget_id": mixed_budget.id}))
    assert (
        "SENTINEL-DP-SPEND" not in page.content.decode() and "£600.00" not in page.content.decode()
    )


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"amount": ""}, "Enter an amount in pounds and pence"),
        ({"amount": "-5"}, "The amount must be more than £0"),
        ({"payee": ""}, "Enter who was paid"),
        ({"paid_on_2": "2099"}, "today or in the past"),
        ({"paid_on_0": "1", "paid_on_1": "1", "paid_on_2": "2020"}, "on or after"),
        ({"payee": "x" * 201}, "200 characters or fewer"),
    ],
)
def test_bad_isf_payments_are_explained(client, mixed_budget, provider_user, fields, message):
    client.force_login(provider_user)
    url = reverse("payments:isf", kwargs={"budget_id": mixed_budget.id})
    response = client.post(url, payment_fields(**fields))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"part": ""}, "Choose the account"),
        ({"part": "999999"}, "Choose the account"),
        ({"kind": "recovery"}, "Choose money paid in or a payment made"),
        ({"kind": "spend", "payee": ""}, "Enter who was paid"),
        ({"amount": "12.345"}, "Enter an amount in pounds and pence"),
    ],
)
def test_bad_payments_on_behalf_are_explained(
    client, mixed_budget, finance_officer, fields, message
):
    managed = part_of(mixed_budget, BudgetPart.Kind.COUNCIL_MANAGED)
    client.force_login(finance_officer)
    url = reverse("payments:on_behalf", kwargs={"budget_id": mixed_budget.id})
    response = client.post(
        url, payment_fields(**{"part": managed.pk, "kind": "payment_in", **fields})
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not Transaction.objects.exists()


def test_the_person_sees_payments_made_for_them_on_their_money_list(
    client, mixed_budget, finance_officer, provider_user, person
):
    managed = part_of(mixed_budget, BudgetPart.Kind.COUNCIL_MANAGED)
    isf = part_of(mixed_budget, BudgetPart.Kind.ISF)
    pay_in(managed, finance_officer, "280.00", key="managed-fund")
    pay_in(isf, finance_officer, "602.00", key="isf-fund")
    details = {"amount": Decimal("70.00"), "paid_on": TODAY, "payee": "Seaview Respite"}
    payments.on_behalf_payment_record(
        part=managed, user=finance_officer, kind="spend", details={**details, "submission_key": "a"}
    )
    isf_details = {**details, "payee": "Brightside carers", "submission_key": "b"}
    payments.isf_payment_record(part=isf, user=provider_user, details=isf_details)
    client.force_login(person.user)
    page = client.get(reverse("budgets:money", kwargs={"budget_id": mixed_budget.id}))
    assert page.status_code == 200
    assert "Seaview Respite" in page.content.decode()
    assert "Brightside carers" in page.content.decode()
