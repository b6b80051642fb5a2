"""docs/quality.md #9 and #12: multi-factor for staff, rate-limited sign-in, session rotation,
idle timeout, and the security headers on every page."""

from django.conf import settings
from django.urls import reverse

from people.demo import current_totp_code
from people.models import StaffRole

from ..factories import PASSWORD, UserFactory, staff_user


def _sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, council, person):
    newcomer = staff_user(council, StaffRole.SOCIAL_WORKER, mfa=False)
    client.force_login(newcomer)
    for url in [
        reverse("people:dashboard"),
        reverse("people:caseload"),
        reverse("people:person_detail", args=[person.id]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_provider_users_without_an_authenticator_are_sent_to_set_one_up(client, provider_org):
    newcomer = staff_user(provider_org, StaffRole.PROVIDER_STAFF, mfa=False)
    client.force_login(newcomer)
    assert client.get(reverse("people:dashboard"))["Location"] == reverse("mfa_activate_totp")


def test_people_and_representatives_do_not_need_an_authenticator(client, person):
    client.force_login(person.user)
    assert client.get(reverse("people:dashboard")).status_code == 200


def test_staff_sign_in_asks_for_the_authenticator_code(client, social_worker):
    response = _sign_in(client, social_worker.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("people:dashboard")).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "The security code is not right" in response.text
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert response["Location"] == reverse("people:dashboard")
    assert client.get(reverse("people:dashboard")).status_code == 200


def _reopens_text(minutes_from_now: int) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from core.formats import clock_time

    return clock_time(timezone.now() + timedelta(minutes=minutes_from_now))


def test_sign_in_is_locked_for_the_account_and_says_when_to_try_again(client, person):
    for _ in range(5):
        response = _sign_in(client, person.user.email, "wrong-password")
        assert "not correct" in response.text
    response = _sign_in(client, person.user.email, PASSWORD)
    assert not response.wsgi_request.user.is_authenticated
    assert "You have tried to sign in too many times" in response.text
    # The oldest try stops counting 5 minutes after it was made (rounded up to the minute).
    assert any(f"try again at {_reopens_text(m)}" in response.text for m in (5, 6))
    assert "Too many failed login attempts" not in response.text


def test_sign_in_is_locked_for_an_address_trying_many_accounts(client, person):
    for number in range(20):
        _sign_in(client, f"guess{number}@example.org", "wrong-password")
    response = _sign_in(client, person.user.email, PASSWORD)
    assert not response.wsgi_request.user.is_authenticated
    assert "You have tried to sign in too many times" in response.text
    other_address = _sign_in(client.__class__(REMOTE_ADDR="10.9.9.9"), person.user.email)
    assert other_address.status_code == 302  # the account itself is not locked


def test_session_key_changes_when_signing_in(client, person):
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    _sign_in(client, person.user.email)
    assert client.session.session_key != before
    assert client.get(reverse("people:dashboard")).status_code == 200


def test_staff_sessions_expire_after_30_idle_minutes(client, social_worker, person):
    client.force_login(social_worker)
    client.get(reverse("people:dashboard"))
    assert client.session.get_expiry_age() == 30 * 60 == settings.STAFF_IDLE_TIMEOUT_SECONDS
    client.force_login(person.user)
    client.get(reverse("people:dashboard"))
    assert client.session.get_expiry_age() != 30 * 60


def test_a_staff_click_moves_the_expiry_on_at_most_once_a_minute(
    client, social_worker, monkeypatch
):
    """Each move is a write to the sessions table: a click within a minute of the last move
    writes nothing, and the staff member is still signed out 29-30 minutes after their last
    click."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from people import middleware

    clock = [1_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.force_login(social_worker)
    client.get(reverse("people:dashboard"))

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("people:dashboard")).status_code == 200
        return sum('UPDATE "django_session"' in q["sql"] for q in queries.captured_queries)

    clock[0] += 59
    assert session_writes() == 0
    clock[0] += 1  # a minute since the expiry last moved on
    assert session_writes() == 1
    assert client.session.get_expiry_age() == settings.STAFF_IDLE_TIMEOUT_SECONDS
    assert session_writes() == 0


def test_pages_with_personal_data_are_not_cached_and_carry_security_headers(client, person):
    client.force_login(person.user)
    response = client.get(reverse("people:person_detail", args=[person.id]))
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'nonce-" in csp and "'unsafe-inline'" not in csp


def test_public_sign_up_is_closed(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert "You cannot create an account yourself" in response.text
    assert not UserFactory._meta.model.objects.filter(email="new@example.org").exists()


def test_admin_sign_in_goes_through_multi_factor(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and "/accounts/login/" in follow["Location"]


def test_forgotten_password_can_be_reset_by_email(client, person):
    client.post(reverse("account_reset_password"), {"email": person.user.email})
    from django.core import mail

    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/password/reset/key/" in word)
    response = client.get(link.replace("http://testserver", ""), follow=True)
    form_url = response.redirect_chain[-1][0]
    new_password = "a-brand-new-password-9"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert client.login(username=person.user.email, password=new_password)


def test_signing_out_ends_the_session(client, person):
    client.force_login(person.user)
    client.post(reverse("account_logout"))
    assert client.get(reverse("people:dashboard")).status_code == 302


def test_the_published_demo_password_never_signs_in_where_demo_data_is_not_allowed(
    client, settings, db
):
    from people.demo import DEMO_PASSWORD

    user = UserFactory(email="copied@example.org")
    user.set_password(DEMO_PASSWORD)
    user.save()
    settings.DEMO_DATA_ALLOWED = False
    response = _sign_in(client, user.email, DEMO_PASSWORD)
    assert not response.wsgi_request.user.is_authenticated
    assert "published with the demonstration service" in response.text
    assert "Reset your password" in response.text

    settings.DEMO_DATA_ALLOWED = True  # the demo itself still works
    assert _sign_in(client, user.email, DEMO_PASSWORD).status_code == 302
