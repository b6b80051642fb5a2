"""The daily review reminders: to the person (and whoever acts for them) four weeks before the
review date and once when it has passed; and to whoever owns an action a review agreed, once
when its date has passed. Each is recorded under a key naming the person, the
kind and the review date, so a job run twice, or a date that does not move, sends nothing more.
Staff hear through their to-do list and daily digest (reviews/todo.py), not one email each."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.formats import long_date
from notifications.models import Message
from notifications.services import message_record, recipients_for, whose_for
from people.models import Person

from .due import DueReview, due_reviews, with_review_status
from .meetings.invitations import invitee_recipient
from .models import ReviewAction
from .schedule import ReviewStatus

ACTION_OVERDUE = Message.Kind.REVIEW_ACTION_OVERDUE
KINDS = {
    ReviewStatus.DUE_SOON: Message.Kind.REVIEW_SOON,
    ReviewStatus.OVERDUE: Message.Kind.REVIEW_OVERDUE,
}


def review_reminders_send(today: date | None = None) -> int:
    """Remind everyone whose review is due within four weeks or overdue; how many messages."""
    today = today or timezone.localdate()
    # Chosen by their stored dates in the database; only their schedules worked out.
    due = with_review_status(Person.objects.all(), today=today).filter(review_status__in=KINDS)
    rows = due_reviews(Person.objects.filter(pk__in=due.values("pk")), today=today)
    return sum(_remind(row, KINDS[row.status]) for row in rows if row.status in KINDS)


def _remind(row: DueReview, kind: str) -> int:
    person = row.person
    due_on = row.schedule.aligned_on
    context = {
        "due_on": long_date(due_on),
        "purposes": row.schedule.purposes,
        "reviews_url": settings.SITE_URL + reverse("reviews:person_reviews", args=[person.id]),
        "ask_url": settings.SITE_URL + reverse("reviews:ask", args=[person.id]),
        "council": person.local_authority,
    }
    key = f"{kind}:{person.id}:{due_on.isoformat()}"
    return _record_for_each(recipients_for(person), person, kind=kind, key=key, context=context)


def action_reminders_send(today: date | None = None) -> int:
    """Remind the owner of each action past its date, once for that date: the person (and whoever
    acts for them) for their own, and someone invited in the way the person chose for them.
    Council staff and teams see theirs, late ones marked, on their to-do list and daily digest."""
    today = today or timezone.localdate()
    late = (
        ReviewAction.objects.open()
        .filter(
            due_on__lt=today,
            owner__in=[ReviewAction.Owner.PERSON, ReviewAction.Owner.INVITEE],
            meeting__person__local_authority__isnull=False,
        )
        .select_related("meeting__person__local_authority", "owner_invitee")
        .order_by("due_on", "id")
    )
    return sum(_remind_owner(action) for action in late)


def _remind_owner(action: ReviewAction) -> int:
    person = action.meeting.person
    if action.owner == ReviewAction.Owner.PERSON:
        recipients = recipients_for(person)
        path = reverse(
            "reviews:meeting", kwargs={"person_id": person.id, "meeting_id": action.meeting_id}
        )
        url = settings.SITE_URL + path + "#actions"
    else:
        invitee = action.owner_invitee
        recipient = invitee_recipient(invitee)
        recipients = [recipient] if recipient else []
        url = ""
        if invitee.provider_id:  # provider staff sign in to see what was agreed with them
            ids = {"person_id": person.id, "meeting_id": action.meeting_id}
            url = settings.SITE_URL + reverse("reviews:provider_review", kwargs=ids)
    context = {
        "what": action.what,
        "due_on": long_date(action.due_on),
        "met_on": long_date(action.meeting.meets_on),
        "url": url,
        "council": person.local_authority,
    }
    key = f"{ACTION_OVERDUE}:{action.id}:{action.due_on.isoformat()}"
    return _record_for_each(recipients, person, kind=ACTION_OVERDUE, key=key, context=context)


def _record_for_each(recipients, person: Person, *, kind: str, key: str, context: dict) -> int:
    """One message of this kind about the person to each recipient, once (the key, with the
    recipient's address, is the message's business key); how many were new."""
    made = 0
    for recipient in recipients:
        whose, whose_easy = whose_for(recipient, person)
        made += bool(
            message_record(
                key=f"{key}:{recipient.address}",
                kind=kind,
                person=person,
                recipient=recipient,
                context={**context, "whose": whose, "whose_easy": whose_easy},
            )
        )
    return made
