"""What is waiting in support plans, for the home page's to-do list (people.todo).

Council staff see counts of plans to check and to approve, plans referred to them and budget
challenges to answer; a person (or their representative) sees a plan sent back for changes.
"""

from django.urls import reverse

from people import access
from people.models import StaffRole
from people.todo import ToDo, counted

from .models import BudgetChallenge, PlanReferral, SupportPlan

Status = SupportPlan.Status
CHECKERS = {StaffRole.SOCIAL_WORKER, StaffRole.ADMINISTRATOR}


def plan_todo(user) -> list[ToDo]:
    return _staff_todo(user) + _own_todo(user)


def _staff_todo(user) -> list[ToDo]:
    councils = access.la_roles(user)
    if not councils:
        return []
    queue = reverse("plan_approval:queue")
    checker_at = [org for org, roles in councils.items() if roles & CHECKERS]
    approver_at = [org for org, roles in councils.items() if StaffRole.APPROVER in roles]
    plans = SupportPlan.objects.visible_to(user)
    items = []
    to_check = plans.filter(person__local_authority_id__in=checker_at, status=Status.SUBMITTED)
    if count := to_check.exclude(submitted_by=user).count():
        items.append(
            ToDo(counted(count, "1 plan to check", "{count} plans to check"), queue, count)
        )
    to_approve = plans.filter(person__local_authority_id__in=approver_at, status=Status.CHECKED)
    if count := to_approve.count():
        text = counted(count, "1 plan to approve", "{count} plans to approve")
        items.append(ToDo(text, queue, count))
    referred = PlanReferral.objects.visible_to(user).for_current_check().filter(referred_to=user)
    if count := referred.count():
        text = counted(count, "1 plan referred to you", "{count} plans referred to you")
        items.append(ToDo(text, queue, count))
    challenges = BudgetChallenge.objects.visible_to(user).filter(
        status=BudgetChallenge.Status.OPEN, plan__person__local_authority_id__in=approver_at
    )
    if count := challenges.count():
        text = counted(count, "1 challenge to a budget", "{count} challenges to budgets")
        items.append(ToDo(f"{text} to answer", queue, count))
    return items


def _own_todo(user) -> list[ToDo]:
    """A plan the council sent back for changes, for whoever writes it."""
    sent_back = SupportPlan.objects.filter(
        person__in=access.persons_acted_for(user), status=Status.CHANGES_REQUESTED
    ).select_related("person")
    items = []
    for plan in sent_back:
        whose = "your" if plan.person.user_id == user.pk else f"{plan.person.display_name}'s"
        text = f"The council has asked for changes to {whose} support plan"
        items.append(ToDo(text, reverse("plans:plan", args=[plan.id])))
    return items
