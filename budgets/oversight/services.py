"""Writes for what is owed or set aside in a direct payment account (liabilities), and paying
back contributions paid beyond what was due.

The person or their representative records what is owed and what they are saving for, with
evidence if they have it, before the council sees the surplus; a finance officer can record one
too, or say in writing why the council does not accept one. Every change is kept (history).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from core.db import create_unique
from core.errors import DomainError
from core.formats import pounds
from core.text import plain_text
from people import access
from people.models import Person, User

from .. import ledger
from ..models import Liability, PersonalBudget, Transaction
from ..monitoring import rows as monitoring_rows
from ..spending.receipts import CheckedFile, remove_written
from .evidence import evidence_store
from .surplus import dp_part, surplus_for

Status = Liability.Status


def may_record_liabilities(user: User, person: Person) -> bool:
    """The person or their representative, or the council's finance officers."""
    return access.can_log_spending(user, person) or access.can_monitor_budget(user, person)


@dataclass(frozen=True)
class LiabilityDetails:
    kind: str
    description: str
    amount: Decimal
    due_on: date | None = None
    support_line: object = None


def _check_details(budget: PersonalBudget, details: LiabilityDetails) -> None:
    if details.kind not in Liability.Kind.values:
        raise DomainError("Choose what kind of money it is", field="kind")
    if not details.description.strip():
        raise DomainError(
            "Say what it is for, like 'Jo's wages for 1 to 14 March'", field="description"
        )
    if details.amount is None or details.amount <= 0:
        raise DomainError("Enter an amount more than £0, like 120.00", field="amount")
    line = details.support_line
    if line is not None and line.plan_id != budget.plan_id:
        raise DomainError("Choose support from the current plan", field="support_line")


def _acting_for(user: User, person: Person) -> Person | None:
    return person if access.is_representative_for(user, person) else None


def liability_record(
    *,
    budget: PersonalBudget,
    user: User,
    details: LiabilityDetails,
    submission_key: str,
    evidence: list[CheckedFile] = (),
) -> Liability:
    """Record money owed from the account or set aside in it; sent twice, recorded once."""
    if not may_record_liabilities(user, budget.person):
        raise DomainError("Only the person, their representative or finance officers can.")
    if dp_part(budget) is None:
        raise DomainError("There is no direct payment account for this budget.")
    _check_details(budget, details)
    existing = Liability.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    written: list = []
    try:
        with db_transaction.atomic():
            liability = create_unique(
                Liability,
                message="This was sent twice: it has been recorded once.",
                budget=budget,
                kind=details.kind,
                description=plain_text(details.description.strip())[:200],
                amount=details.amount,
                due_on=details.due_on,
                support_line=details.support_line,
                entered_by=user,
                acting_for=_acting_for(user, budget.person),
                submission_key=submission_key,
            )
            for checked in evidence:
                evidence_store(
                    budget=budget, checked=checked, user=user, written=written, liability=liability
                )
            monitoring_rows.budgets_changed([budget.id])
            return liability
    except BaseException:
        remove_written(written)
        raise


def liability_evidence_add(*, liability: Liability, user: User, checked: CheckedFile) -> None:
    """Add a file (an invoice, a payslip, a timesheet) to something already recorded."""
    if not may_record_liabilities(user, liability.budget.person):
        raise DomainError("Only the person, their representative or finance officers can.")
    written: list = []
    try:
        with db_transaction.atomic():
            evidence_store(
                budget=liability.budget,
                checked=checked,
                user=user,
                written=written,
                liability=liability,
            )
    except BaseException:
        remove_written(written)
        raise


@db_transaction.atomic
def liability_change(*, liability: Liability, user: User, status: str, note: str = "") -> Liability:
    """Mark it paid or take it off (whoever may record it), or, for a finance officer, say why
    the council does not accept it or accept it again."""
    liability = Liability.objects.select_for_update().get(pk=liability.pk)
    person = liability.budget.person
    officer = access.can_monitor_budget(user, person)
    if status in (Status.PAID, Status.REMOVED):
        if not may_record_liabilities(user, person):
            raise DomainError("Only the person, their representative or finance officers can.")
        if liability.status != Status.COUNTED:
            raise DomainError("This is no longer counted, so there is nothing to change.")
    elif status in (Status.NOT_ACCEPTED, Status.COUNTED):
        if not officer:
            raise DomainError("Only the council's finance officers can decide this.")
        if status == Status.NOT_ACCEPTED and not note.strip():
            raise DomainError(
                "Say why the council does not accept it: the person will read this",
                field="note",
            )
    else:
        raise DomainError("Choose what to do", field="status")
    liability.status = status
    liability.council_note = plain_text(note.strip()) if status == Status.NOT_ACCEPTED else ""
    liability.changed_by = user
    liability.save()
    monitoring_rows.budgets_changed([liability.budget_id])
    return liability


def overpaid_contributions(budget: PersonalBudget) -> Decimal:
    """Contributions paid into the direct payment beyond what was due: the person's own."""
    surplus = surplus_for(budget)
    return surplus.own_money if surplus else Decimal("0.00")


@db_transaction.atomic
def contribution_refund(
    *, budget: PersonalBudget, officer: User, amount: Decimal, submission_key: str
) -> Transaction:
    """Pay back to the person contributions they paid beyond what was due: never recovered by
    the council (a posting through the ledger, sent twice, paid once)."""
    if not access.can_monitor_budget(officer, budget.person):
        raise DomainError("Only the council's finance officers can pay contributions back.")
    part = dp_part(budget)
    replayed = Transaction.objects.filter(idempotency_key=f"contribution-refund:{submission_key}")
    if replayed.exists():
        return replayed.get()
    overpaid = overpaid_contributions(budget)
    if part is None or overpaid <= 0:
        raise DomainError("No contributions have been paid beyond what was due.")
    if amount <= 0 or amount > overpaid:
        raise DomainError(
            f"Enter an amount from £0.01 to {pounds(overpaid)}: that is what was paid beyond "
            "what was due",
            field="amount",
        )
    txn, _ = ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.CONTRIBUTION_REFUND,
            amount=amount,
            occurred_on=timezone.localdate(),
            recorded_by=officer,
            idempotency_key=f"contribution-refund:{submission_key}",
            payee=budget.person.display_name,
            note="Contributions paid beyond what was due, paid back",
        )
    )
    return txn
