"""A confirmed payment run is paid by a background task (issue 15): confirming only records the
run as being paid and queues the task once the request commits; the task pays all of it or
nothing, once; a failure is shown to the officer, who can try again."""

import threading
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from budgets import ledger, tasks
from budgets.models import PaidPeriod, PaymentRun, Transaction
from budgets.payments import runs
from core.errors import DomainError
from people.models import Membership, StaffRole
from tests.factories import staff_user

TODAY = timezone.localdate()  # the budgets in these tests start today
Status = PaymentRun.Status


def held(part) -> Decimal:
    return ledger.held_balance(part=part)


def payments_in() -> int:
    return Transaction.objects.filter(kind=Transaction.Kind.PAYMENT_IN).count()


def run_url(run) -> str:
    return reverse("payments:payment_run", kwargs={"run_id": run.id})


def cycle_url(day=TODAY) -> str:
    return reverse("payments:payment_cycle", kwargs={"cycle_start": day})


@pytest.fixture
def second_officer(council):
    return staff_user(council, StaffRole.FINANCE_OFFICER, full_name="Robin Second")


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """What is queued when a confirmation commits: run each callback to run the task (eagerly)."""
    return django_capture_on_commit_callbacks


def confirm(council, user, cycle_start=TODAY):
    return runs.payment_run_confirm(authority=council, cycle_start=cycle_start, user=user)


def test_confirming_queues_the_run_and_the_task_pays_it(council, dp_part, finance_officer, queue):
    with queue() as queued:
        run, was_queued = confirm(council, finance_officer)
    assert was_queued and run.status == Status.PAYING and run.run_by == finance_officer
    assert len(queued) == 1 and payments_in() == 0  # nothing is paid in the request
    queued[0]()  # the request's transaction commits: the task runs
    run.refresh_from_db()
    assert run.is_paid and (run.payments, run.total) == (1, Decimal("600.00"))
    assert held(dp_part) == Decimal("600.00") and not ledger.check_invariants()


def test_confirming_twice_while_it_is_queued_queues_nothing_more(
    council, dp_part, finance_officer, second_officer, queue
):
    with queue() as queued:
        first, _ = confirm(council, finance_officer)
        again, was_queued = confirm(council, second_officer)
    assert not was_queued and again.pk == first.pk and again.run_by == finance_officer
    assert len(queued) == 1 and PaymentRun.objects.count() == 1


def test_a_task_for_a_run_already_paid_pays_nothing_more(council, dp_part, finance_officer):
    run, _ = runs.payment_run(authority=council, cycle_start=TODAY, run_by=finance_officer)
    assert tasks.pay_payment_run.delay(str(run.pk)).get() == Status.PAID  # redelivered
    assert tasks.pay_payment_run.delay(str(uuid.uuid4())).get() == "unknown run"
    assert payments_in() == 1 and held(dp_part) == Decimal("600.00")
    assert PaidPeriod.objects.count() == 1


def test_a_failed_run_pays_nothing_says_why_and_trying_again_pays_once(
    client, council, dp_part, finance_officer, queue, monkeypatch, caplog
):
    def broken(**kwargs):  # fails after every payment was posted: all of them are undone
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(runs.contributions, "contributions_generate", broken)
    with queue(execute=True):
        run, _ = confirm(council, finance_officer)
    run.refresh_from_db()
    assert run.status == Status.FAILED and run.problem == runs.SOMETHING_WENT_WRONG
    assert payments_in() == 0 and not PaidPeriod.objects.exists()
    assert held(dp_part) == Decimal("0.00") and "server closed" in caplog.text
    client.force_login(finance_officer)
    page = client.get(run_url(run)).content.decode()
    assert "Nothing was paid. Something went wrong on our side" in page
    assert "server closed" not in page and 'http-equiv="refresh"' not in page
    assert f'href="{cycle_url()}">Check the payments and try again' in page
    assert "Not paid: try again" in client.get(reverse("payments:payment_runs")).content.decode()
    home = client.get(reverse("people:dashboard")).content.decode()
    assert f'href="{run_url(run)}">The payment run for the cycle from' in home  # to do
    retry_page = client.get(cycle_url()).content.decode()
    assert "did not work. Nothing was paid." in retry_page and "Confirm and pay" in retry_page
    monkeypatch.undo()
    with queue(execute=True):
        response = client.post(cycle_url())
    assert response["Location"] == run_url(run)
    run.refresh_from_db()
    assert run.is_paid and run.problem == "" and run.total == Decimal("600.00")
    assert payments_in() == 1 and held(dp_part) == Decimal("600.00")
    assert (
        "The payment run for the cycle"
        not in client.get(reverse("people:dashboard")).content.decode()
    )


def test_a_run_whose_task_was_lost_is_queued_again_and_paid_once(
    council, dp_part, finance_officer, queue
):
    """The queue was down when it was confirmed: nothing paid it. The job every 15 minutes
    queues it again once it has waited half an hour, and never a run paid or just confirmed."""
    with queue() as lost:
        run, _ = confirm(council, finance_officer)
    assert len(lost) == 1  # ... and never run
    confirmed_at = run.run_at
    with queue() as queued:
        assert tasks.payment_runs_stuck.delay().get() == 0  # just confirmed: still at work
    assert queued == [] and payments_in() == 0

    later = confirmed_at + runs.STUCK_AFTER + timedelta(minutes=1)
    with queue(execute=True):
        assert runs.stuck_runs_queue_again(now=later) == 1
    run.refresh_from_db()
    assert run.is_paid and payments_in() == 1 and held(dp_part) == Decimal("600.00")
    assert runs.stuck_runs_queue_again(now=later) == 0  # paid: nothing more
    entry = settings.CELERY_BEAT_SCHEDULE["payment-runs-stuck"]
    assert entry["task"] == "budgets.tasks.payment_runs_stuck"


