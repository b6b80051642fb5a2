"""The person's contribution: what they are expected to pay into their budget each payment cycle,
whether it has been paid, and logging a payment.

The council pays a direct payment net of the contribution, and the person pays their contribution
in (docs/domain.md). Each cycle expects the weekly contribution over the cycle's days (× 4 every
4 weeks; × the days in the month ÷ 7 monthly: budgets.payments.cycles), due on its first day.
Expected rows are keyed by (budget, due date), so generating a cycle twice adds nothing.

A contribution larger than the direct payment is taken from the other parts as well: the direct
payment first, then a council-managed account, then individual service funds (contribution_split).
A budget with a contribution but no direct payment at all has nowhere to pay it in, so the
council invoices the person: its expected contributions are marked invoiced, and a finance
officer records each one paid (contribution_invoice_paid).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction as db_transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date, pounds
from people import access
from people.council_settings.services import council_settings_in_force
from people.models import Organisation, User

from .. import ledger
from ..models import BudgetPart, ExpectedContribution, PaymentRun, PersonalBudget, Transaction
from ..monitoring import rows as monitoring_rows
from .cycles import Cycle, cycle_for, run_cycle

Status = ExpectedContribution.Status
ZERO = Decimal("0.00")
# The order a contribution is taken from the parts: the direct payment first.
SPLIT_ORDER = [
    BudgetPart.Kind.DIRECT_PAYMENT,
    BudgetPart.Kind.COUNCIL_MANAGED,
    BudgetPart.Kind.ISF,
]


def contribution_split(budget: PersonalBudget, parts=None) -> dict:
    """{part id: how much of the weekly contribution it carries}: the direct payment first,
    then a managed account, then ISFs, each no more than its weekly amount."""
    parts = list(budget.parts.all() if parts is None else parts)
    parts.sort(key=lambda part: (SPLIT_ORDER.index(part.kind), part.pk))
    left, split = budget.weekly_contribution, {}
    for part in parts:
        taken = min(left, part.weekly_amount)
        split[part.pk] = taken
        left -= taken
    return split


def part_net_weekly(budget: PersonalBudget, part: BudgetPart, parts=None) -> Decimal:
    """What the council pays into a part a week, after the share of the contribution it carries."""
    return part.weekly_amount - contribution_split(budget, parts).get(part.pk, ZERO)


def contribution_where(budget: PersonalBudget) -> str:
    """Where the contribution goes, in plain words for the person ("" if there is none)."""
    if not budget.weekly_contribution:
        return ""
    parts = [p for p in budget.parts.all() if p.weekly_amount > 0]
    split = contribution_split(budget, parts)
    carried = [(part, split[part.pk]) for part in parts if split.get(part.pk)]
    if not any(part.kind == BudgetPart.Kind.DIRECT_PAYMENT for part in parts):
        return (
            "There is no direct payment account to pay the contribution into, so the council "
            "sends an invoice each payment cycle instead, and pays for the care in full."
        )
    if len(carried) <= 1:
        return "It is paid into the direct payment account each payment cycle."
    shares = "; ".join(f"{pounds(amount)} a week less into {part}" for part, amount in carried)
    return (
        "The contribution is more than the direct payment, so the council pays less into the "
        f"other parts of the budget as well: {shares}. It is all paid into the direct payment "
        "account each payment cycle."
    )


def _owing(authority: Organisation):
    # A person whose contribution is the whole budget pays for their own care directly: there
    # is no direct payment to pay a contribution into (PersonalBudget.council_pays_nothing).
    return PersonalBudget.objects.council_pays().filter(
        person__local_authority=authority,
        status=PersonalBudget.Status.ACTIVE,
        weekly_contribution__gt=0,
    )


def contributions_generate(
    *, authority: Organisation, cycle_start: date | None = None, cycle: Cycle | None = None
) -> int:
    """Expect each contribution for a cycle once; returns how many were new."""
    cycle = cycle or cycle_for(authority, cycle_start)
    cycle_start = cycle.start
    has_dp = BudgetPart.objects.filter(
        budget=OuterRef("pk"), kind=BudgetPart.Kind.DIRECT_PAYMENT, weekly_amount__gt=0
    )
    budgets = list(
        _owing(authority)
        .annotate(has_dp=Exists(has_dp))
        .values_list("id", "weekly_contribution", "has_dp")
    )
    already = set(
        ExpectedContribution.objects.filter(
            budget_id__in=[budget_id for budget_id, _, _ in budgets], due_on=cycle_start
        ).values_list("budget_id", flat=True)
    )
    new = [
        ExpectedContribution(
            budget_id=budget_id,
            due_on=cycle_start,
            amount=cycle.due(weekly),
            invoiced=not has_dp,
        )
        for budget_id, weekly, has_dp in budgets
        if budget_id not in already
    ]
    # ignore_conflicts: a run at the same moment may have added some; the UNIQUE key decides.
    ExpectedContribution.objects.bulk_create(new, ignore_conflicts=True)
    monitoring_rows.budgets_changed(row.budget_id for row in new)
    return len(new)


def _forget_corrected_payments(budget_ids) -> None:
    """A contribution whose payment was later corrected is unpaid again."""
    ExpectedContribution.objects.filter(
        budget_id__in=budget_ids, paid_by__reversed_by__isnull=False
    ).update(paid_by=None, status=Status.EXPECTED)


def contributions_match(*, budget_ids) -> int:
    """Pair contribution payments with what was expected: same amount, earliest due first."""
    _forget_corrected_payments(budget_ids)
    unpaid: dict = {}
    for row in ExpectedContribution.objects.filter(
        budget_id__in=budget_ids, paid_by__isnull=True, invoiced=False
    ).order_by("due_on"):
        unpaid.setdefault(row.budget_id, []).append(row)
    used = ExpectedContribution.objects.filter(paid_by__isnull=False).values("paid_by_id")
    payments = (
        Transaction.objects.filter(
            budget_id__in=budget_ids,
            kind=Transaction.Kind.CONTRIBUTION,
            reversed_by__isnull=True,
        )
        .exclude(id__in=used)
        .order_by("occurred_on", "recorded_at")
        .values_list("id", "budget_id", "amount")
    )
    paid = []
    for txn_id, budget_id, amount in payments:
        waiting = unpaid.get(budget_id, [])
        due = next((row for row in waiting if row.amount == amount), None)
        if due is not None:
            waiting.remove(due)
            due.paid_by_id, due.status = txn_id, Status.PAID
            paid.append(due)
    ExpectedContribution.objects.bulk_update(paid, ["paid_by", "status"], batch_size=500)
    return len(paid)


def contributions_mark(*, authority: Organisation, budget_ids, today: date) -> None:
    """Unpaid and past due is late; past due by more than the council's days (14 unless it
    set others: people.council_settings) is missing."""
    unpaid = ExpectedContribution.objects.filter(
        budget_id__in=budget_ids, paid_by__isnull=True, invoice_paid_on__isnull=True
    )
    days = council_settings_in_force(authority, today).contribution_missing_days
    missing_before = today - timedelta(days=days)
    unpaid.filter(due_on__lt=missing_before).exclude(status=Status.MISSING).update(
        status=Status.MISSING
    )
    unpaid.filter(due_on__lt=today, due_on__gte=missing_before).exclude(status=Status.LATE).update(
        status=Status.LATE
    )
    unpaid.filter(due_on__gte=today).exclude(status=Status.EXPECTED).update(status=Status.EXPECTED)


@db_transaction.atomic
def contributions_update(*, authority: Organisation, user: User, today: date | None = None) -> dict:
    """A finance officer's "Check now": the same check the daily job makes."""
    if not access.can_run_payments(user, authority):
        raise DomainError("Only the council's finance officers can check contributions.")
    return contributions_refresh(authority=authority, today=today)


