"""Stamp every history row with the person a representative was acting for; and what people
tells other apps."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

# A person's recorded details (their name) changed: person=Person. Sent inside the change's
# database transaction (budgets keeps the name on its monitoring list, reviews on its stored
# review dates).
person_details_changed = Signal()


@receiver(user_logged_in)
def staff_idle_expiry_at_sign_in(sender, request, user, **kwargs) -> None:
    """A member of staff's session gets its idle expiry as they sign in, saved with the sign-in,
    so their first page writes nothing (people.middleware.StaffIdleTimeoutMiddleware)."""
    from . import access
    from .middleware import keep_staff_session_alive

    if request is not None and access.needs_multi_factor(user):
        keep_staff_session_alive(request.session)


@receiver(pre_create_historical_record)
def stamp_acting_for(sender, history_instance, **kwargs) -> None:
    request = getattr(HistoricalRecords.context, "request", None)
    acting_for = getattr(request, "acting_for", None) if request else None
    user = getattr(request, "user", None)
    if acting_for is not None and user is not None and acting_for.user_id != user.id:
        history_instance.history_acting_for_id = acting_for.id
