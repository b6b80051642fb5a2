"""Audits people do themselves (issue 14): the officer asks for a check of a period, the person
sees each payment with its evidence, adds what is missing and sends it, and the officer writes
the summary; money asked back starts a written notice, never a recovery. Quarterly returns for
bank accounts are the same self-audit. Suspension and ending keep wages and tax payable."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budgets import ledger
from budgets.models import Audit, Notice, Transaction
from budgets.oversight import audits, notices, services
from budgets.payments import runs
from budgets.spending.receipts import check_upload
from core.errors import DomainError
from notifications.models import Message
from people.todo import todo_for
from tests.builders import spend

from .oversight_helpers import TINY_PNG, TODAY, fund


@pytest.fixture
def spent(budget, dp_part, person, finance_officer):
    """Sam's direct payment from 10 weeks ago: £1,500 in, two payments out in the last month."""
    budget.starts_on = TODAY - timedelta(weeks=10)
    budget.save()
    fund(dp_part, finance_officer, "1500.00")
    spend(dp_part, person.user, "45.00", "jo", on=TODAY - timedelta(days=20), payee="Jo (PA)")
    spend(dp_part, person.user, "12.50", "bus", on=TODAY - timedelta(days=5), payee="Bus")
    return budget


def ask(budget, officer, **more):
    return audits.audit_request(
        budget=budget,
        officer=officer,
        kind=more.pop("kind", "routine"),
        period_start=more.pop("period_start", TODAY - timedelta(weeks=4)),
        period_end=more.pop("period_end", TODAY),
        **more,
    )


def test_an_audit_from_request_to_summary(spent, person, finance_officer):
    audit = ask(spent, finance_officer)
    assert Message.objects.filter(kind=Message.Kind.AUDIT_REQUESTED).exists()
    assert any("Check your direct payment account" in item.text for item in todo_for(person.user))
    lines = audits.audit_lines(audit)
    assert [line.evidence_words for line in lines] == ["Missing", "Missing"]
    jo, bus = (line.txn for line in lines)
    receipt = check_upload(SimpleUploadedFile("payslip.png", TINY_PNG))
    audits.audit_receipt_add(audit=audit, user=person.user, txn=jo, checked=receipt)
    audits.audit_explain(audit=audit, user=person.user, txn=bus, text="Bus fare: no receipt")
    assert [line.evidence_words for line in audits.audit_lines(audit)] == [
        "Receipt attached",
        "Explained",
    ]
    audits.audit_submit(audit=audit, user=person.user, note="All there")
    with pytest.raises(DomainError, match="already been sent"):
        audits.audit_explain(audit=audit, user=person.user, txn=bus, text="again")
    assert any("sent back" in item.text for item in todo_for(finance_officer))
    done = audits.audit_complete(
        audit=audit,
        officer=finance_officer,
        completion=audits.Completion(
            requested_back=Decimal("0.00"), notes="Every payment evidenced", actions=""
        ),
    )
    assert done.status == Audit.Status.COMPLETED
    assert (done.opening, done.money_in, done.money_out) == (
        Decimal("1500.00"),
        Decimal("0.00"),
        Decimal("57.50"),
    )
    assert done.closing == Decimal("1442.50") == ledger.held_balance(budget=spent)
    assert done.surplus == Decimal("242.50")  # £1,442.50 held, 8 weeks of £150 is £1,200
    assert done.retained == Decimal("1442.50")  # nothing asked back: it all stays
    assert done.statement is not None and done.statement.period_end == TODAY
    assert not Notice.objects.exists()


def test_money_asked_back_starts_a_notice_never_a_recovery(spent, person, finance_officer):
    audit = ask(spent, finance_officer)
    audits.audit_submit(audit=audit, user=person.user)
    with pytest.raises(DomainError, match="how and when"):
        audits.audit_complete(
            audit=audit,
            officer=finance_officer,
            completion=audits.Completion(Decimal("242.50"), "Surplus", ""),
        )
    audits.audit_complete(
        audit=audit,
        officer=finance_officer,
        completion=audits.Completion(
            Decimal("242.50"), "Surplus over 8 weeks", "", "take", TODAY + timedelta(days=15)
        ),
    )
    notice = Notice.objects.get(audit=audit)
    assert notice.amount == Decimal("242.50") and notice.status == Notice.Status.OPEN
    assert "closing £1,442.50. £1,442.50 held; the limit is 8 weeks of £150.00" in notice.working
    assert not Transaction.objects.filter(kind=Transaction.Kind.RECOVERY).exists()


def test_asking_back_more_than_the_fair_surplus_needs_a_reason_the_person_reads(
    spent, person, finance_officer
):
    audit = ask(spent, finance_officer)
    audits.audit_submit(audit=audit, user=person.user)
    more = audits.Completion(Decimal("300.00"), "Checked", "", "take", TODAY + timedelta(days=15))
    with pytest.raises(DomainError, match=r"£57.50 more than the surplus of £242.50") as refused:
        audits.audit_complete(audit=audit, officer=finance_officer, completion=more)
    assert refused.value.field == "why_more"
    audit.refresh_from_db()
    assert audit.status == Audit.Status.SUBMITTED and not Notice.objects.exists()
    audits.audit_complete(
        audit=audit,
        officer=finance_officer,
        completion=audits.Completion(
            **{**more.__dict__, "why_more": "£57.50 paid to a casino, not for support"}
        ),
    )
    notice = Notice.objects.get(audit=audit)
    assert notice.amount == Decimal("300.00")
    assert notice.reason.endswith(
        "More than the surplus of £242.50 is asked back because: £57.50 paid to a casino, "
        "not for support"
    )


