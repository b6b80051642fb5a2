"""Reads for the finance officer: every direct payment in their council with its balance, weeks
of funding held, last record and open questions; and one account's ledger with running balance.

Each figure is a subquery of the one list query, so the page costs the same number of queries
for 3 accounts or 3,000 (docs/quality.md #20).
"""

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RowRange
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.money import round_pennies
from people import access
from people.council_settings.services import council_settings_in_force_for
from people.models import Person

from ..models import Account, BudgetPart, Entry, PersonalBudget, RuleFlag, Transaction

# What the person records: the council's own payments in do not count as keeping records.
RECORD_KINDS = [
    Transaction.Kind.SPEND,
    Transaction.Kind.REFUND,
    Transaction.Kind.CONTRIBUTION,
    Transaction.Kind.CORRECTION,
]
OPEN_FLAGS = [RuleFlag.Status.OPEN, RuleFlag.Status.EXPLAINED]
MONEY = DecimalField(max_digits=14, decimal_places=2)

SORTS = {
    "name": (
        "Name (A to Z)",
        [F("budget__person__last_name").asc(), F("budget__person__first_name").asc()],
    ),
    "weeks": ("Weeks of funding held (most first)", [F("weeks_order").desc(nulls_last=True)]),
    "balance": ("Balance (highest first)", [F("balance").desc()]),
    "last_record": ("Last record (oldest first)", [F("last_record").asc(nulls_first=True)]),
    "flags": ("Open questions first", [F("flagged").asc()]),
}


def show_choices(settings) -> dict:
    """The list's filters, worded with the council's own thresholds (people.council_settings)."""
    return {
        "surplus": f"More than {settings.surplus_weeks} weeks of funding held (possible surplus)",
        "quiet": f"No records for {settings.first_check_weeks} weeks",
        "flags": "Open questions about payments",
    }


def _records(**extra):
    """The part's own records. Filtering by budget too lets the database walk the index on
    (budget, newest first) instead of reading every transaction of the part."""
    return Transaction.objects.filter(
        budget_id=OuterRef("budget_id"), part_id=OuterRef("pk"), kind__in=RECORD_KINDS, **extra
    )


def _flagged_parts():
    """Ids of parts with a question still open: few, so the database hashes them once."""
    return RuleFlag.objects.filter(status__in=OPEN_FLAGS).values("transaction__part_id")


