"""Money in the person's change history (people.history): every payment in and out, each
correction, each statement imported, changes to the budget and questions about payments."""

from django.db.models import Count

from core.formats import long_date, pounds
from people.history import Detail, HistoryEntry, HistoryEvents

from .models import Audit, BudgetChange, Liability, Notice, RuleFlag, StatementImport, Transaction

Kind = Transaction.Kind

# What each movement of money is called in the history, read by the person and by staff.
MOVEMENTS = {
    Kind.PAYMENT_IN: "Money paid in by the council",
    Kind.CONTRIBUTION: "Contribution paid in",
    Kind.SPEND: "Payment out",
    Kind.REFUND: "Money back (a refund)",
    Kind.CORRECTION: "Correction of a mistake",
    Kind.RECOVERY: "Money returned to the council",
    Kind.CONTRIBUTION_REFUND: "Contribution paid back",
}


def _movement(txn: Transaction) -> str:
    name = MOVEMENTS.get(txn.kind, txn.get_kind_display())
    if txn.kind in {Kind.SPEND, Kind.REFUND} and txn.payee:
        return f"{name}: {txn.payee}"
    return name


def transaction_entry(txn: Transaction) -> HistoryEntry:
    details = [
        Detail("Amount", pounds(txn.amount)),
        Detail("Date", long_date(txn.occurred_on)),
        Detail("Account", txn.part.name),
    ]
    if txn.payee and txn.kind not in {Kind.SPEND, Kind.REFUND}:
        details.append(Detail("Paid by or to", txn.payee))
    if txn.support_line_id:
        details.append(Detail("Support in the plan", txn.support_line.description))
    if txn.kind == Kind.CORRECTION and txn.reverses_id:
        original = txn.reverses
        details.append(
            Detail(
                "What it corrects",
                f"{_movement(original)}, {pounds(original.amount)} on "
                f"{long_date(original.occurred_on)}",
            )
        )
        if txn.note:
            details.append(Detail("What was wrong", txn.note))
    elif txn.note:
        details.append(Detail("Note", txn.note))
    return HistoryEntry(
        when=txn.recorded_at,
        actor=txn.recorded_by,
        acting_for=txn.acting_for,
        subject=_movement(txn),
        action="Recorded",
        details=details,
    )


def statement_entry(statement: StatementImport) -> HistoryEntry:
    return HistoryEntry(
        when=statement.uploaded_at,
        actor=statement.uploaded_by,
        acting_for=None,
        subject=f"Statement: {statement.file_name}",
        action="Imported",
        details=[
            Detail("Account", statement.part.name),
            Detail("What happened", statement.get_status_display()),
            Detail("Rows", str(statement.rows)),
        ],
    )


def budget_change_entry(change: BudgetChange) -> HistoryEntry:
    return HistoryEntry(
        when=change.created_at,
        actor=change.recorded_by,
        acting_for=None,
        subject="Change to the personal budget",
        action="Recorded",
        details=[
            Detail("What changed", change.what),
            Detail("From", long_date(change.effective_from)),
            Detail("Total a week", pounds(change.weekly_total)),
            Detail("Contribution a week", pounds(change.weekly_contribution)),
        ],
    )


def money_history(person) -> list:
    """Money records of the person's budgets, for people.history: events and versions."""
    of_person = {"budget__person_id": person.id}
    transactions = Transaction.objects.filter(**of_person).select_related(
        "recorded_by", "acting_for", "part__provider", "support_line", "reverses"
    )
    statements = (
        StatementImport.objects.filter(part__budget__person_id=person.id)
        .select_related("uploaded_by", "part__provider")
        .annotate(rows=Count("lines"))
    )
    changes = BudgetChange.objects.filter(**of_person).select_related("recorded_by")
    return [
        HistoryEvents(transactions, when="recorded_at", entry=transaction_entry),
        HistoryEvents(statements, when="uploaded_at", entry=statement_entry),
        HistoryEvents(changes, when="created_at", entry=budget_change_entry),
        (
            RuleFlag.history.filter(transaction__budget__person_id=person.id),
            RuleFlag,
            lambda r: f"Question about a payment: {r.get_rule_display()}",
        ),
        # Oversight: what is owed or set aside, written notices and checks of the account.
        (
            Liability.history.filter(**of_person),
            Liability,
            lambda r: f"Money owed or set aside: {r.description}",
        ),
        (Notice.history.filter(**of_person), Notice, lambda r: r.get_kind_display()),
        (
            Audit.history.filter(**of_person),
            Audit,
            lambda r: f"{r.get_kind_display()} of the account",
        ),
    ]
