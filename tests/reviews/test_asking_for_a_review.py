"""Asking for a review: the person or their representative with a reason, staff on an event.
Bad input is refused with a clear message and nothing saved; outsiders get 404."""

import pytest
from django.urls import reverse

from core.errors import DomainError
from reviews.models import ReviewRequest
from reviews.services import review_request_ask

from .helpers import sign_in

pytestmark = pytest.mark.django_db


def _ask(client, person, data):
    return client.post(reverse("reviews:ask", kwargs={"person_id": person.id}), data)


def test_the_person_asks_for_a_review_with_a_reason(client, budget):
    person = budget.person
    sign_in(client, person.user, person)
    response = _ask(client, person, {"reason": "My PA is leaving and I need more help at night"})
    assert response.status_code == 302
    asked = ReviewRequest.objects.get()
    assert (asked.kind, asked.asked_by, asked.on_behalf_of) == ("person_asked", person.user, None)
    assert asked.history.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Requested" in page and "My PA is leaving" in page
    assert "Asked for by Samuel Okafor" in page


def test_the_person_sees_the_request_and_the_social_worker_sees_it_on_the_list(
    client, budget, social_worker
):
    sign_in(client, budget.person.user, budget.person)
    _ask(client, budget.person, {"reason": "Things have changed"})
    sign_in(client, social_worker)
    page = client.get(reverse("reviews:list"), {"status": "requested"}).content.decode()
    assert budget.person.display_name in page


def test_a_nominated_person_asks_on_behalf_of_the_person(
    client, represented_person, nominated_person
):
    sign_in(client, nominated_person, represented_person)
    assert _ask(client, represented_person, {"reason": "Mum's needs changed"}).status_code == 302
    asked = ReviewRequest.objects.get()
    assert asked.on_behalf_of.user == nominated_person
    assert asked.person == represented_person


def test_a_reason_is_needed_and_nothing_is_saved_without_one(client, budget):
    sign_in(client, budget.person.user, budget.person)
    response = _ask(client, budget.person, {"reason": "   "})
    assert response.status_code == 200
    assert "Tell us why you would like a review" in response.content.decode()
    assert not ReviewRequest.objects.exists()


def test_staff_start_a_review_with_what_happened_and_why(client, budget, social_worker):
    sign_in(client, social_worker)
    form = client.get(reverse("reviews:ask", kwargs={"person_id": budget.person.id}))
    assert "A provider reported a change" in form.content.decode()
    response = _ask(client, budget.person, {"kind": "provider_change", "reason": "Carer ill"})
    assert response.status_code == 302
    asked = ReviewRequest.objects.get()
    assert (asked.kind, asked.asked_by) == ("provider_change", social_worker)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"reason": "Carer ill"}, "Choose why the review is needed"),
        ({"kind": "person_asked", "reason": "x"}, "Choose why the review is needed"),
        ({"kind": "capacity_changed", "reason": ""}, "Say why a review is needed"),
    ],
)
def test_staff_bad_input_gets_a_clear_message(client, budget, social_worker, data, message):
    sign_in(client, social_worker)
    response = _ask(client, budget.person, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReviewRequest.objects.exists()


@pytest.mark.parametrize(
    "role", ["provider_user", "other_person", "other_la_staff", "finance_officer", "stranger"]
)
def test_outsiders_cannot_ask_for_someone_else_s_review(client, request, budget, role):
    user = request.getfixturevalue(role)
    client.force_login(getattr(user, "user", user))
    response = _ask(client, budget.person, {"kind": "other", "reason": "x"})
    assert response.status_code == 404
    assert not ReviewRequest.objects.exists()


def test_the_service_refuses_someone_with_no_part_in_the_person_s_care(budget, stranger):
    with pytest.raises(DomainError):
        review_request_ask(person=budget.person, asked_by=stranger, reason="x")
    assert not ReviewRequest.objects.exists()


def test_kinds_in_the_database_constraint_match_the_choices():
    from reviews.models import KINDS

    assert KINDS == ReviewRequest.Kind.values