def test_the_task_checks_again_and_a_run_nobody_may_confirm_now_fails_with_the_reason(
    council, dp_part, finance_officer, queue
):
    with queue() as queued:
        run, _ = confirm(council, finance_officer)
    Membership.objects.filter(user=finance_officer).delete()  # moved on before it ran
    queued[0]()
    run.refresh_from_db()
    assert run.status == Status.FAILED and payments_in() == 0
    assert run.problem == (
        "Nothing was paid. Only the council's finance officers can run payments."
    )


def test_a_task_that_runs_after_midnight_still_pays_a_run_confirmed_in_time(
    council, dp_part, finance_officer, queue, monkeypatch
):
    with queue() as queued:
        run, _ = confirm(council, finance_officer)
    real = timezone.localdate
    tomorrow = real() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: real(*args) if args else tomorrow)
    queued[0]()  # the cycle has started by now, but it was not backdated when confirmed
    run.refresh_from_db()
    assert run.is_paid and payments_in() == 1


def test_a_failed_run_whose_cycle_has_started_since_needs_a_reason_and_a_second_officer(
    client, council, dp_part, finance_officer, second_officer, queue
):
    yesterday = TODAY - timedelta(days=1)
    run = PaymentRun.objects.create(
        authority=council,
        cycle_start=yesterday,
        cycle_days=28,
        status=Status.FAILED,
        run_by=finance_officer,
        run_at=timezone.now() - timedelta(days=1),
        problem="Nothing was paid. Something went wrong on our side.",
    )
    with pytest.raises(DomainError, match="backdated: say why"):
        confirm(council, finance_officer, yesterday)
    client.force_login(finance_officer)
    assert "Ask a second officer to confirm" in client.get(cycle_url(yesterday)).content.decode()
    client.post(cycle_url(yesterday), {"reason": "The first try failed"})
    run.refresh_from_db()
    assert run.status == Status.WAITING and run.requested_by == finance_officer
    with pytest.raises(DomainError, match="another finance officer must confirm"):
        confirm(council, finance_officer, yesterday)
    with queue(execute=True):
        confirm(council, second_officer, yesterday)
    run.refresh_from_db()
    assert run.is_paid and run.run_by == second_officer and payments_in() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_tasks_for_one_run_at_once_pay_it_once(council, dp_part, finance_officer, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    monkeypatch.setattr(runs, "_enqueue", lambda run_id: None)  # delivered by hand, twice
    run, _ = confirm(council, finance_officer)
    barrier, outcomes = threading.Barrier(2), []

    def deliver():
        barrier.wait()
        try:
            outcomes.append(runs.payment_run_pay(run_id=str(run.pk)).status)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [Status.PAID, Status.PAID]
    assert payments_in() == 1 and held(dp_part) == Decimal("600.00")
    assert not ledger.check_invariants()


# The run's page.


def test_a_run_being_paid_has_a_page_that_checks_again_by_itself_without_javascript(
    client, council, dp_part, finance_officer, queue
):
    client.force_login(finance_officer)
    with queue() as queued:
        response = client.post(cycle_url())
    run = PaymentRun.objects.get()
    assert len(queued) == 1 and response["Location"] == run_url(run)
    page = client.get(run_url(run)).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert 'data-module="app-check-again" data-state="paying"' in page
    assert "The payments are being made." in page
    assert f'href="{run_url(run)}">Check again now' in page
    assert client.get(cycle_url())["Location"] == run_url(run)
    runs_page = client.get(reverse("payments:payment_runs")).content.decode()
    assert "Being paid" in runs_page and run_url(run) in runs_page
    again = client.post(cycle_url(), follow=True).content.decode()
    assert "they are being made now, so nothing more was queued" in again
    assert len(queued) == 1


def test_a_paid_run_s_page_shows_who_was_paid_in_constant_queries(
    client, council, dp_part, finance_officer, django_assert_max_num_queries
):
    run, _ = runs.payment_run(authority=council, cycle_start=TODAY, run_by=finance_officer)
    client.force_login(finance_officer)
    with django_assert_max_num_queries(12):
        page = client.get(run_url(run)).content.decode()
    assert "1 direct payment was paid, £600.00 in all" in page
    assert "Who was paid" in page and "Sam Okafor" in page and "£600.00" in page
    assert "http-equiv" not in page and "Confirmed by Chris Doyle" in page


def test_a_waiting_run_s_page_is_its_cycle_s_page(client, council, dp_part, finance_officer):
    yesterday = TODAY - timedelta(days=1)
    run = runs.backdated_run_request(
        authority=council, cycle_start=yesterday, user=finance_officer, reason="Missed"
    )
    client.force_login(finance_officer)
    assert client.get(run_url(run))["Location"] == cycle_url(yesterday)


def test_only_the_council_s_finance_staff_see_a_run(
    client,
    council,
    other_council,
    dp_part,
    finance_officer,
    la_admin,
    social_worker,
    approver,
    person,
    provider_user,
):
    run, _ = runs.payment_run(authority=council, cycle_start=TODAY, run_by=finance_officer)
    url = run_url(run)
    for user in (finance_officer, la_admin):
        client.force_login(user)
        assert client.get(url).status_code == 200
    elsewhere = staff_user(other_council, StaffRole.FINANCE_OFFICER, full_name="Kim Elsewhere")
    for user in (elsewhere, social_worker, approver, person.user, provider_user):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert "/accounts/login/" in client.get(url)["Location"]
