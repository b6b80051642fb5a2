"""Writes for spending from a direct payment: log payments and refunds, correct mistakes, explain
and resolve the questions the rule checks raise.

Every posting goes through the ledger, keyed by the form's submission key, so a form sent twice
creates nothing new. A representative's entries are recorded as theirs, acting for the person.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction as db_transaction
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date
from people import access
from people.models import Person, User

from .. import ledger
from ..models import BudgetPart, RuleFlag, Transaction
from . import receipts, rules

Kind = Transaction.Kind
LOGGABLE = {Kind.SPEND, Kind.REFUND}


@dataclass(frozen=True)
class Logged:
    """One entry of a submission: its transaction, whether it is new, and its questions."""

    txn: Transaction
    created: bool
    flags: list


def _acting_for(user: User, person: Person, acting_for: Person | None) -> Person | None:
    """Who a posting is for: the person when a representative logs it, nobody when they do."""
    if acting_for is not None and acting_for.pk != person.pk:
        raise DomainError("You are using someone else's record. Switch person and try again.")
    return None if person.user_id == user.pk else person


def _check_entry(part: BudgetPart, entry: dict, n: int) -> None:
    line = entry.get("support_line")
    if line is not None and line.plan_id != part.budget.plan_id:
        raise DomainError(f"Payment {n + 1}: choose support from the current plan.")
    occurred_on = entry["occurred_on"]
    if occurred_on > timezone.localdate():
        raise DomainError(f"Payment {n + 1}: the date must be today or in the past.")
    if occurred_on < part.budget.starts_on:
        raise DomainError(
            f"Payment {n + 1}: the date must be on or after "
            f"{long_date(part.budget.starts_on)}, when the budget started."
        )


def _check_may_log(part: BudgetPart, user: User, entries: list) -> None:
    if not access.can_log_spending(user, part.budget.person):
        raise DomainError("Only the person or their representative can log payments.")
    if part.kind != BudgetPart.Kind.DIRECT_PAYMENT:
        raise DomainError("Payments are logged here only for a direct payment.")
    if not entries:
        raise DomainError("Enter at least one payment.")
    for n, entry in enumerate(entries):
        _check_entry(part, entry, n)


def _post_entry(part, user, acting_for, entry: dict, key: str, written: list) -> Logged:
    kind = entry.get("kind", Kind.SPEND)
    if kind not in LOGGABLE:
        raise DomainError("Only payments and refunds can be logged here.")
    txn, created = ledger.post(
        ledger.Posting(
            part=part,
            kind=kind,
            amount=entry["amount"],
            occurred_on=entry["occurred_on"],
            recorded_by=user,
            idempotency_key=key,
            acting_for=acting_for,
            payee=entry["payee"].strip(),
            support_line=entry.get("support_line"),
            note=(entry.get("note") or "").strip(),
        )
    )
    if not created:
        return Logged(txn, False, [])
    if entry.get("receipt") is not None:
        receipts.receipt_store(txn=txn, checked=entry["receipt"], user=user, written=written)
    return Logged(txn, True, rules.check_spend(txn))


def _numbered(n: int, count: int, post):
    """`post`, saying which payment a problem is about when several are logged at once."""

    def posting(*args):
        try:
            return post(*args)
        except DomainError as error:
            if count == 1 or error.message.startswith("Payment "):
                raise
            which = f"Payment {n + 1}" + (", after the payments above it" if n else "")
            raise DomainError(f"{which}: {error.message} Nothing has been logged yet.") from error

    return posting


def spending_log(
    *,
    part: BudgetPart,
    user: User,
    acting_for: Person | None,
    entries: list[dict],
    submission_key: str,
) -> list[Logged]:
    """Log one or more payments (or refunds) at once, all or nothing; a replay creates nothing.

    Each entry: occurred_on, payee, amount, support_line (or None), note, and optionally kind
    (SPEND by default) and receipt (a receipts.CheckedFile, already checked by the form).
    """
    _check_may_log(part, user, entries)
    acting_for = _acting_for(user, part.budget.person, acting_for)
    written: list = []
    try:
        with db_transaction.atomic():
            return [
                _numbered(n, len(entries), _post_entry)(
                    part, user, acting_for, entry, f"{submission_key}:{n}", written
                )
                for n, entry in enumerate(entries)
            ]
    except BaseException:
        receipts.remove_written(written)
        raise


def spending_correct(
    *,
    txn: Transaction,
    user: User,
    acting_for: Person | None,
    reason: str,
    submission_key: str,
    on: date | None = None,
) -> tuple[Transaction, bool]:
    """Correct a payment or refund logged by mistake: a reversing entry; the original stays."""
    person = txn.budget.person
    if not access.can_log_spending(user, person):
        raise DomainError("Only the person or their representative can correct a payment.")
    if txn.kind not in LOGGABLE:
        raise DomainError("Only payments and refunds you logged can be corrected here.")
    return ledger.reverse(
        original=txn,
        recorded_by=user,
        reason=reason,
        on=on or timezone.localdate(),
        idempotency_key=f"{submission_key}:correction",
        acting_for=_acting_for(user, person, acting_for),
    )


def receipt_add(*, txn: Transaction, user: User, checked) -> None:
    """Attach a receipt, checked by the form, to a payment or refund logged earlier."""
    if not access.can_log_spending(user, txn.budget.person):
        raise DomainError("Only the person or their representative can add a receipt.")
    if txn.kind not in LOGGABLE:
        raise DomainError("Receipts can be added only to payments and refunds.")
    written: list = []
    try:
        with db_transaction.atomic():
            receipts.receipt_store(txn=txn, checked=checked, user=user, written=written)
    except BaseException:
        receipts.remove_written(written)
        raise


@db_transaction.atomic
def flag_explain(*, flag: RuleFlag, user: User, explanation: str) -> RuleFlag:
    """The person or their representative explains a payment the checks asked about."""
    flag = (
        RuleFlag.objects.select_for_update().select_related("transaction__budget").get(pk=flag.pk)
    )
    if not access.can_log_spending(user, flag.transaction.budget.person):
        raise DomainError("Only the person or their representative can explain a payment.")
    if flag.status == RuleFlag.Status.RESOLVED:
        raise DomainError("The council has already resolved this question.")
    if not explanation.strip():
        raise DomainError("Say what the payment was for", field="explanation")
    flag.explanation = explanation.strip()
    flag.explained_by = user
    flag.status = RuleFlag.Status.EXPLAINED
    flag.save()
    return flag


@db_transaction.atomic
def flag_resolve(*, flag: RuleFlag, user: User, resolution: str) -> RuleFlag:
    """A finance officer records what they decided about a question on a payment."""
    flag = (
        RuleFlag.objects.select_for_update().select_related("transaction__budget").get(pk=flag.pk)
    )
    if not access.can_review_spending(user, flag.transaction.budget.person):
        raise DomainError("Only the council's finance officers can resolve this.")
    if flag.status == RuleFlag.Status.RESOLVED:
        raise DomainError("This question has already been resolved.")
    if not resolution.strip():
        raise DomainError(
            "Say what you decided, so the person knows what happens next", field="resolution"
        )
    flag.resolution = resolution.strip()
    flag.resolved_by = user
    flag.resolved_at = timezone.now()
    flag.status = RuleFlag.Status.RESOLVED
    flag.save()
    return flag
