"""docs/quality.md #14: every form answers bad input with the GOV.UK error summary, keeps what was
typed, saves nothing and never fails with a 500."""

import pytest
from django.urls import reverse

from people.models import Person, ProviderConsent, Representative

GOOD_PERSON = {
    "first_name": "Ada",
    "last_name": "Byron",
    "preferred_name": "",
    "date_of_birth_0": "10",
    "date_of_birth_1": "12",
    "date_of_birth_2": "1955",
    "address_line_1": "1 Lovelace Road",
    "address_line_2": "",
    "town": "Northby",
    "postcode": "ns1 4ab",
    "email": "",
    "phone": "",
    "communication_needs": "",
    "dp_capacity": "has_capacity",
    "capacity_assessed_on_0": "1",
    "capacity_assessed_on_1": "3",
    "capacity_assessed_on_2": "2026",
    "case_reference": "",
    "nhs_number": "",
}
GOOD_REPRESENTATIVE = {
    "kind": "authorised",
    "full_name": "Ruth Reid",
    "email": "ruth@example.org",
    "phone": "",
    "relationship": "Sister",
    "legal_basis": "lpa",
    "legal_reference": "LPA 1234",
    "starts_on_0": "1",
    "starts_on_1": "11",
    "starts_on_2": "2026",
    "ends_on_0": "",
    "ends_on_1": "",
    "ends_on_2": "",
    "agreed_on_0": "1",
    "agreed_on_1": "11",
    "agreed_on_2": "2026",
    "dishonesty_declaration": "no_convictions",
    "declaration_details": "",
}
JUNK_VALUES = ["", " ", "x" * 5000, "<script>alert(1)</script>", "\x00", "💷", "-1", "99999999"]


def _shows_error_summary(response) -> bool:
    return response.status_code == 200 and "There is a problem" in response.text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, "Enter the person&#x27;s first name"),
        ({"date_of_birth_0": "31", "date_of_birth_1": "2"}, "Date of birth must be a real date"),
        ({"date_of_birth_2": "2099"}, "Date of birth must be today or in the past"),
        ({"date_of_birth_2": "55"}, "4-digit year"),
        (
            {"date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""},
            "Enter the date of birth",
        ),
        ({"postcode": "12 345"}, "Enter a real postcode"),
        ({"email": "someone@"}, "Enter an email address in the right format"),
        ({"dp_capacity": "maybe"}, "Select a valid choice"),
        (
            {
                "capacity_assessed_on_0": "",
                "capacity_assessed_on_1": "",
                "capacity_assessed_on_2": "",
            },
            "Enter the date capacity to manage a direct payment was judged",
        ),
    ],
)
def test_adding_a_person_with_a_mistake_explains_it_and_saves_nothing(
    client, social_worker, changes, message
):
    client.force_login(social_worker)
    response = client.post(reverse("people:person_add"), {**GOOD_PERSON, **changes})
    assert _shows_error_summary(response)
    assert message in response.text
    assert 'value="1 Lovelace Road"' in response.text  # what was typed is kept
    assert not Person.objects.exists()


def test_adding_a_person_with_good_answers_tidies_the_postcode(client, social_worker):
    client.force_login(social_worker)
    response = client.post(reverse("people:person_add"), GOOD_PERSON)
    person = Person.objects.get()
    assert response["Location"] == reverse("people:person_detail", args=[person.id])
    assert (
        person.postcode == "NS1 4AB"
        and person.local_authority == social_worker.memberships.get().organisation
    )


