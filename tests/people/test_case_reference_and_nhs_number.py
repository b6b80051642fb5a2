"""The council's case reference and the NHS number on a person's record, and finding people on the
caseload by either, by date of birth, by name or by postcode."""

from datetime import date

import pytest
from django.urls import reverse

from people.forms import clean_nhs_number, nhs_number_check_digit_ok
from people.models import Person
from people.search import date_typed

from ..factories import OrganisationFactory, PersonFactory
from .test_bad_input import GOOD_PERSON

GOOD_NHS_NUMBER = "9434765919"  # a valid check digit


def _shows_error(response, message: str) -> bool:
    page = response.text.replace("&#x27;", "'")
    return response.status_code == 200 and "There is a problem" in page and message in page


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("9434765919", "9434765919"), ("943 476 5919", "9434765919"), ("943-476-5919", "9434765919")],
)
def test_an_nhs_number_is_kept_without_spaces_and_shown_as_3_3_4(
    client, social_worker, typed, stored
):
    client.force_login(social_worker)
    response = client.post(reverse("people:person_add"), {**GOOD_PERSON, "nhs_number": typed})
    person = Person.objects.get()
    assert response.status_code == 302 and person.nhs_number == stored
    page = client.get(reverse("people:person_detail", args=[person.id])).text
    assert "943 476 5919" in page
    form = client.get(reverse("people:person_edit", args=[person.id])).text
    assert 'value="943 476 5919"' in form


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("9434765918", "This is not a valid NHS number"),
        ("943476591", "The NHS number must be 10 digits"),
        ("94347659190", "The NHS number must be 10 digits"),
        ("943 476 591x", "Enter the NHS number using numbers only"),
        ("٩٤٣٤٧٦٥٩١٩", "Enter the NHS number using numbers only"),  # not ASCII digits
        ("1" * 30, "The NHS number must be 10 digits"),
    ],
)
def test_a_wrong_nhs_number_is_explained_and_what_was_typed_is_kept(
    client, social_worker, typed, message
):
    client.force_login(social_worker)
    response = client.post(reverse("people:person_add"), {**GOOD_PERSON, "nhs_number": typed})
    assert _shows_error(response, message)
    assert f'value="{typed}"' in response.text
    assert not Person.objects.exists()


def test_the_check_digit_follows_the_modulus_11_rule():
    assert nhs_number_check_digit_ok("9434765919")
    assert nhs_number_check_digit_ok("9990000018")
    assert not nhs_number_check_digit_ok("9434765910")
    # A check digit that works out as 10 means the number cannot be an NHS number.
    assert not any(nhs_number_check_digit_ok(f"000000006{d}") for d in range(10))
    assert clean_nhs_number("  ") == ""


def test_the_database_refuses_an_nhs_number_that_is_not_10_digits(council):
    """10 characters (so it fits the column on every database) that are not 10 digits."""
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        PersonFactory(local_authority=council, nhs_number="94347 6591")


def test_a_case_reference_names_one_person_in_a_council(client, social_worker, person, council):
    person.case_reference = "ASC-104233"
    person.save()
    client.force_login(social_worker)
    response = client.post(
        reverse("people:person_add"), {**GOOD_PERSON, "case_reference": "asc-104233"}
    )
    assert _shows_error(response, "already has the case reference asc-104233")
    assert 'value="asc-104233"' in response.text
    assert Person.objects.count() == 1

    other = PersonFactory(local_authority=council)
    response = client.post(
        reverse("people:person_edit", args=[other.id]),
        {**GOOD_PERSON, "case_reference": "ASC-104233"},
    )
    assert _shows_error(response, "already has the case reference ASC-104233")
    other.refresh_from_db()
    assert other.case_reference == ""

    # Keeping your own reference when other details change is fine.
    response = client.post(
        reverse("people:person_edit", args=[person.id]),
        {**GOOD_PERSON, "case_reference": "ASC-104233"},
    )
    assert response.status_code == 302


