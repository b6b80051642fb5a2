"""Payments recorded on the person's behalf: money the council pays into a council-managed
account or an ISF (saying which days it pays for), payments made from a managed account, and
the provider's payments from an ISF it holds. Payment runs are in runs.py.

Every write goes through budgets.ledger, keyed by the form's submission key, so a repeated click
posts nothing new.
"""

from datetime import date

from django.db import transaction as db_transaction

from core.errors import DomainError
from core.formats import long_date
from people import access
from people.models import User

from .. import ledger
from ..models import BudgetPart, PaidPeriod, PersonalBudget, Transaction
from ..spending.services import check_money_date

Kind = Transaction.Kind


ON_BEHALF_KINDS = {
    Kind.PAYMENT_IN: "Money paid in by the council",
    Kind.SPEND: "A payment made for the person",
}


def _check_date(part: BudgetPart, paid_on: date) -> None:
    try:
        check_money_date(part, paid_on)
    except DomainError as error:
        raise DomainError(error.message.rstrip("."), field="paid_on") from error


def _covers(part: BudgetPart, kind: str, details: dict) -> tuple[date, date] | None:
    """The days a council payment into a managed account or ISF pays for, checked."""
    if kind != Kind.PAYMENT_IN:
        return None
    first, last = details.get("covers_from"), details.get("covers_to")
    if not first or not last:
        raise DomainError("Enter the first and last day this money pays for", field="covers_from")
    if last < first:
        raise DomainError("The last day must be on or after the first day", field="covers_to")
    budget = part.budget
    if first < budget.starts_on or last > budget.ends_on:
        raise DomainError(
            f"The days must be within the budget: {long_date(budget.starts_on)} to "
            f"{long_date(budget.ends_on)}",
            field="covers_from",
        )
    return first, last


def _post(part, user, kind, details: dict, prefix: str) -> Transaction:
    _check_date(part, details["paid_on"])
    covers = _covers(part, kind, details)
    txn, _ = ledger.post(
        ledger.Posting(
            part=part,
            kind=kind,
            amount=details["amount"],
            occurred_on=details["paid_on"],
            recorded_by=user,
            idempotency_key=f"{prefix}:{details['submission_key']}",
            payee=details.get("payee", "").strip(),
            note=details.get("note", "").strip(),
            covers=covers,
            covers_source=PaidPeriod.Source.MANUAL,
            weekly_rate=part.weekly_amount,
        )
    )
    return txn


def on_behalf_parts(budget: PersonalBudget):
    """The parts the council records payments for: managed accounts, and ISFs it funds."""
    return budget.parts.filter(
        kind__in=[BudgetPart.Kind.COUNCIL_MANAGED, BudgetPart.Kind.ISF]
    ).select_related("provider")


@db_transaction.atomic
def on_behalf_payment_record(
    *, part: BudgetPart, user: User, kind: str, details: dict
) -> Transaction:
    """Council finance staff record money into a managed account or ISF, or a payment made from
    a managed account for the person."""
    if not access.can_monitor_budget(user, part.budget.person):
        raise DomainError("Only the council's finance team can record these payments.")
    if part.kind not in (BudgetPart.Kind.COUNCIL_MANAGED, BudgetPart.Kind.ISF):
        raise DomainError("Choose a council-managed account or an individual service fund.")
    if kind not in ON_BEHALF_KINDS:
        raise DomainError("Choose money paid in or a payment made", field="kind")
    if kind == Kind.SPEND and part.kind == BudgetPart.Kind.ISF:
        raise DomainError(
            "The provider holding the individual service fund records its payments.", field="kind"
        )
    if kind == Kind.SPEND and not details.get("payee", "").strip():
        raise DomainError("Enter who was paid", field="payee")
    return _post(part, user, kind, details, "on-behalf")


def isf_parts_for(user):
    """Individual service funds the user's provider organisation holds, in active budgets."""
    return (
        BudgetPart.objects.filter(
            kind=BudgetPart.Kind.ISF,
            provider_id__in=access.provider_ids(user),
            budget__status=PersonalBudget.Status.ACTIVE,
        )
        .select_related("budget__person", "provider")
        .order_by("budget__person__last_name", "budget__person__first_name")
    )


@db_transaction.atomic
def isf_payment_record(*, part: BudgetPart, user: User, details: dict) -> Transaction:
    """Provider staff record a payment made from an ISF their organisation holds."""
    if not access.can_record_isf_payment(user, part):
        raise DomainError("Only the provider holding this fund can record its payments.")
    if not details.get("payee", "").strip():
        raise DomainError("Enter who was paid", field="payee")
    return _post(part, user, Kind.SPEND, details, "isf")


def part_transactions(part: BudgetPart, limit: int = 20):
    """The part's most recent transactions, newest first."""
    return part.transactions.select_related("recorded_by").order_by("-occurred_on", "-recorded_at")[
        :limit
    ]
