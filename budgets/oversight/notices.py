"""Written notices: money is taken back, or a direct payment suspended or ended, only after the
person (and their representative) has been told in writing what, how much, why and from when,
and has had the council's notice period (at least 14 days: people.council_settings) to agree,
explain, or disagree with evidence.

Only once that period has ended (noticed each day by a scheduled job) or the person agreed can a
finance officer confirm the notice, at the amount given or less, answering what the person said.
Only then is the repayment posted through budgets.ledger (a RECOVERY keyed by the notice, so a
confirmation sent twice posts once) or taken off the next payment, or the payments stop.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from core.db import create_unique
from core.errors import DomainError
from core.formats import long_date, pounds
from core.text import plain_text
from people import access
from people.council_settings.services import council_settings_in_force
from people.models import User

from .. import ledger
from ..models import (
    Audit,
    Liability,
    Notice,
    NoticeResponse,
    PaymentAdjustment,
    PersonalBudget,
    Transaction,
)
from ..monitoring import rows as monitoring_rows
from ..spending.receipts import CheckedFile, remove_written
from .evidence import evidence_store
from .letters import notice_decided_tell, notice_given_tell
from .surplus import dp_part, surplus_for

ONE_DAY = timedelta(days=1)
Kind, Status, Method = Notice.Kind, Notice.Status, Notice.Method


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _check_officer(user: User, budget: PersonalBudget) -> None:
    if not access.can_monitor_budget(user, budget.person):
        raise DomainError("Only the council's finance officers can do this.")


def notice_days(budget: PersonalBudget, today: date) -> int:
    """The council's notice period on the day, never under 14 days."""
    settings = council_settings_in_force(budget.person.local_authority, today)
    return max(settings.repayment_notice_days, 14)


def earliest_effect(budget: PersonalBudget, today: date | None = None) -> date:
    """The first day anything in a notice given today can happen: after the time to reply."""
    today = _today(today)
    return today + timedelta(days=notice_days(budget, today)) + ONE_DAY


def repayment_limit(budget: PersonalBudget, audit: Audit | None = None) -> Decimal:
    """The most a repayment notice can ask for: the fair surplus; once the direct payment is
    ending, everything not owed or set aside; for an audit, what it found (its closing amount)."""
    if audit is not None:
        return audit.closing if audit.closing is not None else Decimal("0.00")
    surplus = surplus_for(budget)
    if surplus is None:
        return Decimal("0.00")
    if budget.notices.filter(kind=Kind.ENDING, status=Status.CONFIRMED).exists():
        return max(surplus.free, Decimal("0.00"))
    return surplus.amount


@dataclass(frozen=True)
class Repayment:
    amount: Decimal
    reason: str
    working: str
    method: str
    takes_effect_on: date


def _check_dates(budget: PersonalBudget, takes_effect_on: date, today: date) -> int:
    days = notice_days(budget, today)
    respond_by = today + timedelta(days=days)
    if takes_effect_on <= respond_by:
        raise DomainError(
            f"Choose a date after {long_date(respond_by)}: the person has {days} days to reply "
            "first, and nothing can happen before then",
            field="takes_effect_on",
        )
    if takes_effect_on > today + timedelta(days=366):
        raise DomainError("Choose a date within a year", field="takes_effect_on")
    return days


def _replayed(submission_key: str) -> Notice | None:
    return Notice.objects.filter(submission_key=submission_key).first()


def _create(**fields) -> Notice:
    try:
        with db_transaction.atomic():
            notice = Notice.objects.create(**fields)
        monitoring_rows.budgets_changed([notice.budget_id])
        return notice
    except IntegrityError as error:
        raise DomainError(
            "There is already a notice of this kind waiting for this direct payment: confirm "
            "or withdraw it first."
        ) from error


