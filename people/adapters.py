"""allauth adapter: the council creates accounts, so there is no public sign-up."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context

from . import access


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

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
