"""A payment run posts its payments together (ledger.post_payments_in), a few hundred at a time:
the same rules as one posting at a time (each part's accounts locked, a replayed key posts
nothing new, no day paid twice), a fixed number of queries however many people it pays, and
all or nothing (issue 15: a run of 10,000 made about eight queries a payment)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db import transaction as db_transaction
from django.test.utils import CaptureQueriesContext

from budgets import ledger
from budgets.models import Account, PaidPeriod, PaymentAdjustment, PersonalBudget, Transaction
from budgets.payments import runs
from core.errors import DomainError
from people.models import User
from tests.builders import approve, complete_eligible_assessment, ready_plan

from ..factories import PersonFactory, UserFactory

PAYMENT_IN = Transaction.Kind.PAYMENT_IN


def budgets_at(council, social_worker, approver, how_many: int) -> list[PersonalBudget]:
    """More people at the council, each with £150 a week by direct payment."""
    made = []
    for n in range(how_many):
        person = PersonFactory(
            local_authority=council, first_name=f"Person{n}", last_name="Batch", user=UserFactory()
        )
        complete_eligible_assessment(person, social_worker, indicative_weekly="300.00")
        approve(ready_plan(person, person.user), writer=person.user, checker=social_worker,
                approver=approver)  # fmt: skip
        made.append(PersonalBudget.objects.get(person=person))
    return made


def direct_payment(budget):
    return budget.parts.get(kind="direct_payment")


def held(part) -> Decimal:
    return Account.objects.get(part=part, kind=Account.Kind.HELD).balance


def payment(part, user, first, last, key, amount="300.00") -> ledger.Posting:
    return ledger.Posting(
        part=part,
        kind=PAYMENT_IN,
        amount=Decimal(amount),
        occurred_on=first,
        recorded_by=user,
        idempotency_key=key,
        covers=(first, last),
    )


def test_a_run_posted_in_several_batches_pays_everyone_once(
    budget, dp_part, council, social_worker, approver, finance_officer, monkeypatch
):
    monkeypatch.setattr(ledger, "BATCH_SIZE", 2)  # 4 people: batches of 2, 2
    others = budgets_at(council, social_worker, approver, 3)
    run, paid = runs.payment_run(
        authority=council, cycle_start=budget.starts_on, run_by=finance_officer
    )
    assert paid and run.payments == 4 and run.total == Decimal("2400.00")
    for part in [dp_part] + [direct_payment(other) for other in others]:
        assert held(part) == Decimal("600.00")
        [period] = PaidPeriod.objects.filter(part=part)
        assert period.days == 28 and period.transaction.amount == Decimal("600.00")
    assert not ledger.check_invariants()
    again, paid_again = runs.payment_run(
        authority=council, cycle_start=budget.starts_on, run_by=finance_officer
    )
    assert not paid_again and Transaction.objects.filter(kind=PAYMENT_IN).count() == 4


def run_queries(council, officer, cycle_start) -> int:
    officer = User.objects.get(pk=officer.pk)  # the officer's roles not read yet, each time
    with CaptureQueriesContext(connection) as queries:
        runs.payment_run(authority=council, cycle_start=cycle_start, run_by=officer)
    return len(queries)


def test_a_run_makes_the_same_number_of_queries_for_one_person_or_many(
    budget, council, social_worker, approver, finance_officer
):
    alone = run_queries(council, finance_officer, budget.starts_on)
    budgets_at(council, social_worker, approver, 4)
    next_cycle = budget.starts_on + timedelta(days=28)
    many = run_queries(council, finance_officer, next_cycle)
    assert Transaction.objects.filter(kind=PAYMENT_IN, occurred_on=next_cycle).count() == 5
    assert many == alone, f"{alone} queries to pay 1 person, {many} to pay 5"


def adjustment(part, amount, reason, new_weekly="150.00") -> PaymentAdjustment:
    """A change to the first cycle's payment, waiting for the run (as a plan revision or a
    written notice would leave one)."""
    starts = part.budget.starts_on
    return PaymentAdjustment.objects.create(
        part=part,
        amount=Decimal(amount),
        from_date=starts,
        to_date=starts + timedelta(days=27),
        old_weekly=Decimal("150.00"),
        new_weekly=Decimal(new_weekly),
        reason=reason,
    )


def test_a_reduction_bigger_than_the_payment_marks_the_days_paid_and_the_rest_waits(
    budget, dp_part, council, finance_officer
):
    adjustment(dp_part, "-700.00", "Paid twice last month")
    run, _ = runs.payment_run(
        authority=council, cycle_start=budget.starts_on, run_by=finance_officer
    )
    assert run.payments == 0 and run.total == Decimal("0.00")
    [period] = PaidPeriod.objects.filter(part=dp_part)
    assert period.transaction is None and period.days == 28
    taken = PaymentAdjustment.objects.get(reason="Paid twice last month")
    assert taken.applied_on == budget.starts_on
    rest = PaymentAdjustment.objects.get(applied_on=None)
    assert rest.amount == Decimal("-100.00") and rest.reason == "The rest of: Paid twice last month"
    next_cycle = budget.starts_on + timedelta(days=28)
    run, _ = runs.payment_run(authority=council, cycle_start=next_cycle, run_by=finance_officer)
    assert run.total == Decimal("500.00") and held(dp_part) == Decimal("500.00")
    assert not ledger.check_invariants()


def test_a_top_up_is_paid_as_its_own_payment_and_names_it(
    budget, dp_part, council, finance_officer
):
    top_up = adjustment(dp_part, "120.00", "Top-up: £30 a week more", new_weekly="180.00")
    run, _ = runs.payment_run(
        authority=council, cycle_start=budget.starts_on, run_by=finance_officer
    )
    assert run.payments == 1 and run.total == Decimal("720.00")
    top_up.refresh_from_db()
    assert top_up.applied_on == budget.starts_on
    assert top_up.applied_in.amount == Decimal("120.00")
    assert top_up.applied_in.note == "Top-up: £30 a week more"
    assert not hasattr(top_up.applied_in, "paid_period")


@pytest.mark.django_db(transaction=True)
def test_two_payments_in_one_batch_for_the_same_days_post_nothing(dp_part, finance_officer):
    start = dp_part.budget.starts_on
    with pytest.raises(DomainError, match="would be paid twice"):
        with db_transaction.atomic():
            ledger.post_payments_in(
                [
                    payment(dp_part, finance_officer, start, start + timedelta(days=13), "a"),
                    payment(
                        dp_part,
                        finance_officer,
                        start + timedelta(days=13),
                        start + timedelta(days=27),
                        "b",
                    ),  # fmt: skip
                ]
            )
    assert not Transaction.objects.exists() and not PaidPeriod.objects.exists()
    assert not Account.objects.filter(balance__gt=0).exists()


def test_days_paid_earlier_are_refused_in_a_batch(dp_part, finance_officer):
    start = dp_part.budget.starts_on
    ledger.post(payment(dp_part, finance_officer, start, start + timedelta(days=13), "earlier"))
    with pytest.raises(DomainError, match="already paid for"):
        ledger.post_payments_in(
            [
                payment(
                    dp_part,
                    finance_officer,
                    start + timedelta(days=7),
                    start + timedelta(days=20),
                    "later",
                )
            ]
        )


def test_a_replayed_key_in_a_batch_returns_what_it_posted(dp_part, finance_officer):
    start = dp_part.budget.starts_on
    days = (start, start + timedelta(days=13))
    [first] = ledger.post_payments_in([payment(dp_part, finance_officer, *days, "once")])
    [again] = ledger.post_payments_in([payment(dp_part, finance_officer, *days, "once")])
    assert again == first and Transaction.objects.count() == 1
    assert held(dp_part) == Decimal("300.00") and not ledger.check_invariants()


def test_a_batch_posts_council_payments_in_only(dp_part, person):
    spend = ledger.Posting(
        part=dp_part,
        kind=Transaction.Kind.SPEND,
        amount=Decimal("10.00"),
        occurred_on=dp_part.budget.starts_on,
        recorded_by=person.user,
        idempotency_key="spend",
    )
    with pytest.raises(ValueError):
        ledger.post_payments_in([spend])
    start = dp_part.budget.starts_on
    twice = payment(dp_part, person.user, start, start, "same")
    with pytest.raises(ValueError):
        ledger.post_payments_in([twice, twice])
    assert not Transaction.objects.exists()


def test_a_first_payment_in_a_batch_opens_the_part_s_accounts(dp_part, finance_officer):
    Account.objects.filter(part=dp_part).delete()
    start = dp_part.budget.starts_on
    ledger.post_payments_in([payment(dp_part, finance_officer, start, start, "first")])
    assert Account.objects.filter(part=dp_part).count() == 4
    assert held(dp_part) == Decimal("300.00") and not ledger.check_invariants()


def test_an_amount_of_nothing_is_refused(dp_part, finance_officer):
    start = dp_part.budget.starts_on
    with pytest.raises(DomainError, match="more than £0"):
        ledger.post_payments_in(
            [payment(dp_part, finance_officer, start, start, "zero", amount="0.004")]
        )
