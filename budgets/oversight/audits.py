"""Audits the person does themselves: a finance officer asks for a check of the direct payment
account for a period (a first check, a routine one, or one on a concern); the person sees each
payment in the period with its evidence, adds what is missing (a receipt, or a few words on why
there is none) and sends it; the officer writes the summary (opening and closing amounts, money
in and out, the amount retained, the surplus and any amount asked back) beside the PDF
statement (budgets.audit). Asking for money back starts a repayment notice: never a recovery.

A bank-account holder's regular return is the same self-audit, made by a scheduled job for the
period just ended (the council's return_months, quarterly by default), so bank accounts are
checked online as easily as cards.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction as db_transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from core.db import create_unique
from core.errors import DomainError
from core.formats import long_date, pounds
from core.text import plain_text
from people import access
from people.council_settings.services import council_settings_in_force_for
from people.models import User

from ..audit.figures import statement_figures
from ..audit.services import audit_statement_request
from ..models import Audit, AuditExplanation, BudgetPart, PersonalBudget, Transaction
from ..monitoring import rows as monitoring_rows
from ..spending import services as spending
from ..spending.receipts import CheckedFile
from .letters import audit_requested_tell
from .notices import Repayment, repayment_propose
from .surplus import dp_part, surplus_for

Kind, Status = Audit.Kind, Audit.Status
DAYS_TO_ANSWER = 28
MIN_DAYS_TO_ANSWER = 14
EVIDENCED_KINDS = [Transaction.Kind.SPEND, Transaction.Kind.REFUND]


def _check_officer(user: User, budget: PersonalBudget) -> None:
    if not access.can_monitor_budget(user, budget.person):
        raise DomainError("Only the council's finance officers can do this.")


def _check_period(budget: PersonalBudget, start: date, end: date, today: date) -> None:
    if end < start:
        raise DomainError("The last day must be on or after the first day", field="period_end")
    if end > today:
        raise DomainError("The last day must be today or in the past", field="period_end")
    if end < budget.starts_on:
        raise DomainError(
            f"The budget started on {long_date(budget.starts_on)}: choose days from then on",
            field="period_end",
        )
    if (end - start).days > 366:
        raise DomainError("Choose a period of a year or less", field="period_start")


@db_transaction.atomic
def audit_request(
    *,
    budget: PersonalBudget,
    officer: User,
    kind: str,
    period_start: date,
    period_end: date,
    reason: str = "",
    due_by: date | None = None,
    today: date | None = None,
) -> Audit:
    """Ask the person to check the account for a period; they are told, and it is on their
    list of things to do."""
    today = today or timezone.localdate()
    _check_officer(officer, budget)
    part = dp_part(budget)
    if part is None:
        raise DomainError("There is no direct payment account to check.")
    if kind not in Kind.values:
        raise DomainError("Choose what kind of check it is", field="kind")
    if kind == Kind.CONCERN and not reason.strip():
        raise DomainError("Say what the concern is: the person will read this", field="reason")
    _check_period(budget, period_start, period_end, today)
    due_by = due_by or today + timedelta(days=DAYS_TO_ANSWER)
    if due_by < today + timedelta(days=MIN_DAYS_TO_ANSWER):
        raise DomainError(
            f"Give at least {MIN_DAYS_TO_ANSWER} days: choose {long_date(today + timedelta(14))} "
            "or later",
            field="due_by",
        )
    audit = create_unique(
        Audit,
        message="A check of this kind for these dates has already been asked for.",
        budget=budget,
        part=part,
        kind=kind,
        period_start=max(period_start, budget.starts_on),
        period_end=period_end,
        reason=plain_text(reason.strip()),
        due_by=due_by,
        requested_by=officer,
    )
    audit_requested_tell(audit)
    monitoring_rows.budgets_changed([budget.id])
    return audit


@dataclass
class AuditLine:
    """A payment in the audit's period and its evidence."""

    txn: Transaction
    receipts: list
    explanation: AuditExplanation | None

    @property
    def evidenced(self) -> bool:
        return bool(self.receipts) or self.explanation is not None

    @property
    def evidence_words(self) -> str:
        if self.receipts:
            return "Receipt attached" if len(self.receipts) == 1 else "Receipts attached"
        if self.explanation is not None:
            return "Explained"
        return "Missing"


def audit_lines(audit: Audit) -> list[AuditLine]:
    """Every payment and refund logged in the period (not those corrected), oldest first, each
    with its receipts and any explanation: a fixed number of queries."""
    txns = (
        Transaction.objects.filter(
            part=audit.part,
            kind__in=EVIDENCED_KINDS,
            occurred_on__range=(audit.period_start, audit.period_end),
            reversed_by__isnull=True,
        )
        .select_related("support_line")
        .prefetch_related("receipts")
        .order_by("occurred_on", "recorded_at")
    )
    explained = {e.transaction_id: e for e in audit.explanations.all()}
    return [AuditLine(txn, list(txn.receipts.all()), explained.get(txn.pk)) for txn in txns]


