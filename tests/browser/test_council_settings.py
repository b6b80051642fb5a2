"""A council administrator changes the council's local settings from a date: a value the law
does not allow is refused plainly, and the change shows in the history with who made it. The
administrator adds, corrects and checks next year's charging rates."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.defaults import financial_year_of
from people.models import Organisation

from ..builders import council_rates
from .conftest import check_accessibility, sign_in
from .test_staff_journeys import expect_errors, fill_date


def test_administrator_changes_the_surplus_threshold_from_next_month(page):
    sign_in(page, "admin@example.org", staff=True)
    page.get_by_role("link", name="Northshire County Council: local settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Local settings")
    check_accessibility(page, "council-settings")
    page.get_by_role("link", name="Change settings").click()

    starts = timezone.localdate() + timedelta(days=30)
    fill_date(page, "When does this change start?", starts)
    page.get_by_label("Surplus threshold in weeks of funding").fill("6")
    page.get_by_label("Months after a direct payment starts to its first review").fill("9")
    page.get_by_role("button", name="Save the change").click()
    expect_errors(
        page, "The law says a direct payment is first reviewed within 6 months: enter 1 to 6"
    )
    check_accessibility(page, "council-settings-not-allowed")

    page.get_by_label("Months after a direct payment starts to its first review").fill("6")
    page.get_by_label("Every calendar month, in advance").check()
    page.get_by_label("Why is it changing? (optional)").fill("Finance panel, 1 December")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("alert")).to_contain_text("settings change from")
    expect(page.get_by_role("heading", name="Changes still to come")).to_be_visible()
    history = page.get_by_role("region", name="History of changes")
    expect(history).to_contain_text("Surplus threshold in weeks of funding: 8 to 6")
    expect(history).to_contain_text("Alex Kaur")
    expect(history).to_contain_text(
        "Direct payments are paid: Every 4 weeks, in advance to Every calendar month, in advance"
    )
    check_accessibility(page, "council-settings-changed")


def test_administrator_adds_to_and_rewords_the_not_allowed_list(page):
    sign_in(page, "admin@example.org", staff=True)
    page.get_by_role("link", name="Northshire County Council: local settings").click()
    page.get_by_role("link", name="Add to the list").click()
    page.get_by_role("button", name="Add to the list").click()
    expect_errors(
        page,
        "Enter what is not allowed, like 'Gambling'",
        "Enter at least one word that suggests it, like 'casino', one on each line",
    )
    page.get_by_label("What is not allowed?").fill("Holidays abroad")
    page.get_by_label("Words that suggest it").fill("package holiday\nflights")
    page.get_by_role("button", name="Add to the list").click()
    added = page.get_by_role("alert")
    expect(added).to_contain_text("'Holidays abroad' is on the not-allowed list")
    for n in range(6):  # 7 items at least, whatever the demo council listed already
        page.get_by_role("link", name="Add to the list").click()
        page.get_by_label("What is not allowed?").fill(f"Extra item {n + 1}")
        page.get_by_label("Words that suggest it").fill(f"extra{n + 1}")
        page.get_by_role("button", name="Add to the list").click()
    expect(page.get_by_text("The guidance warns against long lists")).to_be_visible()
    page.get_by_role("link", name="Change Holidays abroad").click()
    page.get_by_label("What is not allowed?").fill("Holidays")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("alert")).to_contain_text("'Holidays' is changed")
    page.get_by_role("link", name="Remove Extra item 1").click()
    page.get_by_role("button", name="Remove it").click()
    expect(page.get_by_role("alert")).to_contain_text("no longer on the not-allowed list")
    check_accessibility(page, "council-settings-not-allowed-list")


@pytest.fixture
def this_years_rates(demo):
    """The demo council's checked rates for this year (the people demo seeds none)."""
    return council_rates(Organisation.objects.get(name="Northshire County Council"))


def test_administrator_adds_checks_next_years_charging_rates(page, this_years_rates):
    """Next year's rates: copied forward, a floor refused plainly, a worked example, checked."""
    next_year = financial_year_of(timezone.localdate()) + 1
    label = f"{next_year}/{(next_year + 1) % 100:02d}"
    sign_in(page, "admin@example.org", staff=True)
    page.get_by_role("link", name="Northshire County Council: local settings").click()
    page.get_by_role("link", name="Charging rates by year").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Charging rates")
    check_accessibility(page, "charging-rates-years")

    page.get_by_role("link", name="Add a year's rates").click()
    page.get_by_role("radio", name=f"{label} (1 April {next_year}").check()
    page.get_by_role("button", name="Add the rates").click()
    expect(page.get_by_role("alert")).to_contain_text(f"The {label} rates are added")
    expect(page.get_by_text("Not checked yet")).to_be_visible()
    check_accessibility(page, "charging-rates-year")

    page.get_by_role("link", name="Change capital and the council's choices").click()
    page.get_by_label("Lower capital limit").fill("14000")
    page.get_by_label("Extra Minimum Income Guarantee a week").fill("5.00")
    page.get_by_role("button", name="Save the rates").click()
    expect_errors(
        page,
        "The lower capital limit cannot be less than the national £14,250: a lower limit would "
        "charge people more than the law allows",
    )
    expect(page.get_by_label("Extra Minimum Income Guarantee a week")).to_have_value("5.00")
    check_accessibility(page, "charging-rates-floor-refused")
    page.get_by_label("Lower capital limit").fill("14250")
    page.get_by_role("button", name="Save the rates").click()
    expect(page.get_by_role("alert")).to_contain_text(f"The {label} rates are changed")

    page.get_by_role("link", name="Check these rates").click()
    expect(page.get_by_role("table", name="How the example is worked out")).to_contain_text(
        "Extra income your council protects"
    )
    check_accessibility(page, "charging-rates-check")
    page.get_by_role("button", name=re.compile("I have checked them")).click()
    expect(page.get_by_role("alert")).to_contain_text("people can be charged on them")
