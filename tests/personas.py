"""The people every test is about, made as plain functions: the fixtures in conftest.py make
them one at a time, and `matrix_scenario` makes all of them at once for the authorisation
matrix and the markup sweep."""

from datetime import date

from people.models import Person, Representative, StaffRole

from .builders import council_rates
from .factories import (
    OrganisationFactory,
    PersonFactory,
    ProviderConsentFactory,
    ProviderFactory,
    RepresentativeFactory,
    UserFactory,
    staff_user,
)


def make_council():
    """The council, with this year's charging rates entered and checked by its administrator."""
    council = OrganisationFactory(name="Northshire County Council")
    council_rates(council)
    return council


def make_other_council():
    return OrganisationFactory(name="Southvale Borough Council")


def make_provider_org():
    return ProviderFactory(name="Brightside Home Care")


def make_other_provider_org():
    return ProviderFactory(name="Riverside Day Services")


def make_social_worker(council):
    return staff_user(council, StaffRole.SOCIAL_WORKER, full_name="Jordan Ellis")


def make_approver(council):
    return staff_user(council, StaffRole.APPROVER, full_name="Priya Natarajan")


def make_finance_officer(council):
    return staff_user(council, StaffRole.FINANCE_OFFICER, full_name="Chris Doyle")


def make_la_admin(council):
    return staff_user(council, StaffRole.ADMINISTRATOR, full_name="Alex Kaur")


def make_other_la_staff(other_council):
    return staff_user(other_council, StaffRole.SOCIAL_WORKER, full_name="Sam Rivers")


def make_person(council):
    """A person on the council's caseload who signs in themselves."""
    return PersonFactory(
        local_authority=council,
        first_name="Samuel",
        preferred_name="Sam",
        last_name="Okafor",
        user=UserFactory(full_name="Samuel Okafor", email="sam@example.org"),
        email="sam@example.org",
    )


def make_other_person(council):
    """Another person on the same caseload, with their own login."""
    return PersonFactory(
        local_authority=council,
        first_name="Olive",
        last_name="Other",
        user=UserFactory(full_name="Olive Other"),
    )


def make_represented_person(council):
    """A person with capacity who has a nominated person and no login of their own."""
    return PersonFactory(local_authority=council, first_name="Margaret", last_name="Hughes")


def make_nominated_person(represented_person, social_worker):
    """The user who is nominated person for `represented_person`."""
    user = UserFactory(full_name="David Hughes")
    RepresentativeFactory(
        person=represented_person, user=user, agreed_by=social_worker, relationship="Son"
    )
    return user


def make_person_lacking_capacity(council):
    return PersonFactory(
        local_authority=council,
        first_name="Thomas",
        last_name="Reid",
        dp_capacity=Person.Capacity.LACKS_CAPACITY,
        capacity_assessed_on=date(2025, 12, 5),
    )


def make_authorised_person(person_lacking_capacity, social_worker):
    user = UserFactory(full_name="Ruth Reid")
    RepresentativeFactory(
        person=person_lacking_capacity,
        user=user,
        agreed_by=social_worker,
        relationship="Sister",
        kind=Representative.Kind.AUTHORISED,
        legal_basis=Representative.LegalBasis.LPA,
        legal_reference="LPA 7000-1234-5678",
    )
    return user


def make_provider_user(provider_org, person):
    """Provider staff whose organisation `person` has consented to."""
    ProviderConsentFactory(person=person, provider=provider_org, given_by=person.user)
    return staff_user(provider_org, StaffRole.PROVIDER_STAFF, full_name="Morgan Blake")


def make_other_provider_user(other_provider_org):
    """Provider staff whose organisation nobody here has consented to."""
    return staff_user(other_provider_org, StaffRole.PROVIDER_STAFF, full_name="Pat Other")


def make_stranger():
    """Signed in, but no person, representation or staff role."""
    return UserFactory(full_name="Stranger Danger")


def everyone() -> dict:
    """One user of each role the matrix asks about (keyword arguments of matrix_scenario),
    made afresh: Sam and his council's staff, the representatives, providers and outsiders."""
    council = make_council()
    social_worker = make_social_worker(council)
    person = make_person(council)
    return {
        "person": person,
        "nominated_person": make_nominated_person(make_represented_person(council), social_worker),
        "authorised_person": make_authorised_person(
            make_person_lacking_capacity(council), social_worker
        ),
        "other_person": make_other_person(council).user,
        "social_worker": social_worker,
        "approver": make_approver(council),
        "finance_officer": make_finance_officer(council),
        "la_admin": make_la_admin(council),
        "provider_user": make_provider_user(make_provider_org(), person),
        "other_provider_user": make_other_provider_user(make_other_provider_org()),
        "other_la_staff": make_other_la_staff(make_other_council()),
        "stranger": make_stranger(),
    }


def matrix_scenario(*, person, **users) -> dict:
    """The authorisation matrix's data set (tests/authz), also read by the markup sweep: Sam
    (`person`, the subject) with a nominated person and a consent to Brightside; a user for
    every other role (`users`, as everyone() makes them); and what each area's extend_scenario
    adds."""
    from .authz import entries_and_extenders

    RepresentativeFactory(
        person=person,
        user=users["nominated_person"],
        agreed_by=users["social_worker"],
        kind=Representative.Kind.NOMINATED,
    )
    scenario = {
        "subject": person,
        "representative": person.representatives.get(user=users["nominated_person"]),
        "consent": person.provider_consents.get(),
        "users": {"anonymous": None, "person": person.user, **users},
    }
    _, extenders = entries_and_extenders()
    for extend in extenders:
        extend(scenario)
    return scenario
