"""Which payments paid which wages. Worked out afresh each time from what is logged, never
stored, so a payment logged by hand, confirmed from a bank statement, or corrected later
counts the moment it is there, and nothing can go stale.

The rule, as the employer reads it (RULE below): a payment pays a week's wages when it is to
the worker (the name looks like theirs, as the rule checks on payments read names), for the
same amount, and paid in the week or the 7 days after it. With a payroll provider the payment
is the take-home pay on their payslip, so a payment of that amount in the payslip's period
or the 7 days after it pays every week the payslip covers. A payment the employer chose
themselves for a week always counts for it. Each payment pays only once otherwise.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ..models import Transaction
from ..spending.rules import payee_matches
from .models import ExpectedWage, Payslip

DAYS_AFTER = 7
FINAL_PAY_DAYS = 31

RULE = [
    "it is paid to them: the name on the payment looks like theirs (for example "
    "'Jo Bloggs', 'J Bloggs' or 'BLOGGS J'),",
    "it is for the same amount as the week's pay, and",
    "it was paid during the week or in the 7 days after it.",
]
PAYSLIP_RULE = (
    "If a payroll provider works out tax for you, you pay the take-home pay on their payslip: "
    "a payment of that amount, paid in the payslip's period or the 7 days after it, pays every "
    "week the payslip covers."
)


@dataclass(frozen=True)
class Owed:
    id: object
    worker_id: object
    amount: Decimal
    first: date
    last: date
    chosen: object = None  # a payment the employer chose for it


@dataclass(frozen=True)
class Payment:
    id: object
    payee: str
    amount: Decimal
    occurred_on: date


@dataclass(frozen=True)
class PayslipTotal:
    worker_id: object
    take_home: Decimal
    period_start: date
    period_end: date


def match(
    owed: list[Owed], payments: list[Payment], names: dict, payslips: list[PayslipTotal] = ()
) -> dict:
    """{owed id: payment id} for every wage a payment pays, by the rule above."""
    by_id = {p.id: p for p in payments}
    paid = {o.id: o.chosen for o in owed if o.chosen in by_id}
    used = set(paid.values())
    ordered = sorted(payments, key=lambda p: (p.occurred_on, str(p.id)))
    for item in sorted(owed, key=lambda o: (o.first, str(o.id))):
        if item.id in paid:
            continue
        found = _first(ordered, used, names[item.worker_id], item.amount, item.first, item.last)
        if found is not None:
            paid[item.id] = found.id
            used.add(found.id)
    for slip in sorted(payslips, key=lambda s: (s.period_end, s.period_start)):
        covered = [
            o
            for o in owed
            if o.id not in paid
            and o.worker_id == slip.worker_id
            and slip.period_start <= o.first + timedelta(days=6) <= slip.period_end
        ]
        if not covered:
            continue
        last = slip.period_end + timedelta(days=DAYS_AFTER)
        name = names[slip.worker_id]
        found = _first(ordered, used, name, slip.take_home, slip.period_start, last)
        if found is not None:
            used.add(found.id)
            paid.update({o.id: found.id for o in covered})
    return paid


def _first(payments, used, name, amount, first, last):
    for payment in payments:
        if (
            payment.id not in used
            and payment.amount == amount
            and first <= payment.occurred_on <= last
            and payee_matches(payment.payee, name)
        ):
            return payment
    return None


def window(wage: ExpectedWage) -> tuple[date, date]:
    """The days a payment of this pay may be dated."""
    if wage.kind == ExpectedWage.Kind.FINAL_HOLIDAY:
        return wage.owed_from - timedelta(days=DAYS_AFTER), wage.owed_from + timedelta(
            days=FINAL_PAY_DAYS
        )
    monday = wage.timesheet.week_starts_on
    return monday, monday + timedelta(days=6 + DAYS_AFTER)


@dataclass(frozen=True)
class WageStatus:
    wage: ExpectedWage
    payment: Transaction | None

    @property
    def is_paid(self) -> bool:
        return self.payment is not None


def wages_with_payments(budget, on: date | None = None, wages=None) -> list[WageStatus]:
    """Every pay owed from the budget, oldest first, each with the payment that paid it (as
    logged by `on`, if given), or None."""
    if wages is None:
        wages = ExpectedWage.objects.filter(worker__budget=budget)
    wages = list(wages.select_related("worker", "timesheet", "paid_by"))
    if not wages:
        return []
    windows = {w.id: window(w) for w in wages}
    payments = Transaction.objects.filter(
        budget=budget,
        kind=Transaction.Kind.SPEND,
        reversed_by__isnull=True,
        occurred_on__gte=min(first for first, _ in windows.values()),
    )
    chosen = {w.paid_by_id for w in wages if w.paid_by_id}
    payments = payments.filter(occurred_on__lte=max(last for _, last in windows.values())) | (
        Transaction.objects.filter(id__in=chosen, reversed_by__isnull=True)
    )
    if on is not None:
        payments = payments.filter(occurred_on__lte=on)
    found = {t.id: t for t in payments}
    slips = Payslip.objects.filter(worker__budget=budget)
    paid = match(
        [Owed(w.id, w.worker_id, w.amount, *windows[w.id], chosen=w.paid_by_id) for w in wages],
        [Payment(t.id, t.payee, t.amount, t.occurred_on) for t in found.values()],
        {w.worker_id: w.worker.name for w in wages},
        [
            PayslipTotal(s.worker_id, s.take_home, s.period_start, s.period_end)
            for s in slips
            if s.worker_id in {w.worker_id for w in wages}
        ],
    )
    return [WageStatus(w, found.get(paid.get(w.id))) for w in wages]
