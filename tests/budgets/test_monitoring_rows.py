"""The monitoring list's stored rows (budgets.monitoring.rows) follow the record through every
service that changes what the list judges by, are written once at the end of a batch, are
mended each night and checked by `manage.py monitoring_rows_check` (issue 15)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budgets import tasks
from budgets.models import MonitoringRow, RuleFlag
from budgets.monitoring import rows
from budgets.oversight import audits, notices
from budgets.oversight import services as oversight
from budgets.payments import contributions
from budgets.spending import services as spending
from people import services as people
from tests.budgets.oversight_helpers import fund, propose
from tests.builders import pay_in

TODAY = timezone.localdate()


def row_of(part) -> MonitoringRow:
    return MonitoringRow.objects.get(part=part)


def assert_kept() -> None:
    """Every stored row is what the record gives today."""
    assert rows.rows_drift() == []


def test_an_approved_plan_gives_the_direct_payment_its_row(dp_part, person, council):
    row = row_of(dp_part)
    assert (row.council_id, row.last_name, row.first_name) == (council.id, "Okafor", "Samuel")
    assert (row.weekly_amount, row.balance, row.open_flags) == (Decimal("150.00"), 0, 0)
    assert_kept()


def test_the_rows_follow_the_record_through_each_service(
    budget, dp_part, person, finance_officer, social_worker
):
    budget.starts_on = TODAY - timedelta(weeks=14)
    budget.save()
    rows.rows_refresh([budget.id])  # the start date was moved here without a service
    fund(dp_part, finance_officer, "2000.00")
    assert row_of(dp_part).balance == Decimal("2000.00")
    assert_kept()

    [logged] = spending.spending_log(
        part=dp_part,
        user=person.user,
        acting_for=None,
        entries=[
            {
                "occurred_on": TODAY,
                "payee": "Garden centre",
                "amount": Decimal("40.00"),
                "support_line": None,
                "note": "",
            }
        ],
        submission_key="garden",
    )
    assert row_of(dp_part).open_flags == len(logged.flags) > 0
    assert row_of(dp_part).last_record_on == TODAY
    assert_kept()
    for flag in logged.flags:
        spending.flag_resolve(flag=flag, user=finance_officer, resolution="Fine: in the plan")
    assert row_of(dp_part).open_flags == 0
    assert not RuleFlag.objects.filter(status=RuleFlag.Status.OPEN).exists()
    assert_kept()

    oversight.liability_record(
        budget=budget,
        user=person.user,
        details=oversight.LiabilityDetails("unpaid_wages", "Jo, last 2 weeks", Decimal("300")),
        submission_key="jo",
    )
    assert row_of(dp_part).free == Decimal("1660.00")  # 1,960 held less 300 owed
    assert_kept()

    audit = audits.audit_request(
        budget=budget,
        officer=finance_officer,
        kind="initial",
        period_start=TODAY - timedelta(weeks=4),
        period_end=TODAY,
    )
    assert row_of(dp_part).first_checked and row_of(dp_part).check_due_by == audit.due_by
    assert_kept()
    audits.audit_submit(audit=audit, user=person.user)
    assert row_of(dp_part).waiting and row_of(dp_part).check_due_by is None
    assert_kept()
    audits.audit_complete(
        audit=audit,
        officer=finance_officer,
        completion=audits.Completion(requested_back=Decimal("0"), notes="All in order", actions=""),
    )
    assert not row_of(dp_part).waiting
    assert_kept()

    notice = propose(budget, finance_officer, "100.00")
    notices.notice_periods_end(today=notice.respond_by + timedelta(days=1))
    assert row_of(dp_part).waiting  # a notice ready for the officer to decide
    assert_kept()

    people.person_update(person=person, updated_by=social_worker, details={"last_name": "Adeyemi"})
    assert row_of(dp_part).last_name == "Adeyemi"
    assert_kept()


def test_contributions_checked_count_those_missing(budget, dp_part, council, finance_officer):
    budget.weekly_contribution = Decimal("20.00")
    budget.weekly_la_share = budget.weekly_total - budget.weekly_contribution
    budget.save()
    contributions.contributions_generate(authority=council, cycle_start=TODAY - timedelta(weeks=6))
    contributions.contributions_refresh(authority=council, today=TODAY)
    assert row_of(dp_part).contributions_missing == 1
    assert row_of(dp_part).weekly_net == Decimal("130.00")
    assert_kept()


def test_a_batch_writes_the_rows_once_at_its_end(dp_part, finance_officer):
    with rows.batched():
        pay_in(dp_part, finance_officer, "500.00", key="in-batch", on=TODAY)
        assert row_of(dp_part).balance == 0  # not yet
        with rows.batched():  # a batch inside a batch joins it
            pay_in(dp_part, finance_officer, "5.00", key="inner", on=TODAY)
        assert row_of(dp_part).balance == 0
    assert row_of(dp_part).balance == Decimal("505.00")
    assert_kept()


def test_a_failed_batch_writes_nothing(dp_part, finance_officer):
    with pytest.raises(RuntimeError), rows.batched():
        pay_in(dp_part, finance_officer, "500.00", key="in-batch", on=TODAY)
        raise RuntimeError("the run failed")
    assert row_of(dp_part).balance == 0


def test_the_check_finds_drift_and_fix_mends_it(dp_part, capsys):
    call_command("monitoring_rows_check")
    assert "match the record" in capsys.readouterr().out
    MonitoringRow.objects.filter(part=dp_part).update(balance=Decimal("999.00"))
    with pytest.raises(CommandError, match="1 monitoring rows are not the record's"):
        call_command("monitoring_rows_check")
    assert "'balance': Decimal('999.00')" in capsys.readouterr().err
    call_command("monitoring_rows_check", "--fix")
    assert row_of(dp_part).balance == 0
    call_command("monitoring_rows_check")


def test_a_missing_or_left_over_row_is_drift(dp_part, other_council):
    MonitoringRow.objects.filter(part=dp_part).delete()
    assert len(rows.rows_drift()) == 1
    assert rows.rows_fill_missing() == 1  # what `migrate` does after making the table
    assert_kept()
    ended = dp_part.budget
    ended.status = ended.Status.ENDED
    ended.save()
    assert len(rows.rows_drift()) == 1  # a row for a direct payment no longer active
    rows.rows_refresh([ended.id])
    assert not MonitoringRow.objects.exists()
    assert_kept()


def test_the_nightly_job_writes_every_row_and_is_scheduled(dp_part):
    MonitoringRow.objects.filter(part=dp_part).update(open_flags=7)
    assert tasks.monitoring_rows_nightly.apply().get() == 1
    assert row_of(dp_part).open_flags == 0
    entry = django_settings.CELERY_BEAT_SCHEDULE["monitoring-rows"]
    assert entry["task"] == "budgets.tasks.monitoring_rows_nightly"


def test_the_row_is_written_again_once_the_change_commits(
    dp_part, finance_officer, django_capture_on_commit_callbacks
):
    """Two changes to one budget at the same moment each work out the row before the other
    commits; the write after the commit puts the later one right."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pay_in(dp_part, finance_officer, "500.00", key="now", on=TODAY)
        # What the other change, working from figures without this payment, wrote last:
        MonitoringRow.objects.filter(part=dp_part).update(balance=0, free=0)
    assert len(callbacks) == 1
    assert row_of(dp_part).balance == Decimal("500.00")
    assert_kept()


def test_payments_logged_together_write_the_row_once(dp_part, person, finance_officer):
    """A person logging several payments at once waits for one write of their row, not one
    for each payment."""
    fund(dp_part, finance_officer, "500.00")
    entry = {"occurred_on": TODAY, "payee": "Jo (PA)", "support_line": None, "note": ""}
    with CaptureQueriesContext(connection) as queries:
        spending.spending_log(
            part=dp_part,
            user=person.user,
            acting_for=None,
            entries=[{**entry, "amount": Decimal(amount)} for amount in ("10.00", "20.00", "30")],
            submission_key="three",
        )
    writes = [q for q in queries.captured_queries if 'INTO "budgets_monitoringrow"' in q["sql"]]
    assert len(writes) == 1
    assert row_of(dp_part).balance == Decimal("440.00")
    assert_kept()
