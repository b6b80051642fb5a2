"""The social workers' review list: both clocks, the aligned date, status, filters, one query
count however long the list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.formats import long_date
from reviews import views
from reviews.models import ReviewRequest
from reviews.schedule import add_months
from tests.factories import PersonFactory

from .helpers import approved_days_ago, approved_plan_for, sign_in

pytestmark = pytest.mark.django_db


def _list(client, **filters):
    return client.get(reverse("reviews:list"), filters).content.decode()


def test_social_worker_sees_both_clocks_and_the_date_that_meets_both(client, budget, social_worker):
    today = timezone.localdate()
    sign_in(client, social_worker)
    page = _list(client)
    assert budget.person.display_name in page
    plan_due = today + timedelta(weeks=8)
    assert long_date(plan_due) in page
    assert long_date(add_months(today, 6)) in page
    assert "Not due" in page


def test_a_review_past_its_date_is_overdue_and_filters_by_status(client, budget, social_worker):
    approved_days_ago(budget.person, 60)
    sign_in(client, social_worker)
    assert "Overdue" in _list(client)
    assert "Okafor" not in _list(client, status="not_due")
    assert "Okafor" in _list(client, status="overdue")


def test_a_review_within_4_weeks_is_due_soon(client, budget, social_worker):
    approved_days_ago(budget.person, 40)
    sign_in(client, social_worker)
    assert "Due within 4 weeks" in _list(client, status="due_soon")


def test_a_requested_review_shows_as_requested(client, budget, social_worker):
    ReviewRequest.objects.create(
        person=budget.person, asked_by=budget.person.user, kind="person_asked", reason="Moved"
    )
    sign_in(client, social_worker)
    assert "Okafor" in _list(client, status="requested")


def test_filter_by_the_clock_due_first(client, budget, social_worker):
    sign_in(client, social_worker)
    assert "Okafor" in _list(client, clock="plan")
    assert "Okafor" not in _list(client, clock="direct_payment")


def test_people_without_an_approved_plan_are_not_listed(client, eligible_person, social_worker):
    sign_in(client, social_worker)
    assert "Okafor" not in _list(client)
    assert "Nobody matches" in _list(client)


def test_another_council_s_staff_do_not_see_our_people(client, budget, other_la_staff):
    sign_in(client, other_la_staff)
    assert "Okafor" not in _list(client)


@pytest.mark.parametrize("role", ["person", "provider_user", "nominated_person"])
def test_people_and_providers_cannot_open_the_list(client, request, budget, role):
    user = request.getfixturevalue(role)
    client.force_login(getattr(user, "user", user))
    assert client.get(reverse("reviews:list")).status_code == 404


def test_bad_filter_values_show_everyone_not_an_error(client, budget, social_worker):
    sign_in(client, social_worker)
    response = client.get(reverse("reviews:list"), {"status": "<b>", "clock": "9" * 50})
    assert response.status_code == 200


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("reviews:list")).status_code == 200
    return len(captured)


def test_the_list_takes_the_same_number_of_queries_however_many_people(
    client, council, budget, social_worker, approver, la_admin, django_assert_max_num_queries
):
    sign_in(client, social_worker)
    one = _queries(client)
    for n in range(3):
        person = PersonFactory(local_authority=council, last_name=f"Extra{n}")
        approved_plan_for(person, writer=la_admin, social_worker=social_worker, approver=approver)
        ReviewRequest.objects.create(
            person=person, asked_by=social_worker, kind="other", reason="Check"
        )
    with django_assert_max_num_queries(one):
        page = client.get(reverse("reviews:list")).content.decode()
    assert all(f"Extra{n}" in page for n in range(3))


def test_the_list_is_soonest_first_and_paged_in_the_database(
    client, council, budget, social_worker, approver, la_admin, monkeypatch
):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    approved_days_ago(budget.person, 40)  # Okafor: due in 16 days
    for name, days in [("Later", 0), ("Earliest", 60)]:
        person = PersonFactory(local_authority=council, last_name=name)
        approved_plan_for(person, writer=la_admin, social_worker=social_worker, approver=approver)
        approved_days_ago(person, days)
    sign_in(client, social_worker)
    first = _list(client)
    assert "3 people, soonest first" in first
    assert first.index("Earliest") < first.index("Okafor") and "Later" not in first
    assert "Later" in _list(client, page=2) and "Okafor" not in _list(client, page=2)
    assert "Earliest" in _list(client, status="overdue") and "Okafor" not in _list(
        client, status="overdue"
    )


def test_on_the_same_date_people_are_listed_by_name_and_a_new_name_moves_them(
    client, council, budget, social_worker, approver, la_admin
):
    """The list is read in its index's order (reviews.stored_dates keeps each person's council
    and name on their row): a name changed through the service moves the person at once."""
    from people.services import person_update
    from reviews.models import ReviewDates

    approved_days_ago(budget.person, 40)  # Okafor
    twin = PersonFactory(local_authority=council, last_name="Ash", first_name="Zoe")
    approved_plan_for(twin, writer=la_admin, social_worker=social_worker, approver=approver)
    approved_days_ago(twin, 40)
    assert (
        ReviewDates.objects.get(person=twin).due_on
        == ReviewDates.objects.get(person=budget.person).due_on
    )
    sign_in(client, social_worker)
    page = _list(client)
    assert page.index("Ash") < page.index("Okafor")
    person_update(person=twin, updated_by=la_admin, details={"last_name": "Young"})
    assert ReviewDates.objects.get(person=twin).last_name == "Young"
    page = _list(client)
    assert page.index("Okafor") < page.index("Young")
