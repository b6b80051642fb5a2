"""Actions from a review (issue 13): each has an owner (a named person or a council team) and a
date; it shows on the owner's to-do list and on the person's reviews page until it is closed
with what happened. An action without an owner or a date is refused; the same form sent twice
adds one action."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.formats import long_date
from reviews.meetings.actions import action_todo
from reviews.models import ReviewAction

from .helpers import sign_in
from .meetings import invite, record

TODAY = timezone.localdate()
KEY = "11111111-1111-4111-8111-111111111111"


@pytest.fixture
def recorded(meeting, social_worker):
    record(meeting, social_worker)
    return meeting


def _add(
    client, meeting, owner, what="Find an evening club", due=TODAY + timedelta(days=30), key=KEY
):
    url = reverse(
        "reviews:action_add", kwargs={"person_id": meeting.person_id, "meeting_id": meeting.id}
    )
    form = {"what": what, "owner": owner, "submission_key": key}
    if due is not None:
        form |= {"due_on_0": due.day, "due_on_1": due.month, "due_on_2": due.year}
    return client.post(url, form)


def test_each_action_shows_on_its_owner_s_to_do_list(
    client,
    meeting,
    person,
    social_worker,
    approver,
    finance_officer,
    provider_user,
    provider_org,
):
    brightside = invite(
        meeting,
        person.user,
        {
            "name": "Brightside",
            "relationship": "provider",
            "provider": provider_org,
            "contact": "email",
            "email": "team@brightside.example",
        },
    )
    recorded = record(meeting, social_worker).meeting
    sign_in(client, social_worker)
    owners = {
        "person": "Sam: ring the bank",
        f"staff:{approver.id}": "Priya: agree extra hours",
        "team:finance": "Finance: check the card",
        f"invitee:{brightside.id}": "Brightside: move Tuesday visits",
    }
    due = date(TODAY.year + 1, 1, 1)
    for n, (owner, what) in enumerate(owners.items()):
        key = f"11111111-1111-4111-8111-{n:012d}"  # each form has its own key
        response = _add(client, recorded, owner, what=what, due=due, key=key)
        assert response.status_code == 302, response.text
    seen = {
        user: [item.text for item in action_todo(user)]
        for user in (person.user, approver, finance_officer, provider_user, social_worker)
    }
    by = f"(by {long_date(due)})"
    assert seen[person.user] == [f"From your review: Sam: ring the bank {by}"]
    assert seen[approver] == [f"From Sam Okafor's review: Priya: agree extra hours {by}"]
    assert seen[finance_officer] == [f"From Sam Okafor's review: Finance: check the card {by}"]
    assert seen[provider_user] == [
        f"From Sam Okafor's review: Brightside: move Tuesday visits {by}"
    ]
    assert seen[social_worker] == []
    sign_in(client, person.user, person)
    dashboard = client.get(reverse("people:dashboard")).text
    assert "From your review: Sam: ring the bank" in dashboard
    reviews_page = client.get(reverse("reviews:person_reviews", args=[person.id])).text
    assert all(what in reviews_page for what in owners.values())


@pytest.mark.parametrize(
    "owner, due, message",
    [
        ("", TODAY + timedelta(days=3), "Choose who will do it"),
        ("person", None, "Enter the date it will be done by"),
        ("person", TODAY - timedelta(days=1), "must be today or later"),
        ("staff:00000000-0000-0000-0000-000000000000", TODAY, "Choose who will do it"),
    ],
)
def test_an_action_without_an_owner_or_a_date_is_refused(
    client, recorded, social_worker, owner, due, message
):
    sign_in(client, social_worker)
    response = _add(client, recorded, owner, due=due)
    assert response.status_code == 200 and message in response.text
    assert "Find an evening club" in response.text
    assert not ReviewAction.objects.exists()


def test_the_same_form_sent_twice_adds_one_action(client, recorded, social_worker):
    sign_in(client, social_worker)
    assert _add(client, recorded, "person").status_code == 302
    assert _add(client, recorded, "person").status_code == 302
    assert ReviewAction.objects.count() == 1


def test_sam_closes_his_action_with_what_happened(client, recorded, person, social_worker):
    sign_in(client, social_worker)
    _add(client, recorded, "person")
    action = ReviewAction.objects.get()
    sign_in(client, person.user, person)
    url = reverse("reviews:action_close", kwargs={"person_id": person.id, "action_id": action.id})
    response = client.post(url, {"what_happened": ""})
    assert response.status_code == 200 and "Say what happened" in response.text
    assert client.post(url, {"what_happened": "Joined the Tuesday club"}).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_by) == ("done", person.user)
    assert action_todo(person.user) == []
