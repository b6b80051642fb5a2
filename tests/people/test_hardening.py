"""Hardening from the attacker's probe (issue: security hardening): headers, request size,
messages kept out of cookies, and the operator's own account instead of demo data."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from people.demo import DEMO_PASSWORD


def test_every_response_switches_off_browser_features_no_page_uses(client):
    response = client.get(reverse("people:home"))
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client, person):
    client.force_login(person.user)
    response = client.post(
        reverse("people:acting_for"), {"person": "x"}, CONTENT_LENGTH=str(50 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "The file is too big" in response.content.decode()


def test_flash_messages_live_in_the_session_not_in_a_cookie(client, person):
    client.force_login(person.user)
    response = client.post(reverse("people:acting_for"), {"person": person.id})
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert "You are now using" in client.get(response["Location"]).content.decode()


@pytest.fixture
def typed(monkeypatch):
    def type_passwords(*answers):
        replies = iter(answers)
        monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))

    return type_passwords


def test_the_operator_account_is_created_with_a_password_they_type(db, typed):
    typed("a-long-private-passphrase-2026", "a-long-private-passphrase-2026")
    call_command("create_operator", email="ops@example.gov.uk", name="Operations Lead")
    operator = get_user_model().objects.get(email="ops@example.gov.uk")
    assert operator.is_superuser and operator.check_password("a-long-private-passphrase-2026")


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("a-long-private-passphrase-2026", "different", "not the same"),
        (DEMO_PASSWORD, DEMO_PASSWORD, "published demo password"),
        ("short", "short", "too short"),
    ],
)
def test_a_bad_operator_password_creates_nothing(db, typed, first, second, message):
    typed(first, second)
    with pytest.raises(CommandError, match=message):
        call_command("create_operator", email="ops@example.gov.uk", name="Ops")
    assert not get_user_model().objects.filter(email="ops@example.gov.uk").exists()
