"""What is waiting in oversight, for the home page's to-do list (people.todo): for the person
or their representative, a notice to reply to and a check of the account to do; for finance
officers, notices ready to decide and checks sent back to them."""

from django.urls import reverse

from core.formats import long_date
from people import access
from people.todo import ToDo, counted

from ..models import Audit, Notice


def _whose(person, user) -> str:
    return "your" if person.user_id == user.pk else f"{person.display_name}'s"


def _own(user) -> list[ToDo]:
    people = access.persons_acted_for(user)
    items = []
    waiting = Notice.objects.filter(
        budget__person__in=people, status=Notice.Status.OPEN
    ).select_related("budget__person")
    for notice in waiting:
        whose = _whose(notice.budget.person, user)
        what = "a repayment from" if notice.is_repayment else "a change to"
        items.append(
            ToDo(
                f"The council has written about {what} {whose} direct payment: reply by "
                f"{long_date(notice.respond_by)}",
                reverse("oversight:notice", args=[notice.budget_id, notice.id]),
            )
        )
    checks = Audit.objects.filter(
        budget__person__in=people, status=Audit.Status.WAITING
    ).select_related("budget__person")
    for audit in checks:
        whose = _whose(audit.budget.person, user)
        items.append(
            ToDo(
                f"Check {whose} direct payment account from {long_date(audit.period_start)} to "
                f"{long_date(audit.period_end)} and send it by {long_date(audit.due_by)}",
                reverse("oversight:audit", args=[audit.budget_id, audit.id]),
            )
        )
    return items


def _finance(user) -> list[ToDo]:
    councils = access.finance_authority_ids(user)
    if not councils:
        return []
    ready = Notice.objects.filter(
        budget__person__local_authority_id__in=councils, status=Notice.Status.READY
    ).count()
    sent = Audit.objects.filter(
        budget__person__local_authority_id__in=councils, status=Audit.Status.SUBMITTED
    ).count()
    url = reverse("monitoring:accounts") + "?show=waiting"
    items = []
    if ready:
        text = counted(ready, "1 written notice is", "{count} written notices are")
        items.append(ToDo(f"{text} ready for you to decide", url, ready))
    if sent:
        text = counted(sent, "1 check of an account was", "{count} checks of accounts were")
        items.append(ToDo(f"{text} sent back: write the summary", url, sent))
    return items


def oversight_todo(user) -> list[ToDo]:
    return _own(user) + _finance(user)
