"""Personas shared by every test: one of each role, plus strangers who must see nothing."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from budgets.models import BudgetPart, PersonalBudget
from people.models import StaffRole

from . import personas
from .builders import approve, complete_eligible_assessment, ready_plan
from .factories import staff_user


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
    return personas.make_council()


@pytest.fixture
def other_council(db):
    return personas.make_other_council()


@pytest.fixture
def provider_org(db):
    return personas.make_provider_org()


@pytest.fixture
def other_provider_org(db):
    return personas.make_other_provider_org()


@pytest.fixture
def social_worker(council):
    return personas.make_social_worker(council)


@pytest.fixture
def approver(council):
    return personas.make_approver(council)


@pytest.fixture
def finance_officer(council):
    return personas.make_finance_officer(council)


@pytest.fixture
def la_admin(council):
    return personas.make_la_admin(council)


@pytest.fixture
def other_la_staff(other_council):
    return personas.make_other_la_staff(other_council)


@pytest.fixture
def person(council):
    """A person on the council's caseload who signs in themselves."""
    return personas.make_person(council)


@pytest.fixture
def other_person(council):
    """Another person on the same caseload, with their own login."""
    return personas.make_other_person(council)


@pytest.fixture
def represented_person(council):
    """A person with capacity who has a nominated person and no login of their own."""
    return personas.make_represented_person(council)


@pytest.fixture
def nominated_person(represented_person, social_worker):
    """The user who is nominated person for `represented_person`."""
    return personas.make_nominated_person(represented_person, social_worker)


@pytest.fixture
def person_lacking_capacity(council):
    return personas.make_person_lacking_capacity(council)


@pytest.fixture
def authorised_person(person_lacking_capacity, social_worker):
    return personas.make_authorised_person(person_lacking_capacity, social_worker)


@pytest.fixture
def provider_user(provider_org, person):
    """Provider staff whose organisation `person` has consented to."""
    return personas.make_provider_user(provider_org, person)


@pytest.fixture
def other_provider_user(other_provider_org):
    """Provider staff whose organisation nobody here has consented to."""
    return personas.make_other_provider_user(other_provider_org)


@pytest.fixture
def stranger(db):
    """Signed in, but no person, representation or staff role."""
    return personas.make_stranger()


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
    """The authorisation matrix's data set (tests/authz), made for this test from the persona
    fixtures: Sam (the subject) with a nominated person and a consent to Brightside; everyone
    else; and what each area's extend_scenario adds."""
    return personas.matrix_scenario(
        person=person,
        nominated_person=nominated_person,
        authorised_person=authorised_person,
        other_person=other_person.user,
        social_worker=social_worker,
        approver=approver,
        finance_officer=finance_officer,
        la_admin=la_admin,
        provider_user=provider_user,
        other_provider_user=other_provider_user,
        other_la_staff=other_la_staff,
        stranger=stranger,
    )


@pytest.fixture(scope="module")
def _shared_world(django_db_setup, django_db_blocker):
    """The matrix's data set made once for a test module, inside a transaction rolled back when
    the module ends."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield personas.matrix_scenario(**personas.everyone())
        transaction.set_rollback(True)


@pytest.fixture
def shared_scenario(_shared_world, db):
    """The matrix's data set shared by every test of a module, each test in a savepoint of its
    own (through `db`), so what one test changes is undone before the next: the isolation of a
    fresh data set, for a fraction of the time. Only for modules whose every database test reads
    it (a module overrides `scenario` with it): the data stays in place for the whole module,
    so another fixture making the same council there would clash."""
    return _shared_world