@db_transaction.atomic
def repayment_propose(
    *,
    budget: PersonalBudget,
    officer: User,
    repayment: Repayment,
    submission_key: str,
    audit: Audit | None = None,
    today: date | None = None,
) -> Notice:
    """Give written notice of a repayment the council proposes: nothing is taken yet."""
    today = _today(today)
    _check_officer(officer, budget)
    if replayed := _replayed(submission_key):
        return replayed
    part = dp_part(budget)
    if part is None:
        raise DomainError("There is no direct payment account to take money back from.")
    if not repayment.reason.strip():
        raise DomainError("Say why the council wants the money back", field="reason")
    if not repayment.working.strip():
        raise DomainError("Say how the amount was worked out", field="working")
    if repayment.method not in Method.values:
        raise DomainError("Choose how the money would be taken back", field="method")
    limit = repayment_limit(budget, audit)
    if repayment.amount <= 0 or repayment.amount > limit:
        raise DomainError(
            f"Enter an amount from £0.01 to {pounds(limit)}: "
            + (
                "what the audit found"
                if audit
                else "the surplus after what is owed and set aside, over the council's limit"
            ),
            field="amount",
        )
    days = _check_dates(budget, repayment.takes_effect_on, today)
    notice = _create(
        budget=budget,
        part=part,
        kind=Kind.REPAYMENT,
        reason=plain_text(repayment.reason.strip()),
        working=plain_text(repayment.working.strip()),
        amount=repayment.amount,
        method=repayment.method,
        takes_effect_on=repayment.takes_effect_on,
        notice_days=days,
        given_on=today,
        respond_by=today + timedelta(days=days),
        given_by=officer,
        submission_key=submission_key,
        audit=audit,
    )
    notice_given_tell(notice)
    return notice


@db_transaction.atomic
def stop_give_notice(
    *,
    budget: PersonalBudget,
    officer: User,
    kind: str,
    reason: str,
    takes_effect_on: date,
    submission_key: str,
    today: date | None = None,
) -> Notice:
    """Give written notice that the direct payment will be suspended or end, and why."""
    today = _today(today)
    _check_officer(officer, budget)
    if replayed := _replayed(submission_key):
        return replayed
    if kind not in (Kind.SUSPENSION, Kind.ENDING):
        raise DomainError("Choose whether to suspend or end the direct payment", field="kind")
    part = dp_part(budget)
    if part is None:
        raise DomainError("There is no direct payment to suspend or end.")
    if not reason.strip():
        raise DomainError("Say why: the person will read this", field="reason")
    days = _check_dates(budget, takes_effect_on, today)
    notice = _create(
        budget=budget,
        part=part,
        kind=kind,
        reason=plain_text(reason.strip()),
        takes_effect_on=takes_effect_on,
        notice_days=days,
        given_on=today,
        respond_by=today + timedelta(days=days),
        given_by=officer,
        submission_key=submission_key,
    )
    notice_given_tell(notice)
    return notice


def _locked(notice: Notice) -> Notice:
    """The notice, locked: only its own row (locking the budget and part rows it joins would
    make a payment into or out of the account wait, and deadlock with the ledger's locks)."""
    return (
        Notice.objects.select_for_update(of=("self",))
        .select_related("budget__person__local_authority", "part")
        .get(pk=notice.pk)
    )


def notice_respond(
    *,
    notice: Notice,
    user: User,
    kind: str,
    text: str,
    submission_key: str,
    accepted_amount: Decimal | None = None,
    evidence: list[CheckedFile] = (),
    today: date | None = None,
) -> NoticeResponse:
    """The person or their representative agrees, explains, or disagrees (with evidence). The
    latest reply stands; agreeing lets the council confirm before the period ends."""
    written: list = []
    try:
        with db_transaction.atomic():
            return _respond(
                notice, user, kind, text, submission_key, accepted_amount, evidence, written, today
            )
    except BaseException:
        remove_written(written)
        raise


def _check_reply(notice: Notice, kind: str, text: str, accepted_amount) -> None:
    if not notice.is_waiting:
        raise DomainError("The council has already decided about this notice.")
    if kind not in NoticeResponse.Kind.values:
        raise DomainError("Choose whether you agree, want to explain, or disagree", field="kind")
    if kind != NoticeResponse.Kind.AGREE and not text.strip():
        raise DomainError("Say what you want the council to know", field="text")
    if accepted_amount is None:
        return
    if kind != NoticeResponse.Kind.DISPUTE or not notice.is_repayment:
        raise DomainError(
            "Leave the amount empty, or choose 'I disagree' to say how much you accept",
            field="accepted_amount",
        )
    if not Decimal(0) <= accepted_amount < notice.amount:
        raise DomainError(
            f"Enter an amount from £0.00 to less than {pounds(notice.amount)}, or leave it empty",
            field="accepted_amount",
        )


