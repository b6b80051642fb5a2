"""Everyone's answers to the review questions before the meeting: the person's own view, and
each invitee's, through their private link, signed in (a provider's staff), or on paper typed
in by council staff. Each perspective is kept as it was given, never merged."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import DomainError
from people import access
from people.models import User

from ..models import ReviewAnswer, ReviewInvitee, ReviewMeeting
from .links import CLOSED, link_works
from .services import locked

Source = ReviewAnswer.Source
QUESTIONS = [
    "important_now",
    "important_future",
    "healthy_safe",
    "working",
    "not_working",
    "questions",
]
ANSWER_ONE = "Answer at least one of the questions"


def _check_may_answer(meeting, invitee, source: str, user: User | None) -> None:
    person = meeting.person
    if not meeting.is_planned:
        raise DomainError("The review meeting has been recorded, so the questions are closed.")
    if source == Source.PAPER:
        allowed = user is not None and access.can_edit_person(user, person)
    elif source == Source.LINK:
        if not link_works(meeting):
            raise DomainError(CLOSED)
        allowed = invitee is not None and not invitee.provider_id
    elif invitee is None:
        allowed = user is not None and access.is_self_or_representative(user, person)
    else:
        allowed = (
            user is not None
            and invitee.provider_id in access.provider_ids(user)
            and access.is_consented_provider(user, person)
            and timezone.localdate() <= meeting.meets_on
        )
    if not allowed:
        raise DomainError("You cannot answer the review questions here.")


@transaction.atomic
def answer_save(
    *,
    meeting: ReviewMeeting,
    invitee: ReviewInvitee | None,
    answers: dict,
    source: str,
    user: User | None,
) -> ReviewAnswer:
    """Keep one perspective's answers (the person's own when there is no invitee); answering
    again before the meeting changes them."""
    meeting = locked(meeting)
    if invitee is not None and invitee.meeting_id != meeting.id:
        raise DomainError("You cannot answer the review questions here.")
    _check_may_answer(meeting, invitee, source, user)
    values = {name: (answers.get(name) or "").strip() for name in QUESTIONS}
    if not any(values.values()):
        raise DomainError(ANSWER_ONE)
    try:
        with transaction.atomic():
            answer, _ = ReviewAnswer.objects.update_or_create(
                meeting=meeting,
                invitee=invitee,
                defaults={**values, "source": source, "entered_by": user},
            )
    except IntegrityError as error:  # the same answers sent twice at the same moment
        raise DomainError("These answers were just saved. Reload the page to see them.") from error
    return answer
