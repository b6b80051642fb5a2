"""docs/quality.md #7: every URL pattern, every role. A URL with no entry here fails the test.

Another person's record answers 404 (never 403), so nobody learns who exists.
Later issues add their URLs to MATRIX; `test_every_url_pattern_has_an_entry` makes sure they do.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .authz import ADMIN_NAMESPACE, LOGIN, ROLES, SELF, SIGNED_IN, entries_and_extenders
from .authz.assessments import CARER_VARIANTS
from .factories import UserFactory


@pytest.fixture
def scenario(shared_scenario):
    """Every test here reads the matrix's data set made once for the module (conftest.py)."""
    return shared_scenario


MATRIX, _ = entries_and_extenders()


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


def _outcome(response) -> object:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_role_gets_expected_answer(client, scenario, url_name):
    kwargs_for, expected = MATRIX[url_name]
    _assert_answers(client, scenario, url_name, kwargs_for, expected)


@pytest.mark.parametrize("url_name", sorted(CARER_VARIANTS))
def test_a_carers_assessment_answers_each_role_as_an_adults_does(client, scenario, url_name):
    _, expected = MATRIX[url_name]
    _assert_answers(client, scenario, url_name, CARER_VARIANTS[url_name], expected)


def _assert_answers(client, scenario, url_name, kwargs_for, expected):
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


# Writes: every URL refuses a POST from everyone who may not open it, and nothing changes.
OUTSIDER_ANSWERS = {404, 405, LOGIN}


def _row_count_sql() -> str:
    """One query that counts every row of every table the project owns (history included)."""
    from django.apps import apps

    ours = {"core", "people", "assessments", "support_plans", "budgets", "reviews", "mfa"}
    tables = sorted(
        {m._meta.db_table for m in apps.get_models() if m._meta.app_label in ours}
        | {"account_emailaddress", "django_session"} - {"django_session"}
    )
    return "SELECT " + " + ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables)


def _rows() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_row_count_sql())
        return cursor.fetchone()[0]


JUNK = {
    "reason": "x",
    "person": "00000000-0000-0000-0000-000000000000",
    "submission_key": "11111111-1111-4111-8111-111111111111",
    "amount": "10.00",
    "payee": "Intruder",
    "decision": "approved",
    "answer": "x",
    "explanation": "x",
    "resolution": "x",
}


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_outsiders_posting_to_any_url_change_nothing(client, scenario, url_name):
    kwargs_for, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=kwargs_for(scenario) if kwargs_for else None)
    outsiders = [role for role in ROLES if expected[role] in (404, LOGIN)]
    wrong = {}
    for role in outsiders:
        client.logout()
        if scenario["users"][role]:
            client.force_login(scenario["users"][role])
        if role in SELF:
            client.post(reverse("people:acting_for"), {"person": scenario["subject"].id})
        before = _rows()
        outcome = _outcome(client.post(url, JUNK))
        if outcome not in OUTSIDER_ANSWERS:
            wrong[role] = f"answered {outcome}"
        elif _rows() != before:
            wrong[role] = "changed the database"
    assert wrong == {}, f"{url_name} ({url}): {wrong}"


def test_a_superuser_reaches_the_django_admin_and_nobody_s_records(client, scenario):
    """The service operator runs the service; they are not council staff, so no person's
    record, assessment, plan or budget opens for them: exactly what a stranger gets."""
    from .factories import with_authenticator

    operator = with_authenticator(UserFactory(is_staff=True, is_superuser=True))
    client.force_login(operator)
    assert client.get(reverse("admin:index")).status_code == 200
    wrong = {}
    for url_name, (kwargs_for, expected) in MATRIX.items():
        url = reverse(url_name, kwargs=kwargs_for(scenario) if kwargs_for else None)
        outcome = _outcome(client.get(url))
        # Their own sign-in pages answer as for any member of staff with an authenticator.
        own_account = url_name.startswith(("account_", "mfa_"))
        like = expected["other_la_staff" if own_account else "stranger"]
        if outcome != like:
            wrong[url_name] = f"expected {like}, got {outcome}"
    assert wrong == {}
