"""A finance officer works out Sam's contribution step by step and completes it; Sam reads it."""

import re

import pytest
from playwright.sync_api import expect

from people.models import Organisation

from ..builders import council_rates
from .conftest import check_accessibility, sign_in


@pytest.fixture
def charging_rates(demo):
    """This year's charging rates for the demo council (the people demo seeds none)."""
    council = Organisation.objects.get(name="Northshire County Council")
    return council_rates(council, standard_dre="20.00")


def _add_item(page, label: str, amount: str, how_often: str, *, kind: str = "") -> None:
    form = page.locator("#main-form")
    form.get_by_label("Income", exact=True).check()
    form.get_by_label("What is it?").fill(label)
    if kind:
        form.get_by_label("If it is income, what kind?").select_option(label=kind)
    form.get_by_label("Amount in pounds, as it is paid").fill(amount)
    form.get_by_label(how_often, exact=True).check()
    form.get_by_role("button", name="Add it").click()


def test_finance_officer_completes_an_assessment_and_the_person_reads_every_step(
    page, second_page, charging_rates
):
    sign_in(page, "finance@example.org", staff=True)
    page.get_by_role("link", name="Search the whole caseload").click()
    page.get_by_label("Search by name or postcode").fill("Okafor")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Sam Okafor").click()
    page.get_by_role("link", name="Financial assessments and weekly contribution").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Financial assessments")
    check_accessibility(page, "finances-list-empty")

    page.get_by_role("link", name="Start a financial assessment").click()
    check_accessibility(page, "finances-start")
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_role("alert")).to_contain_text("You have started a financial assessment")
    check_accessibility(page, "finances-working-new")

    # A typing slip is explained, and what was typed is kept.
    _add_item(page, "Private pension", "1,300.005", "Every month")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Enter an amount in pounds and pence, like 82.50")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_label("What is it?")).to_have_value("Private pension")
    check_accessibility(page, "finances-add-item-error")

    page.get_by_label("Amount in pounds, as it is paid").fill("1,300.00")
    page.get_by_role("button", name="Add it").click()
    expect(page.get_by_role("alert")).to_contain_text("Added: Private pension.")
    _add_item(
        page,
        "PIP mobility",
        "77.05",
        "Every week",
        kind="Personal Independence Payment: mobility component",
    )
    income = page.get_by_role("table", name="Income")
    expect(income).to_contain_text("£1,300.00 every month")
    expect(income).to_contain_text("£300.00")  # 1,300 × 12 ÷ 52
    expect(income).to_contain_text("No: we do not count the mobility part")

    page.get_by_role("link", name="Change money and allowances").click()
    page.get_by_label("Capital in pounds", exact=True).fill("18000")
    page.get_by_label("Single, aged 25 to Pension Credit age: £103.65 a week").check()
    page.get_by_label("Disability premium, single: £47.35 a week").fill("1")
    check_accessibility(page, "finances-details")
    page.get_by_role("button", name="Save").click()

    # 300.00 counted + 15.00 tariff − 103.65 − 47.35 MIG − 20.00 standard DRE = 144.00
    expect(page.get_by_text("Weekly contribution so far")).to_contain_text("£144.00")
    steps = page.get_by_role("table", name="How we worked it out")
    expect(
        steps.get_by_role("row", name=re.compile("Tariff income from Sam Okafor.s capital"))
    ).to_contain_text("£15.00")
    expect(steps.get_by_role("row", name=re.compile("^Disposable income"))).to_contain_text(
        "£144.00"
    )
    check_accessibility(page, "finances-working-filled")

    page.get_by_role("link", name="Complete the assessment").click()
    expect(page.get_by_text("weekly contribution will be")).to_contain_text("£144.00")
    check_accessibility(page, "finances-complete")
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.get_by_role("alert")).to_contain_text("weekly contribution is £144.00")
    expect(page.get_by_role("button", name=re.compile("Remove"))).to_have_count(0)
    check_accessibility(page, "finances-completed-staff")

    # Sam signs in and reads it.
    sign_in(second_page, "person@example.org")
    second_page.get_by_role("link", name="Personal details and representatives").click()
    second_page.get_by_role("link", name="Financial assessments and weekly contribution").click()
    check_accessibility(second_page, "finances-list-person")
    second_page.get_by_role("link", name=re.compile("^View")).click()
    expect(second_page.get_by_role("heading", level=1)).to_have_text("Your financial assessment")
    expect(second_page.get_by_text("Your weekly contribution is")).to_contain_text("£144.00")
    expect(second_page.get_by_text("This is how we worked it out.")).to_be_visible()
    steps = second_page.get_by_role("table", name="How we worked it out")
    for label in ["Private pension", "We do not count: PIP mobility", "Minimum Income Guarantee"]:
        expect(steps).to_contain_text(label)
    expect(steps.get_by_role("row", name=re.compile("^Your weekly charge"))).to_contain_text(
        "£144.00"
    )
    check_accessibility(second_page, "finances-person-result")