def _respond(notice, user, kind, text, key, accepted_amount, evidence, written, today):
    notice = _locked(notice)
    person = notice.budget.person
    if not access.can_log_spending(user, person):
        raise DomainError("Only the person or their representative can reply.")
    if replayed := NoticeResponse.objects.filter(submission_key=key).first():
        return replayed
    _check_reply(notice, kind, text, accepted_amount)
    response = create_unique(
        NoticeResponse,
        message="This reply was sent twice: it has been sent once.",
        notice=notice,
        kind=kind,
        text=plain_text(text.strip()),
        accepted_amount=accepted_amount,
        by=user,
        acting_for=person if access.is_representative_for(user, person) else None,
        submission_key=key,
    )
    for checked in evidence:
        evidence_store(
            budget=notice.budget, checked=checked, user=user, written=written, response=response
        )
    agreed = kind == NoticeResponse.Kind.AGREE
    notice.agreed_at = timezone.now() if agreed else None
    period_over = _today(today) > notice.respond_by
    notice.status = Status.READY if agreed or period_over else Status.OPEN
    notice.save()
    monitoring_rows.budgets_changed([notice.budget_id])
    return response


def notice_periods_end(today: date | None = None) -> int:
    """The scheduled job: notices whose time to reply has ended are ready for the council to
    decide (safe to run twice); how many changed."""
    today = _today(today)
    ended = Notice.objects.filter(status=Status.OPEN, respond_by__lt=today)
    with db_transaction.atomic():
        budget_ids = set(ended.values_list("budget_id", flat=True))
        changed = ended.update(status=Status.READY, period_ended_on=today)
        monitoring_rows.budgets_changed(budget_ids)
    return changed


def confirm_problem(notice: Notice, today: date) -> str:
    """Why the notice cannot be confirmed today, or "" if it can."""
    if notice.status == Status.CONFIRMED:
        return ""
    if not notice.is_waiting:
        return "This notice was withdrawn or has ended, so it cannot be confirmed."
    if notice.agreed_at:
        return ""
    if today <= notice.respond_by:
        return (
            f"The person has until {long_date(notice.respond_by)} to reply, so nothing can be "
            "confirmed before then unless they agree."
        )
    if notice.is_repayment and today < notice.takes_effect_on:
        return (
            f"The notice says the money would be taken on {long_date(notice.takes_effect_on)}: "
            "confirm it from then, unless the person agrees sooner."
        )
    return ""


def latest_response(notice: Notice) -> NoticeResponse | None:
    return notice.responses.order_by("-created_at").first()


@db_transaction.atomic
def notice_confirm(
    *,
    notice: Notice,
    officer: User,
    amount: Decimal | None = None,
    note: str = "",
    today: date | None = None,
) -> Notice:
    """Confirm a notice once its period has ended or the person agreed: a repayment (the amount
    given, or less) is posted, or taken off the next payment; a suspension or ending stands.
    Confirmed twice, it does everything once."""
    today = _today(today)
    notice = _locked(notice)
    _check_officer(officer, notice.budget)
    if notice.status == Status.CONFIRMED:
        return notice
    if problem := confirm_problem(notice, today):
        raise DomainError(problem)
    answered = latest_response(notice)
    if answered and answered.kind != NoticeResponse.Kind.AGREE and not note.strip():
        raise DomainError(
            "Say what the council made of the person's reply: they will read this", field="note"
        )
    amount = notice.amount if amount is None else amount
    if notice.is_repayment:
        _check_confirmed_amount(notice, amount, note)
    notice.status = Status.CONFIRMED
    notice.decided_amount = amount if notice.is_repayment else None
    notice.decided_note = plain_text(note.strip())
    notice.decided_by, notice.decided_on = officer, today
    notice.save()
    monitoring_rows.budgets_changed([notice.budget_id])
    if notice.is_repayment:
        _take_back(notice, officer, today)
    notice_decided_tell(notice, decision_words(notice))
    return notice


def _check_confirmed_amount(notice: Notice, amount: Decimal, note: str) -> None:
    if amount is None or amount <= 0 or amount > notice.amount:
        raise DomainError(
            f"Enter an amount from £0.01 to {pounds(notice.amount)}: more than the notice said "
            "needs a new notice. To take nothing, withdraw the notice.",
            field="amount",
        )
    if amount < notice.amount and not note.strip():
        raise DomainError("Say why the amount is less than the notice said", field="note")


