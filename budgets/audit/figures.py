"""The figures of an audit statement, read from the ledger: opening balance, every movement of
money in the period with its evidence, closing balance, and totals by support line and outcome
against the plan. opening + money in - money out = closing, to the penny, always."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum

from core.money import round_pennies

from ..models import Account, Entry, PersonalBudget, Transaction
from ..presenters import describe, in_and_out_of, logged_by, pennies

ZERO = Decimal("0.00")
Kind = Transaction.Kind


@dataclass
class Line:
    day: date
    what: str
    detail: str
    money_in: Decimal | None
    money_out: Decimal | None
    balance: Decimal
    evidence: str
    recorded: str

    @property
    def description(self) -> str:
        """What it was, its support line or note, and who recorded it, as one run of short
        sentences: one text on one line of the PDF's table (the CSV keeps them apart)."""
        parts = [part.strip() for part in (self.what, self.detail, self.recorded) if part.strip()]
        return " ".join(part if part[-1] in ".!?" else f"{part}." for part in parts)


@dataclass
class Total:
    label: str
    planned: Decimal
    spent: Decimal

    @property
    def difference(self) -> Decimal:
        return self.planned - self.spent


@dataclass
class Figures:
    budget: PersonalBudget
    start: date
    end: date
    opening: Decimal
    lines: list[Line] = field(default_factory=list)
    by_support: list[Total] = field(default_factory=list)
    by_outcome: list[Total] = field(default_factory=list)

    @property
    def money_in(self) -> Decimal:
        return sum((line.money_in or ZERO for line in self.lines), ZERO)

    @property
    def money_out(self) -> Decimal:
        return sum((line.money_out or ZERO for line in self.lines), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.money_in - self.money_out

    @property
    def evidence_missing(self) -> int:
        return sum(1 for line in self.lines if line.evidence == "No receipt")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _held(budget: PersonalBudget):
    return Entry.objects.filter(account__budget=budget, account__kind=Account.Kind.HELD)


def opening_balance(budget: PersonalBudget, start: date) -> Decimal:
    total = _held(budget).filter(transaction__occurred_on__lt=start).aggregate(t=Sum("amount"))
    return pennies(total["t"])


def _evidence(txn: Transaction, receipts: int) -> str:
    if txn.kind != Kind.SPEND:
        return ""
    return "Receipt held" if receipts else "No receipt"


def _detail(txn: Transaction) -> str:
    parts = []
    if txn.support_line_id:
        parts.append(f"For: {txn.support_line.description}")
    elif txn.kind == Kind.SPEND:
        parts.append("Not linked to support in the plan")
    if txn.note:
        parts.append(txn.note)
    return ". ".join(parts)


def statement_figures(budget: PersonalBudget, start: date, end: date) -> Figures:
    """Everything an audit statement shows for the budget from start to end (inclusive)."""
    figures = Figures(budget, start, end, opening_balance(budget, start))
    entries = (
        _held(budget)
        .filter(transaction__occurred_on__range=(start, end))
        .select_related(
            "transaction__recorded_by",
            "transaction__acting_for",
            "transaction__support_line",
            "transaction__reverses",
        )
        .annotate(receipts=Count("transaction__receipts"))
        .order_by("transaction__occurred_on", "transaction__recorded_at", "id")
    )
    balance = figures.opening
    for entry in entries:
        txn = entry.transaction
        money_in, money_out = in_and_out_of(entry)
        balance = round_pennies(balance + entry.amount)
        figures.lines.append(
            Line(
                txn.occurred_on,
                describe(txn),
                _detail(txn),
                money_in,
                money_out,
                balance,
                _evidence(txn, entry.receipts),
                logged_by(txn, budget.person),
            )
        )
    figures.by_support, figures.by_outcome = _against_plan(budget, start, end)
    return figures


def _against_plan(budget, start, end) -> tuple[list[Total], list[Total]]:
    from support_plans.costing import cost_of
    from support_plans.lines import spent_on_plan_lines

    from ..presenters import spent_by_line

    lines = list(budget.plan.support_lines.prefetch_related("outcomes"))
    spent = spent_on_plan_lines(budget.plan, spent_by_line(budget, start, end), lines)
    days = (end - start).days + 1
    by_line, by_outcome = [], {}
    for line in lines:
        cost = cost_of(line)
        planned = cost.one_off or round_pennies(cost.weekly * days / 7)
        total = Total(line.description, planned, spent.get(line.id, ZERO))
        by_line.append(total)
        for outcome in line.outcomes.all():
            row = by_outcome.setdefault(outcome.pk, Total(outcome.in_my_words, ZERO, ZERO))
            row.planned += total.planned
            row.spent += total.spent
    if spent.get(None):
        by_line.append(Total("Not linked to support in the plan", ZERO, spent[None]))
    if spent.get("earlier"):
        by_line.append(Total("Support in an earlier version of the plan", ZERO, spent["earlier"]))
    return by_line, list(by_outcome.values())