def test_the_period_and_the_time_given_are_checked(spent, finance_officer):
    with pytest.raises(DomainError, match="today or in the past"):
        ask(spent, finance_officer, period_end=TODAY + timedelta(days=1))
    with pytest.raises(DomainError, match="at least 14 days"):
        ask(spent, finance_officer, due_by=TODAY + timedelta(days=13))
    with pytest.raises(DomainError, match="what the concern is"):
        ask(spent, finance_officer, kind="concern")
    ask(spent, finance_officer)
    with pytest.raises(DomainError, match="already been asked for"):
        ask(spent, finance_officer)


def test_a_payment_outside_the_period_is_not_part_of_the_check(spent, person, finance_officer):
    audit = ask(spent, finance_officer, period_start=TODAY - timedelta(days=10))
    [bus] = [line.txn for line in audits.audit_lines(audit)]
    jo = Transaction.objects.get(payee="Jo (PA)")
    with pytest.raises(DomainError, match="not part of this check"):
        audits.audit_explain(audit=audit, user=person.user, txn=jo, text="x")
    assert bus.payee == "Bus"


def test_bank_accounts_get_a_quarterly_return_once(spent, dp_part):
    dp_part.account_type = "bank"
    dp_part.save()
    spent.starts_on = date(2026, 6, 1)
    spent.save()
    assert audits.last_return_period(date(2026, 6, 1), date(2026, 12, 7), 3) == (
        date(2026, 9, 1),
        date(2026, 11, 30),
    )
    assert audits.returns_due(date(2026, 12, 7)) == 1
    assert audits.returns_due(date(2026, 12, 8)) == 0
    [returned] = Audit.objects.filter(kind=Audit.Kind.RETURN)
    assert (returned.period_start, returned.period_end) == (date(2026, 9, 1), date(2026, 11, 30))
    assert returned.due_by == date(2026, 12, 28) and returned.requested_by is None


@pytest.mark.parametrize(
    "months, expected",
    [
        (1, (date(2026, 11, 1), date(2026, 11, 30))),
        (6, (date(2026, 6, 1), date(2026, 11, 30))),
        (12, None),  # the first year has not ended
        (0, None),  # the council asks for no regular returns
    ],
)
def test_returns_come_as_often_as_the_council_says(spent, dp_part, council, months, expected):
    from people.council_settings.models import CouncilSettings

    CouncilSettings.objects.create(
        authority=council, effective_from=date(2026, 1, 1), return_months=months
    )
    dp_part.account_type = "bank"
    dp_part.save()
    spent.starts_on = date(2026, 6, 1)
    spent.save()
    assert audits.returns_due(date(2026, 12, 7)) == (1 if expected else 0)
    made = Audit.objects.filter(kind=Audit.Kind.RETURN)
    assert [(a.period_start, a.period_end) for a in made] == ([expected] if expected else [])


def test_cards_get_no_returns(spent, dp_part):
    dp_part.account_type = "prepaid_card"
    dp_part.save()
    assert audits.returns_due(TODAY + timedelta(days=400)) == 0


def test_a_suspension_stops_payments_only_after_notice_and_keeps_wages_payable(
    spent, dp_part, council, person, finance_officer
):
    services.liability_record(
        budget=spent,
        user=person.user,
        details=services.LiabilityDetails("unpaid_wages", "Jo, last 2 weeks", Decimal("300")),
        submission_key="jo",
    )
    stop = notices.stop_give_notice(
        budget=spent,
        officer=finance_officer,
        kind="suspension",
        reason="In hospital for a month",
        takes_effect_on=TODAY + timedelta(days=15),
        submission_key="stop",
    )
    assert [item.description for item in notices.still_to_pay(spent)] == ["Jo, last 2 weeks"]
    cycle = TODAY + timedelta(days=20)
    assert runs.due_payments(council, cycle)  # not confirmed: still paid
    notices.notice_confirm(notice=stop, officer=finance_officer, today=TODAY + timedelta(15))
    assert runs.due_payments(council, cycle) == []
    assert runs.due_payments(council, TODAY) != []  # before the date it takes effect
    notices.suspension_lift(notice=stop, officer=finance_officer, today=cycle)
    assert runs.due_payments(council, cycle) != []


def test_an_account_closes_only_when_wages_are_paid_and_nothing_is_left(
    spent, dp_part, person, finance_officer
):
    wages = services.liability_record(
        budget=spent,
        user=person.user,
        details=services.LiabilityDetails("employer_tax", "PAYE for November", Decimal("80")),
        submission_key="tax",
    )
    ending = notices.stop_give_notice(
        budget=spent,
        officer=finance_officer,
        kind="ending",
        reason="Moving to a managed account",
        takes_effect_on=TODAY + timedelta(days=15),
        submission_key="end",
    )
    day = TODAY + timedelta(days=15)
    notices.notice_confirm(notice=ending, officer=finance_officer, today=day)
    with pytest.raises(DomainError, match="still owed"):
        notices.account_close(notice=ending, officer=finance_officer, today=day)
    services.liability_change(liability=wages, user=person.user, status="paid")
    with pytest.raises(DomainError, match="give a repayment notice"):
        notices.account_close(notice=ending, officer=finance_officer, today=day)
    # Once the direct payment has ended, everything not owed can be asked back (with notice).
    assert notices.repayment_limit(spent) == Decimal("1442.50")