def _take_back(notice: Notice, officer: User, today: date) -> None:
    """The repayment itself: a RECOVERY keyed by the notice, or a reduction of the next payment
    the payment run makes (budgets.payments.runs)."""
    council = notice.budget.person.local_authority
    words = f"Repayment under the written notice of {long_date(notice.given_on)}"
    if notice.method == Method.TAKE:
        ledger.post(
            ledger.Posting(
                part=notice.part,
                kind=Transaction.Kind.RECOVERY,
                amount=notice.decided_amount,
                occurred_on=today,
                recorded_by=officer,
                idempotency_key=f"notice:{notice.id}:recovery",
                payee=str(council),
                note=words,
                notice=notice,
            )
        )
        return
    PaymentAdjustment.objects.create(
        part=notice.part,
        amount=-notice.decided_amount,
        from_date=notice.takes_effect_on,
        to_date=notice.takes_effect_on,
        old_weekly=notice.part.weekly_amount,
        new_weekly=notice.part.weekly_amount,
        reason=f"{words}: {pounds(notice.decided_amount)} taken off this payment"[:200],
        notice=notice,
    )


def decision_words(notice: Notice) -> str:
    """What the council decided, in one plain sentence."""
    if notice.status == Status.WITHDRAWN:
        return "The council has withdrawn the notice: nothing will be taken or stopped."
    if notice.status == Status.CLOSED:
        return f"The direct payment account was closed on {long_date(notice.closed_on)}."
    if notice.kind == Kind.SUSPENSION and notice.lifted_on:
        return f"The suspension was lifted on {long_date(notice.lifted_on)}: payments start again."
    if notice.is_repayment:
        how = (
            "has been taken from the account"
            if notice.method == Method.TAKE
            else "will be taken off the next payment into the account"
        )
        less = (
            f" (the notice said {pounds(notice.amount)})"
            if notice.decided_amount < notice.amount
            else ""
        )
        return f"{pounds(notice.decided_amount)}{less} {how}."
    what = "suspended" if notice.kind == Kind.SUSPENSION else "ended"
    return f"The direct payment is {what} from {long_date(notice.takes_effect_on)}."


@db_transaction.atomic
def notice_withdraw(*, notice: Notice, officer: User, reason: str) -> Notice:
    """Withdraw a notice still waiting: nothing is taken or stopped."""
    notice = _locked(notice)
    _check_officer(officer, notice.budget)
    if not notice.is_waiting:
        raise DomainError("Only a notice still waiting can be withdrawn.")
    if not reason.strip():
        raise DomainError("Say why it is withdrawn: the person will read this", field="reason")
    notice.status = Status.WITHDRAWN
    notice.withdrawn_reason = plain_text(reason.strip())
    notice.decided_by, notice.decided_on = officer, timezone.localdate()
    notice.save()
    monitoring_rows.budgets_changed([notice.budget_id])
    notice_decided_tell(notice, decision_words(notice))
    return notice


@db_transaction.atomic
def suspension_lift(*, notice: Notice, officer: User, today: date | None = None) -> Notice:
    """Payments start again after a suspension."""
    today = _today(today)
    notice = _locked(notice)
    _check_officer(officer, notice.budget)
    if notice.kind != Kind.SUSPENSION or notice.status != Status.CONFIRMED or notice.lifted_on:
        raise DomainError("Only a suspension in force can be lifted.")
    notice.lifted_on = today
    notice.save()
    monitoring_rows.budgets_changed([notice.budget_id])
    notice_decided_tell(notice, decision_words(notice))
    return notice


def still_to_pay(budget: PersonalBudget) -> list[Liability]:
    """Wages, holiday pay, tax, pension and invoices still owed from the account."""
    return [item for item in budget.liabilities.counted() if item.is_owed]


@db_transaction.atomic
def account_close(*, notice: Notice, officer: User, today: date | None = None) -> Notice:
    """Close the account of a direct payment that has ended, once everything owed from it is
    paid and nothing is left in it (what is left comes back under a repayment notice)."""
    today = _today(today)
    notice = _locked(notice)
    _check_officer(officer, notice.budget)
    if notice.kind != Kind.ENDING or notice.status != Status.CONFIRMED:
        raise DomainError("Only an ending that has been confirmed can close the account.")
    if today < notice.takes_effect_on:
        raise DomainError(f"The direct payment ends on {long_date(notice.takes_effect_on)}.")
    owed = still_to_pay(notice.budget)
    if owed:
        total = pounds(sum(item.amount for item in owed))
        raise DomainError(
            f"{total} is still owed from the account (wages, tax or invoices): it must be paid, "
            "and marked paid, before the account closes."
        )
    held = ledger.held_balance(part=notice.part)
    if held != 0:
        raise DomainError(
            f"The account still holds {pounds(held)}: give a repayment notice for it, and close "
            "the account once it has come back."
        )
    notice.status, notice.closed_on = Status.CLOSED, today
    notice.save()
    monitoring_rows.budgets_changed([notice.budget_id])
    notice_decided_tell(notice, decision_words(notice))
    return notice
