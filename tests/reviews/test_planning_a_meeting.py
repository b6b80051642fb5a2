"""Planning a review meeting with the person (issue 13): the social worker schedules it; the
person and staff plan it together (who comes and how to reach them, what the person needs, what
they want to talk about); invitations go once, in each invitee's chosen way; bad input is
refused plainly and nothing is half-saved."""

from datetime import time, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from notifications.models import Message
from reviews.meetings.invitations import invitations_send
from reviews.meetings.services import meeting_change
from reviews.models import ReviewInvitee, ReviewMeeting
from support_plans import services as plans
from support_plans.models import ChartRow

from .helpers import sign_in
from .meetings import PA, SISTER, answer, invite, schedule

TODAY = timezone.localdate()
ALWAYS_DAY = override_settings(QUIET_HOURS=(0, 0))


def _when(day, **extra):
    return {
        "meets_on_0": str(day.day),
        "meets_on_1": str(day.month),
        "meets_on_2": str(day.year),
        "meets_at": "2pm",
        "place": "home",
        "place_details": "",
        "facilitator": "Ade, my advocate",
        **extra,
    }


def _url(name, meeting, **extra):
    return reverse(
        f"reviews:{name}",
        kwargs={"person_id": meeting.person_id, "meeting_id": meeting.id, **extra},
    )


def test_the_social_worker_schedules_a_meeting_that_starts_from_the_communication_chart(
    client, budget, person, social_worker
):
    plan = plans.plan_revise(plan=budget.plan, user=person.user, reason="x")  # a draft: ignored
    ChartRow.objects.create(
        plan=budget.plan,
        chart=ChartRow.Chart.COMMUNICATION,
        first="I am tired",
        second="I go quiet",
        third="I need a break",
        fourth="stop for ten minutes",
    )
    ChartRow.objects.create(plan=plan, chart=ChartRow.Chart.COMMUNICATION, first="draft only")
    sign_in(client, social_worker)
    url = reverse("reviews:schedule", args=[person.id])
    response = client.post(url, _when(TODAY + timedelta(days=14)))
    meeting = ReviewMeeting.objects.get()
    assert response["Location"] == _url("meeting", meeting)
    assert meeting.meets_at == time(14, 0) and meeting.facilitator == "Ade, my advocate"
    assert "When this happens: I am tired. I do this: I go quiet." in meeting.communication
    assert "draft only" not in meeting.communication
    page = client.get(response["Location"]).text
    assert "2pm" in page and "stop for ten minutes" in page


@pytest.mark.parametrize(
    "days, change, message",
    [
        (-1, {}, "The date of the meeting must be today or in the future"),
        (0, {"meets_at": "25:00"}, "like 10:30am or 2pm"),
        (0, {"place": "other"}, "Say where the meeting will be"),
        (0, {"facilitator": ""}, "Name who will support the person at the meeting"),
    ],
)
def test_bad_scheduling_is_refused_plainly_and_nothing_is_saved(
    client, budget, person, social_worker, days, change, message
):
    sign_in(client, social_worker)
    form = {**_when(TODAY + timedelta(days=days)), **change}
    response = client.post(reverse("reviews:schedule", args=[person.id]), form)
    assert response.status_code == 200
    assert "There is a problem" in response.text and message in response.text
    assert not ReviewMeeting.objects.exists()


def test_one_meeting_is_planned_at_a_time_and_only_with_an_approved_plan(
    budget, person, social_worker, other_person
):
    from core.errors import DomainError

    schedule(person, social_worker)
    with pytest.raises(DomainError, match="already being planned"):
        schedule(person, social_worker)
    with pytest.raises(DomainError, match="approved support plan"):
        schedule(other_person, social_worker)
    assert ReviewMeeting.objects.count() == 1


