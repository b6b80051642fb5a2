"""Actions a review agreed: what will be done, by whom (the person, someone invited, a named
member of council staff or a council team) and by when. Each shows on its owner's to-do list
and on the person's reviews page until it is closed with what happened."""

import uuid
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.db import create_unique
from core.errors import DomainError
from core.formats import long_date
from people import access
from people.models import Membership, Person, StaffRole, User
from people.todo import ToDo

from ..models import ReviewAction, ReviewInvitee, ReviewMeeting

Owner = ReviewAction.Owner
Team = ReviewAction.Team
# Which council roles a team's actions belong to.
TEAM_ROLES = {
    Team.SOCIAL_WORK: {StaffRole.SOCIAL_WORKER, StaffRole.APPROVER, StaffRole.ADMINISTRATOR},
    Team.FINANCE: {StaffRole.FINANCE_OFFICER, StaffRole.ADMINISTRATOR},
}
NO_OWNER = "Choose who will do it"
# How long the social work team has to change the direct payment arrangements a review decided.
DP_CHANGE_DAYS = 28


def council_staff(person: Person):
    """Active council staff at the person's council, by name: who can own an action."""
    members = Membership.objects.active().filter(
        organisation_id=person.local_authority_id, user__is_active=True
    )
    return User.objects.filter(id__in=members.values("user_id")).order_by("full_name", "email")


def _owner_fields(meeting, owner, owner_user, owner_team, owner_invitee) -> dict:
    fields = {"owner": owner, "owner_user": None, "owner_team": "", "owner_invitee": None}
    if owner == Owner.PERSON:
        return fields
    if owner == Owner.STAFF and owner_user in council_staff(meeting.person):
        return fields | {"owner_user": owner_user}
    if owner == Owner.TEAM and owner_team in Team.values:
        return fields | {"owner_team": owner_team}
    if owner == Owner.INVITEE and owner_invitee and owner_invitee.meeting_id == meeting.id:
        return fields | {"owner_invitee": owner_invitee}
    raise DomainError(NO_OWNER, field="owner")


@transaction.atomic
def action_add(
    *,
    meeting: ReviewMeeting,
    user: User,
    what: str,
    due_on: date | None,
    owner: str,
    submission_key: str,
    owner_user: User | None = None,
    owner_team: str = "",
    owner_invitee: ReviewInvitee | None = None,
) -> ReviewAction:
    """Add an action the review agreed; the same form sent twice adds it once."""
    if not access.can_edit_person(user, meeting.person):
        raise DomainError("Only council staff working with this person can add an action.")
    existing = ReviewAction.objects.filter(submission_key=submission_key, meeting=meeting).first()
    if existing is not None:
        return existing
    meeting = ReviewMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == ReviewMeeting.Status.PLANNED:
        raise DomainError("Record the meeting first, then add what it agreed.")
    if not (what or "").strip():
        raise DomainError("Say what will be done", field="what")
    owner_fields = _owner_fields(meeting, owner, owner_user, owner_team, owner_invitee)
    if due_on is None:
        raise DomainError("Enter the date it will be done by", field="due_on")
    if due_on < timezone.localdate():
        raise DomainError("The date it will be done by must be today or later", field="due_on")
    return create_unique(
        ReviewAction,
        message="This form has been used already. Reload the page and try again.",
        meeting=meeting,
        what=what.strip(),
        due_on=due_on,
        created_by=user,
        submission_key=submission_key,
        **owner_fields,
    )


def dp_change_action_open(*, meeting: ReviewMeeting, user: User, change: str) -> ReviewAction:
    """The action a decision to change the direct payment arrangements leads to: the council's
    social work team makes the change, within DP_CHANGE_DAYS. Its key is the meeting's own, so
    asking twice opens one action."""
    return action_add(
        meeting=meeting,
        user=user,
        what=f"Change the direct payment arrangements: {change}",
        due_on=timezone.localdate() + timedelta(days=DP_CHANGE_DAYS),
        owner=Owner.TEAM,
        owner_team=Team.SOCIAL_WORK,
        submission_key=str(_dp_change_key(meeting)),
    )


