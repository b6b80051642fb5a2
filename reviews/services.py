"""Writes for reviews: asking for one."""

from django.db import transaction

from core.errors import DomainError
from people import access
from people.models import Person, Representative, User

from .models import ReviewRequest

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
