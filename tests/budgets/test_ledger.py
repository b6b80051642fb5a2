"""docs/quality.md #2–6: append-only, balances equal entries, replays create nothing, one
rounding."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from budgets import ledger
from budgets.models import Account, Entry, PaymentRun, Transaction
from budgets.payments import runs
from budgets.payments.due import part_due
from core.errors import DomainError
from tests.builders import pay_in, spend


def _held(part):
    return Account.objects.get(part=part, kind=Account.Kind.HELD)


def test_an_approved_plan_creates_the_budget_and_its_direct_payment(budget, dp_part):
    assert budget.weekly_total == Decimal("150.00")
    assert dp_part.weekly_amount == Decimal("150.00")
    assert part_due(dp_part, budget.starts_on).amount == Decimal("600.00")


def test_every_transaction_sums_to_zero_and_balances_match(dp_part, person):
    pay_in(dp_part, person.user, "600.00")
    spend(dp_part, person.user, "45.50", "s1")
    txn, _ = spend(dp_part, person.user, "30.00", "s2")
    ledger.reverse(
        original=txn,
        recorded_by=person.user,
        reason="Typed the wrong amount",
        on=date(2026, 11, 4),
        idempotency_key="fix-s2",
    )
    assert _held(dp_part).balance == Decimal("554.50")
    assert ledger.balance(_held(dp_part)) == Decimal("554.50")
    assert ledger.check_invariants() == []
    call_command("ledger_check")


def test_replaying_a_posting_creates_nothing(dp_part, person):
    first, created = pay_in(dp_part, person.user, "600.00", key="same")
    again, created_again = pay_in(dp_part, person.user, "600.00", key="same")
    assert created and not created_again and first == again
    assert Transaction.objects.count() == 1 and _held(dp_part).balance == Decimal("600.00")


def test_a_spend_that_would_overdraw_is_refused_with_a_clear_message(dp_part, person):
    pay_in(dp_part, person.user, "100.00")
    with pytest.raises(DomainError, match="not enough for this £100.01"):
        spend(dp_part, person.user, "100.01", "too-much")
    assert _held(dp_part).balance == Decimal("100.00")


def test_a_correction_can_be_made_once_only(dp_part, person):
    pay_in(dp_part, person.user, "100.00")
    txn, _ = spend(dp_part, person.user, "10.00", "s")
    ledger.reverse(
        original=txn,
        recorded_by=person.user,
        reason="Wrong",
        on=date(2026, 11, 5),
        idempotency_key="fix-1",
    )
    with pytest.raises(DomainError, match="already been corrected"):
        ledger.reverse(
            original=txn,
            recorded_by=person.user,
            reason="Wrong",
            on=date(2026, 11, 5),
            idempotency_key="fix-2",
        )


def test_ledger_check_finds_a_tampered_balance(dp_part, person):
    pay_in(dp_part, person.user, "100.00")
    Account.objects.filter(pk=_held(dp_part).pk).update(balance=Decimal("1000000.00"))
    with pytest.raises(Exception, match="1 problem"):
        call_command("ledger_check")


def test_posted_entries_cannot_be_updated(dp_part, person):
    pay_in(dp_part, person.user, "100.00")
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.update(amount=Decimal("1.00"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the DELETE trigger is PostgreSQL's")
def test_posted_entries_and_transactions_cannot_be_deleted_on_postgresql(dp_part, person):
    pay_in(dp_part, person.user, "100.00")
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM budgets_entry")
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE budgets_transaction SET amount = 1")
    assert Entry.objects.count() == 2


def test_payment_run_pays_each_direct_payment_once(dp_part, council, finance_officer):
    start = dp_part.budget.starts_on
    run, created = runs.payment_run(authority=council, cycle_start=start, run_by=finance_officer)
    assert created and run.payments == 1 and run.total == Decimal("600.00")
    again, created_again = runs.payment_run(
        authority=council, cycle_start=start, run_by=finance_officer
    )
    assert not created_again and again == run
    assert PaymentRun.objects.count() == 1 and _held(dp_part).balance == Decimal("600.00")


def test_only_finance_staff_can_run_payments(dp_part, council, social_worker):
    with pytest.raises(DomainError, match="finance officers"):
        runs.payment_run(
            authority=council, cycle_start=dp_part.budget.starts_on, run_by=social_worker
        )


def test_a_key_used_for_another_account_is_refused(dp_part, person, represented_person):
    from tests.builders import pay_in as pay

    pay(dp_part, person.user, "10.00", key="shared-key")
    other = type(dp_part).objects.create(
        budget=dp_part.budget, kind="council_managed", weekly_amount=Decimal("1.00")
    )
    with pytest.raises(DomainError, match="expired"):
        pay(other, person.user, "10.00", key="shared-key")


def test_a_payment_run_overlapping_a_paid_cycle_is_refused(dp_part, council, finance_officer):
    start = dp_part.budget.starts_on
    runs.payment_run(authority=council, cycle_start=start, run_by=finance_officer)
    with pytest.raises(DomainError, match="paid twice"):
        runs.payment_run(
            authority=council, cycle_start=start + timedelta(days=14), run_by=finance_officer
        )
    assert PaymentRun.objects.count() == 1


def test_the_part_keeps_its_newest_record_as_the_ledger_posts(dp_part, person):
    """Monitoring reads the cached newest record ("no records for 12 weeks", issue 15): a
    record moves it forward, an earlier-dated record or a council payment in leaves it, a
    correction counts, and ledger_check proves it against the records."""
    pay_in(dp_part, person.user, "600.00", on=date(2026, 11, 2))
    dp_part.refresh_from_db()
    assert dp_part.last_record_on is None  # the council's payment is not the person's record
    txn, _ = spend(dp_part, person.user, "10.00", "s1", on=date(2026, 11, 5))
    spend(dp_part, person.user, "10.00", "s2", on=date(2026, 11, 3))
    dp_part.refresh_from_db()
    assert dp_part.last_record_on == date(2026, 11, 5)
    ledger.reverse(
        original=txn,
        recorded_by=person.user,
        reason="Typed the wrong amount",
        on=date(2026, 11, 9),
        idempotency_key="fix-s1",
    )
    dp_part.refresh_from_db()
    assert dp_part.last_record_on == date(2026, 11, 9)
    assert ledger.check_invariants() == []

    type(dp_part).objects.filter(pk=dp_part.pk).update(last_record_on=date(2026, 11, 4))
    assert ledger.check_invariants() == [
        f"Part {dp_part.pk}: newest record cached as 2026-11-04 but the records say 2026-11-09"
    ]


def test_a_plan_change_never_writes_back_a_stale_newest_record(budget, dp_part, person):
    """Setting the parts of a changed plan writes only their amounts: a record posted after
    the parts were read keeps its date (a whole save wrote the stale one back)."""
    from budgets.models import PersonalBudget
    from budgets.services import _set_parts

    read_before = PersonalBudget.objects.prefetch_related("parts").get(pk=budget.pk)
    pay_in(dp_part, person.user, "600.00", on=date(2026, 11, 2))
    spend(dp_part, person.user, "10.00", "s1", on=date(2026, 11, 5))
    _set_parts(read_before, {})  # the plan no longer uses the direct payment: it pays £0
    dp_part.refresh_from_db()
    assert dp_part.weekly_amount == Decimal("0.00")
    assert dp_part.last_record_on == date(2026, 11, 5)
    assert ledger.check_invariants() == []


@pytest.mark.django_db
def test_balances_are_written_from_pairs_and_nothing_is_sent_for_no_accounts(dp_part, person):
    pay_in(dp_part, person.user, "100.00")
    held = Account.objects.get(part=dp_part, kind=Account.Kind.HELD)
    held.balance = Decimal("123.45")
    ledger._write_balances([held])
    assert Account.objects.get(pk=held.pk).balance == Decimal("123.45")
    ledger._write_balances([])  # a batch that moved no account: no UPDATE with no values
