"""Issue 9 item 14: every home page shows what is waiting for its role, with counts, so nothing
is missed; each item links to where it is done."""

from django.urls import reverse

from support_plans import services as plan_services
from tests.builders import complete_eligible_assessment, ready_plan


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("people:dashboard")).text


def _submitted_plan(person, social_worker):
    complete_eligible_assessment(person, social_worker, indicative_weekly="300")
    plan = ready_plan(person, person.user)
    plan_services.plan_submit(plan=plan, user=person.user)
    return plan


def test_nothing_waiting_is_said_plainly(client, person):
    assert "Nothing is waiting for you at the moment" in _home(client, person.user)


def test_the_social_worker_sees_a_plan_to_check_and_the_approver_a_plan_to_approve(
    client, person, social_worker, approver
):
    plan = _submitted_plan(person, social_worker)
    page = _home(client, social_worker)
    assert "1 plan to check" in page and reverse("plan_approval:queue") in page
    assert "plan to approve" not in _home(client, approver)

    plan_services.plan_check(plan=plan, user=social_worker)
    assert "1 plan to check" not in _home(client, social_worker)
    assert "1 plan to approve" in _home(client, approver)


def test_the_person_hears_when_the_council_asks_for_changes(
    client, person, social_worker, approver
):
    plan = _submitted_plan(person, social_worker)
    plan_services.plan_check(plan=plan, user=social_worker)
    plan_services.plan_decide(
        plan=plan, user=approver, decision="changes_requested", reason="Add the evenings"
    )
    page = _home(client, person.user)
    assert "The council has asked for changes to your support plan" in page
    assert reverse("plans:plan", args=[plan.id]) in page


def test_other_councils_and_providers_see_nothing_of_it(
    client, person, social_worker, other_la_staff, provider_user
):
    _submitted_plan(person, social_worker)
    assert "plan to check" not in _home(client, other_la_staff)
    assert "plan to check" not in _home(client, provider_user)


def test_the_home_page_asks_the_same_number_of_queries_for_one_plan_or_many(
    client, person, other_person, social_worker, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _submitted_plan(person, social_worker)
    client.force_login(social_worker)
    client.get(reverse("people:dashboard"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("people:dashboard"))
    _submitted_plan(other_person, social_worker)
    with django_assert_max_num_queries(len(one)):
        page = client.get(reverse("people:dashboard")).text
    assert "2 plans to check" in page