def audit_transaction(audit: Audit, txn_id) -> Transaction:
    """A payment that is part of the audit, or a DomainError."""
    txn = (
        Transaction.objects.filter(
            part=audit.part,
            kind__in=EVIDENCED_KINDS,
            occurred_on__range=(audit.period_start, audit.period_end),
        )
        .filter(pk=txn_id)
        .first()
    )
    if txn is None:
        raise DomainError("That payment is not part of this check.")
    return txn


def _check_person(audit: Audit, user: User) -> Audit:
    """The audit, locked, if this user may still fill it in."""
    audit = (
        Audit.objects.select_for_update(of=("self",))
        .select_related("budget__person")
        .get(pk=audit.pk)
    )
    if not access.can_log_spending(user, audit.budget.person):
        raise DomainError("Only the person or their representative can do this.")
    if audit.status != Status.WAITING:
        raise DomainError("This check has already been sent to the council.")
    return audit


@db_transaction.atomic
def audit_receipt_add(*, audit: Audit, user: User, txn: Transaction, checked: CheckedFile):
    """Add a receipt to a payment in the period (budgets.spending, the same checks)."""
    audit = _check_person(audit, user)
    spending.receipt_add(txn=audit_transaction(audit, txn.pk), user=user, checked=checked)


@db_transaction.atomic
def audit_explain(*, audit: Audit, user: User, txn: Transaction, text: str) -> AuditExplanation:
    """Say why a payment has no receipt; saying it again replaces what was said."""
    audit = _check_person(audit, user)
    txn = audit_transaction(audit, txn.pk)
    if not text.strip():
        raise DomainError("Say why there is no receipt, like 'bus fare'", field="text")
    explanation, _ = AuditExplanation.objects.update_or_create(
        audit=audit, transaction=txn, defaults={"text": plain_text(text.strip()), "by": user}
    )
    return explanation


@db_transaction.atomic
def audit_submit(*, audit: Audit, user: User, note: str = "") -> Audit:
    """Send the check to the council; something still missing is allowed, and shown to them."""
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    if audit.status == Status.SUBMITTED:
        return audit
    audit = _check_person(audit, user)
    audit.status = Status.SUBMITTED
    audit.submitted_by, audit.submitted_at = user, timezone.now()
    audit.person_note = plain_text(note.strip())
    audit.save()
    monitoring_rows.budgets_changed([audit.budget_id])
    return audit


@dataclass(frozen=True)
class Summary:
    """The figures of an audit's summary, worked out from the ledger (budgets.audit.figures)
    and the fair surplus at the end of the period (surplus.py)."""

    opening: Decimal
    money_in: Decimal
    money_out: Decimal
    closing: Decimal
    surplus: Decimal
    retained: Decimal
    working: str


def audit_figures(audit: Audit) -> Summary:
    figures = statement_figures(audit.budget, audit.period_start, audit.period_end)
    surplus = surplus_for(audit.budget, audit.period_end, held=figures.closing)
    amount = surplus.amount if surplus else Decimal("0.00")
    working = surplus.working_words() if surplus else ""
    return Summary(
        opening=figures.opening,
        money_in=figures.money_in,
        money_out=figures.money_out,
        closing=figures.closing,
        surplus=amount,
        retained=figures.closing - amount,
        working=working,
    )


@dataclass(frozen=True)
class Completion:
    requested_back: Decimal
    notes: str
    actions: str
    method: str = ""
    takes_effect_on: date | None = None
    why_more: str = ""  # why more than the fair surplus is asked back, if it is


@db_transaction.atomic
def audit_complete(*, audit: Audit, officer: User, completion: Completion) -> Audit:
    """Write the summary. Money asked back starts a repayment notice (never a recovery), and the
    PDF statement of the period is made for the record."""
    audit = (
        Audit.objects.select_for_update(of=("self",))
        .select_related("budget__person")
        .get(pk=audit.pk)
    )
    _check_officer(officer, audit.budget)
    if audit.status == Status.COMPLETED:
        return audit
    if audit.status != Status.SUBMITTED:
        raise DomainError("The person has not sent this check yet.")
    if not completion.notes.strip():
        raise DomainError("Write the audit notes: the person will read them", field="notes")
    summary = audit_figures(audit)
    back = completion.requested_back
    if back < 0 or back > max(summary.closing, Decimal(0)):
        raise DomainError(
            f"Enter an amount from £0.00 to {pounds(max(summary.closing, Decimal(0)))}, the "
            "closing amount",
            field="requested_back",
        )
    if back > summary.surplus and not completion.why_more.strip():
        raise DomainError(
            f"You are asking for {pounds(back - summary.surplus)} more than the surplus of "
            f"{pounds(summary.surplus)}, which already leaves out what is owed and set aside. "
            "Say why: for example, payments that were not for the support in the plan",
            field="why_more",
        )
    _fill(audit, summary, completion, officer)
    audit.statement = audit_statement_request(
        budget=audit.budget, user=officer, start=audit.period_start, end=audit.period_end
    )
    audit.save()
    if back > 0:
        _ask_back(audit, officer, summary, completion)
    monitoring_rows.budgets_changed([audit.budget_id])
    return audit


