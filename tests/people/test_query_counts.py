"""docs/quality.md #20: the number of queries a page makes does not grow with the data."""

import pytest
from django.urls import reverse

from ..factories import PersonFactory, RepresentativeFactory


def _grow_caseload(council, social_worker, n):
    for _ in range(n):
        RepresentativeFactory(
            person=PersonFactory(local_authority=council), agreed_by=social_worker
        )


def _queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(50) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url_name", ["people:dashboard", "people:caseload"])
def test_staff_pages_make_the_same_queries_for_3_or_40_people(
    client, council, social_worker, url_name, django_assert_max_num_queries
):
    client.force_login(social_worker)
    url = reverse(url_name)
    _grow_caseload(council, social_worker, 3)
    few = _queries(client, url, django_assert_max_num_queries)
    _grow_caseload(council, social_worker, 40)
    assert _queries(client, url, django_assert_max_num_queries) == few


def test_person_record_makes_the_same_queries_however_many_representatives(
    client, social_worker, person_lacking_capacity, django_assert_max_num_queries
):
    client.force_login(social_worker)
    url = reverse("people:person_detail", args=[person_lacking_capacity.id])
    RepresentativeFactory(person=person_lacking_capacity, agreed_by=social_worker)
    few = _queries(client, url, django_assert_max_num_queries)
    for _ in range(10):
        RepresentativeFactory(person=person_lacking_capacity, agreed_by=social_worker)
    assert _queries(client, url, django_assert_max_num_queries) == few


def test_representative_dashboard_queries_do_not_grow_with_people_represented(
    client, council, social_worker, nominated_person, django_assert_max_num_queries
):
    client.force_login(nominated_person)
    url = reverse("people:dashboard")
    few = _queries(client, url, django_assert_max_num_queries)
    for _ in range(10):
        RepresentativeFactory(
            person=PersonFactory(local_authority=council),
            user=nominated_person,
            agreed_by=social_worker,
        )
    assert _queries(client, url, django_assert_max_num_queries) == few


@pytest.mark.parametrize("who", ["person", "social_worker", "provider_user"])
def test_a_users_council_roles_and_providers_are_read_in_one_query(
    db, request, who, django_assert_num_queries
):
    """Every request asks whether its user needs multi-factor sign-in, which for anyone not on
    a council's staff needs both their council roles and their providers."""
    from people import access
    from people.models import User

    found = request.getfixturevalue(who)
    user = User.objects.get(pk=(found.user if who == "person" else found).pk)  # nothing cached
    with django_assert_num_queries(1):
        access.needs_multi_factor(user)
        roles, providers = access.la_roles(user), access.provider_ids(user)
    assert bool(roles) == (who == "social_worker") and bool(providers) == (who == "provider_user")
