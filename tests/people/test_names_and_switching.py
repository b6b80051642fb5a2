"""The service names a person by the name they like to be called, and offers "Switch person" only
to someone with more than one record to choose from."""

import importlib

from django.core import mail
from django.urls import reverse

from people import services
from people.models import Person, User

from ..factories import PersonFactory, RepresentativeFactory, UserFactory


def test_a_person_invited_to_sign_in_is_greeted_by_their_preferred_name(
    client, social_worker, council, django_capture_on_commit_callbacks
):
    sam = PersonFactory(
        local_authority=council,
        first_name="Samuel",
        preferred_name="Sam",
        last_name="Okafor",
        email="sam.new@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.person_invite(person=sam, invited_by=social_worker)
    sam.refresh_from_db()
    assert sam.user.full_name == "Sam Okafor"
    assert mail.outbox[0].body.startswith("Hello Sam Okafor,")
    client.force_login(sam.user)
    page = client.get(reverse("people:dashboard")).text
    assert "Hello, Sam</h1>" in page and "Samuel" not in page


def test_changing_the_preferred_name_renames_their_login(client, social_worker, person):
    services.person_update(person=person, updated_by=social_worker, details={})
    person.user.refresh_from_db()
    assert person.user.full_name == "Sam Okafor"
    services.person_update(
        person=person, updated_by=social_worker, details={"preferred_name": "Sammy"}
    )
    person.user.refresh_from_db()
    assert str(person.user) == "Sammy Okafor"
    client.force_login(person.user)
    history = client.get(reverse("people:history", args=[person.id])).text
    assert "Sammy Okafor" in history  # who opened the record
    assert "Hello, Sammy" in client.get(reverse("people:dashboard")).text


def test_existing_logins_are_renamed_by_the_migration(person):
    from django.apps import apps

    migration = importlib.import_module(
        "people.migrations.0003_person_users_named_by_preferred_name"
    )
    assert person.user.full_name == "Samuel Okafor"
    untouched = UserFactory(full_name="David Hughes")
    migration.name_person_users_by_preferred_name(apps, None)
    person.user.refresh_from_db()
    untouched.refresh_from_db()
    assert person.user.full_name == "Sam Okafor" and untouched.full_name == "David Hughes"


def test_the_record_keeps_the_legal_name_where_it_is_needed(client, social_worker, person):
    client.force_login(social_worker)
    page = client.get(reverse("people:person_detail", args=[person.id])).text
    assert '<h1 class="govuk-heading-xl">Sam Okafor</h1>' in page
    assert "Samuel Okafor" in page  # "Full name": the legal name, on the record itself


def test_the_demo_names_sam_as_he_likes_and_stays_the_same_when_loaded_again(db):
    from people.demo import seed_demo

    first = seed_demo()
    Person.objects.filter(first_name="Samuel").update(case_reference="")
    assert seed_demo() == first
    sam = Person.objects.get(first_name="Samuel")
    assert sam.user.full_name == "Sam Okafor" and sam.case_reference == "NCC-ASC-104233"
    assert User.objects.filter(full_name="Samuel Okafor").count() == 0
    assert all(p.case_reference for p in Person.objects.all())
    northshire = sam.local_authority
    assert northshire.phone and northshire.email and northshire.opening_hours


def test_someone_with_one_record_is_not_offered_switch_person(client, person):
    client.force_login(person.user)
    page = client.get(reverse("people:person_detail", args=[person.id])).text
    assert "You are using your own record" in page
    assert "Switch person" not in page


def test_a_representative_of_one_person_is_not_offered_switch_person(
    client, nominated_person, represented_person
):
    client.force_login(nominated_person)
    page = client.get(reverse("people:person_detail", args=[represented_person.id])).text
    assert "You are acting for" in page and "Switch person" not in page


def test_someone_with_two_records_is_offered_switch_person(
    client, person, social_worker, represented_person
):
    RepresentativeFactory(person=represented_person, user=person.user, agreed_by=social_worker)
    client.force_login(person.user)
    client.post(reverse("people:acting_for"), {"person": represented_person.id})
    page = client.get(reverse("people:person_detail", args=[represented_person.id])).text
    assert "You are acting for" in page
    assert f'<a class="govuk-link" href="{reverse("people:acting_for")}">Switch person</a>' in page
