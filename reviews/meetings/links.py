"""The private link an invitee answers the review questions through, with no account: it names
their key (a random UUID), signed so that a changed or made-up link is refused, and it works
only until the meeting is over."""

import uuid

from django.core import signing
from django.utils import timezone

from ..models import ReviewInvitee, ReviewMeeting

SALT = "reviews.answer-link"
NOT_WORKING = (
    "This link does not work. Check it was copied in full, or ask the person who invited you "
    "for a new one."
)
CLOSED = "This link has stopped working because the review meeting has taken place."


class LinkClosed(Exception):
    """Why a link cannot be used, and the status its page answers with."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def answer_token(invitee: ReviewInvitee) -> str:
    """The signed part of an invitee's private link."""
    return signing.Signer(salt=SALT).sign(str(invitee.answer_key))


def invitee_from_token(token: str) -> ReviewInvitee:
    """The invitee a link names while it still works, or LinkClosed saying why not."""
    try:
        key = uuid.UUID(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise LinkClosed(NOT_WORKING, 404) from error
    invitee = (
        ReviewInvitee.objects.filter(answer_key=key, provider__isnull=True)
        .select_related("meeting__person__local_authority")
        .first()
    )
    if invitee is None:
        raise LinkClosed(NOT_WORKING, 404)
    if not link_works(invitee.meeting):
        raise LinkClosed(CLOSED, 410)
    return invitee


def link_works(meeting: ReviewMeeting) -> bool:
    """Until the end of the meeting's day, while it is still being planned."""
    return meeting.is_planned and timezone.localdate() <= meeting.meets_on
