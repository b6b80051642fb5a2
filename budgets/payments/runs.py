"""The council's payment runs: asking for one, confirming it, and paying it.

Who a run pays, for which days and how much, is budgets.payments.due: the preview shows it and
the run pays just that. A run pays each active direct payment for the days of the cycle that
fall inside its budget and have not been paid already, however they were paid (an earlier run, a
payment the finance team recorded, payments brought over from earlier records). The ledger
refuses any payment for a day already paid (budgets.ledger, PaidPeriod), so no interleaving of
runs can pay a day twice; runs of one council also take a lock on the council, one at a time.
How long a cycle is (4 weeks or a calendar month, from the council's settings) comes from
budgets.payments.cycles; a run keeps the days it covers (cycle_days) so a later change of cycle
never moves them. A run for a cycle that has already started is backdated: one finance officer
asks for it with a reason, a second confirms.

Paying thousands of direct payments takes longer than a web request may last, so confirming a
run only records it as being paid and queues a background task (budgets.tasks.pay_payment_run)
once that commits. The task checks everything again and pays the whole run in one database
transaction, or nothing: then the run is marked failed with the reason, and an officer can
confirm it again. A redelivered or second task pays nothing more: it takes the council's lock and
finds the run already paid.
"""

import logging
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from core.errors import DomainError
from core.formats import date_time, long_date, pounds
from people import access
from people.models import Organisation, User

from .. import ledger
from ..models import PaidPeriod, PaymentAdjustment, PaymentRun, Transaction
from ..monitoring import rows as monitoring_rows
from . import contributions
from .cycles import (
    cycle_for,
    cycle_starting,
    describe_days,
    overlapping_run,
    run_cycle,
    weeks_ahead_limit,
)
from .due import ZERO, DuePayment, days_cost, due_payments

logger = logging.getLogger(__name__)
Status = PaymentRun.Status
SOMETHING_WENT_WRONG = (
    "Nothing was paid. Something went wrong on our side while paying this run. Try again, and "
    "if it fails again, contact the service desk."
)


def cycle_end(authority: Organisation, cycle_start: date) -> date:
    return cycle_for(authority, cycle_start).end


def runs_for(authority: Organisation):
    """The council's payment runs, newest cycle first, with who asked for and ran them."""
    return PaymentRun.objects.filter(authority=authority).select_related("run_by", "requested_by")


def next_cycle_start(authority: Organisation) -> date | None:
    """The day after the last run cycle ends, or None before the first run."""
    last = runs_for(authority).first()
    return run_cycle(last).next_start if last else None


def is_backdated(cycle_start: date, on: date | None = None) -> bool:
    """A cycle that had started by the day (today): paying it needs a reason and a second
    officer."""
    return cycle_start < (on or timezone.localdate())


def needs_asking(run: PaymentRun | None, cycle_start: date) -> bool:
    """Paying this cycle now is backdated and nobody has asked for it with a reason yet (a run
    confirmed in time that failed is asked for again once its cycle has started)."""
    if not is_backdated(cycle_start):
        return False
    return run is None or (run.status == Status.FAILED and not run.requested_by_id)


def cycle_problem(authority: Organisation, cycle_start: date) -> str:
    """Why a run for this cycle cannot go ahead, or "" if it can."""
    if cycle_start > weeks_ahead_limit(timezone.localdate()):
        return "The cycle must start within the next 4 weeks: payments are made in advance."
    overlapping = overlapping_run(authority, cycle_for(authority, cycle_start))
    if overlapping:
        return (
            f"This overlaps the cycle that starts {long_date(overlapping.cycle_start)}, which "
            f"was already run, so people would be paid twice. Choose "
            f"{long_date(run_cycle(overlapping).next_start)} or later."
        )
    return ""


def _check_may_run(user: User, authority: Organisation) -> None:
    if not access.can_run_payments(user, authority):
        raise DomainError("Only the council's finance officers can run payments.")


