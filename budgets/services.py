"""Writes for personal budgets: create them from approved plans, and run the council's payments."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date
from people import access
from people.models import Organisation, User
from support_plans.costing import plan_totals

from . import ledger
from .models import BudgetPart, PaymentRun, PersonalBudget, Transaction

CYCLE_DAYS = 28  # DOMAIN.md local default: every 4 weeks, in advance
WEEKS_PER_CYCLE = Decimal(CYCLE_DAYS // 7)


def _parts_from_plan(plan) -> dict:
    """{(kind, provider or None): weekly amount} from the plan's lines."""
    groups: dict = {}
    for line in plan.support_lines.all():
        provider = line.provider if line.management == BudgetPart.Kind.ISF else None
        groups.setdefault((line.management, provider), []).append(line)
    return {key: plan_totals(lines).weekly for key, lines in groups.items()}


@db_transaction.atomic
def budget_from_approved_plan(*, plan) -> PersonalBudget:
    """Create the person's budget from an approved plan, or update it from a new revision."""
    if plan.status != plan.Status.APPROVED:
        raise DomainError("Only an approved plan sets a personal budget.")
    today = timezone.localdate()
    budget = PersonalBudget.objects.select_for_update().filter(
        person=plan.person, status=PersonalBudget.Status.ACTIVE
    ).first() or PersonalBudget(
        person=plan.person, starts_on=today, ends_on=today + timedelta(days=365)
    )
    budget.plan = plan
    budget.weekly_total = plan.weekly_total
    budget.weekly_la_share = plan.weekly_la_share
    budget.weekly_contribution = plan.weekly_contribution
    budget.save()
    wanted = _parts_from_plan(plan)
    for part in budget.parts.all():
        if (part.kind, part.provider) not in wanted:
            part.weekly_amount = Decimal("0.00")
            part.save()
    for (kind, provider), weekly in wanted.items():
        BudgetPart.objects.update_or_create(
            budget=budget, kind=kind, provider=provider, defaults={"weekly_amount": weekly}
        )
    return budget


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
    cycle = timedelta(days=CYCLE_DAYS)
    overlapping = PaymentRun.objects.filter(
        authority=authority,
        cycle_start__gt=cycle_start - cycle,
        cycle_start__lt=cycle_start + cycle,
    ).first()
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
