"""allauth adapter: the council creates accounts, so there is no public sign-up."""

import time
from datetime import UTC, datetime

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError

from core.formats import clock_time

from . import access
from .demo import DEMO_PASSWORD


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "duplicate_email": "You already use this email address to sign in",
        "email_password_mismatch": (
            "The email address or password is not correct. Check them and try again"
        ),
        "enter_current_password": (
            "Your current password is not right. Check it and try again, or reset your password"
        ),
        "incorrect_password": "The password is not right. Check it and try again",
        "cannot_remove_primary_email": (
            "You cannot remove the email address you sign in with. Add another one and choose "
            "to sign in with it first"
        ),
        "unverified_primary_email": "Confirm this email address before you sign in with it",
        "rate_limited": "You have tried too many times. Wait a few minutes, then try again",
    }

    def pre_authenticate(self, request, **credentials) -> None:
        """Too many wrong tries for this account (5 in 5 minutes) or from this address (20 in
        5 minutes) stop sign-in until the oldest counted try is 5 minutes old: say when."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            key = self._get_login_attempts_cache_key(request, **credentials)
            reopens = sign_in_reopens_at(request, key)
            raise ValidationError(
                "You have tried to sign in too many times. To keep the account safe, you can "
                f"try again at {clock_time(reopens)}. If you have forgotten your password, "
                "reset it instead.",
                code="too_many_login_attempts",
            ) from None
        if not settings.DEMO_DATA_ALLOWED and credentials.get("password") == DEMO_PASSWORD:
            raise ValidationError(
                "This password was published with the demonstration service, so it cannot be "
                "used here. Reset your password to choose a new one.",
                code="demo_password",
            )

    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's emails name the service (templates/account/email/)."""
        super().send_mail(
            template_prefix, email, {**context, "service_name": settings.SERVICE_NAME}
        )

    def can_delete_email(self, email_address) -> bool:
        """Never the address someone signs in with, nor their only one: without it they could
        not sign in (or reset their password) again."""
        from allauth.account.models import EmailAddress

        if not email_address.pk:
            return True
        others = EmailAddress.objects.filter(user_id=email_address.user_id).exclude(
            pk=email_address.pk
        )
        signs_in_with = email_address.email.lower() == email_address.user.email.lower()
        return others.exists() and not email_address.primary and not signs_in_with

    def get_reauthentication_methods(self, user) -> list[dict]:
        """Staff who have set up their authenticator confirm it's them with it, not a password.

        Their password alone never opens personal data, so it must not be enough to change their
        sign-in settings either. Everyone else may use their password.
        """
        methods = super().get_reauthentication_methods(user)
        if user.is_authenticated and access.needs_multi_factor(user):
            with_authenticator = [m for m in methods if m["id"].startswith("mfa_")]
            return with_authenticator or methods
        return methods

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Signing in counts as a fresh confirmation for a few minutes.

        allauth only counts an explicit "enter your password again". Without this, new staff
        sent to set up their authenticator straight after signing in would be asked for their
        password a second time. Later sensitive changes still ask again.
        """
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        recent = (
            records and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
        )
        return not recent


def sign_in_reopens_at(request, key: str) -> datetime:
    """When the sign-in limits that are full now (per account and per address) let the next
    try through: the moment the oldest try each one counts stops counting."""
    now = time.time()
    reopens = now
    for rate in ratelimit.parse_rates(account_settings.RATE_LIMITS.get("login_failed")):
        cache_key = ratelimit.get_cache_key(
            request, app="allauth.account", action="login_failed", rate=rate, key=key
        )
        tries = [at for at in cache.get(cache_key, []) if at > now - rate.duration]
        if len(tries) >= rate.amount:  # newest first: the one that must expire is this
            reopens = max(reopens, tries[rate.amount - 1] + rate.duration)
    return datetime.fromtimestamp(reopens + 59, tz=UTC).replace(second=0, microsecond=0)
