"""The daily job that reminds employers ahead of time: employer's liability insurance that
renews, and a PA's DBS check that reaches the council's limit, within REMIND_DAYS.

Each reminder is recorded under a key naming the subject (the budget, or the worker), what it
is about and its date: a job run twice, or a task delivered twice, sends nothing more, and a
new renewal date or a new DBS check gets its own reminder when its time comes.
"""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.formats import long_date
from notifications.models import Message
from people.council_settings.services import council_settings_in_force_for

from ..models import PersonalBudget
from ..reminders import _tell
from .holiday import anniversary
from .models import Employer, Worker

REMIND_DAYS = 30
KIND = Message.Kind.EMPLOYER_CHECK_DUE


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _employing(today: date):
    """Workers employed directly today (or starting later), in active budgets."""
    return (
        Worker.objects.employed()
        .filter(budget__status=PersonalBudget.Status.ACTIVE)
        .exclude(left_on__lt=today)
    )


def insurance_reminders(today: date) -> int:
    soon = today + timedelta(days=REMIND_DAYS)
    employers = Employer.objects.filter(
        insurance_renews_on__lte=soon,
        budget__in=_employing(today).values("budget"),
    ).select_related("budget__person__local_authority", "budget__person__user")
    made = 0
    for employer in employers:
        due, budget = employer.insurance_renews_on, employer.budget
        made += _tell(
            budget.person,
            key=f"employer-check:insurance:{budget.id}:{due.isoformat()}",
            kind=KIND,
            context={
                "what": "insurance",
                "due_on": long_date(due),
                "passed": due < today,
                "url": _url("employment:employer", budget.id),
            },
        )
    return made


def dbs_reminders(today: date) -> int:
    soon = today + timedelta(days=REMIND_DAYS)
    workers = list(
        _employing(today)
        .filter(dbs_checked_on__isnull=False)
        .select_related("budget__person__local_authority", "budget__person__user")
    )
    councils = {w.budget.person.local_authority_id for w in workers}
    limits = council_settings_in_force_for(list(councils), today)
    made = 0
    for worker in workers:
        years = limits[worker.budget.person.local_authority_id].dbs_max_age_years
        due = anniversary(worker.dbs_checked_on, years)
        if due > soon:
            continue
        made += _tell(
            worker.budget.person,
            key=f"employer-check:dbs:{worker.id}:{due.isoformat()}",
            kind=KIND,
            context={
                "what": "dbs",
                "worker": worker.name,
                "years": years,
                "due_on": long_date(due),
                "passed": due < today,
                "url": _url("employment:worker_checks", worker.budget_id, worker.id),
            },
        )
    return made


def employer_reminders_send(today: date | None = None) -> int:
    """Every reminder due today, each sent once; how many messages were made."""
    today = today or timezone.localdate()
    return insurance_reminders(today) + dbs_reminders(today)
