"""The council's payments: a preview and the run for a payment cycle, and payments recorded on the
person's behalf from a council-managed account or by the provider holding an ISF.

Every write goes through budgets.ledger, keyed by a business key (the cycle, or the form's
submission key), so a repeated click or a second run posts nothing new.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date
from people import access
from people.models import Organisation, Person, User

from .. import ledger
from ..models import BudgetPart, PaymentRun, PersonalBudget, Transaction
from . import contributions
from .cycles import CYCLE, CYCLE_DAYS, WEEKS_PER_CYCLE, overlapping_run

Kind = Transaction.Kind


ON_BEHALF_KINDS = {
    Kind.PAYMENT_IN: "Money paid in by the council",
    Kind.SPEND: "A payment made for the person",
}


@dataclass(frozen=True)
class DuePayment:
    person: Person
    part: BudgetPart
    amount: Decimal


def due_payments(authority: Organisation) -> list[DuePayment]:
    """Who the run for a cycle will pay, and how much: the same parts payment_run pays."""
    # due_parts is the run's own selection, so the preview cannot differ from the run.
    parts = due_parts(authority).select_related("budget__person")
    due = [
        DuePayment(part.budget.person, part, council_payment_per_cycle(part.budget, part))
        for part in parts
    ]
    return sorted(
        (payment for payment in due if payment.amount > 0),
        key=lambda p: (p.person.last_name, p.person.first_name),
    )


def runs_for(authority: Organisation):
    """The council's payment runs, newest cycle first, with who ran them."""
    return PaymentRun.objects.filter(authority=authority).select_related("run_by")


def next_cycle_start(authority: Organisation) -> date | None:
    """The day after the last run cycle ends, or None before the first run."""
    last = runs_for(authority).first()
    return last.cycle_start + CYCLE if last else None


def cycle_problem(authority: Organisation, cycle_start: date) -> str:
    """Why a run for this cycle would pay some people twice or too early, or "" if it would not."""
    if cycle_start > timezone.localdate() + CYCLE:
        return "The cycle must start within the next 4 weeks: payments are made in advance."
    overlapping = overlapping_run(authority, cycle_start)
    if overlapping:
        return (
            f"This overlaps the cycle that starts {long_date(overlapping.cycle_start)}, which was "
            f"already paid. Choose {long_date(overlapping.cycle_start + CYCLE)} or later."
        )
    return ""


@db_transaction.atomic
def cycle_run(*, authority: Organisation, cycle_start: date, user: User) -> tuple[PaymentRun, bool]:
    """Run (or, the second time, find) the payments for a cycle, and expect the contributions."""
    problem = cycle_problem(authority, cycle_start)
    if problem and not runs_for(authority).filter(cycle_start=cycle_start).exists():
        raise DomainError(problem)
    run, created = payment_run(authority=authority, cycle_start=cycle_start, run_by=user)
    contributions.contributions_generate(authority=authority, cycle_start=cycle_start)
    return run, created


def _check_date(part: BudgetPart, paid_on: date) -> None:
    if paid_on > timezone.localdate():
        raise DomainError("The date must be today or in the past", field="paid_on")
    if paid_on < part.budget.starts_on:
        raise DomainError(
            f"The date must be on or after {long_date(part.budget.starts_on)}, "
            "when the budget started",
            field="paid_on",
        )


def _post(part, user, kind, details: dict, prefix: str) -> Transaction:
    _check_date(part, details["paid_on"])
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


def run_payments(run: PaymentRun):
    """The payments a run made, by the person's name."""
    return (
        Transaction.objects.filter(
            kind=Kind.PAYMENT_IN,
            budget__person__local_authority=run.authority,
            occurred_on=run.cycle_start,
            idempotency_key__startswith="payment:",
            idempotency_key__endswith=f":{run.cycle_start.isoformat()}",
        )
        .select_related("budget__person")
        .order_by("budget__person__last_name", "budget__person__first_name")
    )


def council_payment_per_cycle(budget: PersonalBudget, part: BudgetPart) -> Decimal:
    """What the council pays into a direct payment each cycle: net of the person's contribution."""
    net_weekly = max(part.weekly_amount - budget.weekly_contribution, Decimal("0.00"))
    return net_weekly * WEEKS_PER_CYCLE


def due_parts(authority: Organisation):
    """Active direct payments at the council that a payment run pays."""
    return BudgetPart.objects.filter(
        kind=BudgetPart.Kind.DIRECT_PAYMENT,
        weekly_amount__gt=0,
        budget__status=PersonalBudget.Status.ACTIVE,
        budget__person__local_authority=authority,
    ).select_related("budget")


def payment_run(
    *, authority: Organisation, cycle_start: date, run_by: User
) -> tuple[PaymentRun, bool]:
    """Pay every active direct payment for a cycle, all or nothing; a second run creates nothing."""
    if not access.can_run_payments(run_by, authority):
        raise DomainError("Only the council's finance officers can run payments.")
    existing = PaymentRun.objects.filter(authority=authority, cycle_start=cycle_start).first()
    if existing:
        return existing, False
    overlapping = overlapping_run(authority, cycle_start)
    if overlapping:
        raise DomainError(
            f"This cycle overlaps the one from {long_date(overlapping.cycle_start)}, which was "
            "already paid, so people would be paid twice. Choose a later start date."
        )
    try:
        with db_transaction.atomic():
            run = PaymentRun.objects.create(
                authority=authority, cycle_start=cycle_start, cycle_days=CYCLE_DAYS, run_by=run_by
            )
            for part in due_parts(authority):
                amount = council_payment_per_cycle(part.budget, part)
                if amount <= 0:
                    continue
                ledger.post(
                    ledger.Posting(
                        part=part,
                        kind=Transaction.Kind.PAYMENT_IN,
                        amount=amount,
                        occurred_on=cycle_start,
                        recorded_by=run_by,
                        idempotency_key=f"payment:{part.id}:{cycle_start.isoformat()}",
                        payee=str(authority),
                        note=f"Direct payment for 4 weeks from {long_date(cycle_start)}",
                    )
                )
                run.payments += 1
                run.total += amount
            run.save()
    except IntegrityError:
        return PaymentRun.objects.get(authority=authority, cycle_start=cycle_start), False
    return run, True
