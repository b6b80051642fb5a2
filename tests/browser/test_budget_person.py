"""David Hughes, nominated person for Peggy, logs three payments from her direct payment with the
keyboard (after one mistake), attaches a receipt, sees the balance and the chart and table change,
explains the payment the checks asked about, and corrects one; the finance officer resolves the
question. axe-core runs on every page visited."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from budgets import ledger
from budgets.models import BudgetPart, Receipt, Transaction
from people.models import User

from .conftest import _new_page, check_accessibility, close_page, sign_in
from .keyboard import follow, heading, press, tab_to


@pytest.fixture
def peggy_budget(peggy_budget):
    """Peggy's budget with £600 paid into her direct payment."""
    budget = peggy_budget
    ledger.post(
        ledger.Posting(
            part=budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT),
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal("600.00"),
            occurred_on=budget.starts_on,
            recorded_by=User.objects.get(email="finance@example.org"),
            idempotency_key="browser:peggy:1",
            payee="Northshire County Council",
        )
    )
    return budget


@pytest.fixture
def receipt_png(tmp_path):
    path = tmp_path / "chemist-receipt.png"
    Image.new("RGB", (40, 20), "white").save(path, "PNG")
    return path


def type_into(page, target, words: str) -> None:
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(words)


def fill_payment(page, n: int, *, payee: str, amount: str, support: str, note: str = "") -> None:
    """Fill payment n's fields with the keyboard: today's date, who, how much, what for."""
    group = page.locator(f"#payment-{n}")
    today = timezone.localdate()
    for label, value in [("Day", today.day), ("Month", today.month), ("Year", today.year)]:
        type_into(page, group.get_by_label(label, exact=True), str(value))
    type_into(page, group.get_by_label("Who was paid"), payee)
    type_into(page, group.get_by_label("Amount, in pounds"), amount)
    select = group.get_by_label("What support in the plan was it for?")
    tab_to(page, select)
    page.keyboard.type(support)  # a select chooses the option its typed text starts with
    expect(select.locator("option:checked")).to_have_text(re.compile(f"^{support}"))
    if note:
        type_into(page, group.get_by_label("Note (optional)"), note)


def test_a_nominated_person_logs_three_payments_with_a_receipt(
    page, live_server, browser, peggy_budget, receipt_png
):
    sign_in(page, "nominated@example.org")
    follow(page, "Personal budget: money in and out, and logging payments")
    expect(heading(page)).to_have_text("Personal budget")
    expect(page.locator("#balance")).to_have_text("£600.00")
    check_accessibility(page, "budget-dashboard-before")

    follow(page, "Log payments")
    expect(heading(page)).to_have_text("Log payments")
    check_accessibility(page, "budget-log-payments")
    fill_payment(page, 1, payee="Jo Bloggs (PA)", amount="105.00", support="Personal")
    press(page, "Add another payment")
    expect(page.locator("#payment-2")).to_be_visible()
    expect(page.locator("#payment-1").get_by_label("Who was paid")).to_have_value("Jo Bloggs (PA)")
    fill_payment(page, 2, payee="Jo Bloggs (PA)", amount="45.123", support="Personal")
    press(page, "Add another payment")
    fill_payment(
        page, 3, payee="Northby Chemist", amount="8.40", support="Something", note="Gloves"
    )
    page.locator("#payment-3").get_by_label("Receipt or invoice (optional)").set_input_files(
        receipt_png
    )
    press(page, "Log these payments")

    # One amount had three pence places: the page says how to fix it and keeps what was typed.
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter an amount in pounds and pence, like 25.00 (payment 2)"]
    )
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator("#payment-3").get_by_label("Who was paid")).to_have_value("Northby Chemist")
    check_accessibility(page, "budget-log-payments-error")
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    amount = page.locator("#payment-2").get_by_label("Amount, in pounds")
    expect(amount).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("45.00")
    page.locator("#payment-3").get_by_label("Receipt or invoice (optional)").set_input_files(
        receipt_png
    )
    press(page, "Log these payments")

    expect(page.get_by_role("alert")).to_contain_text("You logged 3 payments.")
    expect(page.locator("#balance")).to_have_text("£441.60")
    expect(page.get_by_text("£150.00 spent of £600.00: £450.00 left").first).to_be_visible()
    tab_to(page, page.locator("summary").filter(has_text="See these figures as a table").first)
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="Spending on each piece of support this period")
    expect(table).to_contain_text("Not linked to support in the plan")
    expect(table.get_by_role("row", name=re.compile("^Personal assistant"))).to_contain_text(
        "£150.00"
    )
    expect(page.get_by_role("region", name="Things to do")).to_contain_text("£8.40")
    check_accessibility(page, "budget-dashboard-after")

    # The payment the checks asked about: David explains it.
    follow(page, "Explain the £8.40 paid to Northby Chemist on " + _today())
    expect(heading(page)).to_have_text("Explain a payment")
    check_accessibility(page, "budget-explain")
    type_into(
        page,
        page.get_by_label("What was the payment for?"),
        "Gloves for the personal care in the plan",
    )
    press(page, "Send the explanation")
    expect(page.get_by_role("alert")).to_contain_text("The council will look at your explanation")
    expect(page.get_by_text("Logged by David Hughes on Peggy's behalf")).to_be_visible()
    expect(page.get_by_role("link", name="Download chemist-receipt.png")).to_be_visible()
    check_accessibility(page, "budget-payment")
    assert Receipt.objects.get().original_name == "chemist-receipt.png"

    # The money list, then a correction of the second payment.
    follow(page, "Back to the budget")
    follow(page, "See all money in and out")
    expect(heading(page)).to_have_text("Money in and out")
    check_accessibility(page, "budget-money")
    page.get_by_role("link", name="Paid Jo Bloggs (PA)").last.focus()
    page.keyboard.press("Enter")
    follow(page, "This is wrong: correct it")
    check_accessibility(page, "budget-correct")
    press(page, "Correct it")
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    type_into(page, page.get_by_label("What was wrong?"), "Logged the same week twice")
    press(page, "Correct it")
    expect(page.get_by_role("alert")).to_contain_text("is corrected")
    expect(page.get_by_text("so it no longer counts")).to_be_visible()
    follow(page, "Back to the budget")
    expect(page.locator("#balance")).to_have_text(re.compile(r"£(546|486)\.60"))
    check_accessibility(page, "budget-dashboard-corrected")

    # The finance officer resolves the question.
    officer = _new_page(browser, live_server)
    try:
        sign_in(officer, "finance@example.org", staff=True)
        follow(officer, "Questions on payments from direct payments")
        expect(heading(officer)).to_have_text("Questions on payments")
        expect(officer.get_by_role("table")).to_contain_text("Peggy Hughes")
        check_accessibility(officer, "budget-flag-queue")
        officer.get_by_role("link", name=re.compile("^Review")).focus()
        officer.keyboard.press("Enter")
        expect(officer.get_by_text("Gloves for the personal care in the plan")).to_be_visible()
        check_accessibility(officer, "budget-flag-resolve")
        type_into(officer, officer.get_by_label("What have you decided?"), "Fine: gloves are PPE.")
        press(officer, "Resolve the question")
        expect(officer.get_by_role("alert")).to_contain_text("is resolved")
        expect(officer.get_by_text("There are no questions waiting")).to_be_visible()
        check_accessibility(officer, "budget-flag-queue-empty")
    finally:
        close_page(officer, "budget-finance-officer")


def _today() -> str:
    today = timezone.localdate()
    return f"{today.day} {today:%B %Y}"
