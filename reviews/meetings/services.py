"""Writes for planning a review meeting with the person: scheduling it, changing when and where,
what the person needs and wants to talk about, who comes and how to reach them, and the
invitations. Everyone's answers before the meeting are in answers.py."""

from datetime import date, time

from django.db import transaction
from django.utils import timezone

from core.db import create_unique
from core.errors import DomainError
from people import access
from people.models import Organisation, Person, User
from support_plans.models import ChartRow, SupportPlan

from ..models import ReviewAnswer, ReviewInvitee, ReviewMeeting

Place = ReviewMeeting.Place
Contact = ReviewInvitee.Contact
ALREADY_OPEN = "A review meeting is already being planned. Carry on with that one."
# The one detail each way of reaching someone needs, and what to say when it is missing.
CONTACT_DETAIL = {
    Contact.EMAIL: ("email", "Enter their email address, or choose another way to reach them"),
    Contact.TEXT: (
        "phone",
        "Enter a mobile number for the text message, or choose another way to reach them",
    ),
    Contact.LETTER: (
        "postal_address",
        "Enter their postal address, or choose another way to reach them",
    ),
}


def locked(meeting: ReviewMeeting) -> ReviewMeeting:
    """The meeting re-read under a row lock, so two changes cannot interleave."""
    return ReviewMeeting.objects.select_for_update().select_related("person").get(pk=meeting.pk)


def check_planned(meeting: ReviewMeeting) -> None:
    if meeting.status != ReviewMeeting.Status.PLANNED:
        raise DomainError("The meeting has been held, so its plans can no longer change.")


def check_planner(user: User, person: Person) -> None:
    if not access.can_plan_review(user, person):
        raise DomainError("You cannot plan a review for this person.")


def latest_approved_plan(person: Person) -> SupportPlan | None:
    """The plan in force: the latest approved revision."""
    approved = person.support_plans.filter(status=SupportPlan.Status.APPROVED)
    return approved.order_by("-revision").first()


def communication_from_plan(person: Person) -> str:
    """What the person needs to take part, from their record and their plan's communication
    chart (when this happens, I do this, it means, you should), as a starting point."""
    lines = [person.communication_needs.strip()] if person.communication_needs.strip() else []
    plan = latest_approved_plan(person)
    rows = plan.chart_rows.filter(chart=ChartRow.Chart.COMMUNICATION) if plan else []
    for row in rows:
        parts = [
            ("When this happens", row.first),
            ("I do this", row.second),
            ("It means", row.third),
            ("You should", row.fourth),
        ]
        lines.append(". ".join(f"{label}: {text.strip()}" for label, text in parts if text.strip()))
    return "\n".join(lines)


def _check_when(*, person: Person, meets_on: date, place: str, place_details: str, facilitator):
    if meets_on < timezone.localdate():
        raise DomainError(
            "The date of the meeting must be today or in the future", field="meets_on"
        )
    if place not in Place.values:
        raise DomainError("Choose where the meeting will be", field="place")
    if place == Place.OTHER and not place_details.strip():
        raise DomainError("Say where the meeting will be", field="place_details")
    if not facilitator.strip():
        raise DomainError(
            f"Name who will support {person.display_name} at the meeting", field="facilitator"
        )


@transaction.atomic
def meeting_schedule(
    *,
    person: Person,
    user: User,
    meets_on: date,
    meets_at: time,
    place: str,
    place_details: str = "",
    facilitator: str,
) -> ReviewMeeting:
    """Casework staff schedule a review meeting; the person then plans it with them."""
    if not access.can_edit_person(user, person):
        raise DomainError("Only council staff working with this person can schedule a review.")
    _check_when(
        person=person,
        meets_on=meets_on,
        place=place,
        place_details=place_details,
        facilitator=facilitator,
    )
    if latest_approved_plan(person) is None:
        raise DomainError("A review looks at an approved support plan, and there is not one yet.")
    if ReviewMeeting.objects.open().filter(person=person).exists():
        raise DomainError(ALREADY_OPEN)
    return create_unique(
        ReviewMeeting,
        message=ALREADY_OPEN,
        person=person,
        meets_on=meets_on,
        meets_at=meets_at,
        place=place,
        place_details=place_details.strip(),
        facilitator=facilitator.strip(),
        scheduled_by=user,
        communication=communication_from_plan(person),
    )


