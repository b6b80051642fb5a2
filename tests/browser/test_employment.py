"""David Hughes, nominated person for Peggy, employs a personal assistant with her direct
payment, with the keyboard alone: he adds Jo, records her DBS check and the employer's
insurance, enters and approves a week of hours, logs the wage payment, and sees it matched and
Jo's holiday building up. axe-core runs on every page visited."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from budgets import ledger
from budgets.employment.hours import monday_of
from budgets.employment.models import ExpectedWage, Worker
from budgets.models import BudgetPart, Transaction
from people.models import User

from .conftest import check_accessibility, sign_in
from .keyboard import follow, heading, press, tab_to

TODAY = timezone.localdate()
STARTED = TODAY - timedelta(days=90)
LAST_MONDAY = monday_of(TODAY) - timedelta(weeks=1)
PEOPLE_LINK = (
    "People who work for you: personal assistants, their hours and pay, and the employer's checks"
)


@pytest.fixture
def peggy_budget(peggy_budget):
    """Peggy's budget with £600 paid into her direct payment."""
    ledger.post(
        ledger.Posting(
            part=peggy_budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT),
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal("600.00"),
            occurred_on=peggy_budget.starts_on,
            recorded_by=User.objects.get(email="finance@example.org"),
            idempotency_key="browser:peggy:employment",
        )
    )
    return peggy_budget


def type_into(page, target, words: str) -> None:
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.type(words)


def choose(page, target) -> None:
    """Tab to a radio button or checkbox and press Space."""
    tab_to(page, target)
    page.keyboard.press("Space")


def choose_radio(page, group: str, label: str) -> None:
    """Tab into a group of radios (Tab reaches only its first), then arrow down to the one."""
    radios = page.get_by_role("group", name=group).get_by_role("radio")
    target = page.get_by_label(label, exact=True)
    tab_to(page, radios.first)
    for _ in range(radios.count()):
        if target.evaluate("element => element === document.activeElement"):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label} is not in {group}")


def type_date(page, group, day) -> None:
    for label, value in [("Day", day.day), ("Month", day.month), ("Year", day.year)]:
        type_into(page, group.get_by_label(label, exact=True), str(value))


def test_david_employs_a_pa_for_peggy_with_the_keyboard(page, peggy_budget):
    sign_in(page, "nominated@example.org")
    follow(page, "Personal budget: money in and out, and logging payments")
    follow(page, PEOPLE_LINK)
    expect(heading(page)).to_have_text("People who work for you")

    follow(page, "Add someone who works for you")
    type_into(page, page.get_by_label("Their full name"), "Jo Bloggs")
    choose(page, page.get_by_label("Employed by me"))
    type_date(
        page, page.get_by_role("group", name="When did they start, or when will they?"), STARTED
    )
    type_into(page, page.get_by_label("Hourly rate, in pounds"), "13.00")
    choose(page, page.get_by_label("The same hours most weeks"))
    type_into(page, page.get_by_label("Usual hours a week"), "10")
    type_into(page, page.get_by_label("Usual days a week (optional)"), "2")
    choose(page, page.get_by_label("21 or over"))
    choose(page, page.get_by_label("Personal assistant"))
    press(page, "Add them")
    expect(page.get_by_role("alert")).to_contain_text("You added Jo Bloggs.")
    expect(heading(page)).to_have_text("Jo Bloggs")
    expect(page.get_by_text("There is no DBS check recorded for Jo Bloggs.").first).to_be_visible()
    check_accessibility(page, "employment-worker-new")

    follow(page, "Record Jo's checks")
    type_date(page, page.get_by_role("group", name="Date on their DBS certificate"), STARTED)
    choose_radio(page, "Kind of DBS check", "Enhanced with a check of the adults' barred list")
    press(page, "Save the checks")
    expect(page.get_by_role("alert")).to_contain_text("You recorded Jo Bloggs's checks.")
    expect(page.locator("#dbs")).to_contain_text("Enhanced with a check of the adults' barred list")

    follow(page, "Back to people who work for you")
    follow(page, "Record or change the insurance and payroll provider")
    type_into(page, page.get_by_label("Insurance company"), "Carers Mutual")
    type_date(
        page,
        page.get_by_role("group", name="Date the insurance renews"),
        TODAY + timedelta(days=200),
    )
    press(page, "Save")
    expect(page.locator("#insurance")).to_contain_text("Carers Mutual")
    check_accessibility(page, "employment-people")

    # A week of hours: a mistake first, then right.
    follow(page, "Jo Bloggs")
    follow(page, "Enter hours for another week")
    type_date(page, page.get_by_role("group", name="Which week?"), LAST_MONDAY)
    press(page, "Continue")
    shift = page.locator("#shift-1")
    type_into(page, shift.get_by_label("Started"), "09:00")
    type_into(page, shift.get_by_label("Finished"), "08:00")
    press(page, "Save the hours")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Shift 1 finishes (08:00) before it starts (09:00)")
    check_accessibility(page, "employment-timesheet-error")
    type_into(page, shift.get_by_label("Finished"), "14:00")
    type_into(page, page.locator("#shift-2").get_by_label("Started"), "09:00")
    type_into(page, page.locator("#shift-2").get_by_label("Finished"), "14:00")
    press(page, "Save the hours")
    expect(page.get_by_role("alert")).to_contain_text("Check them, then approve them.")
    follow(page, "Check and approve these hours")
    expect(page.locator("#pay")).to_contain_text("£130.00")
    press(page, "Approve these hours")
    expect(page.get_by_role("alert")).to_contain_text("£130.00 is owed to them")
    assert ExpectedWage.objects.get().amount == Decimal("130.00")

    # David pays Jo, and logs it: it is matched to the week.
    follow(page, "Back to people who work for you")
    follow(page, "Back to the budget")
    follow(page, "Log payments")
    group = page.locator("#payment-1")
    type_date(page, group, TODAY)
    type_into(page, group.get_by_label("Who was paid"), "Jo Bloggs")
    type_into(page, group.get_by_label("Amount, in pounds"), "130.00")
    tab_to(page, group.get_by_label("What support in the plan was it for?"))
    page.keyboard.type("Personal")
    press(page, "Log the payment")
    expect(page.get_by_role("alert")).to_contain_text("You logged the payment.")

    follow(page, PEOPLE_LINK)
    expect(page.locator("#unpaid")).to_have_text("Every approved week has a payment matched.")
    follow(page, "Jo Bloggs")
    expect(page.locator("#worker-wages")).to_contain_text("Paid")
    expect(page.locator("#holiday-built-up")).to_contain_text("hours, worth £")
    check_accessibility(page, "employment-worker-paid")
    worker = Worker.objects.get()
    assert worker.history.filter(history_user__email="nominated@example.org").exists()
