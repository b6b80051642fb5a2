"""The daily review reminders: to the person (and whoever acts for them) four weeks before the
review date and once when it has passed. Each is recorded under a key naming the person, the
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

from .due import DueReview, due_reviews
from .schedule import ReviewStatus

KINDS = {
    ReviewStatus.DUE_SOON: Message.Kind.REVIEW_SOON,
    ReviewStatus.OVERDUE: Message.Kind.REVIEW_OVERDUE,
}


def review_reminders_send(today: date | None = None) -> int:
    """Remind everyone whose review is due within four weeks or overdue; how many messages."""
    today = today or timezone.localdate()
    rows = due_reviews(Person.objects.filter(local_authority__isnull=False), today=today)
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
    made = 0
    for recipient in recipients_for(person):
        whose, whose_easy = whose_for(recipient, person)
        made += bool(
            message_record(
                key=f"{kind}:{person.id}:{due_on.isoformat()}:{recipient.address}",
                kind=kind,
                person=person,
                recipient=recipient,
                context={**context, "whose": whose, "whose_easy": whose_easy},
            )
        )
    return made
