"""Reads for the finance officer: monitoring by exception. By default the list shows only the
direct payments with something to look at, each with the reasons it is listed: over the surplus
threshold (by how much, after what is owed and set aside: budgets.oversight.surplus), quiet,
contributions missing, open questions, the first check due, a check or return overdue, or a
notice or check waiting for the officer. Accounts with nothing wrong are listed only on request.
Also one account's ledger with its running balance.

Each figure is a subquery of the one list query, so the page costs the same number of queries
for 3 accounts or 3,000 (docs/quality.md #20).
"""

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DecimalField,
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
from django.db.models.functions import Coalesce, Greatest, Least, Round
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.formats import long_date, pounds
from core.money import round_pennies
from people import access
from people.council_settings.services import council_settings_in_force_for
from people.models import Person

from ..employment.liabilities import employment_liabilities
from ..models import (
    Account,
    Audit,
    BudgetPart,
    Entry,
    ExpectedContribution,
    Liability,
    Notice,
    PersonalBudget,
    RuleFlag,
    Worker,
)
from ..oversight.surplus import ZERO, Deduction, contingency, work_out

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


def _flagged_parts(councils) -> list:
    """Ids of the councils' parts with a question still open (only these councils': every
    council's grew with England). Read once a request, then looked up in the three places
    the list needs them: as a subquery, each place joined every open question to its council
    again, a third of the list query's time at 10,000 accounts (issue 15)."""
    return list(
        RuleFlag.objects.filter(
            status__in=OPEN_FLAGS,
            transaction__budget__person__local_authority_id__in=list(councils),
        )
        .order_by()
        .values_list("transaction__part_id", flat=True)
        .distinct()
    )


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


def _for_budgets_in(rows, value, empty, output_field):
    """A per-budget figure (`value`, a subquery on `rows`) worked out only for the budgets that
    have any such rows; `empty` for the rest. The database reads the ids of `rows` once and
    looks each account up in them; the subquery itself runs only where it can find something.
    (Run for every account, the empty subqueries alone took half a second at 10,000 accounts:
    issue 15.)"""
    return Case(
        When(budget_id__in=rows.values("budget_id"), then=value),
        default=empty,
        output_field=output_field,
    )


def _exists_for_budget(rows):
    """Whether the account's budget has any of `rows` (their ids read once, then looked up)."""
    return _for_budgets_in(rows, Value(True), Value(False), BooleanField())


