"""A council administrator changes the council's local settings from a date: a value the law
does not allow is refused plainly, and the change shows in the history with who made it."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

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
