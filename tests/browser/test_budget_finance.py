"""Browser journeys for the money side: a finance officer runs a cycle's payments (paid in the
background while the page checks again by itself; a second run pays nothing), opens the
monitoring list and an account's ledger; a nominated person imports a CSV statement and confirms
a new row. axe-core runs on every page."""

import re
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from budgets import ledger
from budgets.models import BudgetPart, PaymentRun, Transaction
from budgets.payments import runs
from people.models import RecordAccess, User

from .conftest import check_accessibility, sign_in, without_javascript
from .keyboard import heading


def fill_date(page, day) -> None:
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def test_a_finance_officer_runs_payments_and_opens_a_ledger(
    page, second_page, peggy_budget, monkeypatch, browser, live_server
):
    today = timezone.localdate()
    sign_in(page, "finance@example.org", staff=True)
    page.get_by_role("link", name="Direct payment runs").click()
    expect(heading(page)).to_have_text("Direct payment runs")
    check_accessibility(page, "finance-payment-runs")

    fill_date(page, today)
    page.get_by_role("button", name="Show who will be paid").click()
    expect(heading(page)).to_contain_text("Check the payments for ")
    expect(page.get_by_text("1 direct payment, £600.00 in all.")).to_be_visible()
    expect(page.get_by_role("cell", name="Peggy Hughes")).to_be_visible()
    check_accessibility(page, "finance-payment-preview")
    colleague = second_page  # the council's administrator opens the same preview meanwhile
    sign_in(colleague, "admin@example.org", staff=True)
    colleague.goto(page.url)
    expect(colleague.get_by_role("button", name="Confirm and pay")).to_be_visible()

    queued = []
    monkeypatch.setattr(runs, "_enqueue", queued.append)  # the task waits for a worker
    page.get_by_role("button", name="Confirm and pay").click()
    expect(page.get_by_text("The payments are being made.")).to_be_visible()
    check_accessibility(page, "finance-payment-run-paying")
    with without_javascript(browser, live_server, page) as plain:
        expect(plain.get_by_text("The payments are being made.")).to_be_visible()
        runs.payment_run_pay(run_id=queued[0])  # a worker takes the task and pays the run
        # Both pages check again by themselves (with a script, or a meta refresh without one).
        for each in (page, plain):
            expect(each.get_by_text("1 direct payment was paid, £600.00 in all")).to_be_visible(
                timeout=15_000
            )
    expect(heading(page)).to_contain_text(re.compile(r"^Payments for \d"))
    check_accessibility(page, "finance-payment-run-done")

    colleague.get_by_role("button", name="Confirm and pay").click()
    expect(colleague.get_by_text("so nothing new was paid")).to_contain_text("by Chris Doyle")
    check_accessibility(colleague, "finance-payment-run-again")
    assert PaymentRun.objects.count() == 1
    assert Transaction.objects.filter(kind=Transaction.Kind.PAYMENT_IN).count() == 1

    page.get_by_role("link", name="Home").click()
    page.get_by_role(
        "link", name="Direct payment accounts: balances, surpluses and records"
    ).click()
    expect(heading(page)).to_have_text("Direct payment accounts")
    # Monitoring by exception: Peggy's new direct payment has nothing to look at.
    expect(page.get_by_text("Nothing to look at: no account is over")).to_be_visible()
    check_accessibility(page, "finance-accounts")
    page.get_by_label("Every account, including those with nothing to look at").check()
    page.get_by_role("button", name="Show accounts").click()
    row = page.locator("#accounts tbody tr", has_text="Peggy Hughes")
    expect(row).to_contain_text("£600.00")
    expect(row).to_contain_text("4.0")
    expect(row).to_contain_text("Nothing to look at")
    check_accessibility(page, "finance-accounts-all")
    page.get_by_label("Sort by").select_option("balance")
    page.get_by_role("button", name="Show accounts").click()

    page.get_by_role("link", name="Ledger of Peggy Hughes's account").click()
    expect(heading(page)).to_have_text("Ledger: Direct payment")
    expect(page.locator("#ledger tbody tr")).to_have_count(1)
    expect(page.locator("#ledger tbody tr").first).to_contain_text(
        "Paid in by the council: -£600.00"
    )
    check_accessibility(page, "finance-ledger")
    assert RecordAccess.objects.filter(
        person=peggy_budget.person, what="Budget ledger", user__email="finance@example.org"
    ).exists()

    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Contributions people pay in").click()
    expect(heading(page)).to_have_text("Contributions")
    check_accessibility(page, "finance-contributions")


def test_a_nominated_person_imports_a_csv_statement_and_confirms_a_row(
    page, peggy_budget, tmp_path
):
    part = peggy_budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    finance = User.objects.get(email="finance@example.org")
    today = timezone.localdate()
    ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal("600.00"),
            occurred_on=today,
            recorded_by=finance,
            idempotency_key="browser:peggy:statement",
            payee="Northshire County Council",
        )
    )
    statement = tmp_path / "peggy-bank-statement.csv"
    statement.write_text(
        "Date,Details,Paid out,Paid in,Balance\n"
        f"{today:%d/%m/%Y},NORTHSHIRE CC DIRECT PAYMENT,,600.00,600.00\n"
        f"{today:%d/%m/%Y},Boots the Chemist,3.20,,596.80\n",
        encoding="utf-8-sig",
    )
    sign_in(page, "nominated@example.org")
    page.goto(f"/budgets/{peggy_budget.id}/statements/")
    expect(heading(page)).to_have_text("Import a statement")
    check_accessibility(page, "statement-upload")

    page.get_by_label("Statement file").set_input_files(str(statement))
    page.get_by_role("button", name="Upload and check").click()
    expect(heading(page)).to_have_text("Which column is which?")
    expect(page.get_by_label("Which column has the date?")).to_have_value("Date")
    check_accessibility(page, "statement-columns")
    page.get_by_label("Which column says what the payment was?").select_option("Details")
    page.get_by_label("In two columns: paid out and paid in").check()
    page.get_by_label("If in two columns: which column has money paid out?").select_option(
        "Paid out"
    )
    page.get_by_label("If in two columns: which column has money paid in?").select_option("Paid in")
    page.get_by_label("Choose the same statement file again").set_input_files(str(statement))
    page.get_by_role("button", name="Save the columns and check the statement").click()

    expect(heading(page)).to_have_text("Statement: peggy-bank-statement.csv")
    expect(
        page.get_by_text("2 rows read: 1 match payments already logged and 1 are new")
    ).to_be_visible()
    check_accessibility(page, "statement-rows")
    page.get_by_label("What support in the plan was it for? (row 3)").select_option(
        label="Personal assistant"
    )
    page.get_by_role("button", name="Log it (row 3)").click()
    expect(page.get_by_text("Row 3 is logged: payment for support, £3.20")).to_be_visible()
    expect(page.locator("#rows")).to_contain_text("Logged")
    check_accessibility(page, "statement-row-logged")

    spent = Transaction.objects.get(kind=Transaction.Kind.SPEND)
    assert spent.payee == "Boots the Chemist" and spent.acting_for == peggy_budget.person
    assert spent.support_line.description == "Personal assistant"
    page.goto(f"/budgets/{peggy_budget.id}/statements/")
    page.get_by_label("Statement file").set_input_files(str(statement))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("You imported this file on")
    check_accessibility(page, "statement-same-file-again")
