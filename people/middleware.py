"""Request-wide rules: staff idle timeout, multi-factor for staff, acting-for, no caching."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

from . import access

ACTING_FOR_SESSION_KEY = "acting_for_person_id"
MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz/", "/favicon")


class StaffIdleTimeoutMiddleware:
    """Staff are signed out after 30 minutes without a click (docs/quality.md #9)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if access.needs_multi_factor(request.user):
            request.session.set_expiry(settings.STAFF_IDLE_TIMEOUT_SECONDS)
        return self.get_response(request)


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
    """The person whose record a person or representative is using, checked on every request."""
    person_id = request.session.get(ACTING_FOR_SESSION_KEY)
    options = access.persons_acted_for(request.user)
    if person_id:
        person = options.filter(id=person_id).first()
        if person:
            return person
        request.session.pop(ACTING_FOR_SESSION_KEY, None)
    only = list(options[:2])
    return only[0] if len(only) == 1 else None


class ActingForMiddleware:
    """Sets request.acting_for: the person a signed-in person or representative is acting for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting_for = _acting_for(request) if request.user.is_authenticated else None
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