@pytest.mark.parametrize("junk", JUNK_VALUES)
@pytest.mark.parametrize("field", list(GOOD_PERSON))
def test_person_form_survives_junk_in_any_field(client, social_worker, person, field, junk):
    client.force_login(social_worker)
    before = Person.objects.values().get(id=person.id)
    response = client.post(
        reverse("people:person_edit", args=[person.id]), {**GOOD_PERSON, field: junk}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert _shows_error_summary(response)
        assert Person.objects.values().get(id=person.id) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": ""}, "Choose nominated person or authorised person"),
        ({"legal_basis": ""}, "Choose the legal basis"),
        ({"legal_reference": ""}, "Enter the reference for the legal basis"),
        (
            {"ends_on_0": "1", "ends_on_1": "1", "ends_on_2": "2026"},
            "end date must be the same as or after",
        ),
        ({"dishonesty_declaration": "has_convictions"}, "Give details of the conviction"),
        ({"kind": "nominated", "legal_basis": ""}, "only be recorded for someone who has capacity"),
        ({"email": "nope"}, "Enter an email address in the right format"),
        ({"agreed_on_2": "2099"}, "must be today or in the past"),
    ],
)
def test_recording_a_representative_with_a_mistake_explains_it(
    client, social_worker, person_lacking_capacity, changes, message
):
    client.force_login(social_worker)
    url = reverse("people:representative_add", args=[person_lacking_capacity.id])
    response = client.post(url, {**GOOD_REPRESENTATIVE, **changes})
    assert _shows_error_summary(response)
    assert message in response.text
    assert not Representative.objects.exists()


@pytest.mark.parametrize("junk", JUNK_VALUES)
@pytest.mark.parametrize("field", list(GOOD_REPRESENTATIVE))
def test_representative_form_survives_junk(
    client, social_worker, person_lacking_capacity, field, junk
):
    client.force_login(social_worker)
    url = reverse("people:representative_add", args=[person_lacking_capacity.id])
    response = client.post(url, {**GOOD_REPRESENTATIVE, field: junk})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert _shows_error_summary(response)
        assert not Representative.objects.exists()


@pytest.mark.parametrize("junk", JUNK_VALUES + ["00000000-0000-0000-0000-000000000000"])
def test_consent_form_rejects_anything_but_a_listed_provider(client, person, provider_org, junk):
    client.force_login(person.user)
    response = client.post(reverse("people:consents", args=[person.id]), {"provider": junk})
    assert _shows_error_summary(response)
    assert "Choose a provider" in response.text
    assert not ProviderConsent.objects.exists()


def test_consent_cannot_be_given_twice(client, person, provider_org):
    client.force_login(person.user)
    url = reverse("people:consents", args=[person.id])
    client.post(url, {"provider": provider_org.id})
    response = client.post(url, {"provider": provider_org.id})
    assert _shows_error_summary(response) and "can already see" in response.text
    assert ProviderConsent.objects.count() == 1


def test_ending_an_arrangement_without_a_reason_explains_it(
    client, social_worker, nominated_person, represented_person
):
    client.force_login(social_worker)
    rep = represented_person.representatives.get()
    url = reverse("people:representative_end", args=[represented_person.id, rep.id])
    response = client.post(url, {"reason": "   "})
    assert _shows_error_summary(response) and "Enter why the arrangement is ending" in response.text
    rep.refresh_from_db()
    assert rep.revoked_at is None


@pytest.mark.parametrize("junk", JUNK_VALUES + ["00000000-0000-0000-0000-000000000000"])
def test_switching_to_someone_you_do_not_act_for_is_refused_kindly(client, nominated_person, junk):
    client.force_login(nominated_person)
    response = client.post(reverse("people:acting_for"), {"person": junk}, follow=True)
    assert response.status_code == 200
    assert "Choose whose record you want to use" in response.text


@pytest.mark.parametrize("junk", JUNK_VALUES)
def test_caseload_search_survives_junk(client, social_worker, junk):
    client.force_login(social_worker)
    url = reverse("people:caseload")
    assert client.post(url, {"q": junk}, follow=True).status_code == 200
    assert client.get(url, {"search": junk, "page": junk}).status_code == 200


@pytest.mark.parametrize("junk", JUNK_VALUES)
def test_sign_in_form_survives_junk(client, db, junk):
    response = client.post(reverse("account_login"), {"login": junk, "password": junk})
    assert _shows_error_summary(response)


def test_inviting_a_person_without_an_email_explains_what_to_do(
    client, social_worker, represented_person
):
    client.force_login(social_worker)
    url = reverse("people:person_invite", args=[represented_person.id])
    response = client.post(url, follow=True)
    assert "Add the person&#x27;s email address before inviting them" in response.text
    represented_person.refresh_from_db()
    assert represented_person.user is None
