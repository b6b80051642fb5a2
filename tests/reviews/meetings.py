"""Review meetings made through the real services, for the review tests and the matrix."""

from datetime import time

from django.utils import timezone

from reviews.meetings import services
from reviews.meetings.answers import answer_save
from reviews.meetings.record import meeting_record_save

SISTER = {
    "name": "Grace Okafor",
    "who_they_are": "my sister",
    "relationship": "family",
    "contact": "email",
    "email": "grace@example.net",
}
PA = {
    "name": "Jo Bloggs",
    "who_they_are": "my PA",
    "relationship": "pa",
    "contact": "text",
    "phone": "07700 900456",
}


def schedule(person, social_worker, *, on=None, at=time(10, 30), place="home", **extra):
    """A meeting on `on` (today unless given) at Sam's home, with the social worker."""
    return services.meeting_schedule(
        person=person,
        user=social_worker,
        meets_on=on or timezone.localdate(),
        meets_at=at,
        place=place,
        place_details=extra.get("place_details", ""),
        facilitator=extra.get("facilitator", "Jordan Ellis, social worker"),
    )


def invite(meeting, user, details):
    return services.invitee_add(meeting=meeting, user=user, details=dict(details))


def answer(meeting, invitee, user, source, **answers):
    return answer_save(
        meeting=meeting,
        invitee=invitee,
        answers=answers or {"working": "Mornings work well"},
        source=source,
        user=user,
    )


RECORD = {
    "person_attended": True,
    "others_present": "Jordan Ellis, social worker",
    "working": "Mornings with Jo work well",
    "not_working": "Evenings are lonely",
    "relationships": "yes",
    "relationships_notes": "",
    "budget_notes": "Underspent in the first weeks",
    "like_and_admire": "Sam is funny and kind",
    "matters_to_me": "Getting to work by 9",
    "how_to_support": "Ask before helping",
    "good_days": "Work, then football on TV",
    "bad_days": "When the PA is late",
}


def record(meeting, user, *, progress="getting_there", attended=(), tools=None, **details):
    """Record the meeting with progress on every outcome of the plan (and the plan's circle
    and charts as they are, unless `tools` says otherwise)."""
    from reviews.meetings.record import plan_outcomes

    return meeting_record_save(
        meeting=meeting,
        user=user,
        details={**RECORD, **details},
        attended=set(attended),
        progress={o.pk: (progress, "") for o in plan_outcomes(meeting)},
        tools=tools,
    )
