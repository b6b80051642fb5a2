"""Reminders about actions from a review (issue 13: "tracked on the owner's home page, reminded"):
once an action's date has passed and it is still open, its owner hears once for that date: the
person (and whoever acts for them) with a link to close it, someone invited in the way the person
chose for them. Council staff and teams see late actions on their to-do list and daily digest."""

import uuid
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from notifications.digest import staff_digests_send
from notifications.models import Message
from reviews.meetings.actions import action_add, action_close, action_todo
from reviews.models import ReviewAction
from reviews.reminders import action_reminders_send

from .meetings import PA, SISTER, invite, record

ALWAYS_DAY = override_settings(QUIET_HOURS=(0, 0))
TODAY = timezone.localdate()
KIND = Message.Kind.REVIEW_ACTION_OVERDUE


@pytest.fixture
def recorded(meeting, social_worker):
    return record(meeting, social_worker).meeting


def _action(meeting, social_worker, owner, *, days_late=1, what="Ring the bank", **owner_by):
    action = action_add(
        meeting=meeting,
        user=social_worker,
        what=what,
        due_on=TODAY,
        owner=owner,
        submission_key=str(uuid.uuid4()),
        **owner_by,
    )
    ReviewAction.objects.filter(pk=action.pk).update(due_on=TODAY - timedelta(days=days_late))
    action.refresh_from_db()
    return action


@ALWAYS_DAY
def test_the_person_hears_once_when_their_action_is_late(recorded, person, social_worker):
    _action(recorded, social_worker, ReviewAction.Owner.PERSON, days_late=0)
    assert action_reminders_send() == 0  # due today: not late yet
    action = _action(recorded, social_worker, ReviewAction.Owner.PERSON, what="Open a card")
    assert action_reminders_send() == 1
    assert action_reminders_send() == 0  # the same date: nothing more
    message = Message.objects.get(kind=KIND)
    assert message.person == person and message.recipient == person.user
    assert "Open a card" in message.body and "is not marked as done yet" in message.body
    path = reverse("reviews:meeting", kwargs={"person_id": person.id, "meeting_id": recorded.id})
    assert path + "#actions" in message.body
    assert message.subject == "Something agreed at your review is late"
    action_close(action=action, user=person.user, what_happened="Card arrived")
    Message.objects.all().delete()
    assert action_reminders_send() == 0  # closed: never again


@ALWAYS_DAY
def test_someone_invited_hears_the_way_the_person_chose(meeting, person, social_worker):
    sister = invite(meeting, person.user, SISTER)
    pa = invite(meeting, person.user, PA)
    told_by_sam = invite(
        meeting, person.user, {"name": "Tom", "relationship": "friend", "contact": "self"}
    )
    recorded = record(meeting, social_worker).meeting
    for invitee in (sister, pa, told_by_sam):
        _action(recorded, social_worker, ReviewAction.Owner.INVITEE, owner_invitee=invitee)
    assert action_reminders_send() == 2
    to = {m.address: m for m in Message.objects.filter(kind=KIND)}
    assert set(to) == {"grace@example.net", "07700 900456"}
    assert to["07700 900456"].channel == "text"
    body = to["grace@example.net"].body
    assert "Dear Grace Okafor" in body and "Sam Okafor's review" in body
    assert "tell the social worker what happened" in body
    assert "http" not in body.split("help page")[0]  # no account, so no link to sign in to


@ALWAYS_DAY
def test_staff_see_late_actions_in_their_digest_not_one_email_each(
    recorded, person, social_worker, approver
):
    _action(recorded, social_worker, ReviewAction.Owner.STAFF, owner_user=approver)
    assert action_reminders_send() == 0
    [item] = action_todo(approver)
    assert "Ring the bank (was due" in item.text
    staff_digests_send()
    digest = Message.objects.get(kind=Message.Kind.STAFF_DIGEST, recipient=approver)
    assert "Ring the bank" in digest.body


@ALWAYS_DAY
def test_easy_read_when_the_person_asked_for_it(recorded, person, social_worker):
    from notifications.models import Channel
    from notifications.services import preference_save

    preference_save(person=person, user=person.user, channel=Channel.EMAIL, easy_read=True)
    _action(recorded, social_worker, ReviewAction.Owner.PERSON)
    assert action_reminders_send() == 1
    body = Message.objects.get(kind=KIND).body
    assert "Has it happened?" in body and "That is OK" in body


@ALWAYS_DAY
def test_the_scheduled_job_runs_the_reminders(recorded, social_worker):
    from reviews import tasks

    _action(recorded, social_worker, ReviewAction.Owner.PERSON)
    assert tasks.review_action_reminders.apply().get() == 1
