"""Request-wide rules: staff idle timeout, multi-factor for staff, acting-for, no caching."""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

from . import access

ACTING_FOR_SESSION_KEY = "acting_for_person_id"
# Pages without anyone's personal data: sign-in, static files, and the help and legal pages (a
# new member of staff setting up their authenticator may need them).
MFA_EXEMPT_PREFIXES = (
    "/accounts/",
    "/static/",
    "/healthz/",
    "/favicon",
    "/help/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
)


# When the staff session's expiry was last moved on (seconds since the epoch, in the session).
STAFF_SEEN_SESSION_KEY = "staff_seen_at"
# How often a click moves it on: each move writes the session's row in the database.
STAFF_KEEP_ALIVE_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Staff are signed out after 30 minutes without a click (docs/quality.md #9). The expiry
    moves on with a click at most once a minute, so a member of staff is signed out between
    29 and 30 minutes after their last click, and their other clicks write nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if access.needs_multi_factor(request.user):
            keep_staff_session_alive(request.session)
        return self.get_response(request)


def keep_staff_session_alive(session) -> None:
    """Give a staff session its idle expiry, or move it on if a minute has passed since it last
    moved (at sign-in too: people.signals)."""
    now = int(time.time())
    if now - session.get(STAFF_SEEN_SESSION_KEY, 0) >= STAFF_KEEP_ALIVE_SECONDS:
        session.set_expiry(settings.STAFF_IDLE_TIMEOUT_SECONDS)
        session[STAFF_SEEN_SESSION_KEY] = now


class RequireMultiFactorMiddleware:
    """Staff and provider users must set up an authenticator app before any page opens."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            access.needs_multi_factor(request.user)
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.info(
                request,
                "Before you can see anyone's records, set up an authenticator app to protect "
                "your account.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _acting_for(request):
    """(the person whose record a person or representative is using, whether they have more
    than one to choose from), checked on every request in one query."""
    person_id = request.session.get(ACTING_FOR_SESSION_KEY)
    options = access.persons_acted_for(request.user)
    first_two = list(options[:2])
    has_choice = len(first_two) > 1
    if person_id:
        person = next((p for p in first_two if str(p.id) == person_id), None)
        if person is None and has_choice:
            person = options.filter(id=person_id).first()
        if person:
            return person, has_choice
        request.session.pop(ACTING_FOR_SESSION_KEY, None)
    return (first_two[0] if len(first_two) == 1 else None), has_choice


class ActingForMiddleware:
    """Sets request.acting_for, the person a signed-in person or representative is acting for,
    and request.can_switch_person: whether they use more than one person's record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting_for, request.can_switch_person = (
            _acting_for(request) if request.user.is_authenticated else (None, False)
        )
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """Pages for signed-in users hold personal data: browsers and proxies must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
