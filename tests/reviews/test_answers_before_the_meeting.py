"""Asking everyone before the meeting (issue 13): a PA answers through a private link with no
account; a changed, made-up or old link does not work; staff type in answers that came on paper;
a provider with consent answers signed in; everyone's answers are shown side by side with the
person's own view first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.meetings.links import answer_token
from reviews.models import ReviewAnswer, ReviewMeeting

from .helpers import sign_in
from .meetings import PA, SISTER, answer, invite

Source = ReviewAnswer.Source


def _link(invitee, token=None):
    return reverse("reviews:answer_by_link", args=[token or answer_token(invitee)])


def test_a_pa_answers_through_their_link_without_an_account(client, meeting, person):
    pa = invite(meeting, person.user, PA)
    page = client.get(_link(pa))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "What is important to Sam now?" in page.text
    response = client.post(_link(pa), {"working": "Sam laughs a lot", "questions": "More hours?"})
    assert response.status_code == 200 and "Your answers are saved" in response.text
    client.post(_link(pa), {"working": "Sam laughs a lot now", "questions": ""})  # changed
    saved = ReviewAnswer.objects.get()
    assert (saved.invitee, saved.source, saved.entered_by) == (pa, Source.LINK, None)
    assert saved.working == "Sam laughs a lot now" and saved.questions == ""


def test_an_empty_answer_is_refused_plainly(client, meeting, person):
    pa = invite(meeting, person.user, PA)
    response = client.post(_link(pa), {"working": "  "})
    assert response.status_code == 200 and "Answer at least one of the questions" in response.text
    assert not ReviewAnswer.objects.exists()


def test_a_changed_or_made_up_link_does_not_work(client, meeting, person):
    pa = invite(meeting, person.user, PA)
    token = answer_token(pa)
    key, signature = token.split(":")
    other_key = key[:-1] + ("1" if key[-1] != "1" else "2")
    other_signature = signature[:-2] + ("xx" if signature[-2:] != "xx" else "yy")
    for bad in [f"{key}:{other_signature}", f"{other_key}:{signature}", "x", key]:
        assert client.get(_link(pa, bad)).status_code == 404, bad
        assert client.post(_link(pa, bad), {"working": "x"}).status_code == 404
    pa.delete()
    assert client.get(_link(pa, token)).status_code == 404
    assert not ReviewAnswer.objects.exists()


def test_the_link_stops_working_once_the_meeting_has_taken_place(client, meeting, person):
    pa = invite(meeting, person.user, PA)
    ReviewMeeting.objects.filter(pk=meeting.pk).update(
        meets_on=timezone.localdate() - timedelta(days=1)
    )
    page = client.get(_link(pa))
    assert page.status_code == 410 and "the review meeting has taken place" in page.text
    assert client.post(_link(pa), {"working": "x"}).status_code == 410
    assert not ReviewAnswer.objects.exists()


def test_staff_type_in_answers_that_came_on_paper(client, meeting, person, social_worker):
    sister = invite(meeting, person.user, {**SISTER, "contact": "self"})
    sign_in(client, social_worker)
    url = reverse(
        "reviews:answer_invitee",
        kwargs={"person_id": person.id, "meeting_id": meeting.id, "invitee_id": sister.id},
    )
    assert "answers, on paper" in client.get(url).text
    assert client.post(url, {"important_now": "His football"}).status_code == 302
    saved = ReviewAnswer.objects.get()
    assert (saved.source, saved.entered_by) == (Source.PAPER, social_worker)
    page = client.get(
        reverse("reviews:meeting", kwargs={"person_id": person.id, "meeting_id": meeting.id})
    ).text
    assert "On paper, typed in by council staff" in page


def test_a_provider_with_consent_answers_signed_in_and_others_cannot(
    client, meeting, person, provider_user, provider_org, other_provider_user
):
    details = {
        "name": "Brightside",
        "relationship": "provider",
        "provider": provider_org,
        "contact": "email",
        "email": "team@brightside.example",
    }
    brightside = invite(meeting, person.user, details)
    url = reverse(
        "reviews:provider_answer", kwargs={"person_id": person.id, "meeting_id": meeting.id}
    )
    client.force_login(other_provider_user)
    assert client.get(url).status_code == 404
    assert client.get(_link(brightside)).status_code == 404  # a provider signs in instead
    client.force_login(provider_user)
    assert client.get(url).status_code == 200
    assert client.post(url, {"not_working": "Visits run late"}).status_code == 200
    saved = ReviewAnswer.objects.get()
    assert (saved.invitee, saved.source, saved.entered_by) == (
        brightside,
        Source.SIGNED_IN,
        provider_user,
    )


def test_answers_are_side_by_side_with_the_person_s_own_view_first(client, meeting, person):
    pa = invite(meeting, person.user, PA)
    sister = invite(meeting, person.user, SISTER)
    answer(meeting, pa, None, Source.LINK, working="PA: mornings")
    answer(meeting, sister, None, Source.LINK, working="Sister: evenings")
    sign_in(client, person.user, person)
    own = reverse(
        "reviews:answer_person", kwargs={"person_id": person.id, "meeting_id": meeting.id}
    )
    assert "What is important to you now?" in client.get(own).text
    assert client.post(own, {"working": "Me: my job"}).status_code == 302
    page = client.get(
        reverse("reviews:meeting", kwargs={"person_id": person.id, "meeting_id": meeting.id})
    ).text
    table = page[page.index("app-answers-table") :]
    order = [table.index(words) for words in ["Your own view", "Jo Bloggs", "Grace Okafor"]]
    assert order == sorted(order)
    cells = [table.index(words) for words in ["Me: my job", "PA: mornings", "Sister: evenings"]]
    assert cells == sorted(cells)
    assert ReviewAnswer.objects.get(invitee=None).source == Source.SIGNED_IN


@pytest.mark.parametrize("status", ["recorded", "completed"])
def test_answers_close_when_the_meeting_is_recorded(client, meeting, person, status):
    pa = invite(meeting, person.user, PA)
    ReviewMeeting.objects.filter(pk=meeting.pk).update(status=status)
    assert client.get(_link(pa)).status_code == 410
