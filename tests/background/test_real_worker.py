"""Background jobs on a real Celery worker process against Redis (docs/quality.md #16, #25):
one message per person, nothing twice, nothing lost when a worker is killed mid-task, nothing
run for a transaction that rolled back, and a payment run paid once."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction

from budgets import tasks as budget_tasks
from budgets.audit import services as audit
from budgets.models import AuditStatement, PaymentRun, Transaction
from notifications.models import Message
from tests.builders import pay_in, spend

from .conftest import needs_worker, wait_until

pytestmark = needs_worker


def _quiet_for_weeks(budget, weeks=5):
    """A budget that started weeks ago, with nothing recorded since."""
    budget.starts_on = budget.starts_on - timedelta(weeks=weeks)
    budget.save()
    return budget


def test_the_reminder_job_sends_one_message_per_due_person_and_nothing_twice(
    worker, celery_app, budget, dp_part, person
):
    _quiet_for_weeks(budget)
    budget_tasks.spending_reminders.delay().get(timeout=30)
    wait_until(lambda: Message.objects.filter(status=Message.Status.SENT).count() == 1)
    budget_tasks.spending_reminders.delay().get(timeout=30)
    time.sleep(1)
    message = Message.objects.get()
    assert message.kind == Message.Kind.SPENDING_REMINDER and message.recipient == person.user
    assert "We have not seen any spending recorded for your direct payment" in message.body


def test_a_worker_killed_mid_task_loses_nothing_and_duplicates_nothing(
    tmp_path, celery_app, budget, dp_part, person, finance_officer, settings
):
    from .conftest import Worker

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    pay_in(dp_part, finance_officer, "9000.00", on=budget.starts_on)
    for n in range(600):  # enough lines that making the PDF takes a while
        spend(dp_part, person.user, "1.00", f"s{n}", on=budget.starts_on)
    first = Worker(tmp_path / "first.log").start()
    statement = audit.audit_statement_request(
        budget=budget, user=finance_officer, start=budget.starts_on, end=budget.starts_on
    )
    first.wait_for("make_audit_statement[", 30)
    time.sleep(0.5)
    first.kill()
    statement.refresh_from_db()
    assert statement.status != AuditStatement.Status.READY  # killed before it finished
    second = Worker(tmp_path / "second.log").start()
    try:
        wait_until(lambda: AuditStatement.objects.get().status == AuditStatement.Status.READY, 60)
    finally:
        second.stop()
    assert AuditStatement.objects.count() == 1
    ready = Message.objects.filter(kind=Message.Kind.STATEMENT_READY)
    assert ready.count() == len({m.address for m in ready})  # one per recipient, never two


def test_a_task_enqueued_in_a_transaction_that_rolls_back_never_runs(
    worker, celery_app, budget, finance_officer
):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.audit_statement_request(
            budget=budget, user=finance_officer, start=budget.starts_on, end=budget.starts_on
        )
        raise RuntimeError("something later failed")
    time.sleep(3)
    assert not AuditStatement.objects.exists()
    with celery_app.connection_for_write() as conn:
        assert conn.default_channel.client.llen("celery") == 0
    assert "received" not in worker.log.read_text()


def test_a_payment_run_confirmed_with_a_real_worker_is_paid_exactly_once(
    worker, celery_app, council, dp_part, finance_officer
):
    from budgets import ledger
    from budgets.payments import runs

    run, queued = runs.payment_run_confirm(
        authority=council, cycle_start=dp_part.budget.starts_on, user=finance_officer
    )
    assert queued and run.status == PaymentRun.Status.PAYING
    wait_until(lambda: PaymentRun.objects.get().is_paid, 60)
    # The same task delivered again (as after a worker was lost) pays nothing more.
    assert budget_tasks.pay_payment_run.delay(str(run.pk)).get(timeout=30) == "paid"
    run.refresh_from_db()
    assert (run.payments, run.total) == (1, Decimal("600.00"))
    assert Transaction.objects.filter(kind=Transaction.Kind.PAYMENT_IN).count() == 1
    assert ledger.held_balance(part=dp_part) == Decimal("600.00")
    assert not ledger.check_invariants()


def test_money_on_the_statement_equals_the_ledger(budget, dp_part, person, finance_officer):
    """Not on the worker: the figures a statement prints, checked against the ledger."""
    pay_in(dp_part, finance_officer, "600.00", on=budget.starts_on)
    spend(dp_part, person.user, "45.50", "s1", on=budget.starts_on)
    from budgets import ledger
    from budgets.audit.figures import statement_figures

    figures = statement_figures(budget, budget.starts_on, budget.starts_on)
    assert figures.opening + figures.money_in - figures.money_out == figures.closing
    assert figures.closing == ledger.held_balance(budget=budget) == Decimal("554.50")
    assert not ledger.check_invariants()


def test_the_review_reminder_job_tells_the_person_once_when_a_review_is_overdue(
    worker, celery_app, budget, person
):
    from reviews import tasks as review_tasks
    from tests.reviews.helpers import approved_days_ago

    approved_days_ago(person, 70)  # the light first review was due 8 weeks after approval
    review_tasks.review_reminders.delay().get(timeout=30)
    wait_until(lambda: Message.objects.filter(status=Message.Status.SENT).count() == 1)
    review_tasks.review_reminders.delay().get(timeout=30)
    time.sleep(1)
    message = Message.objects.get()
    assert message.kind == Message.Kind.REVIEW_OVERDUE and message.recipient == person.user
