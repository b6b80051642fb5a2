"""The surplus in a direct payment account, worked out the way a fair council does it.

Money held, less what is already owed from it (unpaid wages and invoices, holiday pay built up,
employer's tax and pension due), less money set aside in it (an agreed contingency, savings for
respite or a one-off purchase in the plan), less the person's own money (contributions paid in
beyond what was due, which go back to them, never to the council); what is left over the
council's threshold (its weeks × the gross or net weekly payment, people.council_settings) is
the surplus. The council's contingency (weeks of the same weekly payment every account may keep
for emergencies) is set aside too. Below the threshold there is none.

`work_out` is pure arithmetic on Decimals (tested with generated cases); `surplus_for` reads the
ledger, the plan, the liabilities recorded and the council's settings for one budget, and the
monitoring list reads the same figures in SQL and calls `work_out` on them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from core.formats import long_date, pounds
from core.money import round_pennies
from people.council_settings.services import council_settings_in_force

from ..employment.liabilities import employment_liabilities
from ..models import Account, BudgetPart, Entry, ExpectedContribution, Liability, PersonalBudget

ZERO = Decimal("0.00")
GROSS, NET = "gross", "net"


@dataclass(frozen=True)
class Deduction:
    """Something the surplus leaves out: what it is, how much, and who said so."""

    label: str
    amount: Decimal
    detail: str = ""


@dataclass(frozen=True)
class Surplus:
    """Every figure of the working, so that each can be shown and explained."""

    on: date
    held: Decimal
    owed: tuple[Deduction, ...]
    set_aside: tuple[Deduction, ...]
    contributions_paid: Decimal
    contributions_due: Decimal
    weekly: Decimal
    weeks: int
    basis: str

    @property
    def owed_total(self) -> Decimal:
        return sum((item.amount for item in self.owed), ZERO)

    @property
    def set_aside_total(self) -> Decimal:
        return sum((item.amount for item in self.set_aside), ZERO)

    @property
    def own_money(self) -> Decimal:
        """Contributions paid in beyond what was due: the person's, paid back to them."""
        return max(self.contributions_paid - self.contributions_due, ZERO)

    @property
    def free(self) -> Decimal:
        """What is held once everything owed, set aside or the person's own is left out."""
        return self.held - self.owed_total - self.set_aside_total - self.own_money

    @property
    def threshold(self) -> Decimal:
        """What the council lets the account keep: its weeks of the weekly payment."""
        return round_pennies(self.weekly * self.weeks)

    @property
    def amount(self) -> Decimal:
        """The surplus: what is free above the threshold; never below £0."""
        return max(round_pennies(self.free - self.threshold), ZERO)

    @property
    def retained(self) -> Decimal:
        """What stays in the account if the whole surplus went back."""
        return self.held - self.amount

    @property
    def under_by(self) -> Decimal:
        """How far below the threshold the free money is (£0 when over it)."""
        return max(self.threshold - max(self.free, ZERO), ZERO)

    @property
    def basis_words(self) -> str:
        if self.basis == GROSS:
            return "the whole weekly budget paid into the account (gross)"
        return "what the council pays into the account each week (net)"

    def working_words(self) -> str:
        """The working in one line, for a notice or an audit summary."""
        less = [
            (self.owed_total, "owed"),
            (self.set_aside_total, "set aside"),
            (self.own_money, "the person's own overpaid contributions"),
        ]
        parts = [f"{pounds(amount)} {what}" for amount, what in less if amount]
        return (
            f"{pounds(self.held)} held"
            + (f", less {', '.join(parts)}, leaves {pounds(self.free)}" if parts else "")
            + f"; the limit is {self.weeks} weeks of {pounds(self.weekly)} ({self.basis}) = "
            f"{pounds(self.threshold)}; surplus {pounds(self.amount)}."
        )

    def summary(self, *, you: bool = True, name: str = "") -> str:
        """The answer in one or two plain sentences."""
        holder = "you" if you else name
        if self.amount > 0:
            return (
                f"{pounds(self.amount)} more than the council's limit of {pounds(self.threshold)} "
                f"is held. The council may ask for it back, but only after writing to "
                f"{holder} with the amount, the reason and the date, and giving {holder} time "
                "to reply."
            )
        if self.free <= 0:
            return (
                "There is no surplus: what is owed and set aside is as much as, or more than, "
                "the money held."
            )
        return (
            f"There is no surplus: after what is owed and set aside, {pounds(self.free)} is "
            f"held, {pounds(self.under_by)} under the council's limit of "
            f"{pounds(self.threshold)}."
        )


