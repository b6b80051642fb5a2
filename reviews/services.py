"""Writes for reviews: asking for one, and completing one that was held. Planning a meeting, its
record and what it decides are in meetings/."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from people import access
from people.models import Person, Representative, User

from .models import HeldReview, ReviewMeeting, ReviewRequest
from .stored_dates import review_dates_refresh

REASON_NEEDED = "Tell us why you would like a review"


@transaction.atomic
def review_request_ask(
    *, person: Person, asked_by: User, reason: str, kind: str = ""
) -> ReviewRequest:
    """Record that a review was asked for: by the person or their representative (any time, with
    a reason) or started by casework staff on an event (with its kind and a reason)."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(REASON_NEEDED, field="reason")
    if access.is_self_or_representative(asked_by, person):
        kind, on_behalf_of = ReviewRequest.Kind.PERSON_ASKED, _representative(asked_by, person)
    elif access.can_edit_person(asked_by, person):
        on_behalf_of = None
        if kind not in ReviewRequest.Kind.values:
            raise DomainError("Choose why the review is needed", field="kind")
    else:
        raise DomainError("You cannot ask for a review for this person.")
    return ReviewRequest.objects.create(
        person=person, asked_by=asked_by, on_behalf_of=on_behalf_of, kind=kind, reason=reason
    )


def _representative(user: User, person: Person) -> Representative | None:
    """The arrangement a representative acts under (None when it is the person themselves)."""
    if person.user_id == user.id:
        return None
    return Representative.objects.active().filter(person=person, user=user).first()


@transaction.atomic
def review_record(
    *,
    person: Person,
    user: User,
    held_on: date,
    summary: str,
    meeting: ReviewMeeting | None = None,
) -> HeldReview:
    """Complete a review that took place: the one way a review is completed, whether a meeting
    planned here decided it (reviews.meetings.record.review_decide) or it is recorded alone. It
    answers every open request for a review, and both clocks run again from its date."""
    if not access.can_edit_person(user, person):
        raise DomainError("Only council staff working with this person can record a review.")
    if held_on > timezone.localdate():
        raise DomainError("The date of the review must be today or in the past", field="held_on")
    summary = (summary or "").strip()
    if not summary:
        raise DomainError("Say what was agreed at the review", field="summary")
    review = HeldReview.objects.create(
        person=person, held_on=held_on, summary=summary, recorded_by=user, meeting=meeting
    )
    for request in ReviewRequest.objects.open().filter(person=person).select_for_update():
        request.status = ReviewRequest.Status.CLOSED
        request.save(update_fields=["status", "updated_at"])
    review_dates_refresh(people=Person.objects.filter(pk=person.pk))
    return review
