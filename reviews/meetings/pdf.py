"""The review record as a tagged PDF (core.pdf), in plain English, for the person and their
representative to keep: the same template whoever downloads it, speaking to the person as
"you" when it is theirs."""

from django.template.loader import render_to_string
from django.utils import timezone

from core.pdf import render_pdf

from ..models import ReviewMeeting
from .actions import dp_change_action_in, owner_words
from .presenters import perspectives, place_words, stored_budget, when_words
from .tools import tools_shown


def record_context(meeting: ReviewMeeting, *, you: bool, next_review=None) -> dict:
    """Everything the record shows, worded for the person ('you') or about them by name."""
    record = meeting.record
    person = meeting.person
    actions = list(meeting.actions.select_related("owner_user", "owner_invitee"))
    for action in actions:
        action.owner_shown = owner_words(action, you=person if you else None)
    return {
        "meeting": meeting,
        "person": person,
        "you": you,
        "record": record,
        "when": when_words(meeting),
        "where": place_words(meeting),
        "invitees": list(meeting.invitees.all()),
        "views": perspectives(meeting, you=you),
        "progress": list(record.progress.all()),
        "tools": tools_shown(record),
        "budget": stored_budget(record) if record.has_budget else None,
        "actions": actions,
        "dp_action": dp_change_action_in(actions, meeting),
        "held": getattr(meeting, "held", None),
        "next_review": next_review,
        "produced_at": timezone.now(),
    }


def record_pdf(*, meeting: ReviewMeeting, you: bool, next_review=None) -> bytes:
    """The record of a held review (`next_review`: the person's schedule, reviews.due)."""
    context = record_context(meeting, you=you, next_review=next_review)
    return render_pdf(render_to_string("reviews/pdf/record.html", context))
