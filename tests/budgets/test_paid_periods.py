"""No day of a direct payment is paid twice, however it was paid; runs stay inside the budget's
dates; a backdated run needs a reason and a second finance officer (issue: a period paid twice)."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.urls import reverse

from budgets import ledger
from budgets.models import Account, PaidPeriod, PaymentRun, Transaction
from budgets.payments import runs
from budgets.payments.due import part_due
from core.errors import DomainError
from people.models import StaffRole

from ..factories import staff_user


def held(part) -> Decimal:
    return Account.objects.get(part=part, kind=Account.Kind.HELD).balance


def migrated_payment(part, user, first, last, amount="300.00", key="migrated-1"):
    """A council payment brought over from the council's earlier records."""
    return ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal(amount),
            occurred_on=first,
            recorded_by=user,
            idempotency_key=key,
            covers=(first, last),
            covers_source=PaidPeriod.Source.MIGRATED,
        )
    )


@pytest.fixture
def second_officer(council):
    return staff_user(council, StaffRole.FINANCE_OFFICER, full_name="Robin Second")


def test_a_run_pays_only_the_days_an_earlier_payment_did_not(dp_part, council, finance_officer):
    start = dp_part.budget.starts_on
    migrated_payment(dp_part, finance_officer, start, start + timedelta(days=13))
    due = part_due(dp_part, start)
    assert due.periods == [(start + timedelta(days=14), start + timedelta(days=27))]
    assert due.amount == Decimal("300.00")  # 14 of 28 days of £150 a week
    assert "already paid" in due.note
    run, _ = runs.payment_run(authority=council, cycle_start=start, run_by=finance_officer)
    assert run.total == Decimal("300.00") and held(dp_part) == Decimal("600.00")
    assert not ledger.check_invariants()


def test_the_preview_lists_people_whose_days_are_already_paid(
    client, dp_part, council, finance_officer
):
    start = dp_part.budget.starts_on
    migrated_payment(dp_part, finance_officer, start, start + timedelta(days=27), "600.00")
    client.force_login(finance_officer)
    page = client.get(reverse("payments:payment_cycle", args=[start])).content.decode()
    assert "0 direct payments, £0.00 in all" in page
    assert "Already paid for these days" in page and "Brought over from earlier records" in page
    client.post(reverse("payments:payment_cycle", args=[start]))
    assert held(dp_part) == Decimal("600.00")  # nothing paid twice


def test_the_ledger_refuses_a_council_payment_for_days_already_paid(dp_part, finance_officer):
    start = dp_part.budget.starts_on
    migrated_payment(dp_part, finance_officer, start, start + timedelta(days=27), "600.00")
    with pytest.raises(DomainError, match="would be paid twice"):
        migrated_payment(
            dp_part,
            finance_officer,
            start + timedelta(days=27),
            start + timedelta(days=30),
            key="migrated-2",
        )
    assert PaidPeriod.objects.count() == 1


def test_a_run_never_pays_for_days_before_the_budget_starts(
    dp_part, council, finance_officer, second_officer
):
    start = dp_part.budget.starts_on
    cycle = start - timedelta(days=7)
    runs.backdated_run_request(
        authority=council, cycle_start=cycle, user=finance_officer, reason="Missed run"
    )
    run, created = runs.payment_run(authority=council, cycle_start=cycle, run_by=second_officer)
    assert created and run.total == Decimal("450.00")  # 21 days at £150 a week
    period = PaidPeriod.objects.get()
    assert (period.starts_on, period.ends_on) == (start, cycle + timedelta(days=27))


def test_a_run_never_pays_for_days_after_the_budget_ends(dp_part, council, finance_officer):
    budget = dp_part.budget
    budget.ends_on = budget.starts_on + timedelta(days=6)
    budget.save()
    run, _ = runs.payment_run(
        authority=council, cycle_start=budget.starts_on, run_by=finance_officer
    )
    assert run.total == Decimal("150.00")  # one week, to the day the budget ends


def test_a_backdated_run_needs_a_reason_and_a_second_officer(
    client, dp_part, council, finance_officer, second_officer, confirm
):
    cycle = dp_part.budget.starts_on - timedelta(days=1)
    url = reverse("payments:payment_cycle", args=[cycle])
    client.force_login(finance_officer)
    page = client.get(url).content.decode()
    assert "paying it now is backdated" in page and "Ask a second officer to confirm" in page
    refused = client.post(url, {"reason": ""}).content.decode()
    assert "There is a problem" in refused and "Say why this cycle is being paid late" in refused
    with pytest.raises(DomainError, match="backdated"):
        runs.payment_run(authority=council, cycle_start=cycle, run_by=finance_officer)
    client.post(url, {"reason": "The run was missed while the system was down"})
    run = PaymentRun.objects.get()
    assert run.status == PaymentRun.Status.WAITING and not Transaction.objects.exists()
    waiting = client.get(url).content.decode()
    assert "Another finance officer must check it and confirm it" in waiting
    with pytest.raises(DomainError, match="another finance officer must confirm"):
        runs.payment_run(authority=council, cycle_start=cycle, run_by=finance_officer)
    client.force_login(second_officer)
    assert "Confirm and pay" in client.get(url).content.decode()
    done = confirm(url).content.decode()
    assert "1 direct payment was paid" in done and "The run was missed" in done
    run.refresh_from_db()
    assert run.is_paid and run.requested_by == finance_officer and run.run_by == second_officer


def test_ledger_check_reports_a_day_paid_twice(dp_part, finance_officer):
    start = dp_part.budget.starts_on
    txn, _ = migrated_payment(dp_part, finance_officer, start, start + timedelta(days=27), "600.00")
    overlapping = dict(
        part=dp_part,
        starts_on=start + timedelta(days=20),
        ends_on=start + timedelta(days=40),
        weekly_rate=Decimal("150"),
        source=PaidPeriod.Source.MANUAL,
    )
    if connection.vendor == "postgresql":
        # PostgreSQL refuses the row itself (an exclusion constraint), whatever code writes it.
        with pytest.raises(IntegrityError), transaction.atomic():
            PaidPeriod.objects.create(**overlapping)
        return
    PaidPeriod.objects.create(**overlapping)
    problems = ledger.check_invariants()
    assert any("some days were paid twice" in problem for problem in problems)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_running_overlapping_cycles_at_once_pay_once(
    dp_part, council, finance_officer, second_officer
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    start = dp_part.budget.starts_on
    barrier, outcomes = threading.Barrier(2), []

    def run(cycle_start, user):
        barrier.wait()
        try:
            runs.payment_run(authority=council, cycle_start=cycle_start, run_by=user)
            outcomes.append("paid")
        except DomainError as error:
            outcomes.append(error.message)
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=run, args=(start, finance_officer)),
        threading.Thread(target=run, args=(start + timedelta(days=7), second_officer)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("paid") == 1, outcomes
    assert PaymentRun.objects.count() == 1
    assert not ledger.check_invariants()