def _locked_run(authority: Organisation, cycle_start: date) -> PaymentRun | None:
    """Take the council's payment-run lock, then find the cycle's run (if any)."""
    Organisation.objects.select_for_update().filter(pk=authority.pk).first()
    return (
        PaymentRun.objects.select_for_update()
        .filter(authority=authority, cycle_start=cycle_start)
        .first()
    )


@db_transaction.atomic
def backdated_run_request(
    *, authority: Organisation, cycle_start: date, user: User, reason: str
) -> PaymentRun:
    """Ask for a backdated run: nothing is paid until a second finance officer confirms it."""
    _check_may_run(user, authority)
    if not is_backdated(cycle_start):
        raise DomainError("This cycle has not started yet, so it can be paid straight away.")
    if not reason.strip():
        raise DomainError("Say why this cycle is being paid late", field="reason")
    existing = _locked_run(authority, cycle_start)
    if existing and not needs_asking(existing, cycle_start):
        return existing
    problem = cycle_problem(authority, cycle_start)
    if problem:
        raise DomainError(problem)
    run = existing or PaymentRun(
        authority=authority,
        cycle_start=cycle_start,
        cycle_days=cycle_starting(authority, cycle_start).days,
    )
    run.status, run.requested_by, run.backdated_reason = Status.WAITING, user, reason.strip()
    run.run_by, run.run_at, run.problem = None, None, ""
    run.save()
    return run


@db_transaction.atomic
def payment_run_confirm(
    *, authority: Organisation, cycle_start: date, user: User
) -> tuple[PaymentRun, bool]:
    """An officer confirms a run: every check is made now, the run is recorded as being paid,
    and the task that pays it is queued once this commits. (The run, whether it was queued: a
    run already paid or being paid is left as it is, and nothing more is queued.)"""
    run, confirmed = _confirm(authority, cycle_start, user)
    if confirmed:
        run_id = str(run.pk)
        db_transaction.on_commit(lambda: _enqueue(run_id))
    return run, confirmed


def _enqueue(run_id: str) -> None:
    from ..tasks import pay_payment_run

    pay_payment_run.delay(run_id)


# A run still being paid this long after it was confirmed lost its task (the queue was down, or
# the worker stopped before it could say so); 10,000 payments take under a minute.
STUCK_AFTER = timedelta(minutes=30)


def stuck_runs_queue_again(*, now=None) -> int:
    """Queue the task again for each run still being paid STUCK_AFTER its confirmation; how many.
    Safe even if the first task is still at work: a second one waits for the council's lock,
    then finds the run paid and pays nothing."""
    cutoff = (now or timezone.now()) - STUCK_AFTER
    stuck = PaymentRun.objects.filter(status=Status.PAYING, run_at__lt=cutoff)
    run_ids = [str(run_id) for run_id in stuck.values_list("pk", flat=True)]
    for run_id in run_ids:
        logger.warning("Payment run %s was still being paid: its task is queued again", run_id)
        _enqueue(run_id)
    return len(run_ids)


def payment_run_pay(*, run_id: str) -> PaymentRun | None:
    """The background task's work: pay a confirmed run, all or nothing, once. If it cannot be
    paid, nothing is, and the run is marked failed with the reason for the officer."""
    try:
        return _pay_confirmed(run_id)
    except DomainError as error:
        return _failed(run_id, f"Nothing was paid. {error.message}")
    except Exception:
        logger.exception("The payment run %s failed", run_id)
        return _failed(run_id, SOMETHING_WENT_WRONG)


@db_transaction.atomic
def payment_run(
    *, authority: Organisation, cycle_start: date, run_by: User
) -> tuple[PaymentRun, bool]:
    """Confirm and pay a cycle here and now, all or nothing; (the run, whether this paid it). A
    second run pays nothing more. For demo data and tests: an officer's confirmation goes
    through payment_run_confirm and is paid in the background."""
    run, _ = _confirm(authority, cycle_start, run_by)
    if run.is_paid:
        return run, False
    _pay_run(run)
    return run, True


