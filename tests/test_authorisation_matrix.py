"""QUALITY.md #7: every URL pattern, every role. A URL with no entry here fails the test.

Another person's record answers 404 (never 403), so nobody learns who exists.
Later issues add their URLs to MATRIX; `test_every_url_pattern_has_an_entry` makes sure they do.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from people.models import Representative

from .factories import RepresentativeFactory, UserFactory

ROLES = [
    "anonymous",
    "person",  # the subject, signed in as themselves
    "nominated_person",  # the subject's nominated person
    "authorised_person",  # someone else's authorised person
    "other_person",
    "social_worker",
    "approver",
    "finance_officer",
    "la_admin",
    "provider_user",  # the subject consented to this provider
    "other_provider_user",
    "other_la_staff",
    "stranger",
]
SIGNED_IN = [role for role in ROLES if role != "anonymous"]
SELF = {"person", "nominated_person"}
CASE_VIEW = {"social_worker", "approver", "finance_officer", "la_admin"}
CASE_EDIT = {"social_worker", "approver", "la_admin"}
STAFF = CASE_VIEW | {"provider_user", "other_provider_user", "other_la_staff"}  # have MFA set up
LOGIN = "login"  # a redirect to the sign-in page


def allow(allowed: set, *, anonymous=LOGIN, otherwise=404) -> dict:
    """Expected status for every role: 200 for `allowed`, `otherwise` for the rest."""
    expected = {role: (200 if role in allowed else otherwise) for role in SIGNED_IN}
    expected["anonymous"] = anonymous
    return expected


def everyone(status, *, anonymous=None) -> dict:
    expected = {role: status for role in SIGNED_IN}
    expected["anonymous"] = status if anonymous is None else anonymous
    return expected


def mfa_only() -> dict:
    """Pages about an authenticator the user has: 302 (reauthenticate) for staff, else 404."""
    expected = {role: (302 if role in STAFF else 404) for role in SIGNED_IN}
    expected["anonymous"] = LOGIN
    return expected


ACCOUNT_PAGE = everyone(200, anonymous=LOGIN)  # a signed-in user's own account pages
PUBLIC_ENTRANCE = everyone(302, anonymous=200)  # sign-in pages send signed-in users home

# url name -> (kwargs builder, expected statuses). Builders get the scenario dict.
PERSON = lambda s: {"person_id": s["subject"].id}  # noqa: E731
MATRIX = {
    "people:home": (None, everyone(302, anonymous=200)),
    "people:healthz": (None, everyone(200)),
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
    # allauth: sign in, sign out, passwords, multi-factor.
    "account_login": (None, PUBLIC_ENTRANCE),
    "account_logout": (None, everyone(200, anonymous=302)),
    "account_inactive": (None, everyone(200)),
    "account_signup": (None, PUBLIC_ENTRANCE),  # shows "sign-up is closed"
    "account_reauthenticate": (None, ACCOUNT_PAGE),
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
# Django admin: only superusers (service administrators). Checked by
# test_admin_is_only_for_superusers; every admin URL is covered by that entry.
ADMIN_NAMESPACE = "admin:"


def all_url_names() -> list[str]:
    names = []

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, ns)
            elif isinstance(pattern, URLPattern):
                names.append(f"{namespace}{pattern.name}")

    walk(get_resolver())
    return names


def test_every_url_pattern_has_an_entry():
    missing = [
        name
        for name in all_url_names()
        if name not in MATRIX and not name.startswith(ADMIN_NAMESPACE)
    ]
    assert missing == [], f"Add these URLs to the authorisation matrix: {missing}"


@pytest.fixture
def scenario(
    request,
    person,
    nominated_person,
    authorised_person,
    other_person,
    social_worker,
    approver,
    finance_officer,
    la_admin,
    provider_user,
    other_provider_user,
    other_la_staff,
    stranger,
):
    """Sam (the subject) with a nominated person and a consent to Brightside; everyone else."""
    RepresentativeFactory(
        person=person,
        user=nominated_person,
        agreed_by=social_worker,
        kind=Representative.Kind.NOMINATED,
    )
    users = {
        "anonymous": None,
        "person": person.user,
        "nominated_person": nominated_person,
        "authorised_person": authorised_person,
        "other_person": other_person.user,
        "social_worker": social_worker,
        "approver": approver,
        "finance_officer": finance_officer,
        "la_admin": la_admin,
        "provider_user": provider_user,
        "other_provider_user": other_provider_user,
        "other_la_staff": other_la_staff,
        "stranger": stranger,
    }
    return {
        "subject": person,
        "representative": person.representatives.get(user=nominated_person),
        "consent": person.provider_consents.get(),
        "users": users,
    }


def _outcome(response) -> object:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_role_gets_expected_answer(client, scenario, url_name):
    kwargs_for, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=kwargs_for(scenario) if kwargs_for else None)
    assert set(expected) == set(ROLES), f"{url_name}: the entry must name every role"
    wrong = {}
    for role in ROLES:
        client.logout()
        if scenario["users"][role]:
            client.force_login(scenario["users"][role])
        if role in SELF:
            client.post(reverse("people:acting_for"), {"person": scenario["subject"].id})
        outcome = _outcome(client.get(url))
        if outcome != expected[role]:
            wrong[role] = f"expected {expected[role]}, got {outcome}"
    assert wrong == {}, f"{url_name} ({url}): {wrong}"


@pytest.mark.parametrize(
    "url_name",
    [
        "people:person_edit",
        "people:representative_end",
        "people:consent_withdraw",
        "people:person_invite",
    ],
)
def test_outsiders_cannot_post_to_write_pages(client, scenario, url_name):
    kwargs_for, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=kwargs_for(scenario))
    for role in [
        "other_person",
        "provider_user",
        "other_la_staff",
        "stranger",
        "authorised_person",
    ]:
        client.force_login(scenario["users"][role])
        assert client.post(url, {"reason": "x"}).status_code == 404, role
    scenario["representative"].refresh_from_db()
    assert scenario["representative"].revoked_at is None
    assert scenario["consent"].withdrawn_at is None


def test_admin_is_only_for_superusers(client, scenario):
    admin_urls = [reverse("admin:index"), reverse("admin:people_user_changelist")]
    for role in SIGNED_IN:
        client.force_login(scenario["users"][role])
        for url in admin_urls:
            response = client.get(url)
            assert response.status_code == 302, (role, url)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    from .factories import with_authenticator

    client.force_login(with_authenticator(superuser))
    assert client.get(admin_urls[1]).status_code == 200
