"""docs/quality.md #26: an accessibility statement, privacy notice, cookies page and help page,
linked from the footer, for everyone; the help page names the council's contact details."""

import pytest
from django.urls import reverse

from people.models import Organisation, StaffRole

from ..factories import (
    OrganisationFactory,
    PersonFactory,
    RepresentativeFactory,
    UserFactory,
    staff_user,
)

PAGES = {
    "people:help": "Help and contact",
    "people:accessibility": "Accessibility statement for Manage a personal budget",
    "people:privacy": "Privacy notice",
    "people:cookies": "Cookies",
}


def _with_contacts(council: Organisation) -> Organisation:
    council.phone = "0300 555 0123"
    council.email = "adult.social.care@northshire.example.org"
    council.postal_address = "County Hall\nNorthby\nNS1 1AA"
    council.opening_hours = "Monday to Friday, 8:30am to 5pm"
    council.save()
    return council


@pytest.mark.parametrize(("url_name", "heading"), PAGES.items())
def test_each_page_opens_without_signing_in(client, db, url_name, heading):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in response.text.replace("&#x27;", "'")


def test_the_footer_links_to_all_four_on_every_page(client, person):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(person.user)
        page = client.get(reverse("people:home"), follow=True).text
        footer = page[page.index('<footer class="govuk-footer">') :]
        for url_name, name in [
            ("people:help", "Help and contact"),
            ("people:accessibility", "Accessibility statement"),
            ("people:privacy", "Privacy notice"),
            ("people:cookies", "Cookies"),
        ]:
            assert f'href="{reverse(url_name)}">{name}</a>' in footer


def test_staff_who_have_not_set_up_an_authenticator_can_still_read_them(client, council):
    newcomer = staff_user(council, StaffRole.SOCIAL_WORKER, mfa=False)
    client.force_login(newcomer)
    for url_name in PAGES:
        assert client.get(reverse(url_name)).status_code == 200
    assert client.get(reverse("people:dashboard"))["Location"] == reverse("mfa_activate_totp")


def test_the_cookies_page_lists_only_the_essential_cookies_by_name(client, db, settings):
    page = client.get(reverse("people:cookies")).text
    assert f"<code>{settings.SESSION_COOKIE_NAME}</code>" in page
    assert f"<code>{settings.CSRF_COOKIE_NAME}</code>" in page
    assert "only uses cookies it needs to work" in page
    assert "no analytics" in page
    assert "8 hours" in page and "30 minutes" in page


def test_the_accessibility_statement_and_privacy_notice_follow_the_usual_headings(client, db):
    statement = client.get(reverse("people:accessibility")).text
    for heading in [
        "How accessible this website is",
        "What to do if you cannot use parts of this website",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ]:
        assert heading in statement
    notice = client.get(reverse("people:privacy")).text
    for heading in ["Who is responsible for your information", "Your rights", "How long we keep"]:
        assert heading in notice
    assert "Information Commissioner" in notice


def test_someone_not_signed_in_is_told_how_to_find_their_council(client, db):
    page = client.get(reverse("people:help")).text
    assert "Find your council's adult social care team" in page
    assert 'href="https://www.gov.uk/find-local-council"' in page
    assert "call 999" in page


def test_a_person_sees_their_own_councils_contact_details(client, person):
    _with_contacts(person.local_authority)
    client.force_login(person.user)
    page = client.get(reverse("people:help")).text
    assert "Northshire County Council: adult social care" in page
    assert 'href="tel:03005550123">0300 555 0123</a>' in page
    assert "mailto:adult.social.care@northshire.example.org" in page
    assert "County Hall<br>Northby<br>NS1 1AA" in page
    assert "Monday to Friday, 8:30am to 5pm" in page
    assert "Find your local council on GOV.UK" not in page


def test_staff_see_the_council_they_work_for(client, social_worker, other_la_staff, council):
    _with_contacts(council)
    client.force_login(social_worker)
    assert "0300 555 0123" in client.get(reverse("people:help")).text
    client.force_login(other_la_staff)
    page = client.get(reverse("people:help")).text
    assert "Southvale Borough Council: adult social care" in page
    assert "0300 555 0123" not in page
    # Southvale has given no contact details: say how to find them instead.
    assert "has not given its contact details to this service yet" in page


def test_a_representative_sees_the_council_of_each_person_they_act_for(
    client, council, social_worker, nominated_person, represented_person
):
    _with_contacts(council)
    elsewhere = OrganisationFactory(name="Eastmoor City Council")
    RepresentativeFactory(
        person=PersonFactory(local_authority=elsewhere),
        user=nominated_person,
        agreed_by=social_worker,
    )
    client.force_login(nominated_person)
    page = client.get(reverse("people:help")).text
    assert "Your councils" in page
    assert "Eastmoor City Council: adult social care" in page
    assert "Northshire County Council: adult social care" in page


def test_someone_signed_in_with_no_council_is_told_how_to_find_theirs(client, db):
    client.force_login(UserFactory())
    page = client.get(reverse("people:help")).text
    assert "Find your local council on GOV.UK" in page
    assert "Your account is not linked to a council yet" in page