def _fill(audit: Audit, summary: Summary, completion: Completion, officer: User) -> None:
    audit.opening, audit.money_in = summary.opening, summary.money_in
    audit.money_out, audit.closing = summary.money_out, summary.closing
    # Retained: what the account keeps once what is asked back has gone (Trafford's sheet).
    audit.surplus, audit.retained = summary.surplus, summary.closing - completion.requested_back
    audit.requested_back = completion.requested_back
    audit.notes = plain_text(completion.notes.strip())
    audit.actions = plain_text(completion.actions.strip())
    audit.status, audit.completed_by = Status.COMPLETED, officer
    audit.completed_at = timezone.now()


def _more_than_surplus(summary: Summary, completion: Completion) -> str:
    if completion.requested_back <= summary.surplus:
        return ""
    why = plain_text(completion.why_more.strip())
    return f" More than the surplus of {pounds(summary.surplus)} is asked back because: {why}"


def _ask_back(audit: Audit, officer: User, summary: Summary, completion: Completion) -> None:
    if completion.takes_effect_on is None or not completion.method:
        raise DomainError(
            "Say how and when the money would be taken back: a repayment notice is given first",
            field="method",
        )
    repayment_propose(
        budget=audit.budget,
        officer=officer,
        audit=audit,
        submission_key=f"audit:{audit.id}",
        repayment=Repayment(
            amount=completion.requested_back,
            reason=f"The {audit.get_kind_display().lower()} of the account from "
            f"{long_date(audit.period_start)} to {long_date(audit.period_end)}: {audit.notes}"
            + _more_than_surplus(summary, completion),
            working=(
                f"Opening {pounds(summary.opening)}, money in {pounds(summary.money_in)}, money "
                f"out {pounds(summary.money_out)}, closing {pounds(summary.closing)}. "
                f"{summary.working} Asked back: {pounds(completion.requested_back)}."
            ),
            method=completion.method,
            takes_effect_on=completion.takes_effect_on,
        ),
    )


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def last_return_period(starts_on: date, today: date, months: int) -> tuple[date, date] | None:
    """The latest whole return period (`months` long, counted from the budget's start) ended
    before today, or None if none has ended yet or the council asks for no returns (0)."""
    if months <= 0:
        return None
    found, n = None, 1
    while (end := _add_months(starts_on, months * n) - timedelta(days=1)) < today:
        found = (_add_months(starts_on, months * (n - 1)), end)
        n += 1
    return found


def returns_due(today: date | None = None) -> int:
    """The scheduled job: a return for the period just ended (each council's return_months) for
    every active direct payment held in a bank account (cards are seen by the council already);
    once each (UNIQUE)."""
    today = today or timezone.localdate()
    made = 0
    parts = BudgetPart.objects.filter(
        kind=BudgetPart.Kind.DIRECT_PAYMENT,
        account_type="bank",
        budget__status=PersonalBudget.Status.ACTIVE,
    ).select_related("budget__person__local_authority")
    councils = council_settings_in_force_for(
        set(parts.values_list("budget__person__local_authority_id", flat=True)), today
    )
    for part in parts:
        months = councils[part.budget.person.local_authority_id].return_months
        period = last_return_period(part.budget.starts_on, today, months)
        if period is None:
            continue
        with db_transaction.atomic():
            audit, created = Audit.objects.get_or_create(
                budget=part.budget,
                kind=Kind.RETURN,
                period_start=period[0],
                period_end=period[1],
                defaults={"part": part, "due_by": period[1] + timedelta(days=DAYS_TO_ANSWER)},
            )
            if created:
                audit_requested_tell(audit)
                monitoring_rows.budgets_changed([part.budget_id])
                made += 1
    return made


def audits_waiting_for(user) -> tuple[int, int]:
    """(audits waiting for this person or representative, submitted audits waiting for this
    finance officer), for the to-do list."""
    people = access.persons_acted_for(user)
    councils = access.finance_authority_ids(user)
    counts = Audit.objects.aggregate(
        mine=Count("pk", filter=Q(status=Status.WAITING, budget__person__in=people)),
        theirs=Count(
            "pk",
            filter=Q(status=Status.SUBMITTED, budget__person__local_authority_id__in=councils),
        ),
    )
    return counts["mine"], counts["theirs"]


def audits_for(budget: PersonalBudget):
    """The budget's audits, newest period first."""
    return budget.audits.select_related("requested_by", "completed_by").prefetch_related(
        Prefetch("notices")
    )