def work_out(
    *,
    held: Decimal,
    owed=(),
    set_aside=(),
    contributions_paid: Decimal = ZERO,
    contributions_due: Decimal = ZERO,
    weekly: Decimal,
    weeks: int,
    basis: str = GROSS,
    on: date,
) -> Surplus:
    """The surplus from plain figures: no database, so every case can be generated and checked."""
    return Surplus(
        on=on,
        held=held,
        owed=tuple(owed),
        set_aside=tuple(set_aside),
        contributions_paid=max(contributions_paid, ZERO),
        contributions_due=max(contributions_due, ZERO),
        weekly=weekly,
        weeks=weeks,
        basis=basis,
    )


def dp_part(budget: PersonalBudget) -> BudgetPart | None:
    """The budget's direct payment, or None."""
    return next(
        (
            part
            for part in budget.parts.all()
            if part.kind == BudgetPart.Kind.DIRECT_PAYMENT and part.provider_id is None
        ),
        None,
    )


def weekly_counted(budget: PersonalBudget, part: BudgetPart, basis: str) -> Decimal:
    """The weekly amount the threshold counts: the direct payment's whole weekly amount
    (gross), or what the council pays into it after the person's contribution (net)."""
    if basis == GROSS:
        return part.weekly_amount
    return max(part.weekly_amount - min(budget.weekly_contribution, part.weekly_amount), ZERO)


def contingency(weekly: Decimal, settings) -> list[Deduction]:
    """The emergency money the council lets every account keep (its contingency weeks of the
    weekly amount counted), as a set-aside; none when the council allows none."""
    weeks = settings.contingency_weeks
    if not weeks or weekly <= 0:
        return []
    return [
        Deduction(
            "Money for emergencies the council lets every account keep",
            round_pennies(weekly * weeks),
            f"{weeks} week{'s' if weeks != 1 else ''} of {pounds(weekly)}, the council's "
            "contingency",
        )
    ]


def deduction_for(liability: Liability) -> Deduction:
    who = liability.entered_by.display_name
    detail = f"Recorded by {who} on {long_date(liability.created_at)}"
    if liability.due_on:
        when = "due" if liability.is_owed else "for"
        detail += f"; {when} {long_date(liability.due_on)}"
    return Deduction(
        f"{liability.get_kind_display()}: {liability.description}", liability.amount, detail
    )


def employment_owed(budget: PersonalBudget, on: date) -> list[Deduction]:
    """What the person owes the personal assistants they employ (approved wages not yet paid,
    holiday pay built up, a leaver's final holiday pay), from their employer's records."""
    return [
        Deduction(item.label, item.amount, item.reason)
        for item in employment_liabilities(budget, on)
    ]


def _pennies(total) -> Decimal:
    return round_pennies(Decimal(str(total))) if total is not None else ZERO


def contributions_figures(budget: PersonalBudget, part: BudgetPart, on: date):
    """(contributions paid into the account by the day, net of corrections and of any paid
    back; contributions due by the day)."""
    paid = -_pennies(
        Entry.objects.filter(
            account__part=part,
            account__kind=Account.Kind.CONTRIBUTIONS,
            transaction__occurred_on__lte=on,
        ).aggregate(total=Sum("amount"))["total"]
    )
    due = _pennies(
        ExpectedContribution.objects.filter(
            budget=budget, invoiced=False, due_on__lte=on
        ).aggregate(total=Sum("amount"))["total"]
    )
    return paid, due


def surplus_for(
    budget: PersonalBudget, on: date | None = None, *, held: Decimal | None = None
) -> Surplus | None:
    """The fair surplus of the budget's direct payment on the day (for an audit: at the end of
    its period, from the closing balance `held`); None without a direct payment."""
    from .. import ledger

    on = on or timezone.localdate()
    part = dp_part(budget)
    if part is None:
        return None
    settings = council_settings_in_force(budget.person.local_authority, on)
    counted = list(budget.liabilities.counted().select_related("entered_by"))
    owed = [deduction_for(item) for item in counted if item.is_owed] + employment_owed(budget, on)
    weekly = weekly_counted(budget, part, settings.surplus_basis)
    set_aside = [deduction_for(item) for item in counted if not item.is_owed]
    paid, due = contributions_figures(budget, part, on)
    return work_out(
        held=ledger.held_balance(part=part) if held is None else held,
        owed=owed,
        set_aside=set_aside + contingency(weekly, settings),
        contributions_paid=paid,
        contributions_due=due,
        weekly=weekly,
        weeks=settings.surplus_weeks,
        basis=settings.surplus_basis,
        on=on,
    )