def _dp_change_key(meeting: ReviewMeeting) -> uuid.UUID:
    return uuid.uuid5(meeting.id, "dp-change")


def dp_change_action_in(actions: list[ReviewAction], meeting: ReviewMeeting):
    """Of the meeting's actions, the one its decision to change the direct payment opened."""
    key = _dp_change_key(meeting)
    return next((a for a in actions if a.submission_key == key), None)


def may_close(user: User, action: ReviewAction) -> bool:
    """Casework staff, the named owner, or the person (or their representative) for theirs."""
    person = action.meeting.person
    return (
        access.can_edit_person(user, person)
        or (action.owner == Owner.STAFF and action.owner_user_id == user.id)
        or (action.owner == Owner.PERSON and access.is_self_or_representative(user, person))
    )


@transaction.atomic
def action_close(*, action: ReviewAction, user: User, what_happened: str) -> ReviewAction:
    """Close an action with what happened."""
    if not may_close(user, action):
        raise DomainError("You cannot close this action.")
    action = ReviewAction.objects.select_for_update().get(pk=action.pk)
    if action.status == ReviewAction.Status.DONE:
        raise DomainError("This action is already closed.")
    if not (what_happened or "").strip():
        raise DomainError("Say what happened", field="what_happened")
    action.status, action.what_happened = ReviewAction.Status.DONE, what_happened.strip()
    action.closed_by, action.closed_at = user, timezone.now()
    action.save()
    return action


def owner_words(action: ReviewAction, *, you: Person | None = None) -> str:
    """Who will do it, in a few words ('you' to the person themselves)."""
    if action.owner == Owner.PERSON:
        person = action.meeting.person
        return "You" if you is not None and you.pk == person.pk else person.display_name
    if action.owner == Owner.STAFF:
        return action.owner_user.display_name
    if action.owner == Owner.TEAM:
        return action.get_owner_team_display()
    return action.owner_invitee.described


def actions_owned_by(user: User):
    """Open actions this user owns: their own, their teams', the person's for the people they
    act for, and those given to their provider organisation for people who consented."""
    if not user.is_authenticated:
        return ReviewAction.objects.none()
    owned = Q(owner=Owner.PERSON, meeting__person__in=access.persons_acted_for(user))
    for authority, roles in access.la_roles(user).items():
        teams = [team for team, team_roles in TEAM_ROLES.items() if roles & team_roles]
        at_council = Q(meeting__person__local_authority_id=authority)
        owned |= at_council & Q(owner=Owner.STAFF, owner_user=user)
        owned |= at_council & Q(owner=Owner.TEAM, owner_team__in=teams)
    if access.is_provider_user(user):
        owned |= Q(
            owner=Owner.INVITEE,
            owner_invitee__provider_id__in=access.provider_ids(user),
            meeting__person__in=Person.objects.consented_to_provider_of(user),
        )
    return ReviewAction.objects.open().filter(owned).select_related("meeting__person")


def action_todo(user) -> list[ToDo]:
    """Each open action this user owns, with its date, on their to-do list."""
    today = timezone.localdate()
    items = []
    for action in actions_owned_by(user):
        person = action.meeting.person
        whose = "your" if person.user_id == user.id else f"{person.display_name}'s"
        late = "was due" if action.due_on < today else "by"
        text = f"From {whose} review: {action.what[:80]} ({late} {long_date(action.due_on)})"
        items.append(ToDo(text, _action_url(user, action)))
    return items


def _action_url(user: User, action: ReviewAction) -> str:
    ids = {"person_id": action.meeting.person_id, "meeting_id": action.meeting_id}
    if action.owner == Owner.INVITEE and access.is_provider_user(user):
        return reverse("reviews:provider_review", kwargs=ids)
    return reverse("reviews:meeting", kwargs=ids) + "#actions"
