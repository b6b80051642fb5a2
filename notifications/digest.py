"""One daily email for council staff with what is waiting for them, instead of one per event."""

from django.utils import timezone

from people.models import Membership, User
from people.todo import todo_for

from .models import Message
from .services import message_record, staff_recipient


def staff_digests_send(today=None) -> int:
    """A digest for each member of council staff with something waiting; how many were made."""
    today = today or timezone.localdate()
    staff_ids = Membership.objects.active().local_authority().values("user_id")
    made = 0
    for user in User.objects.filter(id__in=staff_ids, is_active=True).order_by("email"):
        items = todo_for(user)
        if not items:
            continue
        council = user.memberships.active().local_authority().first().organisation
        headline = items[0].text if len(items) == 1 else f"{len(items)} things waiting"
        made += bool(
            message_record(
                key=f"staff-digest:{user.id}:{today.isoformat()}",
                kind=Message.Kind.STAFF_DIGEST,
                person=None,
                recipient=staff_recipient(user),
                context={"items": items, "council": council, "headline": headline},
            )
        )
    return made