def _annotated(parts):
    last_record = _records().order_by("-occurred_on").values("occurred_on")[:1]
    open_flags = (
        RuleFlag.objects.filter(
            transaction__budget_id=OuterRef("budget_id"),
            transaction__part_id=OuterRef("pk"),
            status__in=OPEN_FLAGS,
        )
        .order_by()
        .values("transaction__part")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # The money held is joined (one row per part), not looked up once per use.
    held = FilteredRelation("accounts", condition=Q(accounts__kind=Account.Kind.HELD))
    return (
        parts.annotate(held=held)
        .annotate(
            balance=Coalesce(F("held__balance"), Value(Decimal("0.00")), output_field=MONEY),
            held_account_id=F("held__id"),
            last_record=Subquery(last_record),
            open_flags=Coalesce(Subquery(open_flags, output_field=IntegerField()), Value(0)),
            flagged=Case(When(pk__in=_flagged_parts(), then=0), default=1),
        )
        .annotate(
            # Thousandths of a week, for sorting only (pages show weeks_held() from Python):
            # a whole number, so SQLite's integer division of whole pounds loses nothing.
            weeks_order=Case(
                When(weekly_amount__gt=0, then=F("balance") * Value(1000) / F("weekly_amount")),
                default=None,
                output_field=DecimalField(max_digits=24, decimal_places=4),
            )
        )
    )


def direct_payment_accounts(
    user,
    *,
    show=(),
    sort: str = "name",
    name: str = "",
    today: date | None = None,
    councils: dict | None = None,
):
    """The council's active direct payments, with their figures, filtered and sorted, each
    council's by its own settings (`councils`, as
    people.council_settings.services.council_settings_in_force_for gives them)."""
    parts = BudgetPart.objects.filter(
        kind=BudgetPart.Kind.DIRECT_PAYMENT,
        budget__status=PersonalBudget.Status.ACTIVE,
        budget__person__local_authority_id__in=access.finance_authority_ids(user),
    ).select_related("budget__person")
    if name.strip():
        for word in name.split():
            parts = parts.filter(
                Q(budget__person__first_name__icontains=word)
                | Q(budget__person__last_name__icontains=word)
                | Q(budget__person__preferred_name__icontains=word)
            )
    parts = _annotated(parts)
    today = today or timezone.localdate()
    if councils is None:
        councils = council_settings_in_force_for(access.finance_authority_ids(user), today)
    if "surplus" in show:
        parts = parts.filter(weekly_amount__gt=0).filter(_any_council(councils, _surplus_q))
    if "quiet" in show:
        parts = parts.filter(_any_council(councils, lambda settings: _quiet_q(settings, today)))
    if "flags" in show:
        parts = parts.filter(pk__in=_flagged_parts())
    by_name = ["budget__person__last_name", "budget__person__first_name", "pk"]
    return parts.order_by(*SORTS.get(sort, SORTS["name"])[1], *by_name)


def weeks_held(balance: Decimal, weekly: Decimal) -> Decimal | None:
    """Whole and tenths of weeks the balance would fund, rounded down; None without a weekly sum."""
    if not weekly:
        return None
    return (balance / weekly).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def _any_council(councils: dict, condition) -> Q:
    """Each council's accounts judged by that council's own settings."""
    found = Q(pk__in=[])
    for council_id, settings in councils.items():
        found |= Q(budget__person__local_authority_id=council_id) & condition(settings)
    return found


def _weekly_counted(settings):
    """The weekly funding the surplus is counted in: what the council pays (net), or that and
    the person's contribution into the account (gross)."""
    if settings.surplus_basis == settings.SurplusBasis.GROSS:
        return F("weekly_amount") + F("budget__weekly_contribution")
    return F("weekly_amount")


def _surplus_q(settings) -> Q:
    return Q(balance__gt=_weekly_counted(settings) * settings.surplus_weeks)


def _quiet_q(settings, today: date) -> Q:
    cutoff = today - timedelta(weeks=settings.first_check_weeks)
    return Q(budget__starts_on__lte=cutoff) & ~Exists(_records(occurred_on__gte=cutoff))


def is_surplus(part, settings) -> bool:
    """More than the council's threshold of weeks of funding held."""
    weekly = part.weekly_amount
    if settings.surplus_basis == settings.SurplusBasis.GROSS:
        weekly += part.budget.weekly_contribution
    return bool(part.weekly_amount) and part.balance > weekly * settings.surplus_weeks


def is_quiet(last_record: date | None, starts_on: date, today: date, settings) -> bool:
    cutoff = today - timedelta(weeks=settings.first_check_weeks)
    return starts_on <= cutoff and (last_record is None or last_record < cutoff)


def account_for_ledger(user, account_id) -> Account:
    """An account of a person whose record this user may open, or 404."""
    return get_object_or_404(
        Account.objects.select_related("part__budget__person", "part__provider", "budget"),
        id=account_id,
        budget__person__in=Person.objects.visible_to(user),
    )


def ledger_entries(account: Account):
    """The account's entries, newest first, each with its transaction, the other entries of
    that transaction and the balance after it."""
    order = [
        F("transaction__occurred_on").asc(),
        F("transaction__recorded_at").asc(),
        F("id").asc(),
    ]
    return (
        Entry.objects.filter(account=account)
        .select_related(
            "transaction__recorded_by",
            "transaction__reverses",
            "transaction__reversed_by",
            "transaction__acting_for",
        )
        .prefetch_related(
            Prefetch(
                "transaction__entries",
                queryset=Entry.objects.select_related("account").order_by("-amount"),
            )
        )
        .annotate(running=Window(Sum("amount"), order_by=order, frame=RowRange(start=None, end=0)))
        .order_by("-transaction__occurred_on", "-transaction__recorded_at", "-id")
    )


def entries_total(account: Account) -> Decimal:
    """The sum of the account's entries, to show the cached balance agrees with it.

    Rounded to the penny because SQLite sums decimals as floats (0.00999999999999979 for 0.01);
    entries are whole pennies, so on PostgreSQL this changes nothing.
    """
    total = account.entries.aggregate(total=Sum("amount"))["total"]
    return round_pennies(total or Decimal("0.00"))
