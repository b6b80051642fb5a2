"""Every persona signs in and opens each page their role can reach; axe-core checks every one."""

import pytest
from playwright.sync_api import expect

from people.models import Person

from .conftest import check_accessibility, sign_in

# Who signs in, and whether their role lets them change a person's record.
COUNCIL_STAFF = [
    ("social.worker@example.org", "social-worker", True),
    ("approver@example.org", "approver", True),
    ("finance@example.org", "finance-officer", False),
    ("admin@example.org", "administrator", True),
]

# Who signs in, whose record they use, and what the banner says about it.
PEOPLE_AND_REPRESENTATIVES = [
    ("person@example.org", "person", "Sam Okafor", "You are using your own record: Sam Okafor."),
    ("nominated@example.org", "nominated", "Peggy Hughes", "You are acting for Peggy Hughes."),
    ("authorised@example.org", "authorised", "Tom Reid", "You are acting for Tom Reid."),
]


def _person_id(first_name: str) -> str:
    return str(Person.objects.get(first_name=first_name).id)


def expect_banner(page, text: str) -> None:
    expect(page.get_by_role("region", name="Whose record is open")).to_contain_text(text)


@pytest.mark.parametrize(("email", "slug", "name", "banner"), PEOPLE_AND_REPRESENTATIVES)
def test_person_and_each_representative_open_the_record_consents_and_history(
    page, email, slug, name, banner
):
    sign_in(page, email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    expect_banner(page, banner)
    check_accessibility(page, f"{slug}-dashboard")

    page.get_by_role("link", name="Personal details and representatives").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect_banner(page, banner)
    expect(page.get_by_role("link", name="Change personal details")).to_have_count(0)
    check_accessibility(page, f"{slug}-record")

    page.get_by_role("link", name="Change who can see the outcomes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Who can see the outcomes in the support plan"
    )
    expect_banner(page, banner)
    check_accessibility(page, f"{slug}-consents")

    page.get_by_role("link", name=f"Back to {name}'s record").click()
    page.get_by_role("link", name="See changes and who has looked at this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Changes and who has looked at this record"
    )
    expect_banner(page, banner)
    check_accessibility(page, f"{slug}-history")


@pytest.mark.parametrize(("email", "slug", "can_change"), COUNCIL_STAFF)
def test_council_staff_open_the_caseload_and_a_persons_record_consents_and_history(
    page, email, slug, can_change
):
    sign_in(page, email, staff=True)
    expect(page.get_by_role("heading", name="Caseload")).to_be_visible()
    check_accessibility(page, f"{slug}-dashboard")

    page.get_by_role("link", name="Search the whole caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    for name in ["Sam Okafor", "Peggy Hughes", "Tom Reid"]:
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("link", name="Priya Shah")).to_have_count(0)
    check_accessibility(page, f"{slug}-caseload")

    page.get_by_label("Search by name or postcode").fill("NS2 7QT")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("table")).to_contain_text("1 person")
    page.get_by_role("link", name="Peggy Hughes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peggy Hughes")
    expect(page.get_by_text("Hard of hearing")).to_be_visible()
    for change in ["Change personal details", "Record a representative"]:
        expect(page.get_by_role("link", name=change)).to_have_count(1 if can_change else 0)
    check_accessibility(page, f"{slug}-record")

    page.get_by_role("link", name="See changes and who has looked at this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Changes and who has looked at this record"
    )
    check_accessibility(page, f"{slug}-history")

    page.goto(f"/people/{_person_id('Margaret')}/consents/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Who can see the outcomes in the support plan"
    )
    expect(page.get_by_role("button", name="Give consent")).to_have_count(1 if can_change else 0)
    check_accessibility(page, f"{slug}-consents")


def test_social_worker_opens_the_forms_to_change_a_record_and_their_account(page):
    sign_in(page, "social.worker@example.org", staff=True)
    page.get_by_role("link", name="Add a person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person to the caseload")
    check_accessibility(page, "social-worker-add-person")

    page.goto(f"/people/{_person_id('Samuel')}/")
    page.get_by_role("link", name="Change personal details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change personal details")
    expect(page.get_by_label("First name")).to_have_value("Samuel")
    check_accessibility(page, "social-worker-edit-person")

    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Send the invitation again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite them to sign in")
    check_accessibility(page, "social-worker-invite")

    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Record a representative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a representative")
    check_accessibility(page, "social-worker-record-representative")

    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_text("you enter a 6-digit security code")).to_be_visible()
    check_accessibility(page, "social-worker-your-account")