def _confirm(authority: Organisation, cycle_start: date, user: User) -> tuple[PaymentRun, bool]:
    """Under the council's lock, after every check, the run is recorded as being paid, confirmed
    by the user now; (the run, whether it was confirmed now). A run already paid or being paid
    is left as it is."""
    _check_may_run(user, authority)
    run = _locked_run(authority, cycle_start)
    if run and run.status in (Status.PAID, Status.PAYING):
        return run, False
    _check_confirmation(authority, cycle_start, run, user, on=timezone.localdate())
    if run is None:
        days = cycle_starting(authority, cycle_start).days
        run = PaymentRun(authority=authority, cycle_start=cycle_start, cycle_days=days)
    run.status, run.run_by, run.run_at, run.problem = Status.PAYING, user, timezone.now(), ""
    run.save()
    return run, True


@db_transaction.atomic
def _pay_confirmed(run_id: str) -> PaymentRun | None:
    """Pay a run being paid, checked again as of the day it was confirmed (a task may run
    later than that); a run paid already, failed or unknown gets nothing more."""
    found = PaymentRun.objects.select_related("authority").filter(pk=run_id).first()
    if found is None:
        return None
    run = _locked_run(found.authority, found.cycle_start)
    if run.status != Status.PAYING:
        return run
    run.authority = found.authority
    confirmed_on = timezone.localdate(run.run_at)
    _check_confirmation(run.authority, run.cycle_start, run, run.run_by, on=confirmed_on)
    _pay_run(run)
    return run


def _failed(run_id: str, problem: str) -> PaymentRun | None:
    """Mark a run that could not be paid (its payments were all rolled back) with the reason."""
    PaymentRun.objects.filter(pk=run_id, status=Status.PAYING).update(
        status=Status.FAILED, problem=problem
    )
    return PaymentRun.objects.filter(pk=run_id).first()


def _check_confirmation(authority, cycle_start, run, user, *, on: date) -> None:
    """Everything that must hold for the user to confirm a run on the day: a finance officer
    of the council, a second officer for a backdated run, and a cycle that can be run."""
    _check_may_run(user, authority)
    _check_may_confirm(run, cycle_start, user, on)
    problem = cycle_problem(authority, cycle_start)
    if problem:
        raise DomainError(problem)


def _check_may_confirm(run: PaymentRun | None, cycle_start: date, user: User, on: date) -> None:
    if not is_backdated(cycle_start, on):
        return
    if run is None or not run.requested_by_id:
        raise DomainError(
            "This cycle has already started, so paying it is backdated: say why, and a second "
            "finance officer will confirm it."
        )
    if run.requested_by_id == user.pk:
        raise DomainError(
            "You asked for this backdated run, so another finance officer must confirm it."
        )


def _pay_run(run: PaymentRun) -> None:
    """Pay everything due for the run's days and mark it paid (the council's lock is held).
    The payments are posted together, a few hundred at a time, and the monitoring rows of
    everyone paid are written once, at the end."""
    with monitoring_rows.batched():
        payments = RunPayments(run)
        for due in due_payments(run.authority, run.cycle_start, run_cycle(run)):
            payments.add(due)
        payments.post()
        run.status = Status.PAID
        run.save()
        contributions.contributions_generate(authority=run.authority, cycle=run_cycle(run))


