"""Recording a review that was held (issue 13): casework staff record the date and what was
agreed; the person's open requests are answered; both clocks run again from its date; bad input
is refused plainly and nothing is saved; nobody else can record one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.due import next_review_for
from reviews.models import HeldReview, ReviewRequest
from reviews.services import review_request_ask

from .helpers import approved_days_ago, approved_plan_for

TODAY = timezone.localdate()


@pytest.fixture
def sams_plan(person, social_worker, approver):
    plan = approved_plan_for(
        person, writer=person.user, social_worker=social_worker, approver=approver
    )
    approved_days_ago(person, 70)  # the light first review is overdue
    return plan


def _form(held_on, summary="Sam wants evenings; the PA will do Tuesdays. Plan to be revised."):
    return {
        "held_on_0": str(held_on.day),
        "held_on_1": str(held_on.month),
        "held_on_2": str(held_on.year),
        "summary": summary,
    }


def _url(person):
    return reverse("reviews:record", args=[person.id])


def test_a_recorded_review_answers_requests_and_restarts_both_clocks(
    client, sams_plan, person, social_worker
):
    review_request_ask(person=person, asked_by=person.user, reason="I need more help")
    assert next_review_for(social_worker, person).status == "overdue"
    client.force_login(social_worker)
    held_on = TODAY - timedelta(days=2)
    response = client.post(_url(person), _form(held_on))
    assert response["Location"] == reverse("reviews:person_reviews", args=[person.id])

    assert HeldReview.objects.get().recorded_by == social_worker
    assert ReviewRequest.objects.get().status == ReviewRequest.Status.CLOSED
    due = next_review_for(social_worker, person)
    assert due.status == "not_due"
    assert due.schedule.aligned_on > TODAY + timedelta(days=150)  # months after the review
    page = client.get(reverse("reviews:person_reviews", args=[person.id])).text
    assert "Sam wants evenings" in page and "Recorded by" in page


@pytest.mark.parametrize(
    "days_ahead, summary, message",
    [
        (1, "Agreed", "must be today or in the past"),
        (-1, "", "Say what was agreed at the review"),
    ],
)
def test_bad_input_is_refused_plainly_and_nothing_is_saved(
    client, sams_plan, person, social_worker, days_ahead, summary, message
):
    client.force_login(social_worker)
    response = client.post(_url(person), _form(TODAY + timedelta(days=days_ahead), summary))
    assert response.status_code == 200 and message in response.text
    assert not HeldReview.objects.exists()


def test_only_casework_staff_at_the_council_can_record_one(
    client, sams_plan, person, nominated_person, finance_officer, provider_user, other_la_staff
):
    for user in (person.user, finance_officer, provider_user, other_la_staff):
        client.force_login(user)
        assert client.post(_url(person), _form(TODAY)).status_code == 404
    assert not HeldReview.objects.exists()
