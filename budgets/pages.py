"""How budgets' pages find what they are about: the budget in the URL (people.pages.record_page),
or the council whose money a finance officer looks after."""

from django.http import Http404

from people import access
from people.models import Organisation
from people.pages import record_page

from .models import PersonalBudget


def _budgets(user):
    return PersonalBudget.objects.visible_to(user).select_related(
        "plan", "person__local_authority", "person__user"
    )


def budget_page(what: str, *, allowed=None):
    """record_page for a personal budget: providers never reach one (visible_to)."""
    return record_page(what, key="budget_id", objects=_budgets, allowed=allowed)


def finance_authority(user) -> Organisation:
    """The council whose payments this user runs, or 404 for everyone else."""
    ids = access.finance_authority_ids(user)
    if not ids:
        raise Http404("Page not found")
    return Organisation.objects.get(id=ids[0])
