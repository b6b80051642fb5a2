"""What is waiting about employing people, for the home page's to-do list (people.todo)."""

from django.urls import reverse
from django.utils import timezone

from people import access
from people.todo import ToDo, counted

from ..models import PersonalBudget
from .checks import ACT, employer_checks
from .council import council_exceptions
from .models import Timesheet


def employment_todo(user) -> list[ToDo]:
    return _council(user) + _employer(user)


def _council(user) -> list[ToDo]:
    councils = access.finance_authority_ids(user)
    if not councils:
        return []
    found = len(council_exceptions(user, councils))
    if not found:
        return []
    text = counted(found, "1 employer check needs a look", "{count} employer checks need a look")
    return [ToDo(text, reverse("employment:council_checks"), found)]


def _employer(user) -> list[ToDo]:
    """For people and representatives: hours to approve and checks to do."""
    budgets = PersonalBudget.objects.filter(
        person__in=access.persons_acted_for(user),
        status=PersonalBudget.Status.ACTIVE,
        workers__isnull=False,
    ).distinct()
    items = []
    for budget in budgets.select_related("person", "plan"):
        url = reverse("employment:people", args=[budget.id])
        waiting = Timesheet.objects.filter(
            worker__budget=budget, status=Timesheet.Status.WAITING
        ).count()
        if waiting:
            text = counted(waiting, "A week of hours is", "{count} weeks of hours are")
            items.append(ToDo(f"{text} waiting for you to approve", url, waiting))
        to_do = [c for c in employer_checks(budget, timezone.localdate()) if c.level == ACT]
        if to_do:
            text = counted(len(to_do), "1 employer's check needs", "{count} employer's checks need")
            items.append(ToDo(f"{text} doing", reverse("employment:checks", args=[budget.id])))
    return items
