"""Oversight done fairly, in Chromium with axe on every page: the finance officer sees Peggy's
account over the surplus threshold and proposes a repayment; David, her nominated person,
disputes part of it with a payslip; after the notice period the officer revises it down and
confirms it; then an audit from request to summary, whose statement shows the repayment."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from budgets import ledger
from budgets.models import BudgetPart, Notice, Transaction
from budgets.oversight import notices
from people.models import User

from .conftest import check_accessibility, sign_in
from .keyboard import heading

TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _money_in_and_out(budget):
    """£2,400 paid in (16 weeks of £150) and £36.50 spent at the chemist by David."""
    part = budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    finance = User.objects.get(email="finance@example.org")
    david = User.objects.get(email="nominated@example.org")
    today = timezone.localdate()
    for kind, amount, who, key, payee in [
        (Transaction.Kind.PAYMENT_IN, "2400.00", finance, "in", "Northshire County Council"),
        (Transaction.Kind.SPEND, "36.50", david, "boots", "Boots the Chemist"),
    ]:
        ledger.post(
            ledger.Posting(
                part=part,
                kind=kind,
                amount=Decimal(amount),
                occurred_on=today,
                recorded_by=who,
                idempotency_key=f"browser:oversight:{key}",
                payee=payee,
                acting_for=budget.person if who == david else None,
            )
        )


def test_repayment_after_written_notice_and_an_audit(page, second_page, peggy_budget, tmp_path):
    _money_in_and_out(peggy_budget)
    payslip = tmp_path / "payslip.png"
    payslip.write_bytes(TINY_PNG)

    # The officer sees Peggy's account listed for its surplus, by amount.
    officer = page
    sign_in(officer, "finance@example.org", staff=True)
    officer.get_by_role(
        "link", name="Direct payment accounts: balances, surpluses and records"
    ).click()
    row = officer.locator("#accounts tbody tr", has_text="Peggy Hughes")
    expect(row).to_contain_text("£1,163.50 over the surplus threshold of £1,200.00")
    check_accessibility(officer, "oversight-accounts")
    row.get_by_role("link", name="Peggy Hughes (money held, surplus, notices and checks)").click()
    expect(heading(officer)).to_have_text("Money held and surplus")
    expect(officer.locator("#surplus-amount")).to_have_text("£1,163.50")
    officer.get_by_role("link", name="Propose a repayment (a written notice first)").click()
    expect(officer.get_by_label("Amount to be paid back")).to_have_value("1163.50")
    officer.get_by_label("Why the council wants the money back").fill(
        "More than 8 weeks of funding has built up in the account"
    )
    officer.get_by_label("Taken from the direct payment account").check()
    officer.get_by_role("button", name="Give the notice").click()
    expect(officer.locator("#notice-status")).to_have_text("Waiting for a reply")
    check_accessibility(officer, "oversight-notice-given")

    # David reads the notice from his to-do list and disputes part of it, with a payslip.
    david = second_page
    sign_in(david, "nominated@example.org")
    david.get_by_role("link", name="The council has written about a repayment from").click()
    expect(heading(david)).to_have_text("Repayment of £1,163.50 proposed")
    expect(david.locator("#next-step")).to_contain_text("Nothing has happened yet")
    david.get_by_role("link", name="Reply to this notice").click()
    david.get_by_label("I disagree with all or part of it").check()
    david.get_by_label("What do you want the council to know?").fill(
        "£300.00 of it is Jo's wages for November, not paid yet: the payslip is attached"
    )
    david.get_by_label("If you disagree with part of a repayment").fill("863.50")
    david.get_by_label("Evidence (optional)").set_input_files(str(payslip))
    check_accessibility(david, "oversight-reply")
    david.get_by_role("button", name="Send the reply").click()
    expect(david.get_by_text("Your reply has been sent")).to_be_visible()
    expect(david.locator("#reply-1")).to_contain_text("Accepts £863.50 of the £1,163.50")

    # Before the period ends the officer cannot confirm; then 15 days pass and the daily job
    # notices the period has ended.
    officer.reload()
    expect(officer.locator("#confirm-problem")).to_contain_text("nothing can be confirmed")
    notice = Notice.objects.get()
    today = timezone.localdate()
    Notice.objects.filter(pk=notice.pk).update(
        given_on=today - timedelta(days=15),
        respond_by=today - timedelta(days=1),
        takes_effect_on=today,
    )
    assert notices.notice_periods_end() == 1
    officer.reload()
    expect(officer.locator("#notice-status")).to_have_text("Ready for the council to decide")
    officer.get_by_role("link", name="Decide and confirm").click()
    expect(officer.get_by_role("link", name="payslip.png")).to_be_visible()
    officer.get_by_label("Amount to take back").fill("863.50")
    officer.get_by_label("What the council made of the reply").fill(
        "Jo's November wages are owed, so £300.00 stays in the account"
    )
    check_accessibility(officer, "oversight-confirm")
    officer.get_by_role("button", name="Confirm").click()
    expect(officer.locator("#next-step")).to_have_text(
        "£863.50 (the notice said £1,163.50) has been taken from the account."
    )
    recovery = Transaction.objects.get(kind=Transaction.Kind.RECOVERY)
    assert recovery.amount == Decimal("863.50") and recovery.notice_id == notice.pk
    david.reload()
    expect(david.locator("#notice-status")).to_have_text("Confirmed")

    # An audit: the officer asks, David adds the missing receipt and sends it, the officer
    # writes the summary, and the statement shows the repayment.
    officer.goto(f"/budgets/{peggy_budget.id}/surplus/")
    officer.get_by_role("link", name="Ask for a check of the account").click()
    officer.get_by_label("Routine check").check()
    officer.get_by_role("button", name="Ask for the check").click()
    expect(officer.locator("#audit-status")).to_have_text("Waiting for the person")

    david.goto("/dashboard/")
    david.get_by_role("link", name="Check Peggy Hughes's direct payment account").click()
    expect(david.locator("#audit-lines")).to_contain_text("Missing")
    check_accessibility(david, "oversight-audit")
    david.get_by_role("link", name="Add evidence").click()
    david.get_by_label("Receipt or invoice").set_input_files(str(payslip))
    david.get_by_role("button", name="Add the receipt").click()
    expect(david.locator("#audit-lines")).to_contain_text("Receipt attached")
    david.get_by_role("link", name="Send it to the council").click()
    david.get_by_role("button", name="Send it").click()
    expect(david.locator("#audit-status")).to_have_text("Sent to the council")

    officer.reload()
    officer.get_by_role("link", name="Write the audit summary").click()
    expect(officer.locator("#audit-figures")).to_contain_text("£1,500.00")
    officer.get_by_label("Amount asked back").fill("0.00")
    officer.get_by_label("Audit notes").fill("Every payment has its receipt")
    check_accessibility(officer, "oversight-audit-summary")
    officer.get_by_role("button", name="Write the summary").click()
    summary = officer.locator("#audit-summary")
    for words in ["£2,400.00", "£900.00", "£1,500.00", "£300.00", "Every payment has its receipt"]:
        expect(summary).to_contain_text(words)
    officer.get_by_role("link", name="The audit statement for the period").click()
    expect(officer.get_by_text("Ready")).to_be_visible()
    with officer.expect_download() as download_info:
        officer.get_by_role("link", name="Download the lines as a spreadsheet (CSV)").click()
    lines = list(csv.reader(io.StringIO(download_info.value.path().read_text("utf-8-sig"))))
    returned = [line for line in lines if line[1] == "Money returned to the council"]
    assert returned and returned[0][4] == "863.50"
