"""Personas shared by every test: one of each role, plus strangers who must see nothing."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache

from budgets.models import BudgetPart, PersonalBudget
from people.models import Person, Representative, StaffRole

from .builders import approve, complete_eligible_assessment, council_rates, ready_plan
from .factories import (
    OrganisationFactory,
    PersonFactory,
    ProviderConsentFactory,
    ProviderFactory,
    RepresentativeFactory,
    UserFactory,
    staff_user,
)


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped test fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") and skipped:
        reporter.write_line(f"CI: {skipped} test(s) were skipped; nothing may be skipped in CI.")
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and one-time codes live in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def council(db):
    """The council, with this year's charging rates entered and checked by its administrator."""
    council = OrganisationFactory(name="Northshire County Council")
    council_rates(council)
    return council


@pytest.fixture
def other_council(db):
    return OrganisationFactory(name="Southvale Borough Council")


@pytest.fixture
def provider_org(db):
    return ProviderFactory(name="Brightside Home Care")


@pytest.fixture
def other_provider_org(db):
    return ProviderFactory(name="Riverside Day Services")


@pytest.fixture
def social_worker(council):
    return staff_user(council, StaffRole.SOCIAL_WORKER, full_name="Jordan Ellis")


@pytest.fixture
def approver(council):
    return staff_user(council, StaffRole.APPROVER, full_name="Priya Natarajan")


@pytest.fixture
def finance_officer(council):
    return staff_user(council, StaffRole.FINANCE_OFFICER, full_name="Chris Doyle")


@pytest.fixture
def la_admin(council):
    return staff_user(council, StaffRole.ADMINISTRATOR, full_name="Alex Kaur")


@pytest.fixture
def other_la_staff(other_council):
    return staff_user(other_council, StaffRole.SOCIAL_WORKER, full_name="Sam Rivers")


@pytest.fixture
def person(council):
    """A person on the council's caseload who signs in themselves."""
    return PersonFactory(
        local_authority=council,
        first_name="Samuel",
        preferred_name="Sam",
        last_name="Okafor",
        user=UserFactory(full_name="Samuel Okafor", email="sam@example.org"),
        email="sam@example.org",
    )


@pytest.fixture
def other_person(council):
    """Another person on the same caseload, with their own login."""
    return PersonFactory(
        local_authority=council,
        first_name="Olive",
        last_name="Other",
        user=UserFactory(full_name="Olive Other"),
    )


@pytest.fixture
def represented_person(council):
    """A person with capacity who has a nominated person and no login of their own."""
    return PersonFactory(local_authority=council, first_name="Margaret", last_name="Hughes")


@pytest.fixture
def nominated_person(represented_person, social_worker):
    """The user who is nominated person for `represented_person`."""
    user = UserFactory(full_name="David Hughes")
    RepresentativeFactory(
        person=represented_person, user=user, agreed_by=social_worker, relationship="Son"
    )
    return user


@pytest.fixture
def person_lacking_capacity(council):
    return PersonFactory(
        local_authority=council,
        first_name="Thomas",
        last_name="Reid",
        dp_capacity=Person.Capacity.LACKS_CAPACITY,
        capacity_assessed_on=date(2025, 12, 5),
    )


@pytest.fixture
def authorised_person(person_lacking_capacity, social_worker):
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


@pytest.fixture
def provider_user(provider_org, person):
    """Provider staff whose organisation `person` has consented to."""
    ProviderConsentFactory(person=person, provider=provider_org, given_by=person.user)
    return staff_user(provider_org, StaffRole.PROVIDER_STAFF, full_name="Morgan Blake")


@pytest.fixture
def other_provider_user(other_provider_org):
    """Provider staff whose organisation nobody here has consented to."""
    return staff_user(other_provider_org, StaffRole.PROVIDER_STAFF, full_name="Pat Other")


@pytest.fixture
def stranger(db):
    """Signed in, but no person, representation or staff role."""
    return UserFactory(full_name="Stranger Danger")


# Records most areas' tests start from, made by tests/builders.py.


@pytest.fixture
def eligible_person(person, social_worker):
    """Sam, assessed as eligible with an indicative budget of £300 a week."""
    complete_eligible_assessment(person, social_worker, indicative_weekly="300.00")
    return person


@pytest.fixture
def senior_approver(council):
    """An approver with no spending limit."""
    return staff_user(council, StaffRole.APPROVER, full_name="Dana Senior")


@pytest.fixture
def limited_approver(council):
    from djmoney.money import Money

    user = staff_user(council, StaffRole.APPROVER, full_name="Lee Limited")
    membership = user.memberships.get()
    membership.approval_limit = Money(10000, "GBP")
    membership.save()
    return user


@pytest.fixture
def budget(person, social_worker, approver):
    """Sam's budget: £150 a week by direct payment (10 hours of a PA at £15)."""
    complete_eligible_assessment(person, social_worker, indicative_weekly="300.00")
    approve(
        ready_plan(person, person.user),
        writer=person.user,
        checker=social_worker,
        approver=approver,
    )
    return PersonalBudget.objects.get(person=person)


@pytest.fixture
def dp_part(budget):
    return budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Close every connection to the test database before it is dropped, so the next run starts
    clean. A connection left open by another thread (a live-server request thread, a worker) is
    ended, and what it last ran is written to test-artifacts/db-leftovers.txt."""
    yield
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, backend_start, state, left(query, 300) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        leftovers = cursor.fetchall()
        for pid, *_ in leftovers:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    connections.close_all()
    if leftovers:
        artifacts = Path(__file__).resolve().parent.parent / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        with (artifacts / "db-leftovers.txt").open("a") as log:
            log.writelines(f"{row!r}\n" for row in leftovers)


@pytest.fixture
def scenario(
    person,
    nominated_person,
    authorised_person,
    other_person,
    social_worker,
    approver,
    finance_officer,
    la_admin,
    provider_user,
    other_provider_user,
    other_la_staff,
    stranger,
):
    """The authorisation matrix's data set (tests/authz), also read by the markup sweep: Sam
    (the subject) with a nominated person and a consent to Brightside; everyone else; and
    what each area's extend_scenario adds."""
    from .authz import entries_and_extenders

    _, extenders = entries_and_extenders()
    RepresentativeFactory(
        person=person,
        user=nominated_person,
        agreed_by=social_worker,
        kind=Representative.Kind.NOMINATED,
    )
    users = {
        "anonymous": None,
        "person": person.user,
        "nominated_person": nominated_person,
        "authorised_person": authorised_person,
        "other_person": other_person.user,
        "social_worker": social_worker,
        "approver": approver,
        "finance_officer": finance_officer,
        "la_admin": la_admin,
        "provider_user": provider_user,
        "other_provider_user": other_provider_user,
        "other_la_staff": other_la_staff,
        "stranger": stranger,
    }
    scenario = {
        "subject": person,
        "representative": person.representatives.get(user=nominated_person),
        "consent": person.provider_consents.get(),
        "users": users,
    }
    for extend in extenders:
        extend(scenario)
    return scenario
