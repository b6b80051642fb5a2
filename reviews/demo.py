"""Demo data for reviews: a review meeting for Peggy, being planned with David (her son and
nominated person) three weeks from now, with her daughter invited and the questions answered by
Peggy. Made through the real services; safe to run again (skipped once Peggy has a meeting)."""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from people.models import Person, User

from .meetings import services
from .meetings.answers import answer_save
from .models import ReviewAnswer


@transaction.atomic
def seed_demo() -> None:
    peggy = Person.objects.filter(first_name="Margaret", last_name="Hughes").first()
    staff = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    worker, david = staff.get("social.worker@example.org"), staff.get("nominated@example.org")
    if peggy is None or worker is None or david is None or peggy.review_meetings.exists():
        return
    if services.latest_approved_plan(peggy) is None:
        return
    meeting = services.meeting_schedule(
        person=peggy,
        user=worker,
        meets_on=timezone.localdate() + timedelta(weeks=3),
        meets_at=time(10, 30),
        place="home",
        facilitator="David Hughes, her son",
    )
    services.meeting_plan_save(
        meeting=meeting,
        user=david,
        topics="Whether the morning visits could start earlier, and getting to the lunch club.",
        communication=meeting.communication,
        wants_advocate=False,
        easy_read=True,
    )
    services.invitee_add(
        meeting=meeting,
        user=david,
        details={
            "name": "Susan Hughes",
            "who_they_are": "her daughter",
            "relationship": "family",
            "contact": "email",
            "email": "susan.hughes@example.net",
        },
    )
    answer_save(
        meeting=meeting,
        invitee=None,
        answers={
            "important_now": "Staying in my own home, and seeing my friends at the lunch club.",
            "working": "The morning visits. The carers are kind.",
            "not_working": "Visits sometimes come after 9, and I have to wait to get dressed.",
        },
        source=ReviewAnswer.Source.SIGNED_IN,
        user=david,
    )
