"""Confirming it's you again: staff use their authenticator; nobody can use a code sent by email."""

import time

from django.urls import reverse

from people.demo import current_totp_code

from ..factories import PASSWORD


def _signed_in_long_ago(client, user):
    """Signed in more than the re-authentication timeout ago, so a sensitive change asks again."""
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time() - 3600, "email": user.email}
    ]
    session.save()


def test_staff_changing_sign_in_settings_are_asked_for_their_authenticator(client, social_worker):
    _signed_in_long_ago(client, social_worker)
    response = client.get(reverse("mfa_generate_recovery_codes"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_staff_cannot_confirm_it_is_them_with_a_password_alone(client, social_worker):
    _signed_in_long_ago(client, social_worker)
    response = client.get(reverse("account_reauthenticate"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert client.get(reverse("mfa_generate_recovery_codes")).status_code == 302


def test_staff_confirm_it_is_them_with_the_authenticator_code(client, social_worker):
    _signed_in_long_ago(client, social_worker)
    page = client.get(reverse("mfa_reauthenticate"))
    assert page.status_code == 200
    assert "Send me a sign-in code" not in page.text
    response = client.post(reverse("mfa_reauthenticate"), {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("mfa_generate_recovery_codes")).status_code == 200


def test_a_code_by_email_is_never_offered_or_accepted(client, social_worker, person):
    for user in (social_worker, person.user):
        _signed_in_long_ago(client, user)
        assert client.get(reverse("account_request_reauthentication_code")).status_code == 403
        response = client.post(
            reverse("account_request_reauthentication_code"), {"email": user.email}
        )
        assert response.status_code == 403
        assert client.get(reverse("account_confirm_reauthentication_code")).status_code == 403


def test_people_confirm_it_is_them_with_their_password(client, person):
    _signed_in_long_ago(client, person.user)
    page = client.get(reverse("account_reauthenticate"))
    assert page.status_code == 200
    assert "sign-in code" not in page.text
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