def _annotated(parts, today: date, flagged_ids: list):
    open_flags = RuleFlag.objects.filter(
        transaction__budget_id=OuterRef("budget_id"),
        transaction__part_id=OuterRef("pk"),
        status__in=OPEN_FLAGS,
    )
    # The money held (and paid in as contributions) is joined: one row per part.
    held = FilteredRelation("accounts", condition=Q(accounts__kind=Account.Kind.HELD))
    paid_in = FilteredRelation("accounts", condition=Q(accounts__kind=Account.Kind.CONTRIBUTIONS))
    of_budget = {"budget_id": OuterRef("budget_id")}
    liabilities = Liability.objects.counted()
    due = ExpectedContribution.objects.filter(invoiced=False, due_on__lte=today)
    missing = ExpectedContribution.objects.filter(status=ExpectedContribution.Status.MISSING)
    overdue = Audit.objects.filter(status=Audit.Status.WAITING, due_by__lt=today)
    zero = Value(Decimal("0.00"))
    return (
        parts.annotate(held=held, paid_in=paid_in)
        .annotate(
            balance=Coalesce(F("held__balance"), zero, output_field=MONEY),
            held_account_id=F("held__id"),
            contributions_paid=Coalesce(-F("paid_in__balance"), zero, output_field=MONEY),
            # The newest of the person's records, kept on the part as the ledger posts (a
            # subquery per part here read every part's transactions: issue 15).
            last_record=F("last_record_on"),
            open_flags=Case(
                When(pk__in=flagged_ids, then=_count(open_flags)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            flagged=Case(When(pk__in=flagged_ids, then=0), default=1),
            liabilities_total=_for_budgets_in(
                liabilities, _total(liabilities.filter(**of_budget), "amount"), zero, MONEY
            ),
            contributions_due=_for_budgets_in(
                due, _total(due.filter(**of_budget), "amount"), zero, MONEY
            ),
            contributions_missing=_for_budgets_in(
                missing, _count(missing.filter(**of_budget)), Value(0), IntegerField()
            ),
            first_checked=_exists_for_budget(Audit.objects.filter(kind=Audit.Kind.INITIAL)),
            overdue_since=_for_budgets_in(
                overdue,
                Subquery(overdue.filter(**of_budget).order_by("due_by").values("due_by")[:1]),
                Value(None),
                DateField(),
            ),
            checks_sent=_exists_for_budget(Audit.objects.filter(status=Audit.Status.SUBMITTED)),
            notices_ready=_exists_for_budget(Notice.objects.filter(status=Notice.Status.READY)),
            employs_pas=_exists_for_budget(Worker.objects.employed()),
        )
        .annotate(
            # Thousandths of a week, for sorting only (pages show weeks_held() from Python):
            # a whole number, so SQLite's integer division of whole pounds loses nothing.
            weeks_order=Case(
                When(weekly_amount__gt=0, then=F("balance") * Value(1000) / F("weekly_amount")),
                default=None,
                output_field=DecimalField(max_digits=24, decimal_places=4),
            ),
            own_money=Greatest(
                F("contributions_paid") - F("contributions_due"),
                Value(Decimal("0.00")),
                output_field=MONEY,
            ),
        )
    )


def _with_surplus(parts, councils: dict):
    """The fair surplus in SQL, each council's by its own settings: money held, less what is
    owed and set aside and the person's own overpaid contributions, over the threshold (rounded
    to the penny, so SQLite's float sums decide nothing). Pages work the same figures out again
    with budgets.oversight.surplus.work_out (part_surplus)."""
    threshold = Case(
        *[
            When(
                budget__person__local_authority_id=council_id,
                # The contingency every account may keep is set aside on top of the threshold
                # (budgets.oversight.surplus.contingency): the same weekly amount, more weeks.
                then=_weekly_counted(settings)
                * (settings.surplus_weeks + settings.contingency_weeks),
            )
            for council_id, settings in councils.items()
        ],
        default=None,
        output_field=MONEY,
    )
    free = F("balance") - F("liabilities_total") - F("own_money")
    return parts.annotate(
        surplus_sql=Case(
            When(weekly_amount__gt=0, then=Round(free - threshold, 2)),
            default=None,
            output_field=MONEY,
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
    people.council_settings.services.council_settings_in_force_for gives them). With nothing
    in `show`, those with any reason to look at them; with 'all', every one."""
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
    today = today or timezone.localdate()
    if councils is None:
        councils = council_settings_in_force_for(access.finance_authority_ids(user), today)
    flagged_ids = _flagged_parts(councils)
    parts = _with_surplus(_annotated(parts, today, flagged_ids), councils)
    if ALL not in show:
        found = Q(pk__in=[])
        for key in show or REASONS:
            if key in REASONS:
                found |= REASONS[key](councils, today, flagged_ids)
        parts = parts.filter(found)
    by_name = ["budget__person__last_name", "budget__person__first_name", "pk"]
    return parts.order_by(*SORTS.get(sort, SORTS["name"])[1], *by_name)


def _first_check_q(councils: dict, today: date, flagged_ids: list) -> Q:
    return Q(first_checked=False) & _any_council(
        councils,
        lambda settings: Q(
            budget__starts_on__lte=today - timedelta(weeks=settings.first_check_weeks)
        ),
    )


# Each reason an account is listed for, as a condition on the annotated list (each council's
# settings, the day, and the ids of the parts with open questions).
REASONS = {
    "surplus": lambda councils, today, flagged_ids: Q(surplus_sql__gt=0),
    "quiet": lambda councils, today, flagged_ids: _any_council(
        councils, lambda settings: _quiet_q(settings, today)
    ),
    "contributions": lambda councils, today, flagged_ids: Q(contributions_missing__gt=0),
    "flags": lambda councils, today, flagged_ids: Q(pk__in=flagged_ids),
    "first_check": _first_check_q,
    "overdue": lambda councils, today, flagged_ids: Q(overdue_since__isnull=False),
    "waiting": lambda councils, today, flagged_ids: Q(checks_sent=True) | Q(notices_ready=True),
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
    threshold in SQL, read what is owed to them (approved wages not paid, holiday pay built up:
    budgets.employment.liabilities), so the figure shown is the fair one. A few queries for
    each such account, never for the others."""
    for part in parts:
        if part.employs_pas and part.surplus_sql and part.surplus_sql > 0:
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
    elif part.weekly_amount and getattr(part, "pa_owed", ZERO) and part.surplus_sql > 0:
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


def _any_council(councils: dict, condition) -> Q:
    """Each council's accounts judged by that council's own settings."""
    found = Q(pk__in=[])
    for council_id, settings in councils.items():
        found |= Q(budget__person__local_authority_id=council_id) & condition(settings)
    return found


def _weekly_counted(settings):
    """The weekly funding the threshold counts: the direct payment's whole weekly amount
    (gross), or what the council pays into it after the person's contribution (net)."""
    if settings.surplus_basis == settings.SurplusBasis.GROSS:
        return F("weekly_amount")
    return F("weekly_amount") - Least(F("budget__weekly_contribution"), F("weekly_amount"))


def _weekly_value(part, settings) -> Decimal:
    if settings.surplus_basis == settings.SurplusBasis.GROSS:
        return part.weekly_amount
    return part.weekly_amount - min(part.budget.weekly_contribution, part.weekly_amount)


def _quiet_q(settings, today: date) -> Q:
    cutoff = today - timedelta(weeks=settings.first_check_weeks)
    return Q(budget__starts_on__lte=cutoff) & (
        Q(last_record_on__isnull=True) | Q(last_record_on__lt=cutoff)
    )


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