def test_sam_invites_his_sister_and_his_pa_and_says_what_he_wants(client, meeting, person):
    sign_in(client, person.user, person)
    for details in (SISTER, PA):
        response = client.post(_url("invitee_add", meeting), details)
        assert response.status_code == 302, response.text
    response = client.post(
        _url("meeting_plan", meeting),
        {"topics": "Evenings", "communication": "Short breaks", "easy_read": "on"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.topics == "Evenings" and meeting.easy_read and not meeting.wants_advocate
    sister, pa = meeting.invitees.order_by("created_at")
    assert (sister.contact, sister.email, sister.phone) == ("email", "grace@example.net", "")
    assert (pa.contact, pa.phone, pa.email) == ("text", "07700 900456", "")
    page = client.get(_url("meeting", meeting)).text
    assert "Grace Okafor, my sister" in page and "Jo Bloggs, my PA" in page
    assert "What you want from the meeting" in page


@pytest.mark.parametrize(
    "contact, message",
    [
        ("email", "Enter their email address"),
        ("text", "Enter a mobile number for the text message"),
        ("letter", "Enter their postal address"),
        ("", "Choose how they will hear about the meeting"),
    ],
)
def test_an_invitee_without_a_way_to_reach_them_is_refused(
    client, meeting, person, contact, message
):
    sign_in(client, person.user, person)
    form = {"name": "Grace", "relationship": "family", "contact": contact}
    response = client.post(_url("invitee_add", meeting), form)
    assert response.status_code == 200 and message in response.text
    assert 'value="Grace"' in response.text  # what was typed is kept
    assert not ReviewInvitee.objects.exists()


def test_someone_sam_will_tell_himself_needs_no_address_and_gets_a_link_to_pass_on(
    client, meeting, person
):
    sign_in(client, person.user, person)
    form = {"name": "Grace", "relationship": "family", "contact": "self", "email": "x@y.z"}
    assert client.post(_url("invitee_add", meeting), form).status_code == 302
    grace = ReviewInvitee.objects.get()
    assert grace.email == ""  # only what the chosen way needs is kept
    page = client.get(_url("meeting", meeting)).text
    assert "Their private link to the questions" in page and "/review-questions/" in page


def test_only_a_provider_sam_consented_to_can_be_invited_as_a_provider(
    client, meeting, person, provider_user, provider_org, other_provider_org
):
    sign_in(client, person.user, person)
    form = {
        "name": "Riverside",
        "relationship": "provider",
        "contact": "email",
        "email": "team@riverside.example",
    }
    response = client.post(
        _url("invitee_add", meeting), {**form, "provider": other_provider_org.id}
    )
    assert response.status_code == 200 and "Choose a provider from the list" in response.text
    response = client.post(_url("invitee_add", meeting), {**form, "provider": provider_org.id})
    assert response.status_code == 302
    assert ReviewInvitee.objects.get().provider == provider_org


@ALWAYS_DAY
def test_invitations_go_once_each_in_the_chosen_way_and_again_for_a_new_time(
    meeting, person, mailoutbox, django_capture_on_commit_callbacks
):
    invite(meeting, person.user, SISTER)
    invite(meeting, person.user, PA)
    invite(meeting, person.user, {**SISTER, "name": "Ade", "contact": "self"})
    letter = {**SISTER, "name": "Aunt May", "contact": "letter", "postal_address": "1 High St"}
    invite(meeting, person.user, letter)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_send(meeting=meeting, user=person.user) == 4  # 3 invitees and Sam
    assert invitations_send(meeting=meeting, user=person.user) == 0
    channels = dict(Message.objects.values_list("recipient_name", "channel"))
    assert channels == {
        "Grace Okafor": "email",
        "Jo Bloggs": "text",
        "Aunt May": "letter",
        "Sam Okafor": "email",
    }
    to_pa = Message.objects.get(recipient_name="Jo Bloggs")
    assert to_pa.address == "07700 900456" and "/review-questions/" in to_pa.body
    assert "10:30am" in to_pa.body and "at home" in to_pa.body
    assert {m.to[0] for m in mailoutbox} == {"grace@example.net", person.user.email}
    meeting_change(
        meeting=meeting,
        user=person.user,
        meets_on=meeting.meets_on,
        meets_at=time(15, 0),
        place="phone",
        facilitator=meeting.facilitator,
    )
    assert invitations_send(meeting=meeting, user=person.user) == 4
    assert Message.objects.filter(body__contains="3pm, by phone").count() == 4


def test_someone_who_answered_stays_on_the_list(client, meeting, person):
    from reviews.models import ReviewAnswer

    pa = invite(meeting, person.user, PA)
    answer(meeting, pa, None, ReviewAnswer.Source.LINK)
    sign_in(client, person.user, person)
    response = client.post(_url("invitee_remove", meeting, invitee_id=pa.id))
    assert response.status_code == 200 and "has answered the review questions" in response.text
    assert ReviewInvitee.objects.filter(pk=pa.pk).exists()
