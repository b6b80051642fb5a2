"""Every figure monitoring judges a direct payment by, read from the record (the rules): for a
page of the finance officer's list (budgets.monitoring.services) and for its stored rows
(budgets.monitoring.rows). Only models are imported here, so the ledger can keep the rows.
"""

from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from ..models import Account, Audit, ExpectedContribution, Liability, Notice, RuleFlag, Worker

OPEN_FLAGS = [RuleFlag.Status.OPEN, RuleFlag.Status.EXPLAINED]
MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Decimal("0.00")


def _total(queryset, field_name: str):
    """The sum of a field over a per-row queryset, as a subquery (0.00 when empty)."""
    summed = (
        queryset.order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(total=Sum(field_name))
        .values("total")[:1]
    )
    return Coalesce(
        Subquery(summed, output_field=MONEY), Value(Decimal("0.00")), output_field=MONEY
    )


def _count(queryset):
    """How many rows a per-row queryset has, as a subquery (0 when empty)."""
    counted = queryset.order_by().annotate(group=Value(1)).values("group").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), Value(0))


def with_figures(parts, today: date):
    """The parts with every figure monitoring judges them by, read from the record: for a
    page of the list and for the stored rows (budgets.monitoring.rows). Each figure is a
    subquery looked up by the budget's id, so the query count is constant. The count of open
    questions is not among them: open_flags_of counts it for many parts at once."""
    of_budget = {"budget_id": OuterRef("budget_id")}
    # The money held (and paid in as contributions) is joined: one row per part.
    held = FilteredRelation("accounts", condition=Q(accounts__kind=Account.Kind.HELD))
    paid_in = FilteredRelation("accounts", condition=Q(accounts__kind=Account.Kind.CONTRIBUTIONS))
    due = ExpectedContribution.objects.filter(invoiced=False, due_on__lte=today, **of_budget)
    missing = ExpectedContribution.objects.filter(
        status=ExpectedContribution.Status.MISSING, **of_budget
    )
    waiting = Audit.objects.filter(status=Audit.Status.WAITING, **of_budget)
    zero = Value(ZERO)
    return (
        parts.select_related("budget__person")
        .annotate(held=held, paid_in=paid_in)
        .annotate(
            balance=Coalesce(F("held__balance"), zero, output_field=MONEY),
            held_account_id=F("held__id"),
            contributions_paid=Coalesce(-F("paid_in__balance"), zero, output_field=MONEY),
            # The newest of the person's records, kept on the part as the ledger posts.
            last_record=F("last_record_on"),
            liabilities_total=_total(Liability.objects.counted().filter(**of_budget), "amount"),
            contributions_due=_total(due, "amount"),
            contributions_missing=_count(missing),
            first_checked=Exists(Audit.objects.filter(kind=Audit.Kind.INITIAL, **of_budget)),
            check_due_by=Subquery(waiting.order_by("due_by").values("due_by")[:1]),
            checks_sent=Exists(Audit.objects.filter(status=Audit.Status.SUBMITTED, **of_budget)),
            notices_ready=Exists(Notice.objects.filter(status=Notice.Status.READY, **of_budget)),
            employs_pas=Exists(Worker.objects.employed().filter(**of_budget)),
        )
    )


def own_money(part) -> Decimal:
    """Contributions paid into the direct payment beyond what was due so far: the person's."""
    return max(part.contributions_paid - part.contributions_due, ZERO)


def open_flags_of(part_ids) -> dict:
    """{part id: how many questions about its payments are open}, for these parts, in one
    query: for thousands of parts, the subquery per part (reading each part's transactions)
    took a third of the time of writing their monitoring rows."""
    return dict(
        RuleFlag.objects.filter(status__in=OPEN_FLAGS, transaction__part_id__in=part_ids)
        .order_by()
        .values("transaction__part_id")
        .annotate(n=Count("pk"))
        .values_list("transaction__part_id", "n")
    )
