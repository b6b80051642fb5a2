"""allauth's own pages look and read like the rest of the service: GOV.UK layout, the error
summary at the top, plain words; nobody can remove the only email address they sign in with."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from ..factories import PASSWORD, UserFactory

ALLAUTH_WORDING = ["Reset My Password", "Make Primary", "Re-send Verification", "Change Password"]
SERVICE_LAYOUT = ('<header class="govuk-header"', '<footer class="govuk-footer">')


def _text(response) -> str:
    return response.text.replace("&#x27;", "'")


def _in_service_layout(response) -> bool:
    return all(part in response.text for part in SERVICE_LAYOUT)


def _error_summary_says(response, *messages: str) -> bool:
    page = _text(response)
    if response.status_code != 200 or 'class="govuk-error-summary"' not in page:
        return False
    summary = page[page.index('class="govuk-error-summary"') : page.index("</main>")]
    summary = summary[: summary.index("</ul>")]
    return all(message in summary for message in messages)


@pytest.mark.parametrize(
    ("url_name", "kwargs", "heading"),
    [
        ("account_reset_password", None, "Reset your password"),
        ("account_reset_password_done", None, "Check your email"),
        ("account_reset_password_from_key", {"uidb36": "0", "key": "bad"}, "This link has expired"),
        ("account_reset_password_from_key_done", None, "Your password is saved"),
        ("account_signup", None, "You cannot create an account yourself"),
        ("account_inactive", None, "You cannot sign in at the moment"),
        ("account_email_verification_sent", None, "Check your email"),
        ("account_confirm_email", {"key": "bad"}, "This link has expired"),
    ],
)
def test_pages_before_signing_in_are_in_the_service_layout(client, db, url_name, kwargs, heading):
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200 and _in_service_layout(response)
    assert f">{heading}</h1>" in _text(response)


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_change_password", "Change your password"),
        ("account_email", "Your email addresses"),
        ("mfa_index", "Your account"),
    ],
)
def test_account_pages_are_in_the_service_layout(client, person, url_name, heading):
    client.force_login(person.user)
    response = client.get(reverse(url_name))
    assert response.status_code == 200 and _in_service_layout(response)
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in _text(response)


def test_your_account_offers_change_your_password(client, person):
    client.force_login(person.user)
    page = _text(client.get(reverse("mfa_index")))
    assert f'<a class="govuk-link" href="{reverse("account_change_password")}">' in page
    assert "Change your password</a>" in page
    assert "Change the email address you sign in with" in page


def test_staff_are_told_who_changes_the_email_they_sign_in_with(client, social_worker):
    client.force_login(social_worker)
    page = _text(client.get(reverse("mfa_index")))
    assert "Change your password</a>" in page
    assert "only the service administrator can change the email address" in page


def test_changing_the_password_with_nothing_typed_says_what_to_enter(client, person):
    client.force_login(person.user)
    response = client.post(reverse("account_change_password"), {})
    assert _error_summary_says(
        response,
        "Enter your current password",
        "Enter a new password",
        "Enter the new password again",
    )
    assert "<title>Error: Change your password" in response.text
    assert "This field is required" not in response.text


def test_changing_the_password_with_mistakes_explains_each(client, person):
    client.force_login(person.user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "a-long-new-password-1", "password2": "different"},
    )
    assert _error_summary_says(response, "Your current password is not right")
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a-long-new-password-1", "password2": "different"},
    )
    assert _error_summary_says(response, "The passwords do not match")


def test_changing_the_password_works_and_says_so(client, person):
    client.force_login(person.user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-long-new-password-1",
            "password2": "a-long-new-password-1",
        },
        follow=True,
    )
    assert "Your password is changed" in _text(response)
    person.user.refresh_from_db()
    assert person.user.check_password("a-long-new-password-1")


def test_resetting_a_password_explains_a_missing_or_wrong_email(client, db):
    response = client.post(reverse("account_reset_password"), {"email": ""})
    assert _error_summary_says(response, "Enter the email address you sign in with")
    response = client.post(reverse("account_reset_password"), {"email": "someone@"})
    assert _error_summary_says(response, "Enter an email address in the right format")
    assert 'value="someone@"' in response.text


def test_the_reset_email_is_plain_and_an_unknown_address_is_not_told_to_sign_up(client, person):
    client.post(reverse("account_reset_password"), {"email": person.user.email})
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    known, unknown = mail.outbox
    assert "Choose a new password" in known.subject
    assert "Manage a personal budget" in known.body
    assert "/accounts/password/reset/key/" in known.body
    assert "Hello from" not in known.body
    assert "nobody signs in with this email address" in unknown.body
    assert "sign up" not in unknown.body.lower()


def test_choosing_a_new_password_from_the_email_link_explains_mistakes(client, person):
    client.post(reverse("account_reset_password"), {"email": person.user.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/" in line)
    response = client.get(link.split("127.0.0.1:8000")[-1], follow=True)
    form_url = response.redirect_chain[-1][0]
    assert "Choose a new password" in _text(response) and _in_service_layout(response)
    response = client.post(form_url, {"password1": "", "password2": ""})
    assert _error_summary_says(response, "Enter a new password", "Enter the new password again")
    response = client.post(form_url, {"password1": "short", "password2": "short"})
    assert _error_summary_says(response, "too short")


@pytest.fixture
def person_with_two_addresses(client, person):
    client.force_login(person.user)
    client.get(reverse("account_email"))  # allauth records the address they sign in with
    EmailAddress.objects.create(user=person.user, email="sam.other@example.org", verified=True)
    return person


def test_nobody_can_remove_the_only_email_address_they_sign_in_with(client, person):
    client.force_login(person.user)
    page = _text(client.get(reverse("account_email")))
    assert "You sign in with this" in page and "it is your only one" in page
    assert 'name="action_remove"' not in page
    response = client.post(
        reverse("account_email"), {"email": person.user.email, "action_remove": ""}, follow=True
    )
    assert "You cannot remove sam@example.org: it is the email address you sign in with" in _text(
        response
    )
    assert EmailAddress.objects.filter(user=person.user, email=person.user.email).exists()
    assert client.login(username=person.user.email, password=PASSWORD)


def test_the_address_signed_in_with_stays_even_with_another(client, person_with_two_addresses):
    user = person_with_two_addresses.user
    response = client.post(
        reverse("account_email"), {"email": user.email, "action_remove": ""}, follow=True
    )
    assert "You cannot remove sam@example.org" in _text(response)
    assert EmailAddress.objects.filter(user=user).count() == 2
    response = client.post(
        reverse("account_email"),
        {"email": "sam.other@example.org", "action_remove": ""},
        follow=True,
    )
    assert "You removed sam.other@example.org" in _text(response)
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        user.email
    ]


def test_adding_an_email_address_with_a_mistake_is_explained(client, person):
    client.force_login(person.user)
    response = client.post(reverse("account_email"), {"email": "", "action_add": ""})
    assert _error_summary_says(response, "Enter the email address you want to add")
    response = client.post(reverse("account_email"), {"email": "nope@", "action_add": ""})
    assert _error_summary_says(response, "Enter an email address in the right format")
    response = client.post(reverse("account_email"), {"email": person.user.email, "action_add": ""})
    assert _error_summary_says(response, "You already use this email address to sign in")


def test_staff_are_told_plainly_why_they_cannot_add_an_email_address(client, social_worker):
    client.force_login(social_worker)
    response = client.post(reverse("account_email"), {"email": "new@example.org", "action_add": ""})
    assert _error_summary_says(response, "Council and provider staff cannot add email addresses")


def test_a_wrong_or_missing_security_code_says_what_to_do(client, social_worker):
    client.post(reverse("account_login"), {"login": social_worker.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": ""})
    assert "Enter the security code from your authenticator app" in _text(response)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "The security code is not right" in _text(response)


def test_multi_factor_pages_that_change_settings_are_in_the_service_layout(client, social_worker):
    from people.demo import current_totp_code

    client.force_login(social_worker)
    response = client.get(reverse("mfa_reauthenticate"))
    assert _in_service_layout(response) and "Confirm it's you" in _text(response)
    response = client.post(reverse("mfa_reauthenticate"), {"code": ""})
    assert _error_summary_says(response, "Enter the security code from your authenticator app")
    client.post(reverse("mfa_reauthenticate"), {"code": current_totp_code()})
    for url_name, heading in [
        ("mfa_deactivate_totp", "Remove the authenticator app from your account"),
        ("mfa_generate_recovery_codes", "Get new recovery codes"),
    ]:
        response = client.get(reverse(url_name))
        assert response.status_code == 200 and _in_service_layout(response), url_name
        assert f">{heading}</h1>" in _text(response)


def test_a_signed_in_user_never_sees_allauths_own_wording(client, db):
    user = UserFactory()
    client.force_login(user)
    for url_name in ["account_change_password", "account_email", "account_reset_password"]:
        page = client.get(reverse(url_name)).text
        for wording in ALLAUTH_WORDING:
            assert wording not in page, (url_name, wording)
