"""Invitations to a review meeting, through the notifications app: each invitee in the way the
person chose for them (nothing for someone they will tell themselves), and the person and their
representative as they chose to hear from the service. Each message is recorded under a key
naming the meeting, who it is for, and the date and time: sending again sends nothing more, and
a meeting moved to another day or time is a new invitation."""

import hashlib

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from core.formats import long_date
from notifications.models import Channel, Message
from notifications.services import Recipient, message_record, recipients_for, whose_for
from people.models import User

from ..models import ReviewInvitee, ReviewMeeting
from .links import answer_token
from .presenters import place_words, time_words
from .services import check_planned, check_planner, locked

Contact = ReviewInvitee.Contact
CHANNELS = {
    Contact.EMAIL: Channel.EMAIL,
    Contact.TEXT: Channel.TEXT,
    Contact.LETTER: Channel.LETTER,
}


def invitation_key(meeting: ReviewMeeting, who: str) -> str:
    """review_invitation:<meeting>:<invitee or person>:<date>T<time>."""
    when = f"{meeting.meets_on.isoformat()}T{meeting.meets_at:%H%M}"
    return f"{Message.Kind.REVIEW_INVITATION}:{meeting.id}:{who}:{when}"


def invitee_key(meeting: ReviewMeeting, invitee: ReviewInvitee) -> str:
    return invitation_key(meeting, str(invitee.id))


def _person_key(meeting: ReviewMeeting, address: str) -> str:
    return invitation_key(meeting, "person-" + hashlib.sha256(address.encode()).hexdigest()[:16])


def invitee_recipient(invitee: ReviewInvitee) -> Recipient | None:
    """How the invitee hears about the meeting; None when the person tells them themselves."""
    channel = CHANNELS.get(invitee.contact)
    if channel is None:
        return None
    address = {
        Contact.EMAIL: invitee.email,
        Contact.TEXT: invitee.phone,
        Contact.LETTER: f"{invitee.name}\n{invitee.postal_address}",
    }[invitee.contact]
    return Recipient(invitee.name, channel, address)


def answer_url(invitee: ReviewInvitee) -> str:
    """Where an invitee answers: signed in for a provider's staff, else their private link."""
    meeting = invitee.meeting
    if invitee.provider_id:
        path = reverse(
            "reviews:provider_answer",
            kwargs={"person_id": meeting.person_id, "meeting_id": meeting.id},
        )
    else:
        path = reverse("reviews:answer_by_link", kwargs={"token": answer_token(invitee)})
    return settings.SITE_URL + path


def _context(meeting: ReviewMeeting) -> dict:
    person = meeting.person
    return {
        "name": person.display_name,
        "first_name": person.preferred_name or person.first_name,
        "when": f"{long_date(meeting.meets_on)} at {time_words(meeting.meets_at)}",
        "where": place_words(meeting),
        "facilitator": meeting.facilitator,
        "council": person.local_authority,
    }


@transaction.atomic
def invitations_send(*, meeting: ReviewMeeting, user: User) -> int:
    """Invite everyone not yet invited to this date and time; how many messages were made."""
    check_planner(user, meeting.person)
    meeting = locked(meeting)
    check_planned(meeting)
    context = _context(meeting)
    made = 0
    for invitee in meeting.invitees.select_related("meeting"):
        recipient = invitee_recipient(invitee)
        if recipient is None:
            continue
        whose, whose_easy = whose_for(recipient, meeting.person)
        made += bool(
            message_record(
                key=invitee_key(meeting, invitee),
                kind=Message.Kind.REVIEW_INVITATION,
                person=meeting.person,
                recipient=recipient,
                context={
                    **context,
                    "whose": whose,
                    "whose_easy": whose_easy,
                    "answer_url": answer_url(invitee),
                    "is_provider": bool(invitee.provider_id),
                },
            )
        )
    return made + _invite_the_person(meeting, context)


def _invite_the_person(meeting: ReviewMeeting, context: dict) -> int:
    person = meeting.person
    path = reverse("reviews:meeting", kwargs={"person_id": person.id, "meeting_id": meeting.id})
    made = 0
    for recipient in recipients_for(person):
        whose, whose_easy = whose_for(recipient, person)
        made += bool(
            message_record(
                key=_person_key(meeting, recipient.address),
                kind=Message.Kind.REVIEW_INVITATION,
                person=person,
                recipient=recipient,
                context={
                    **context,
                    "whose": whose,
                    "whose_easy": whose_easy,
                    "for_person": True,
                    "is_the_person": whose == "your",
                    "meeting_url": settings.SITE_URL + path,
                },
            )
        )
    return made


def invitations_recorded(meeting: ReviewMeeting) -> dict:
    """{invitee id: the invitation message for the meeting's present date and time}."""
    keys = {invitee_key(meeting, invitee): invitee.id for invitee in meeting.invitees.all()}
    found = Message.objects.filter(business_key__in=keys).only("business_key", "created_at")
    return {keys[message.business_key]: message for message in found}
