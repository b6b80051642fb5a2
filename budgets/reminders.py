"""Daily jobs for budgets: kind reminders to record spending, and the contributions check.

Each reminder is recorded under a key naming the budget and the period (notifications), so a
job run twice, or a task delivered twice, sends nothing more. Nobody whose budget has ended, or
who chose no messages, is reminded.
"""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from core.formats import long_date, pounds
from notifications.models import Message
from notifications.services import message_record, recipients_for, whose_for
from people.council_settings.services import council_settings_in_force_for
from people.models import Organisation

from .models import (
    BudgetPart,
    ExpectedContribution,
    PersonalBudget,
    StatementImport,
    Transaction,
)
from .payments import contributions

RECORDS = [Transaction.Kind.SPEND, Transaction.Kind.REFUND]


def _quiet_budgets(today: date, shortest_interval: int):
    """Active direct payments old enough to be reminded under the shortest interval any
    council sets, with when spending was last logged or imported.

    Each budget's newest record and import are read from the indexes on its transactions and
    imports: grouping every transaction of every budget took 3.9 s at 10,000 budgets (a
    million transactions) and grew with the ledger."""
    cutoff = today - timedelta(days=shortest_interval)
    direct_payments = BudgetPart.objects.filter(
        budget=OuterRef("pk"), kind=BudgetPart.Kind.DIRECT_PAYMENT, weekly_amount__gt=0
    )
    newest_record = Transaction.objects.filter(
        budget=OuterRef("pk"), kind__in=RECORDS, reverses__isnull=True
    ).order_by("-occurred_on")
    newest_import = StatementImport.objects.filter(
        part__budget=OuterRef("pk"),
        part__kind=BudgetPart.Kind.DIRECT_PAYMENT,
        part__weekly_amount__gt=0,
    ).order_by("-uploaded_at")
    return (
        PersonalBudget.objects.filter(
            Exists(direct_payments),
            status=PersonalBudget.Status.ACTIVE,
            starts_on__lte=cutoff,
            ends_on__gte=today,
        )
        .annotate(
            last_record=Subquery(newest_record.values("occurred_on")[:1]),
            last_import=Subquery(newest_import.values("uploaded_at")[:1]),
        )
        .select_related("person__local_authority", "person__user")
    )


def _last_seen(budget) -> date:
    seen = [budget.starts_on, budget.last_record]
    if budget.last_import:
        seen.append(timezone.localtime(budget.last_import).date())
    return max(day for day in seen if day)


def spending_reminders_send(today: date | None = None) -> int:
    """Remind whoever manages each quiet direct payment, once per period; how many messages."""
    today = today or timezone.localdate()
    councils = Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY)
    intervals = {
        council_id: settings.record_reminder_days
        for council_id, settings in council_settings_in_force_for(
            list(councils.values_list("id", flat=True)), today
        ).items()
    }
    if not intervals:
        return 0
    sent = 0
    # Read a thousand at a time: a national service has 120,000 (0.8 GB held at once).
    for budget in _quiet_budgets(today, min(intervals.values())).iterator(chunk_size=1000):
        interval = intervals[budget.person.local_authority_id]
        since = _last_seen(budget)
        if (today - since).days < interval:
            continue
        period = (today - budget.starts_on).days // interval
        sent += _remind(budget, since, period)
    return sent


def _remind(budget, since: date, period: int) -> int:
    return _tell(
        budget.person,
        key=f"spending-reminder:{budget.id}:{period}",
        kind=Message.Kind.SPENDING_REMINDER,
        context={
            "log_url": _link("spending:log_payments", budget),
            "statement_url": _link("statements:statements", budget),
            "since": long_date(since),
        },
    )


def _tell(person, *, key: str, kind: str, context: dict) -> int:
    """One message to each of the person's recipients, worded for them, recorded once under
    the key and their address; how many were new."""
    made = 0
    for recipient in recipients_for(person):
        whose, whose_easy = whose_for(recipient, person)
        made += bool(
            message_record(
                key=f"{key}:{recipient.address}",
                kind=kind,
                person=person,
                recipient=recipient,
                context={
                    **context,
                    "whose": whose,
                    "whose_easy": whose_easy,
                    "council": person.local_authority,
                },
            )
        )
    return made


def _link(name: str, budget) -> str:
    from django.conf import settings

    return settings.SITE_URL + reverse(name, args=[budget.id])


def contributions_check_all(today: date | None = None) -> int:
    """Every council's contributions checked (expected, paid, late, missing), and a kind word
    to the person when one looks late, before the council sees it as missing; how many words."""
    today = today or timezone.localdate()
    for council in Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY):
        contributions.contributions_refresh(authority=council, today=today)
    late = ExpectedContribution.objects.filter(
        status=ExpectedContribution.Status.LATE, budget__status=PersonalBudget.Status.ACTIVE
    ).select_related("budget__person__local_authority", "budget__person__user")
    return sum(_tell_late(row) for row in late)


def _tell_late(row: ExpectedContribution) -> int:
    return _tell(
        row.budget.person,
        key=f"contribution-late:{row.id}",
        kind=Message.Kind.CONTRIBUTION_LATE,
        context={
            "amount": pounds(row.amount),
            "due_on": long_date(row.due_on),
            "contribution_url": _link("payments:person_contributions", row.budget),
        },
    )


def contribution_change_tell(change) -> int:
    """The person (and whoever manages the money for them) is told, once, that their
    contribution changes, from when and what the council pays; how many messages."""
    return _tell(
        change.budget.person,
        key=f"contribution-changed:{change.id}",
        kind=Message.Kind.CONTRIBUTION_CHANGED,
        context={
            "contribution": pounds(change.weekly_contribution),
            "council_pays": pounds(change.weekly_total - change.weekly_contribution),
            "from_day": long_date(change.effective_from),
            "budget_url": _link("budgets:dashboard", change.budget),
        },
    )