@db_transaction.atomic
def contributions_refresh(*, authority: Organisation, today: date | None = None) -> dict:
    """Expect every run cycle's contributions, pair payments with them and mark what is late."""
    today = today or timezone.localdate()
    paid_runs = PaymentRun.objects.filter(authority=authority, status=PaymentRun.Status.PAID)
    added = sum(
        contributions_generate(authority=authority, cycle=run_cycle(run)) for run in paid_runs
    )
    budget_ids = PersonalBudget.objects.filter(person__local_authority=authority).values("id")
    matched = contributions_match(budget_ids=budget_ids)
    contributions_mark(authority=authority, budget_ids=budget_ids, today=today)
    monitoring_rows.budgets_changed(
        ExpectedContribution.objects.filter(budget_id__in=budget_ids)
        .order_by()
        .values_list("budget_id", flat=True)
        .distinct()
    )
    return {"added": added, "matched": matched}


def contribution_part(budget: PersonalBudget) -> BudgetPart | None:
    """The account a contribution is paid into: the direct payment."""
    return budget.parts.filter(kind=BudgetPart.Kind.DIRECT_PAYMENT).first()


@db_transaction.atomic
def contribution_log(
    *,
    budget: PersonalBudget,
    user: User,
    amount: Decimal,
    paid_on: date,
    submission_key: str,
    note: str = "",
) -> Transaction:
    """Log a contribution the person paid into their direct payment account. Sent twice, once."""
    person = budget.person
    if not access.can_pay_in_or_import(user, person):
        raise DomainError("Only the person, their representative or the finance team can log this.")
    part = contribution_part(budget) if budget.status == PersonalBudget.Status.ACTIVE else None
    if part is None:
        raise DomainError("There is no direct payment account to pay a contribution into.")
    if paid_on > timezone.localdate():
        raise DomainError("The date must be today or in the past", field="paid_on")
    txn, _ = ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.CONTRIBUTION,
            amount=amount,
            occurred_on=paid_on,
            recorded_by=user,
            idempotency_key=f"contribution:{submission_key}",
            acting_for=person if access.is_representative_for(user, person) else None,
            note=note.strip(),
        )
    )
    contributions_match(budget_ids=[budget.id])
    contributions_mark(
        authority=person.local_authority, budget_ids=[budget.id], today=timezone.localdate()
    )
    monitoring_rows.budgets_changed([budget.id])
    return txn