@transaction.atomic
def meeting_change(
    *,
    meeting: ReviewMeeting,
    user: User,
    meets_on: date,
    meets_at: time,
    place: str,
    place_details: str = "",
    facilitator: str,
) -> ReviewMeeting:
    """Change when and where the meeting is, or who supports the person at it. Invitations
    for the new date and time can then be sent."""
    check_planner(user, meeting.person)
    meeting = locked(meeting)
    check_planned(meeting)
    _check_when(
        person=meeting.person,
        meets_on=meets_on,
        place=place,
        place_details=place_details,
        facilitator=facilitator,
    )
    meeting.meets_on, meeting.meets_at, meeting.place = meets_on, meets_at, place
    meeting.place_details, meeting.facilitator = place_details.strip(), facilitator.strip()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_plan_save(
    *,
    meeting: ReviewMeeting,
    user: User,
    topics: str,
    communication: str,
    wants_advocate: bool,
    easy_read: bool,
) -> ReviewMeeting:
    """What the person wants to talk about and what they need to take part."""
    check_planner(user, meeting.person)
    meeting = locked(meeting)
    check_planned(meeting)
    meeting.topics, meeting.communication = topics.strip(), communication.strip()
    meeting.wants_advocate, meeting.easy_read = wants_advocate, easy_read
    meeting.save()
    return meeting


def consented_providers(person: Person):
    """Care providers the person agreed may see their outcomes: the only ones they can invite
    as a provider (anyone else comes as themselves)."""
    consents = person.provider_consents.active().values("provider_id")
    return Organisation.objects.filter(kind=Organisation.Kind.PROVIDER, id__in=consents).order_by(
        "name"
    )


def _checked_invitee(person: Person, details: dict) -> dict:
    details = {**details, "name": (details.get("name") or "").strip()}
    if not details["name"]:
        raise DomainError("Enter their name", field="name")
    if details.get("relationship") not in ReviewInvitee.Relationship.values:
        raise DomainError(f"Choose who they are to {person.display_name}", field="relationship")
    provider = details.get("provider")
    if details["relationship"] == ReviewInvitee.Relationship.PROVIDER:
        if provider is None or provider not in consented_providers(person):
            raise DomainError(
                f"Choose a care provider {person.display_name} has agreed can see their "
                "outcomes, or invite them as someone else",
                field="provider",
            )
    else:
        details["provider"] = None
    contact = details.get("contact")
    if contact not in Contact.values:
        raise DomainError("Choose how they will hear about the meeting", field="contact")
    for way, (name, message) in CONTACT_DETAIL.items():
        details[name] = (details.get(name) or "").strip() if contact == way else ""
        if contact == way and not details[name]:
            raise DomainError(message, field=name)
    return details


@transaction.atomic
def invitee_add(*, meeting: ReviewMeeting, user: User, details: dict) -> ReviewInvitee:
    """The person invites someone, with one way to reach them (or tells them themselves)."""
    check_planner(user, meeting.person)
    meeting = locked(meeting)
    check_planned(meeting)
    details = _checked_invitee(meeting.person, details)
    return create_unique(
        ReviewInvitee,
        message=f"{details['name']} is already invited.",
        meeting=meeting,
        added_by=user,
        name=details["name"],
        relationship=details["relationship"],
        who_they_are=(details.get("who_they_are") or "").strip(),
        provider=details["provider"],
        contact=details["contact"],
        email=details["email"],
        phone=details["phone"],
        postal_address=details["postal_address"],
    )


@transaction.atomic
def invitee_remove(*, invitee: ReviewInvitee, user: User) -> None:
    """Take someone off the list before the meeting, unless they have answered already."""
    check_planner(user, invitee.meeting.person)
    meeting = locked(invitee.meeting)
    check_planned(meeting)
    if ReviewAnswer.objects.filter(invitee=invitee).exists():
        raise DomainError(
            f"{invitee.name} has answered the review questions, and their answers stay part of "
            "the review. If they will not come, say so when the meeting is recorded."
        )
    invitee.delete()


SHARE_FIELDS = {
    "working": "share_working",
    "profile": "share_profile",
    "decision": "share_decision",
}


@transaction.atomic
def meeting_sharing_save(*, meeting: ReviewMeeting, user: User, shared: list) -> ReviewMeeting:
    """What the person lets providers they consented to see of the review's record, beyond
    the agreed outcomes and the actions given to them. Never money."""
    check_planner(user, meeting.person)
    meeting = locked(meeting)
    for key, name in SHARE_FIELDS.items():
        setattr(meeting, name, key in shared)
    meeting.save()
    return meeting
