"""The person manages consent; a representative for two people switches between them."""

import re
from datetime import date

from playwright.sync_api import expect

from people.models import Person, Representative, User

from .conftest import check_accessibility, sign_in


def banner(page):
    return page.get_by_role("region", name="Whose record is open")


def test_person_gives_and_withdraws_consent_and_the_provider_stops_seeing_them(page, second_page):
    provider = second_page
    sign_in(provider, "provider@example.org", staff=True)
    expect(provider.get_by_role("list").filter(has_text="Sam Okafor")).to_be_visible()

    sign_in(page, "person@example.org")
    page.get_by_role("link", name="Who can see the outcomes in the support plan").click()
    page.get_by_role("button", name="Give consent").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(["Choose a provider"])
    check_accessibility(page, "consent-no-provider-chosen")

    page.get_by_label("Which provider may see the outcomes").select_option(
        label="Riverside Day Services"
    )
    page.get_by_role("button", name="Give consent").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Riverside Day Services can now see the outcomes agreed in the plan."
    )
    expect(page.get_by_role("row", name=re.compile("Riverside Day Services"))).to_contain_text(
        "by Sam Okafor"
    )

    page.get_by_role("link", name="Withdraw consent for Brightside Home Care").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stop Brightside Home Care seeing the outcomes?"
    )
    expect(banner(page)).to_contain_text("Sam Okafor")
    check_accessibility(page, "consent-withdraw-confirm")
    page.get_by_role("button", name="Withdraw consent").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Brightside Home Care can no longer see the agreed outcomes."
    )
    brightside = page.get_by_role("row", name=re.compile("Brightside Home Care"))
    expect(brightside).to_contain_text("Withdrawn")
    expect(brightside.get_by_role("link")).to_have_count(0)
    check_accessibility(page, "consent-withdrawn")

    provider.get_by_role("link", name="Home").click()
    expect(provider.get_by_text("Sam Okafor")).to_have_count(0)
    expect(
        provider.get_by_text("No one has agreed to share their outcomes with you yet")
    ).to_be_visible()
    check_accessibility(provider, "provider-dashboard-after-withdrawal")

    page.get_by_role("link", name="Back to Sam Okafor's record").click()
    page.get_by_role("link", name="See changes and who has looked at this record").click()
    expect(page.get_by_text("Changed: Consent for a provider to see outcomes")).to_be_visible()
    expect(page.get_by_role("cell", name="Withdrawn by")).to_be_visible()


def _second_person_for_david() -> None:
    """David Hughes also manages his father Arthur's direct payment."""
    council = Person.objects.get(first_name="Margaret").local_authority
    arthur = Person.objects.create(
        local_authority=council,
        first_name="Arthur",
        last_name="Hughes",
        date_of_birth=date(1938, 7, 9),
        address_line_1="4 Orchard Close",
        town="Northby",
        postcode="NS2 7QT",
        dp_capacity=Person.Capacity.HAS_CAPACITY,
        capacity_assessed_on=date(2026, 1, 20),
    )
    david = User.objects.get(email="nominated@example.org")
    Representative.objects.create(
        person=arthur,
        user=david,
        full_name=david.full_name,
        email=david.email,
        relationship="Son",
        kind=Representative.Kind.NOMINATED,
        starts_on=date(2026, 3, 2),
        agreed_by=User.objects.get(email="social.worker@example.org"),
        agreed_on=date(2026, 3, 2),
        dishonesty_declaration=Representative.Declaration.NO_CONVICTIONS,
    )


def expect_every_page_names(page, name: str) -> None:
    """The record, consent and history pages all say whose record is open."""
    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Personal details and representatives").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(banner(page)).to_have_text(re.compile(f"You are acting for {name}"))
    page.get_by_role("link", name="Change who can see the outcomes").click()
    expect(page.get_by_text(name, exact=True).first).to_be_visible()
    expect(banner(page)).to_have_text(re.compile(f"You are acting for {name}"))
    page.get_by_role("link", name=f"Back to {name}'s record").click()
    page.get_by_role("link", name="See changes and who has looked at this record").click()
    expect(banner(page)).to_have_text(re.compile(f"You are acting for {name}"))
    page.get_by_role("link", name="Home").click()
    expect(banner(page)).to_have_text(re.compile(f"You are acting for {name}"))


def test_representative_for_two_people_switches_between_them_explicitly(page):
    _second_person_for_david()
    peggy = Person.objects.get(first_name="Margaret")
    sign_in(page, "nominated@example.org")

    expect(page.get_by_role("heading", name="People you manage a budget for")).to_be_visible()
    expect(banner(page)).to_have_count(0)
    check_accessibility(page, "two-people-dashboard-nothing-open")

    page.goto(f"/people/{peggy.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Whose record do you want to use?")
    expect(page.get_by_text("Choose whose record you want to use.")).to_be_visible()
    check_accessibility(page, "two-people-choose-record")

    page.get_by_label("Peggy Hughes").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("You are now using Peggy Hughes's record.")
    expect_every_page_names(page, "Peggy Hughes")
    check_accessibility(page, "two-people-dashboard-peggy-open")

    banner(page).get_by_role("link", name="Switch person").click()
    expect(page.get_by_label("Peggy Hughes")).to_be_checked()
    page.get_by_label("Arthur Hughes").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arthur Hughes")
    expect_every_page_names(page, "Arthur Hughes")

    page.goto(f"/people/{peggy.id}/history/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Whose record do you want to use?")
    expect(banner(page)).to_contain_text("Arthur Hughes")

    page.get_by_role("link", name="Home").click()
    page.get_by_role("button", name="Use Peggy Hughes's record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peggy Hughes")
    expect(banner(page)).to_have_text(re.compile("You are acting for Peggy Hughes"))


def test_continuing_without_choosing_a_person_shows_the_error_summary(page):
    """BUG, fails today: people.views.acting_for answers a POST with no choice by redirecting
    with a notification banner ("Something needs your attention"), not the GOV.UK error summary
    and an error on the radios that every other form gives (docs/quality.md #14)."""
    _second_person_for_david()
    sign_in(page, "nominated@example.org")
    page.goto("/acting-for/")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Whose record do you want to use?")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        ["Choose whose record you want to use"], timeout=1_000
    )
