"""Writes for spending from a direct payment: log payments and refunds, correct mistakes, explain
and resolve the questions the rule checks raise.

Every posting goes through the ledger, keyed by the form's submission key, so a form sent twice
creates nothing new. A representative's entries are recorded as theirs, acting for the person.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction as db_transaction
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date, pounds
from people import access
from people.models import Person, User

from .. import ledger
from ..models import BudgetPart, RuleFlag, Transaction
from ..monitoring import rows as monitoring_rows
from . import receipts, rules

Kind = Transaction.Kind
LOGGABLE = {Kind.SPEND, Kind.REFUND}


class LikelyDuplicates(DomainError):
    """Some payments look the same as ones already logged: ask before logging them again."""

    def __init__(self, matches: list[tuple[int, Transaction]]):
        self.matches = matches
        super().__init__(" ".join(already_logged(txn) for _, txn in matches))


def already_logged(txn: Transaction) -> str:
    recorded = timezone.localtime(txn.recorded_at)
    when = (
        "a moment ago"
        if timezone.now() - txn.recorded_at < timedelta(minutes=30)
        else f"on {long_date(recorded)}"
    )
    return f"You logged {pounds(txn.amount)} to {txn.payee} on {long_date(txn.occurred_on)} {when}."


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


def check_money_date(part: BudgetPart, occurred_on: date) -> None:
    """Money in or out of a budget is dated inside the budget and not in the future: the one
    check every way of recording it uses (typed, imported, recorded on the person's behalf)."""
    budget = part.budget
    if occurred_on > timezone.localdate():
        raise DomainError("The date must be today or in the past.", field="occurred_on")
    if occurred_on < budget.starts_on:
        raise DomainError(
            f"The date must be on or after {long_date(budget.starts_on)}, when the budget started.",
            field="occurred_on",
        )
    if occurred_on > budget.ends_on:
        raise DomainError(
            f"The date must be on or before {long_date(budget.ends_on)}, when the budget ended.",
            field="occurred_on",
        )


def _check_entry(part: BudgetPart, entry: dict, n: int) -> None:
    line = entry.get("support_line")
    if line is not None and line.plan_id != part.budget.plan_id:
        raise DomainError(f"Payment {n + 1}: choose support from the current plan.")
    try:
        check_money_date(part, entry["occurred_on"])
    except DomainError as error:
        raise DomainError(
            f"Payment {n + 1}: {error.message[0].lower()}{error.message[1:]}"
        ) from error


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
    refund_of = entry.get("refund_of") if kind == Kind.REFUND else None
    if kind == Kind.REFUND and refund_of is None and not (entry.get("note") or "").strip():
        raise DomainError(
            "Say where the money came from, in the note, as it is not a refund of a payment "
            "from the account",
            field="note",
        )
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
            support_line=refund_of.support_line if refund_of else entry.get("support_line"),
            note=(entry.get("note") or "").strip(),
            refund_of=refund_of,
        )
    )
    if not created:
        return Logged(txn, False, [])
    if entry.get("receipt") is not None:
        receipts.receipt_store(txn=txn, checked=entry["receipt"], user=user, written=written)
    flags = rules.check_spend(txn)
    if entry.get("logged_again"):
        flags.append(rules.flag_logged_again(txn))
    return Logged(txn, True, flags)


def likely_duplicates(part: BudgetPart, entries: list[dict], submission_key: str) -> list:
    """(entry number, payment already logged) for payments that look the same as one logged
    before: same amount, date and payee. A replay of this very form is not a duplicate."""
    replayed = set(
        Transaction.objects.filter(idempotency_key__startswith=f"{submission_key}:").values_list(
            "idempotency_key", flat=True
        )
    )
    earlier = list(
        part.transactions.filter(
            kind=Kind.SPEND,
            reversed_by__isnull=True,
            occurred_on__in={e["occurred_on"] for e in entries},
            amount__in={e["amount"] for e in entries},
        ).order_by("-recorded_at")
    )
    found = []
    for n, entry in enumerate(entries):
        if entry.get("kind", Kind.SPEND) != Kind.SPEND or f"{submission_key}:{n}" in replayed:
            continue
        same = next((t for t in earlier if _looks_the_same(t, entry)), None)
        if same is not None:
            found.append((n, same))
    return found


def _looks_the_same(txn: Transaction, entry: dict) -> bool:
    return (
        txn.occurred_on == entry["occurred_on"]
        and txn.amount == entry["amount"]
        and rules.same_payee(txn.payee, entry["payee"])
    )


def refundable_payments(part: BudgetPart, limit: int = 50):
    """Payments from the account that money could come back for, newest first."""
    return part.transactions.filter(kind=Kind.SPEND, reversed_by__isnull=True).order_by(
        "-occurred_on", "-recorded_at"
    )[:limit]


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
    log_again: bool = False,
) -> list[Logged]:
    """Log one or more payments (or refunds) at once, all or nothing; a replay creates nothing.

    Each entry: occurred_on, payee, amount, support_line (or None), note, and optionally kind
    (SPEND by default), receipt (a receipts.CheckedFile, already checked by the form) and, for
    a refund, refund_of (the payment it gives money back for). A payment that looks the same
    as one already logged raises LikelyDuplicates, unless log_again: then it is logged and the
    council gets a question about it.
    """
    _check_may_log(part, user, entries)
    acting_for = _acting_for(user, part.budget.person, acting_for)
    duplicates = likely_duplicates(part, entries, submission_key)
    if duplicates and not log_again:
        raise LikelyDuplicates(duplicates)
    again = {n for n, _ in duplicates}
    entries = [{**entry, "logged_again": n in again} for n, entry in enumerate(entries)]
    written: list = []
    try:
        # Several entries post to one account: its monitoring row is written once, at the end.
        with db_transaction.atomic(), monitoring_rows.batched():
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
    monitoring_rows.budgets_changed([flag.transaction.budget_id])
    return flag