def contributions_for(budget_ids, *, status: str = ""):
    """Expected contributions with the person's name, newest due first, optionally by status."""
    rows = ExpectedContribution.objects.filter(budget_id__in=budget_ids).select_related(
        "budget__person", "paid_by"
    )
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-due_on", "budget__person__last_name")


def contribution_counts(budget_ids) -> dict:
    """{status: how many}, for the tabs above the list."""
    counted = (
        ExpectedContribution.objects.filter(budget_id__in=budget_ids)
        .values("status")
        .annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in counted}


@db_transaction.atomic
def contribution_invoice_paid(*, expected: ExpectedContribution, user: User, paid_on: date):
    """A finance officer records that the person paid an invoiced contribution."""
    expected = ExpectedContribution.objects.select_for_update().get(pk=expected.pk)
    authority = expected.budget.person.local_authority
    if not access.can_run_payments(user, authority):
        raise DomainError("Only the council's finance officers can record an invoice as paid.")
    if not expected.invoiced:
        raise DomainError(
            "This contribution is paid into the direct payment account: log the payment there."
        )
    if expected.invoice_paid_on:
        raise DomainError(
            f"This invoice was already recorded as paid on {long_date(expected.invoice_paid_on)}."
        )
    if paid_on > timezone.localdate():
        raise DomainError("The date must be today or in the past", field="paid_on")
    expected.invoice_paid_on, expected.invoice_paid_by = paid_on, user
    expected.status = Status.PAID
    expected.save(update_fields=["invoice_paid_on", "invoice_paid_by", "status", "updated_at"])
    monitoring_rows.budgets_changed([expected.budget_id])
    return expected
