import pytest

from .meetings import schedule


@pytest.fixture
def meeting(budget, social_worker):
    """Sam (with a £150-a-week direct payment) has a review meeting today at home."""
    return schedule(budget.person, social_worker)
