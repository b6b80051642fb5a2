"""The one way budgets' pages load the budget named in the URL (people.pages.record_page)."""

from people.pages import record_page

from .models import PersonalBudget


def _budgets(user):
    return PersonalBudget.objects.visible_to(user).select_related(
        "plan", "person__local_authority", "person__user"
    )


def budget_page(what: str, *, allowed=None):
    """record_page for a personal budget: providers never reach one (visible_to)."""
    return record_page(what, key="budget_id", objects=_budgets, allowed=allowed)
