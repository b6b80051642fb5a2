"""Reads for the finance officer: monitoring by exception. By default the list shows only the
direct payments with something to look at, each with the reasons it is listed: over the surplus
threshold (by how much, after what is owed and set aside: budgets.oversight.surplus), quiet,
contributions missing, open questions, the first check due, a check or return overdue, or a
notice or check waiting for the officer. Accounts with nothing wrong are listed only on request.
Also one account's ledger with its running balance.

The list is filtered, sorted and counted on the stored rows (budgets.monitoring.rows), then the
page's 50 are read from the record (figures.with_figures), so the page costs the same number of
queries for 3 accounts or 30,000 (docs/quality.md #20).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal

from django.db.models import (
    Case,
    DecimalField,
    F,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RowRange
from django.db.models.functions import Round
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.formats import long_date, pounds
from core.money import round_pennies
from people import access
from people.council_settings.models import CouncilSettings
from people.council_settings.services import council_settings_in_force_for
from people.models import Person, name_to_show

from ..employment.liabilities import employment_liabilities
from ..models import (
    Account,
    BudgetPart,
    Entry,
    MonitoringRow,
    Transaction,
)
from ..oversight.surplus import ZERO, Deduction, contingency, work_out
from .figures import MONEY, with_figures

SORTS = {
    "name": ("Name (A to Z)", [F("last_name").asc(), F("first_name").asc()]),
    "weeks": ("Weeks of funding held (most first)", [F("weeks_order").desc(nulls_last=True)]),
    "balance": ("Balance (highest first)", [F("balance").desc()]),
    "last_record": ("Last record (oldest first)", [F("last_record_on").asc(nulls_first=True)]),
    "flags": ("Open questions first", [F("flagged").asc()]),
    "surplus": ("Surplus (largest first)", [F("surplus_sql").desc(nulls_last=True)]),
}
ALL = "all"


def show_choices(settings) -> dict:
    """The list's reasons, worded with the council's own settings (people.council_settings).
    Nothing ticked: accounts with any reason; 'all': every account."""
    return {
        "surplus": f"Over the surplus threshold ({settings.surplus_weeks} weeks of funding, "
        "after what is owed and set aside)",
        "quiet": f"No records for {settings.first_check_weeks} weeks",
        "contributions": "Contributions missing",
        "flags": "Open questions about payments",
        "first_check": f"First check due ({settings.first_check_weeks} weeks after the direct "
        "payment started)",
        "overdue": "A check or return overdue",
        "waiting": "A reply or a check waiting for you",
        ALL: "Every account, including those with nothing to look at",
    }


GROSS = CouncilSettings.SurplusBasis.GROSS


def _surplus(councils: dict):
    """The fair surplus of a stored row in SQL, each council's by its own settings: the money
    free (held, less what is owed and set aside and the person's own overpaid contributions)
    over the threshold, rounded to the penny (so SQLite's float sums decide nothing). Pages
    work the same figure out again with budgets.oversight.surplus.work_out (part_surplus)."""
    threshold = Case(
        *[
            When(
                council_id=council_id,
                # The contingency every account may keep is set aside on top of the threshold
                # (budgets.oversight.surplus.contingency): the same weekly amount, more weeks.
                then=F("weekly_amount" if settings.surplus_basis == GROSS else "weekly_net")
                * (settings.surplus_weeks + settings.contingency_weeks),
            )
            for council_id, settings in councils.items()
        ],
        default=None,
        output_field=MONEY,
    )
    return Case(
        When(weekly_amount__gt=0, then=Round(F("free") - threshold, 2)),
        default=None,
        output_field=MONEY,
    )


def _with_surplus(rows, councils: dict):
    """The stored rows with their surplus (surplus_sql) and weeks held (for sorting)."""
    return rows.annotate(
        surplus_sql=_surplus(councils),
        # Thousandths of a week, for sorting only (pages show weeks_held() from Python):
        # a whole number, so SQLite's integer division of whole pounds loses nothing.
        weeks_order=Case(
            When(weekly_amount__gt=0, then=F("balance") * Value(1000) / F("weekly_amount")),
            default=None,
            output_field=DecimalField(max_digits=24, decimal_places=4),
        ),
        flagged=Case(When(open_flags__gt=0, then=0), default=1),
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
    """The stored monitoring rows (budgets.monitoring.rows) of the council's active direct
    payments, filtered and sorted, each council's by its own settings (`councils`, as
    people.council_settings.services.council_settings_in_force_for gives them). With nothing
    in `show`, those with any reason to look at them; with 'all', every one. page_parts reads
    a page of them from the record."""
    rows = MonitoringRow.objects.filter(council_id__in=access.finance_authority_ids(user))
    for word in name.split():
        rows = rows.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    today = today or timezone.localdate()
    if councils is None:
        councils = council_settings_in_force_for(access.finance_authority_ids(user), today)
    rows = _with_surplus(rows, councils)
    if ALL not in show:
        found = Q(pk__in=[])
        for key in show or REASONS:
            if key in REASONS:
                found |= REASONS[key](councils, today)
        rows = rows.filter(found)
    by_name = ["last_name", "first_name", "pk"]
    return rows.order_by(*SORTS.get(sort, SORTS["name"])[1], *by_name)


def page_parts(rows, today: date, councils: dict) -> list:
    """The parts of a page of stored rows ((part id, open questions) pairs), in the page's
    order, with their figures read from the record (with_figures), the day a check became
    overdue, and the surplus before what is owed to personal assistants is read
    (pa_owed_on_page). The count of open questions is the stored row's: the only two services
    that open and resolve questions (budgets.spending) rewrite it in their own transaction, and
    counting it again from the record was a third of the page's SQL."""
    open_flags = dict(rows)
    if not open_flags:
        return []
    found = with_figures(BudgetPart.objects.filter(pk__in=open_flags), today)
    by_id = {part.pk: part for part in found}
    parts = [by_id[pk] for pk in open_flags if pk in by_id]
    for part in parts:
        part.open_flags = open_flags[part.pk]
        settings = councils[part.budget.person.local_authority_id]
        due_by = part.check_due_by
        part.overdue_since = due_by if due_by and due_by < today else None
        part.surplus_before_pa = (
            part_surplus(part, settings, today).amount if part.weekly_amount else ZERO
        )
    return parts


def _any_council(councils: dict, condition) -> Q:
    """Each council's accounts judged by that council's own settings."""
    found = Q(pk__in=[])
    for council_id, settings in councils.items():
        found |= Q(council_id=council_id) & condition(settings)
    return found


def _quiet_q(settings, today: date) -> Q:
    cutoff = today - timedelta(weeks=settings.first_check_weeks)
    return Q(starts_on__lte=cutoff) & (
        Q(last_record_on__isnull=True) | Q(last_record_on__lt=cutoff)
    )


def _first_check_q(settings, today: date) -> Q:
    started_before = today - timedelta(weeks=settings.first_check_weeks)
    return Q(first_checked=False, starts_on__lte=started_before)


# Each reason an account is listed for, as a condition on the stored rows (each council's
# settings and the day).
REASONS = {
    "surplus": lambda councils, today: Q(surplus_sql__gt=0),
    "quiet": lambda councils, today: _any_council(councils, lambda s: _quiet_q(s, today)),
    "contributions": lambda councils, today: Q(contributions_missing__gt=0),
    "flags": lambda councils, today: Q(open_flags__gt=0),
    "first_check": lambda councils, today: _any_council(
        councils, lambda s: _first_check_q(s, today)
    ),
    "overdue": lambda councils, today: Q(check_due_by__lt=today),
    "waiting": lambda councils, today: Q(waiting=True),
}


def part_surplus(part, settings, today: date):
    """The fair surplus of a listed account, from its annotated figures (no query), less what
    is owed to personal assistants when `pa_owed` has been read (pa_owed_on_page)."""
    owed = part.liabilities_total + getattr(part, "pa_owed", ZERO)
    weekly = _weekly_value(part, settings)
    return work_out(
        held=part.balance,
        owed=[Deduction("Owed or set aside", owed)] if owed else [],
        set_aside=contingency(weekly, settings),
        contributions_paid=part.contributions_paid,
        contributions_due=part.contributions_due,
        weekly=weekly,
        weeks=settings.surplus_weeks,
        basis=settings.surplus_basis,
        on=today,
    )


def pa_owed_on_page(parts, today: date) -> None:
    """For each account on a page that employs personal assistants and looks over the surplus
    threshold before them, read what is owed to them (approved wages not paid, holiday pay built up:
    budgets.employment.liabilities), so the figure shown is the fair one. A few queries for
    each such account, never for the others."""
    for part in parts:
        if part.employs_pas and part.surplus_before_pa > 0:
            owed = employment_liabilities(part.budget, today)
            part.pa_owed = sum((item.amount for item in owed), ZERO)


def reasons(part, settings, today: date) -> list[str]:
    """Why an account is on the list, in plain words: each reason it has."""
    found = []
    surplus = part_surplus(part, settings, today)
    if part.weekly_amount and surplus.amount > 0:
        after = surplus.owed_total + surplus.set_aside_total + surplus.own_money
        found.append(
            f"{pounds(surplus.amount)} over the surplus threshold of {pounds(surplus.threshold)}"
            + (f", after {pounds(after)} owed, set aside or the person's own" if after else "")
        )
    elif part.weekly_amount and getattr(part, "pa_owed", ZERO) and part.surplus_before_pa > 0:
        found.append(
            f"No surplus once the {pounds(part.pa_owed)} owed to their personal assistants "
            "(wages and holiday pay) is taken off"
        )
    if is_quiet(part.last_record, part.budget.starts_on, today, settings):
        found.append(f"No records for over {settings.first_check_weeks} weeks")
    if n := part.contributions_missing:
        found.append(f"{n} contribution{'s' if n != 1 else ''} missing")
    if n := part.open_flags:
        found.append(f"{n} open question{'s' if n != 1 else ''} about payments")
    due = part.budget.starts_on + timedelta(weeks=settings.first_check_weeks)
    if not part.first_checked and due <= today:
        found.append(f"First check due since {long_date(due)}")
    if part.overdue_since:
        found.append(f"A check or return was due by {long_date(part.overdue_since)}")
    if part.checks_sent:
        found.append("A check was sent back: write the summary")
    if part.notices_ready:
        found.append("A notice is ready for you to decide")
    return found


def weeks_held(balance: Decimal, weekly: Decimal) -> Decimal | None:
    """Whole and tenths of weeks the balance would fund, rounded down; None without a weekly sum."""
    if not weekly:
        return None
    return (balance / weekly).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def _weekly_value(part, settings) -> Decimal:
    if settings.surplus_basis == settings.SurplusBasis.GROSS:
        return part.weekly_amount
    return part.weekly_amount - min(part.budget.weekly_contribution, part.weekly_amount)


def is_quiet(last_record: date | None, starts_on: date, today: date, settings) -> bool:
    cutoff = today - timedelta(weeks=settings.first_check_weeks)
    return starts_on <= cutoff and (last_record is None or last_record < cutoff)


def account_for_ledger(user, account_id) -> Account:
    """An account of a person whose record this user may open, or 404."""
    return get_object_or_404(
        Account.objects.select_related("budget__person", "part__provider"),
        id=account_id,
        budget__person__in=Person.objects.visible_to(user),
    )


# What the ledger shows of an entry and the transaction that made it, by the names LedgerRow
# reads them by. Plain values, not a model for each entry, its transaction and the four rows
# joined to it: a sixth of the page's time (docs/scaling.md, item 22).
LEDGER_FIELDS = {
    "kind": "transaction__kind",
    "occurred_on": "transaction__occurred_on",
    "recorded_at": "transaction__recorded_at",
    "payee": "transaction__payee",
    "note": "transaction__note",
    "corrects_kind": "transaction__reverses__kind",
    "corrects_amount": "transaction__reverses__amount",
    "corrects_on": "transaction__reverses__occurred_on",
    "corrected_by": "transaction__reversed_by__id",
    "recorder_name": "transaction__recorded_by__full_name",
    "recorder_email": "transaction__recorded_by__email",
    "for_first_name": "transaction__acting_for__first_name",
    "for_preferred_name": "transaction__acting_for__preferred_name",
    "for_last_name": "transaction__acting_for__last_name",
}


@dataclass(frozen=True)
class LedgerRow:
    """A line of an account's ledger: one of its entries, the transaction that made it (every
    entry of that transaction, by account), and the account's balance after it."""

    occurred_on: date
    kind: str
    payee: str
    note: str
    corrects: str
    corrected: bool
    recorded_by: str
    acting_for: str
    recorded_at: datetime
    entries: list
    amount: Decimal
    running: Decimal


def ledger_entries(account: Account):
    """The account's entries, newest first, as LEDGER_FIELDS values, each with the balance after
    it (`running`). ledger_rows makes a page of them into LedgerRows."""
    order = [
        F("transaction__occurred_on").asc(),
        F("transaction__recorded_at").asc(),
        F("id").asc(),
    ]
    return (
        Entry.objects.filter(account=account)
        .annotate(running=Window(Sum("amount"), order_by=order, frame=RowRange(start=None, end=0)))
        .order_by("-transaction__occurred_on", "-transaction__recorded_at", "-id")
        .values(
            "amount",
            "running",
            "transaction_id",
            **{name: F(path) for name, path in LEDGER_FIELDS.items()},
        )
    )


def ledger_rows(entries) -> list[LedgerRow]:
    """A page of ledger_entries as LedgerRows, with one more query for their transactions'
    entries."""
    entries = list(entries)
    by_transaction = defaultdict(list)
    for transaction_id, kind, amount in (
        Entry.objects.filter(transaction_id__in={e["transaction_id"] for e in entries})
        .order_by("-amount")
        .values_list("transaction_id", "account__kind", "amount")
    ):
        by_transaction[transaction_id].append((Account.Kind(kind).label, amount))
    return [_ledger_row(entry, by_transaction[entry["transaction_id"]]) for entry in entries]


def _ledger_row(entry: dict, entries: list) -> LedgerRow:
    corrects = ""
    if entry["corrects_kind"]:
        corrects = (
            f"Corrects {Transaction.Kind(entry['corrects_kind']).label.lower()} of "
            f"{pounds(entry['corrects_amount'])} on {long_date(entry['corrects_on'])}"
        )
    acting_for = ""
    if entry["for_last_name"] is not None:
        names = entry["for_first_name"], entry["for_preferred_name"], entry["for_last_name"]
        acting_for = name_to_show(*names)
    return LedgerRow(
        occurred_on=entry["occurred_on"],
        kind=Transaction.Kind(entry["kind"]).label,
        payee=entry["payee"],
        note=entry["note"],
        corrects=corrects,
        corrected=entry["corrected_by"] is not None,
        recorded_by=entry["recorder_name"] or entry["recorder_email"],
        acting_for=acting_for,
        recorded_at=entry["recorded_at"],
        entries=entries,
        amount=entry["amount"],
        # SQLite sums decimals as floats: entries are whole pennies, so round the noise away.
        running=round_pennies(entry["running"]),
    )


def entries_total(account: Account) -> Decimal:
    """The sum of the account's entries, to show the cached balance agrees with it.

    Rounded to the penny because SQLite sums decimals as floats (0.00999999999999979 for 0.01);
    entries are whole pennies, so on PostgreSQL this changes nothing.
    """
    total = account.entries.aggregate(total=Sum("amount"))["total"]
    return round_pennies(total or Decimal("0.00"))
