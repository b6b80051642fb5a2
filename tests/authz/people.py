"""Matrix entries for the people app, sign-in (allauth) and multi-factor pages."""

from . import (
    ACCOUNT_PAGE,
    CASE_EDIT,
    CASE_VIEW,
    LOGIN,
    PERSON,
    PUBLIC_ENTRANCE,
    SELF,
    SIGNED_IN,
    STAFF,
    allow,
    everyone,
    mfa_only,
)

# url name -> (kwargs builder, expected statuses). Builders get the scenario dict.
ENTRIES = {
    "people:home": (None, everyone(302, anonymous=200)),
    "people:healthz": (None, everyone(200)),
    # Help and contact, the accessibility statement, privacy notice and cookies: for everyone,
    # signed in or not.
    "people:help": (None, everyone(200)),
    "people:accessibility": (None, everyone(200)),
    "people:privacy": (None, everyone(200)),
    "people:cookies": (None, everyone(200)),
    "people:dashboard": (None, everyone(200, anonymous=LOGIN)),
    "people:acting_for": (None, everyone(200, anonymous=LOGIN)),
    "people:caseload": (None, allow(CASE_VIEW | {"other_la_staff"})),
    "people:person_add": (None, allow(CASE_EDIT | {"other_la_staff"})),
    "people:person_detail": (PERSON, allow(SELF | CASE_VIEW)),
    "people:person_edit": (PERSON, allow(CASE_EDIT)),
    "people:person_invite": (PERSON, allow(CASE_EDIT)),
    "people:history": (PERSON, allow(SELF | CASE_VIEW)),
    "people:representative_add": (PERSON, allow(CASE_EDIT)),
    "people:representative_end": (
        lambda s: {"person_id": s["subject"].id, "representative_id": s["representative"].id},
        allow(CASE_EDIT),
    ),
    "people:consents": (PERSON, allow(SELF | CASE_VIEW)),
    "people:consent_withdraw": (
        lambda s: {"person_id": s["subject"].id, "consent_id": s["consent"].id},
        allow(SELF | CASE_EDIT),
    ),
    # An existing account asked to accept a link to the subject's record (Olive, as a nominated
    # person): only Olive may answer; every other account is told it is for a different account.
    "people:link_invitation": (
        lambda s: {"token": s["link_token"]},
        allow({"other_person"}, otherwise=403),
    ),
    # allauth: sign in, sign out, passwords, multi-factor.
    "account_login": (None, PUBLIC_ENTRANCE),
    "account_logout": (None, everyone(200, anonymous=302)),
    "account_inactive": (None, everyone(200)),
    "account_signup": (None, PUBLIC_ENTRANCE),  # shows "sign-up is closed"
    # Staff confirm it's them with their authenticator: the password page sends them there.
    "account_reauthenticate": (None, allow(set(SIGNED_IN) - STAFF, otherwise=302)),
    # A code by email is never a way to confirm it's you (it would get round the authenticator).
    "account_request_reauthentication_code": (None, everyone(403, anonymous=LOGIN)),
    "account_confirm_reauthentication_code": (None, everyone(403, anonymous=LOGIN)),
    "account_email": (None, ACCOUNT_PAGE),
    "account_email_verification_sent": (None, everyone(200)),
    "account_change_password": (None, ACCOUNT_PAGE),
    "account_set_password": (None, everyone(302, anonymous=LOGIN)),  # has one → change
    "account_reset_password": (None, everyone(200)),
    "account_confirm_login_code": (None, everyone(302, anonymous=LOGIN)),
    "account_confirm_email": (lambda s: {"key": "not-a-real-key"}, everyone(200)),
    "account_reset_password_from_key_done": (None, everyone(200)),
    "account_reset_password_from_key": (lambda s: {"uidb36": "0", "key": "bad-key"}, everyone(200)),
    "account_reset_password_done": (None, everyone(200)),
    "mfa_index": (None, ACCOUNT_PAGE),
    "mfa_authenticate": (None, everyone(302, anonymous=LOGIN)),
    # Changing multi-factor settings asks for a fresh sign-in first (302 to reauthenticate).
    "mfa_reauthenticate": (None, allow(STAFF, otherwise=302)),
    "mfa_activate_totp": (None, everyone(302, anonymous=LOGIN)),
    "mfa_deactivate_totp": (None, mfa_only()),
    "mfa_view_recovery_codes": (None, mfa_only()),
    "mfa_generate_recovery_codes": (None, everyone(302, anonymous=LOGIN)),
    "mfa_download_recovery_codes": (None, mfa_only()),
}


def extend_scenario(scenario) -> None:
    """A council social worker records Olive (who already has an account) as the subject's
    nominated person: the link waits for her to accept."""
    from datetime import date

    from people import services

    users = scenario["users"]
    representative = services.representative_add(
        person=scenario["subject"],
        agreed_by=users["social_worker"],
        details={
            "full_name": "Olive Other",
            "email": users["other_person"].email,
            "relationship": "Friend",
            "kind": "nominated",
            "starts_on": date(2026, 1, 1),
            "agreed_on": date(2026, 1, 1),
            "dishonesty_declaration": "no_convictions",
        },
    )
    scenario["link_token"] = services.link_token(representative.link_invitations.get())
