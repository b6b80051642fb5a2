"""Fixtures for the budgets tests that more than one module uses."""

import pytest


@pytest.fixture
def nominated_for_sam(person, social_worker):
    """Dana Okafor, Sam's nominated person (Sam has capacity and signs in himself too)."""
    from tests.factories import RepresentativeFactory, UserFactory

    user = UserFactory(full_name="Dana Okafor", email="dana@example.org")
    RepresentativeFactory(person=person, user=user, agreed_by=social_worker)
    return user


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """Post a payment run's confirmation as the signed-in officer and open the page it leads
    to. The task that pays the run is queued when the request's transaction commits, which a
    test's own transaction never does: here it commits, and the task runs eagerly."""

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        return client.get(response["Location"]) if response.status_code == 302 else response

    return post
