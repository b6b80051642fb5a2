"""Reads and presenters for the person's budget pages: balance, this period's money in and out,
spending against the plan, a projection in plain English, and the money list.

Every figure comes from a database aggregate, so the number of queries does not grow with the
number of payments (docs/quality.md #20).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Sum, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.formats import long_date, pounds
from core.money import round_pennies
from support_plans.costing import cost_of
from support_plans.lines import spent_on_plan_lines

from . import ledger
from .models import Account, Entry, PersonalBudget, RuleFlag, Transaction
from .payments.cycles import Schedule, amount_for_days, length_words

MIN_RATE_DAYS = 7
RATE_DAYS = 7 * 4  # the spending rate is read over the last 4 weeks (not a payment cycle)
ZERO = Decimal("0.00")
Kind = Transaction.Kind
MONEY_IN = {Kind.PAYMENT_IN, Kind.CONTRIBUTION, Kind.REFUND}
MONEY_OUT = {Kind.SPEND, Kind.RECOVERY, Kind.CONTRIBUTION_REFUND}


def pennies(total) -> Decimal:
    """A database sum as pounds and pence (SQLite sums decimals as floats; PostgreSQL does not)."""
    return round_pennies(Decimal(str(total))) + ZERO if total is not None else ZERO  # no -0.00


@dataclass(frozen=True)
class Period:
    """A payment cycle of the council's (budgets.payments.cycles), counted from the day the
    budget started."""

    number: int
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def length(self) -> str:
        return length_words(self.days)


def current_period(budget: PersonalBudget, today: date) -> Period:
    """The cycle that contains today (the first before the budget starts, the last after)."""
    schedule = Schedule(budget.person.local_authority_id)
    number, cycle = schedule.cycle_around(budget.starts_on, today, budget.ends_on)
    return Period(number, cycle.start, cycle.end)


@dataclass
class Bar:
    """A row of the spent-against-planned chart and its table."""

    label: str
    planned: Decimal
    spent: Decimal
    note: str = ""
    unplanned: bool = False  # spending not linked to the plan: nothing to measure it against

    @property
    def left(self) -> Decimal:
        return self.planned - self.spent

    @property
    def over(self) -> bool:
        return self.spent > self.planned

    @property
    def percent(self) -> int:
        """How much of the planned amount is spent, 0 to 100, for the bar's length."""
        if self.unplanned:
            return 0
        if self.planned <= 0:
            return 100 if self.spent > 0 else 0
        return max(0, min(100, int(self.spent * 100 / self.planned)))

    @property
    def summary(self) -> str:
        if self.unplanned:
            return f"{pounds(self.spent)} spent"
        spent = f"{pounds(self.spent)} spent of {pounds(self.planned)}"
        if self.over:
            return f"{spent}: {pounds(-self.left)} over"
        return f"{spent}: {pounds(self.left)} left"