def test_a_council_administrator_cannot_open_the_django_admin(page):
    """The Django admin crosses councils: it is the service operator's, not a council's."""
    sign_in(page, "admin@example.org", staff=True)
    page.goto("/admin/")
    expect(page.get_by_text("not authorized to access this page")).to_be_visible()
    expect(page.get_by_role("heading", name="Site administration")).to_have_count(0)


def test_provider_sees_only_the_people_who_consented_and_no_records(page):
    sign_in(page, "provider@example.org", staff=True)
    people_you_support = page.get_by_role("list").filter(has_text="Sam Okafor")
    expect(people_you_support).to_be_visible()
    expect(page.get_by_text("Peggy Hughes")).to_have_count(0)
    expect(page.get_by_role("link", name="Search the whole caseload")).to_have_count(0)
    check_accessibility(page, "provider-dashboard")

    page.goto(f"/people/{_person_id('Samuel')}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_accessibility(page, "provider-record-not-found")


def test_other_councils_social_worker_sees_only_their_own_caseload(page):
    sign_in(page, "other.council@example.org", staff=True)
    check_accessibility(page, "other-council-dashboard")

    page.get_by_role("link", name="Search the whole caseload").click()
    expect(page.get_by_role("table")).to_contain_text("1 person")
    expect(page.get_by_role("link", name="Sam Okafor")).to_have_count(0)
    check_accessibility(page, "other-council-caseload")

    page.get_by_role("link", name="Priya Shah").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Shah")
    check_accessibility(page, "other-council-record")
    page.get_by_role("link", name="See changes and who has looked at this record").click()
    check_accessibility(page, "other-council-history")
    page.goto(f"/people/{_person_id('Priya')}/consents/")
    check_accessibility(page, "other-council-consents")

    response = page.goto(f"/people/{_person_id('Samuel')}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("Sam Okafor")).to_have_count(0)
    check_accessibility(page, "other-council-northshire-record-not-found")


def test_person_sees_their_account_page_where_an_authenticator_is_optional(page):
    sign_in(page, "person@example.org")
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_role("button", name="Set up an authenticator app")).to_be_visible()
    check_accessibility(page, "person-your-account")


def test_nominated_person_reads_money_in_the_changes_to_peggys_record(page, peggy_budget):
    from budgets.models import BudgetPart
    from people.models import User
    from tests.builders import pay_in, spend

    part = peggy_budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    david = User.objects.get(email="nominated@example.org")
    pay_in(part, User.objects.get(email="finance@example.org"), "600.00", key="pay-browser")
    spend(part, david, "45.50", key="spend-browser", payee="Jo Bloggs (PA)")

    sign_in(page, "nominated@example.org")
    page.get_by_role("link", name="Changes to the record and who has looked at it").click()
    page.get_by_label("Money").check()
    page.get_by_role("button", name="Show changes").click()
    cards = page.locator(".govuk-summary-card")
    expect(cards.filter(has_text="Recorded: Payment out: Jo Bloggs (PA)")).to_contain_text("£45.50")
    expect(cards.filter(has_text="Recorded: Money paid in by the council")).to_contain_text(
        "£600.00"
    )
    expect(page.get_by_label("Money")).to_be_checked()
    expect(page.get_by_text("Personal details", exact=True)).to_have_count(1)  # the filter's label
    check_accessibility(page, "nominated-history-money")

    page.get_by_label("Support plan").check()
    page.get_by_role("button", name="Show changes").click()
    expect(page.get_by_text("Council's share a week").first).to_be_visible()
    expect(page.get_by_text("Weekly la share")).to_have_count(0)
    check_accessibility(page, "nominated-history-plan")


def test_council_staff_find_people_by_case_reference_nhs_number_or_date_of_birth(page):
    sign_in(page, "social.worker@example.org", staff=True)
    page.get_by_role("link", name="Search the whole caseload").click()
    search = page.get_by_label("Search by name or postcode")
    for query in ["NCC-ASC-098871", "999 000 0026", "3/11/1941", "1941-11-03", "peggy hughes"]:
        search.fill(query)
        page.get_by_role("button", name="Search").click()
        expect(page.get_by_role("table")).to_contain_text("1 person")
        expect(page.get_by_role("link", name="Peggy Hughes")).to_be_visible()
        expect(search).to_have_value(query)
    check_accessibility(page, "caseload-search-by-date-of-birth")
    page.get_by_role("link", name="Peggy Hughes").click()
    expect(page.get_by_text("999 000 0026")).to_be_visible()
    expect(page.get_by_text("NCC-ASC-098871")).to_be_visible()
