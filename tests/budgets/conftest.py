"""Fixtures for the budgets tests that more than one module uses."""

import pytest


@pytest.fixture
def nominated_for_sam(person, social_worker):
    """Dana Okafor, Sam's nominated person (Sam has capacity and signs in himself too)."""
    from tests.factories import RepresentativeFactory, UserFactory

    user = UserFactory(full_name="Dana Okafor", email="dana@example.org")
    RepresentativeFactory(person=person, user=user, agreed_by=social_worker)
    return user
