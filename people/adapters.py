"""allauth adapter: the council creates accounts, so there is no public sign-up."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

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
