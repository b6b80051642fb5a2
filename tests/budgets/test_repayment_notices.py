"""Recovery only after written notice (issue 14; docs/quality.md #23): a repayment is proposed,
the person and their representative are told (page, message, letter PDF), they reply, and only
after the notice period or their agreement can a finance officer confirm it, at the amount
given or less; only then is money taken back, once, through the ledger."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError
from django.db import transaction as db_transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgets import ledger
from budgets.models import Notice, PaymentAdjustment, Transaction
from budgets.oversight import notices
from budgets.oversight.letters import notice_letter_pdf
from budgets.payments.due import part_due
from core.errors import DomainError
from notifications.models import Message

from .oversight_helpers import TODAY, fund, propose

RECOVERY = Transaction.Kind.RECOVERY


@pytest.fixture
def funded(budget, dp_part, finance_officer, nominated_for_sam):
    """Sam's £150 a week direct payment holding £2,000: £800 over 8 weeks (£1,200)."""
    fund(dp_part, finance_officer, "2000.00")
    return budget


def recoveries():
    return Transaction.objects.filter(kind=RECOVERY)


def test_a_notice_is_given_in_writing_and_nothing_is_taken(funded, finance_officer):
    notice = propose(funded, finance_officer, "800.00")
    assert notice.status == Notice.Status.OPEN and notice.notice_days == 14
    assert notice.respond_by == TODAY + timedelta(days=14)
    assert not recoveries().exists()
    sent = Message.objects.filter(kind=Message.Kind.NOTICE_GIVEN)
    assert {m.recipient_name for m in sent} == {"Dana Okafor", "Sam Okafor"}
    body = sent.first().body
    assert "£800.00" in body and f"reply by {notice.respond_by.day}" in sent.first().subject
    assert "More than 8 weeks of funding is held" in body


def test_the_council_cannot_confirm_before_the_period_ends(funded, finance_officer):
    notice = propose(funded, finance_officer, "800.00")
    for day in (TODAY, notice.respond_by, notice.takes_effect_on - timedelta(days=1)):
        with pytest.raises(DomainError):
            notices.notice_confirm(notice=notice, officer=finance_officer, today=day)
    assert not recoveries().exists()
    confirmed = notices.notice_confirm(
        notice=notice, officer=finance_officer, today=notice.takes_effect_on
    )
    assert confirmed.status == Notice.Status.CONFIRMED
    [txn] = recoveries()
    assert txn.amount == Decimal("800.00") and txn.notice == notice
    assert txn.idempotency_key == f"notice:{notice.id}:recovery"
    assert ledger.held_balance(budget=funded) == Decimal("1200.00")
    assert not ledger.check_invariants()


def test_the_persons_agreement_lets_the_council_confirm_at_once(funded, finance_officer, person):
    notice = propose(funded, finance_officer, "500.00")
    notices.notice_respond(
        notice=notice, user=person.user, kind="agree", text="", submission_key="a"
    )
    notice.refresh_from_db()
    assert notice.status == Notice.Status.READY and notice.agreed_at
    notices.notice_confirm(notice=notice, officer=finance_officer, today=TODAY)
    assert recoveries().get().amount == Decimal("500.00")


