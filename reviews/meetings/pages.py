"""How review meeting pages load what their URL names: always through visible_to, so another
person's meeting is a 404, and through people.pages so the record opening is logged."""

from collections.abc import Callable

from core.pages import deny_unless
from people.pages import record_page

from ..models import ReviewAction, ReviewInvitee, ReviewMeeting


def _meetings(user):
    return ReviewMeeting.objects.visible_to(user).select_related(
        "person__local_authority", "person__user"
    )


def meeting_page(what: str, *, allowed: Callable):
    """A page about one review meeting (URL: person_id, meeting_id)."""
    return record_page(what, key="meeting_id", objects=_meetings, allowed=allowed)


def _invitees(user):
    return ReviewInvitee.objects.visible_to(user).select_related(
        "meeting__person__local_authority", "meeting__person__user"
    )


def invitee_page(what: str, *, allowed: Callable):
    """A page about someone invited to a meeting (URL: person_id, meeting_id, invitee_id)."""

    def decorator(view):
        def checked(request, invitee, meeting_id):
            deny_unless(invitee.meeting_id == meeting_id)
            return view(request, invitee)

        checked.__name__, checked.__doc__ = view.__name__, view.__doc__
        return record_page(
            what,
            key="invitee_id",
            objects=_invitees,
            allowed=allowed,
            person_of=lambda invitee: invitee.meeting.person,
        )(checked)

    return decorator


def _actions(user):
    return ReviewAction.objects.visible_to(user).select_related(
        "meeting__person__local_authority", "owner_user", "owner_invitee"
    )


def action_page(what: str):
    """A page about one action (URL: person_id, action_id); the view checks who may act."""
    return record_page(
        what, key="action_id", objects=_actions, person_of=lambda action: action.meeting.person
    )