@dataclass
class Dashboard:
    budget: PersonalBudget
    period: Period
    balance: Decimal
    money_in: Decimal
    money_out: Decimal
    lines: list[Bar]
    outcomes: list[Bar]
    projection: str
    open_flags: list = field(default_factory=list)
    recent: list = field(default_factory=list)

    @property
    def planned(self) -> Decimal:
        return sum((bar.planned for bar in self.lines), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((bar.spent for bar in self.lines), ZERO)

    @property
    def left(self) -> Decimal:
        return self.planned - self.spent

    @property
    def left_is_more_than_held(self) -> bool:
        """The plan allows more this period than the account holds: say so, never promise it."""
        return self.left > max(self.balance, ZERO)


def _held_entries(budget: PersonalBudget):
    return Entry.objects.filter(account__budget=budget, account__kind=Account.Kind.HELD)


def _spending_entries(budget: PersonalBudget):
    return Entry.objects.filter(account__budget=budget, account__kind=Account.Kind.SPENDING)


def _in_and_out(budget: PersonalBudget, period: Period) -> tuple[Decimal, Decimal]:
    """Money in and out of the held accounts this period; a correction nets off what it fixes."""
    rows = (
        _held_entries(budget)
        .filter(transaction__occurred_on__range=(period.start, period.end))
        .values(kind=Coalesce("transaction__reverses__kind", "transaction__kind"))
        .annotate(total=Sum("amount"))
    )
    totals = {row["kind"]: pennies(row["total"]) for row in rows}
    money_in = sum((totals.get(kind, ZERO) for kind in MONEY_IN), ZERO)
    money_out = -sum((totals.get(kind, ZERO) for kind in MONEY_OUT), ZERO)
    return money_in, money_out


def spent_by_line(budget: PersonalBudget, start: date, end: date) -> dict:
    """{support line id or None: net spending from start to end} (refunds and corrections
    net off). The budget page and the audit statement both count spending this way."""
    rows = (
        _spending_entries(budget)
        .filter(transaction__occurred_on__range=(start, end))
        .values("transaction__support_line")
        .annotate(total=Sum("amount"))
    )
    return {row["transaction__support_line"]: pennies(row["total"]) for row in rows}


def _planned_per_period(line, days: int) -> tuple[Decimal, str]:
    cost = cost_of(line)
    if cost.one_off:
        return cost.one_off, "one-off cost"
    note = "averaged: it runs fewer than 52 weeks a year" if cost.averaged else ""
    return amount_for_days(cost.weekly, days), note


def _bars(budget: PersonalBudget, spent: dict, days: int) -> tuple[list[Bar], list[Bar]]:
    """Spent against planned for each support line of the plan, and for each outcome."""
    lines = list(budget.plan.support_lines.prefetch_related("outcomes"))
    spent = spent_on_plan_lines(budget.plan, spent, lines)
    line_bars, by_outcome = [], {}
    for line in lines:
        planned, note = _planned_per_period(line, days)
        bar = Bar(line.description, planned, spent.get(line.id, ZERO), note)
        line_bars.append(bar)
        for outcome in line.outcomes.all():
            by_outcome.setdefault(outcome.pk, [outcome, ZERO, ZERO])
            by_outcome[outcome.pk][1] += bar.planned
            by_outcome[outcome.pk][2] += bar.spent
    if spent.get(None):
        line_bars.append(
            Bar("Not linked to support in the plan", ZERO, spent[None], unplanned=True)
        )
    if spent.get("earlier"):
        line_bars.append(
            Bar("Support in an earlier version of the plan", ZERO, spent["earlier"], unplanned=True)
        )
    outcome_bars = [Bar(o.in_my_words, planned, used) for o, planned, used in by_outcome.values()]
    return line_bars, outcome_bars


def spending_rate(budget: PersonalBudget, today: date) -> tuple[Decimal, int]:
    """(net spending in the last 4 weeks, or since the budget started, and the days counted).

    At least a week is counted, so that a first day's shopping is not taken as a daily rate.
    """
    days = min(RATE_DAYS, max(MIN_RATE_DAYS, (today - budget.starts_on).days + 1))
    since = today - timedelta(days=days - 1)
    spent = (
        _spending_entries(budget)
        .filter(transaction__occurred_on__range=(since, today))
        .aggregate(total=Sum("amount"))["total"]
    )
    return pennies(spent), days


def projection(
    *,
    balance: Decimal,
    spent: Decimal,
    days: int,
    today: date,
    period: Period,
    name: str | None = None,
) -> str:
    """How long the money lasts at the present rate of spending, in one plain sentence.

    Written to the person ("you") unless `name` is given, for staff reading it.
    """
    you = name is None
    if balance <= 0:
        return (
            "There is no money in the account at the moment. If a payment from the council "
            "is late, contact them."
        )
    if spent <= 0:
        who = "You have" if you else f"{name} has"
        return f"{who} not spent anything in the last 4 weeks, so there is no rate to go on yet."
    rate = "At the rate you are spending" if you else f"At the rate {name} is spending"
    per_day = spent / days
    days_left = (period.end - today).days
    if per_day * days_left > balance:
        lasts_until = today + timedelta(days=int(balance / per_day))
        return (
            f"{rate}, the money will last until {long_date(lasts_until)}, before the next "
            f"payment is due on {long_date(period.end + timedelta(days=1))}."
        )
    unspent = round_pennies(balance - per_day * days_left)
    who = "you" if you else name
    return (
        f"{rate}, {who} will have about {pounds(unspent)} unspent at the end of this period, "
        f"on {long_date(period.end)}."
    )


def open_flags(budget: PersonalBudget):
    """Questions on payments that the person has not answered yet."""
    return RuleFlag.objects.filter(
        transaction__budget=budget, status=RuleFlag.Status.OPEN
    ).select_related("transaction")


# What a MoneyRow reads of an entry, its transaction and the rows joined to it (money_row).
# Reading every field of all six (a person's whole record among them) was a tenth of the money
# list's time (docs/scaling.md, item 23).
MONEY_ROW_FIELDS = (
    "amount",
    "transaction__kind",
    "transaction__occurred_on",
    "transaction__recorded_at",
    "transaction__payee",
    "transaction__note",
    "transaction__recorded_by__full_name",
    "transaction__recorded_by__email",
    "transaction__acting_for__first_name",
    "transaction__acting_for__preferred_name",
    "transaction__support_line__description",
    "transaction__reverses__kind",
    "transaction__reverses__payee",
    "transaction__reverses__occurred_on",
    "transaction__reverses__reverses_id",
    "transaction__reversed_by__occurred_on",
)


def money_list(budget: PersonalBudget):
    """Money in and out of the held accounts, newest first, each with the balance after it."""
    order = [F("transaction__occurred_on"), F("transaction__recorded_at"), F("id")]
    return (
        _held_entries(budget)
        .select_related(
            "transaction__recorded_by",
            "transaction__acting_for",
            "transaction__support_line",
            "transaction__reverses",
            "transaction__reversed_by",
        )
        .only(*MONEY_ROW_FIELDS)
        .annotate(running=Window(Sum("amount"), order_by=order))
        .order_by("-transaction__occurred_on", "-transaction__recorded_at", "-id")
    )


def budget_dashboard(
    budget: PersonalBudget, today: date | None = None, *, name: str | None = None
) -> Dashboard:
    """Everything the person's budget page shows, from a fixed number of queries.

    `name`: the person's name when someone other than the person or their representative reads it.
    """
    today = today or timezone.localdate()
    period = current_period(budget, today)
    balance = ledger.held_balance(budget=budget)
    money_in, money_out = _in_and_out(budget, period)
    spent_lines = spent_by_line(budget, period.start, period.end)
    lines, outcomes = _bars(budget, spent_lines, period.days)
    spent, days = spending_rate(budget, today)
    return Dashboard(
        budget=budget,
        period=period,
        balance=balance,
        money_in=money_in,
        money_out=money_out,
        lines=lines,
        outcomes=outcomes,
        projection=projection(
            balance=balance, spent=spent, days=days, today=today, period=period, name=name
        ),
        open_flags=list(open_flags(budget)),
        recent=[money_row(entry, budget.person) for entry in money_list(budget)[:5]],
    )


def logged_by(txn: Transaction, person) -> str:
    """Who recorded a movement of money, and for whom, in plain words."""
    if txn.kind == Kind.PAYMENT_IN:
        return "Paid by the council"
    name = txn.recorded_by.display_name
    if txn.acting_for_id and txn.recorded_by_id != person.user_id:
        first = txn.acting_for.preferred_name or txn.acting_for.first_name
        return f"Logged by {name} on {first}'s behalf"
    return f"Logged by {name}"


def _questions(user_authority_ids: list, statuses=None):
    """Questions on payments for the finance officer's councils (waiting ones unless the
    statuses say), oldest first."""
    statuses = statuses or [RuleFlag.Status.OPEN, RuleFlag.Status.EXPLAINED]
    return RuleFlag.objects.filter(status__in=statuses, council_id__in=user_authority_ids).order_by(
        "created_at", "pk"
    )


def flags_for_review(user_authority_ids: list, statuses=None):
    """Questions on payments for the finance officer's councils, oldest first, each with its
    payment, person, support line and who explained it."""
    return _questions(user_authority_ids, statuses).select_related(
        "transaction__budget__person", "transaction__support_line", "explained_by"
    )


# What the questions queue shows of a question: its payment's amount, payee and date, and the
# person's name. Reading every field of the question, payment, budget and person (and two more
# rows the queue never shows) was a third of the page's time.
QUEUE_FIELDS = (
    "id",
    "rule",
    "status",
    "created_at",
    "transaction__amount",
    "transaction__payee",
    "transaction__occurred_on",
    "transaction__budget__person__first_name",
    "transaction__budget__person__preferred_name",
    "transaction__budget__person__last_name",
)


def flags_queue(user_authority_ids: list):
    """The questions waiting for the finance officer's councils, oldest first, with what the
    queue shows of each."""
    return (
        _questions(user_authority_ids)
        .select_related("transaction__budget__person")
        .only(*QUEUE_FIELDS)
    )


@dataclass
class MoneyRow:
    """A line of the money list, worded for the person."""

    txn: Transaction
    occurred_on: date
    description: str
    detail: str
    money_in: Decimal | None
    money_out: Decimal | None
    balance: Decimal
    by: str
    corrected_by: Transaction | None


def describe(txn: Transaction) -> str:
    """What a movement of money was, in a few words."""
    if txn.kind == Kind.SPEND:
        return f"Paid {txn.payee}" if txn.payee else "Payment"
    if txn.kind == Kind.REFUND:
        return f"Refund from {txn.payee}" if txn.payee else "Refund"
    if txn.kind == Kind.CORRECTION and txn.reverses is not None:
        original = txn.reverses
        return f"Correction of '{describe(original)}' on {long_date(original.occurred_on)}"
    return txn.get_kind_display()


def _detail(txn: Transaction) -> str:
    if txn.kind == Kind.CORRECTION:
        return f"What was wrong: {txn.note}"
    parts = [str(txn.support_line) if txn.support_line_id else ""]
    if txn.kind in {Kind.SPEND, Kind.REFUND} and not txn.support_line_id:
        parts[0] = "Not linked to support in the plan"
    parts.append(txn.note)
    return ". ".join(part for part in parts if part)


def in_and_out_of(entry: Entry) -> tuple[Decimal | None, Decimal | None]:
    """(money in, money out) for a row; a correction stands, as a minus, in the column of what
    it corrects, so a corrected payment out never looks like money coming in."""
    txn = entry.transaction
    if txn.kind == Kind.CORRECTION and txn.reverses is not None:
        corrected_out = txn.reverses.kind in MONEY_OUT
        return (None, entry.amount * -1) if corrected_out else (entry.amount, None)
    return (entry.amount if entry.amount > 0 else None, -entry.amount if entry.amount < 0 else None)


def money_row(entry: Entry, person) -> MoneyRow:
    txn = entry.transaction
    money_in, money_out = in_and_out_of(entry)
    return MoneyRow(
        txn=txn,
        occurred_on=txn.occurred_on,
        description=describe(txn),
        detail=_detail(txn),
        money_in=money_in,
        money_out=money_out,
        balance=pennies(entry.running),
        by=logged_by(txn, person),
        corrected_by=getattr(txn, "reversed_by", None),
    )