def test_a_dispute_with_evidence_is_answered_and_the_amount_revised_down(
    funded, finance_officer, nominated_for_sam, person
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from budgets.spending.receipts import check_upload

    from .oversight_helpers import TINY_PNG

    notice = propose(funded, finance_officer, "800.00")
    payslip = check_upload(SimpleUploadedFile("payslip.png", TINY_PNG))
    reply = notices.notice_respond(
        notice=notice,
        user=nominated_for_sam,
        kind="dispute",
        text="£300 is Jo's wages for November, not paid yet",
        accepted_amount=Decimal("500.00"),
        evidence=[payslip],
        submission_key="d",
    )
    assert reply.acting_for == person and reply.evidence.count() == 1
    later = notice.takes_effect_on
    with pytest.raises(DomainError, match="made of the person's reply"):
        notices.notice_confirm(notice=notice, officer=finance_officer, today=later)
    with pytest.raises(DomainError, match="more than the notice said"):
        notices.notice_confirm(
            notice=notice, officer=finance_officer, amount=Decimal("900"), note="x", today=later
        )
    notices.notice_confirm(
        notice=notice,
        officer=finance_officer,
        amount=Decimal("500.00"),
        note="Jo's wages are owed: £500 only",
        today=later,
    )
    notice.refresh_from_db()
    assert notice.decided_amount == Decimal("500.00")
    assert recoveries().get().amount == Decimal("500.00")
    decided = Message.objects.filter(kind=Message.Kind.NOTICE_DECIDED)
    assert decided.count() == 2 and "(the notice said £800.00)" in decided.first().body


def test_confirming_twice_takes_the_money_once(funded, finance_officer):
    notice = propose(funded, finance_officer, "800.00")
    day = notice.takes_effect_on
    notices.notice_confirm(notice=notice, officer=finance_officer, today=day)
    notices.notice_confirm(notice=notice, officer=finance_officer, today=day)
    assert recoveries().count() == 1


def test_a_repayment_can_come_off_the_next_payment_instead(
    funded, dp_part, finance_officer, council
):
    notice = propose(funded, finance_officer, "100.00", method="reduce")
    notices.notice_confirm(notice=notice, officer=finance_officer, today=notice.takes_effect_on)
    assert not recoveries().exists()
    adjustment = PaymentAdjustment.objects.get(notice=notice)
    assert adjustment.amount == Decimal("-100.00") and adjustment.applied_on is None
    due = part_due(dp_part, TODAY + timedelta(days=1))
    assert due.amount == Decimal("600.00") - Decimal("100.00")


def test_nothing_over_the_surplus_and_no_second_notice(funded, finance_officer):
    with pytest.raises(DomainError, match="from £0.01 to £800.00"):
        propose(funded, finance_officer, "800.01")
    propose(funded, finance_officer, "100.00")
    with pytest.raises(DomainError, match="already a notice"):
        propose(funded, finance_officer, "100.00")


def test_the_date_must_give_the_person_the_full_notice_period(funded, finance_officer):
    with pytest.raises(DomainError, match="has 14 days to reply"):
        propose(funded, finance_officer, takes_effect_on=TODAY + timedelta(days=14))


def test_the_councils_longer_notice_period_applies(funded, finance_officer, council):
    from .oversight_helpers import settings_from

    settings_from(council, notice_days=28)
    notice = propose(funded, finance_officer, takes_effect_on=TODAY + timedelta(days=29))
    assert notice.notice_days == 28 and notice.respond_by == TODAY + timedelta(days=28)


def test_a_withdrawn_notice_takes_nothing(funded, finance_officer):
    notice = propose(funded, finance_officer)
    notices.notice_withdraw(notice=notice, officer=finance_officer, reason="Respite booked")
    with pytest.raises(DomainError, match="withdrawn"):
        notices.notice_confirm(notice=notice, officer=finance_officer, today=TODAY + timedelta(99))
    assert not recoveries().exists()


def test_the_scheduled_job_notices_the_period_ending(funded, finance_officer):
    notice = propose(funded, finance_officer)
    assert notices.notice_periods_end(notice.respond_by) == 0
    assert notices.notice_periods_end(notice.respond_by + timedelta(days=1)) == 1
    assert notices.notice_periods_end(notice.respond_by + timedelta(days=1)) == 0
    notice.refresh_from_db()
    assert notice.status == Notice.Status.READY
    assert notice.period_ended_on == notice.respond_by + timedelta(days=1)


def test_the_ledger_refuses_a_recovery_without_a_confirmed_notice(funded, dp_part, finance_officer):
    notice = propose(funded, finance_officer)
    for under in (None, notice):
        with pytest.raises(DomainError, match="notice"):
            ledger.post(
                ledger.Posting(
                    part=dp_part,
                    kind=RECOVERY,
                    amount=Decimal("10.00"),
                    occurred_on=TODAY,
                    recorded_by=finance_officer,
                    idempotency_key=f"sneak-{under}",
                    notice=under,
                )
            )
    assert not recoveries().exists()


def test_the_database_refuses_a_recovery_with_no_notice(funded, dp_part, finance_officer):
    # The check constraint; on PostgreSQL the recovery trigger refuses it first.
    with pytest.raises(DatabaseError), db_transaction.atomic():
        Transaction.objects.create(
            budget=funded,
            part=dp_part,
            kind=RECOVERY,
            occurred_on=TODAY,
            amount=Decimal("10.00"),
            idempotency_key="raw",
            recorded_by=finance_officer,
        )


def test_the_database_refuses_a_notice_confirmed_inside_its_period(funded, finance_officer):
    notice = propose(funded, finance_officer)
    notice.status, notice.decided_on, notice.decided_by = "confirmed", TODAY, finance_officer
    notice.decided_amount = notice.amount
    with pytest.raises(IntegrityError), db_transaction.atomic():
        notice.save()


def test_the_letter_is_a_pdf_with_the_amount_date_and_how_to_reply(funded, finance_officer):
    import subprocess

    notice = propose(funded, finance_officer, "800.00")
    pdf = notice_letter_pdf(notice)
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for words in ["£800.00", "Reply by", "14 days to reply", "Dana Okafor", "Ombudsman"]:
        assert words in text, words


# docs/quality.md #23, generated: whatever the replies and the day, money goes back only under
# a notice whose period has ended or that the person agreed to.


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    replies=st.lists(st.sampled_from(["agree", "explain", "dispute"]), max_size=3),
    day=st.integers(min_value=0, max_value=30),
)
def test_no_recovery_without_an_ended_period_or_agreement(
    funded, finance_officer, person, replies, day
):
    sid = db_transaction.savepoint()
    try:
        notice = propose(funded, finance_officer, "200.00")
        for n, kind in enumerate(replies):
            notices.notice_respond(
                notice=notice, user=person.user, kind=kind, text="why", submission_key=f"r{n}"
            )
        today = TODAY + timedelta(days=day)
        try:
            notices.notice_confirm(notice=notice, officer=finance_officer, note="read", today=today)
        except DomainError:
            pass
        notice.refresh_from_db()
        agreed = bool(replies) and replies[-1] == "agree"
        allowed = agreed or today >= notice.takes_effect_on
        assert recoveries().exists() == allowed
        for txn in recoveries():
            assert txn.notice.status == "confirmed"
            assert txn.notice.agreed_at or txn.notice.decided_on > txn.notice.respond_by
    finally:
        db_transaction.savepoint_rollback(sid)


def test_the_period_ending_is_noticed_by_a_scheduled_job(funded, finance_officer):
    from django.conf import settings as django_settings

    from budgets import tasks

    schedule = django_settings.CELERY_BEAT_SCHEDULE
    assert schedule["notice-periods"]["task"] == "budgets.tasks.notice_periods_end"
    assert schedule["returns-due"]["task"] == "budgets.tasks.returns_due"
    notice = propose(funded, finance_officer)
    Notice.objects.filter(pk=notice.pk).update(
        given_on=TODAY - timedelta(days=15), respond_by=TODAY - timedelta(days=1)
    )
    assert tasks.notice_periods_end.apply().get() == 1
    assert tasks.notice_periods_end.apply().get() == 0