class RunPayments:
    """A run's payments, gathered one direct payment at a time, then posted together
    (ledger.post_payments_in). A reduction comes off the days' payments first; what it cannot
    take waits for the next run."""

    def __init__(self, run: PaymentRun):
        self.run = run
        self.postings: list[ledger.Posting] = []
        self.adjustments: list[PaymentAdjustment | None] = []  # what each posting applies
        self.reductions: list[PaymentAdjustment] = []
        self.left_over: list[PaymentAdjustment] = []

    def add(self, due: DuePayment) -> None:
        owed = -sum((a.amount for a in due.adjustments if a.amount < 0), ZERO)
        for start, end in due.periods:
            amount = days_cost(due.weekly, (end - start).days + 1)
            taken = min(owed, amount)
            owed -= taken
            self._days(due, (start, end), amount - taken, taken)
        for adjustment in due.adjustments:
            if adjustment.amount > 0:
                self._add(due, adjustment.amount, adjustment.reason, None, adjustment)
        self._reductions_taken(due, owed)

    def _days(self, due, days: tuple[date, date], amount: Decimal, taken: Decimal) -> None:
        note = f"Direct payment for {describe_days(*days)}"
        if taken:
            note += f", less {pounds(taken)} paid earlier at a higher weekly amount"
        if amount > 0:
            self._add(due, amount, note, days)
        else:
            ledger.cover_without_payment(
                part=due.part, covers=days, weekly_rate=due.weekly, source=PaidPeriod.Source.RUN
            )

    def _add(self, due, amount, note, covers, adjustment=None) -> None:
        run = self.run
        what = f"adjustment:{adjustment.pk}" if adjustment else covers[0].isoformat()
        self.postings.append(
            ledger.Posting(
                part=due.part,
                kind=Transaction.Kind.PAYMENT_IN,
                amount=amount,
                occurred_on=run.cycle_start,
                recorded_by=run.run_by,
                idempotency_key=f"run:{run.pk}:{due.part.pk}:{what}",
                payee=str(run.authority),
                note=note,
                covers=covers,
                covers_source=PaidPeriod.Source.RUN,
                weekly_rate=due.weekly,
            )
        )
        self.adjustments.append(adjustment)

    def _reductions_taken(self, due: DuePayment, left_over: Decimal) -> None:
        """Reductions were taken off this run's payments; what could not be taken waits."""
        reductions = [a for a in due.adjustments if a.amount < 0]
        for adjustment in reductions:
            adjustment.applied_on = self.run.cycle_start
        self.reductions += reductions
        if left_over > 0:
            first = reductions[0]
            self.left_over.append(
                PaymentAdjustment(
                    part=due.part,
                    amount=-left_over,
                    from_date=first.from_date,
                    to_date=first.to_date,
                    old_weekly=first.old_weekly,
                    new_weekly=first.new_weekly,
                    reason=f"The rest of: {first.reason}"[:200],
                    notice=first.notice,
                )
            )

    def post(self) -> None:
        """Post the payments, mark the adjustments applied, and count the run's payments (the
        direct payments paid anything) and total."""
        transactions = ledger.post_payments_in(self.postings)
        paid = {}
        applied = []
        for posting, txn, adjustment in zip(
            self.postings, transactions, self.adjustments, strict=True
        ):
            paid[posting.part.pk] = paid.get(posting.part.pk, ZERO) + txn.amount
            if adjustment:
                adjustment.applied_in, adjustment.applied_on = txn, self.run.cycle_start
                applied.append(adjustment)
        PaymentAdjustment.objects.bulk_update(applied, ["applied_in", "applied_on"])
        PaymentAdjustment.objects.bulk_update(self.reductions, ["applied_on"])
        PaymentAdjustment.objects.bulk_create(self.left_over)
        self.run.payments += len(paid)
        self.run.total += sum(paid.values(), ZERO)


def run_payments(run: PaymentRun):
    """The payments a run made, by the person's name."""
    return (
        Transaction.objects.filter(
            kind=Transaction.Kind.PAYMENT_IN, idempotency_key__startswith=f"run:{run.pk}:"
        )
        .select_related("budget__person")
        .order_by("budget__person__last_name", "budget__person__first_name", "recorded_at")
    )


def already_run_message(run: PaymentRun) -> str:
    return (
        f"The payments for this cycle were already run on {date_time(run.run_at)} "
        f"by {run.run_by}, so nothing new was paid."
    )


def paid_message(run: PaymentRun) -> str:
    paid = "1 direct payment was" if run.payments == 1 else f"{run.payments} direct payments were"
    return (
        f"{paid} paid, {pounds(run.total)} in all, for the cycle from {long_date(run.cycle_start)}."
    )


def already_paying_message(run: PaymentRun) -> str:
    return (
        f"{run.run_by} confirmed these payments on {date_time(run.run_at)} and they are being "
        "made now, so nothing more was queued."
    )