def test_a_reference_taken_a_moment_ago_by_another_save_is_explained_not_a_500(
    monkeypatch, social_worker, person, council
):
    """Two people saved at once with one reference: the database's constraint has the last word
    and the service turns it into the same plain message."""
    from core.errors import DomainError
    from people import services

    PersonFactory(local_authority=council, case_reference="ASC-7")
    monkeypatch.setattr(services, "_check_case_reference", lambda *args: None)
    with pytest.raises(DomainError, match="already has the case reference ASC-7") as error:
        services.person_update(
            person=person,
            updated_by=social_worker,
            details={"case_reference": "ASC-7", "nhs_number": ""},
        )
    assert error.value.field == "case_reference"
    person.refresh_from_db()
    assert person.case_reference == ""


def test_another_council_may_use_the_same_reference(client, social_worker, other_la_staff):
    PersonFactory(local_authority=OrganisationFactory(), case_reference="ASC-1")
    client.force_login(social_worker)
    response = client.post(reverse("people:person_add"), {**GOOD_PERSON, "case_reference": "ASC-1"})
    assert response.status_code == 302


def test_the_database_refuses_a_second_person_with_the_same_reference_in_a_council(council):
    from django.db import IntegrityError

    PersonFactory(local_authority=council, case_reference="ASC-9")
    with pytest.raises(IntegrityError):
        PersonFactory(local_authority=council, case_reference="ASC-9")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ASC 1#2", "can only use letters, numbers, spaces, hyphens and slashes"),
        ("x" * 31, "30 characters or fewer"),
    ],
)
def test_a_case_reference_with_odd_characters_is_explained(client, social_worker, typed, message):
    client.force_login(social_worker)
    response = client.post(reverse("people:person_add"), {**GOOD_PERSON, "case_reference": typed})
    assert _shows_error(response, message)
    assert not Person.objects.exists()


def test_the_record_says_when_neither_is_recorded(client, social_worker, person):
    client.force_login(social_worker)
    page = client.get(reverse("people:person_detail", args=[person.id])).text
    assert "Council's case reference" in page and "NHS number" in page
    assert page.count("Not recorded") >= 2


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("27/3/1958", date(1958, 3, 27)),
        ("27 3 1958", date(1958, 3, 27)),
        ("1958-03-27", date(1958, 3, 27)),
        ("27-03-1958", date(1958, 3, 27)),
        ("31/2/1958", None),
        ("27/3/58", None),
        ("Okafor", None),
    ],
)
def test_dates_are_read_the_ways_people_type_them(typed, expected):
    assert date_typed(typed) == expected


@pytest.fixture
def caseload(council, person):
    person.date_of_birth = date(1958, 3, 27)
    person.case_reference = "NCC-ASC-104233"
    person.nhs_number = GOOD_NHS_NUMBER
    person.postcode = "NS1 4AB"
    person.save()
    PersonFactory(
        local_authority=council,
        first_name="Olive",
        last_name="Other",
        date_of_birth=date(1960, 1, 1),
        postcode="NS9 9ZZ",
        case_reference="NCC-ASC-200001",
    )
    return person


@pytest.mark.parametrize(
    "query",
    [
        "27/3/1958",
        "27 3 1958",
        "1958-03-27",
        "NCC-ASC-104233",
        "ncc-asc-104233",
        "104233",
        "943 476 5919",
        "9434765919",
        "Sam Okafor",
        "okafor",
        "Samuel",
        "ns14ab",
        "NS1 4AB",
    ],
)
def test_the_caseload_search_finds_the_person_by_what_staff_have_to_hand(
    client, social_worker, caseload, query
):
    client.force_login(social_worker)
    page = client.post(reverse("people:caseload"), {"q": query}, follow=True).text
    assert "1 person" in page and "Sam Okafor" in page and "Olive Other" not in page
    assert f'value="{query}"' in page


def test_a_search_that_finds_no_one_says_what_else_to_try(client, social_worker, caseload):
    client.force_login(social_worker)
    page = client.post(reverse("people:caseload"), {"q": "1/1/1901"}, follow=True).text
    assert "No one matches your search" in page and "date of birth" in page
