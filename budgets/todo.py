"""What is waiting in budgets, for the home page's to-do list (people.todo)."""

from django.db.models import Count, Q
from django.urls import reverse

from core.formats import long_date
from people import access
from people.todo import ToDo, counted

from .models import ExpectedContribution, PaymentRun, PersonalBudget, RuleFlag
from .presenters import flags_for_review

LATE = [ExpectedContribution.Status.LATE, ExpectedContribution.Status.MISSING]


def budget_todo(user) -> list[ToDo]:
    return _finance_todo(user) + _own_todo(user)


def _finance_todo(user) -> list[ToDo]:
    councils = access.finance_authority_ids(user)
    if not councils:
        return []
    items = []
    questions = flags_for_review(councils).count()
    if questions:
        text = counted(questions, "1 question on a payment", "{count} questions on payments")
        items.append(ToDo(f"{text} to look at", reverse("spending:flag_queue"), questions))
    late = ExpectedContribution.objects.filter(
        budget__person__local_authority_id__in=councils, status__in=LATE
    ).count()
    if late:
        text = counted(late, "1 contribution is", "{count} contributions are")
        url = reverse("payments:contributions") + "?status=missing"
        items.append(ToDo(f"{text} late or missing", url, late))
    waiting = PaymentRun.objects.filter(
        authority_id__in=councils, status=PaymentRun.Status.WAITING
    ).exclude(requested_by=user)
    items += [
        ToDo(
            f"A backdated payment run asked for by {run.requested_by} is waiting for you to "
            "check and confirm it",
            reverse("payments:payment_cycle", args=[run.cycle_start]),
        )
        for run in waiting.select_related("requested_by")
    ]
    failed = PaymentRun.objects.filter(authority_id__in=councils, status=PaymentRun.Status.FAILED)
    items += [
        ToDo(
            f"The payment run for the cycle from {long_date(run.cycle_start)} was not paid: "
            "check the payments and try again",
            reverse("payments:payment_run", args=[run.id]),
        )
        for run in failed
    ]
    return items


def _own_todo(user) -> list[ToDo]:
    """For people and representatives: questions to answer and contributions to pay."""
    people = access.persons_acted_for(user)
    budgets = (
        PersonalBudget.objects.filter(person__in=people, status=PersonalBudget.Status.ACTIVE)
        .select_related("person")
        .annotate(
            questioned=Count(
                "transactions",
                filter=Q(transactions__flags__status=RuleFlag.Status.OPEN),
                distinct=True,
            ),
            late=Count(
                "expected_contributions",
                filter=Q(expected_contributions__status__in=LATE),
                distinct=True,
            ),
        )
    )
    items = []
    for budget in budgets:
        whose = "your" if budget.person.user_id == user.pk else f"{budget.person.display_name}'s"
        questioned, late = budget.questioned, budget.late
        if questioned:
            what = counted(questioned, "a payment", "{count} payments")
            text = f"The council has a question about {what} from {whose} direct payment"
            items.append(ToDo(text, reverse("budgets:dashboard", args=[budget.id]), questioned))
        if late:
            what = "A contribution" if late == 1 else f"{late} contributions"
            verb = "looks" if late == 1 else "look"
            text = f"{what} to {whose} budget {verb} late: check whether it has been paid in"
            url = reverse("payments:person_contributions", args=[budget.id])
            items.append(ToDo(text, url, late))
    return items
