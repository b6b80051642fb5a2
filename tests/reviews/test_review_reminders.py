"""Review reminders (issue 13): the person and whoever acts for them hear four weeks before the
review date and once when it has passed, never twice for the same date; staff see overdue and
requested reviews, and reviews due in the next four weeks, on their to-do list and so in their
daily digest."""

import pytest
from django.test import override_settings
from django.urls import reverse

from notifications.digest import staff_digests_send
from notifications.models import Message
from reviews import reminders
from reviews.services import review_request_ask
from reviews.todo import review_todo

from .helpers import approved_days_ago, approved_plan_for

ALWAYS_DAY = override_settings(QUIET_HOURS=(0, 0))


@pytest.fixture
def sams_plan(person, social_worker, approver):
    return approved_plan_for(
        person, writer=person.user, social_worker=social_worker, approver=approver
    )


@ALWAYS_DAY
def test_nobody_is_reminded_while_the_review_is_far_off(sams_plan):
    assert reminders.review_reminders_send() == 0
    assert not Message.objects.exists()


@ALWAYS_DAY
def test_the_person_hears_four_weeks_ahead_once(sams_plan, person):
    approved_days_ago(person, 30)  # the light first review is due 8 weeks after: in 26 days
    assert reminders.review_reminders_send() == 1
    assert reminders.review_reminders_send() == 0  # the same date: nothing more
    message = Message.objects.get()
    assert message.kind == Message.Kind.REVIEW_SOON and message.person == person
    assert "Your next review is due by" in message.body
    assert reverse("reviews:person_reviews", args=[person.id]) in message.body
    assert message.subject.startswith("Your review is due by")


@ALWAYS_DAY
def test_an_overdue_review_is_said_plainly_once_and_not_blamed_on_the_person(sams_plan, person):
    approved_days_ago(person, 70)
    assert reminders.review_reminders_send() == 1
    assert reminders.review_reminders_send() == 0
    message = Message.objects.get(kind=Message.Kind.REVIEW_OVERDUE)
    assert "has not happened yet" in message.body
    assert "the council's job to arrange, not yours" in message.body
    assert reverse("reviews:ask", args=[person.id]) in message.body


@ALWAYS_DAY
def test_a_person_who_chose_no_messages_gets_none(sams_plan, person):
    from notifications import services
    from notifications.models import Channel

    services.preference_save(person=person, user=person.user, channel=Channel.NONE, easy_read=False)
    approved_days_ago(person, 70)
    assert reminders.review_reminders_send() == 0


def test_staff_see_overdue_and_asked_for_reviews_on_their_to_do_list(
    client, sams_plan, person, social_worker, other_la_staff, finance_officer
):
    approved_days_ago(person, 70)
    client.force_login(social_worker)
    page = client.get(reverse("people:dashboard")).text
    assert "1 review is overdue" in page
    assert reverse("reviews:list") + "?status=overdue" in page
    for user in (other_la_staff, finance_officer):  # another council; not casework
        client.force_login(user)
        assert "review is overdue" not in client.get(reverse("people:dashboard")).text


def test_a_review_asked_for_shows_on_the_social_workers_list(
    client, sams_plan, person, social_worker
):
    review_request_ask(person=person, asked_by=person.user, reason="My needs changed")
    client.force_login(social_worker)
    page = client.get(reverse("people:dashboard")).text
    assert "1 review has been asked for" in page
    assert reverse("reviews:list") + "?status=requested" in page


def test_staff_hear_of_a_review_due_in_the_next_4_weeks_before_it_is_overdue(
    client, sams_plan, person, social_worker, other_la_staff
):
    approved_days_ago(person, 30)  # the light first review is due in 26 days
    client.force_login(social_worker)
    page = client.get(reverse("people:dashboard")).text
    assert "1 review is due in the next 4 weeks" in page
    assert "review is overdue" not in page
    link = reverse("reviews:list") + "?status=due_soon"
    assert link in page
    listed = client.get(link).text
    assert person.display_name in listed and "Due within 4 weeks" in listed
    client.force_login(other_la_staff)
    assert "due in the next 4 weeks" not in client.get(reverse("people:dashboard")).text


def test_nothing_is_said_to_staff_while_the_review_is_far_off(sams_plan, social_worker):
    assert review_todo(social_worker) == []


@ALWAYS_DAY
def test_a_review_due_soon_reaches_the_social_workers_daily_digest(
    sams_plan, person, social_worker
):
    approved_days_ago(person, 30)
    staff_digests_send()
    digest = Message.objects.get(kind=Message.Kind.STAFF_DIGEST, recipient=social_worker)
    assert "1 review is due in the next 4 weeks" in digest.body
    assert "/reviews/?status=due_soon" in digest.body
