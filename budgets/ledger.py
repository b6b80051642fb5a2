"""Posting to the ledger: the only code that writes transactions, entries and balances.

Each posting locks the part's accounts (select_for_update) inside one atomic block, so parallel
spends against one budget are serialised and none can overdraw it. A replayed posting (same
idempotency key) returns the transaction already posted and creates nothing. A payment run posts
its council payments together (post_payments_in): the same rules, a few queries a batch.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db import transaction as db_transaction
from django.db.models import Exists, Max, OuterRef, Q, Sum

from core.errors import DomainError
from core.formats import long_date, pounds
from core.money import round_pennies
from core.text import plain_text
from people.models import Person, User

from .models import Account, BudgetPart, Entry, PaidPeriod, Transaction
from .monitoring import rows as monitoring_rows

Kind = Transaction.Kind
HELD, FUNDING, CONTRIBUTIONS, SPENDING = (
    Account.Kind.HELD,
    Account.Kind.COUNCIL_FUNDING,
    Account.Kind.CONTRIBUTIONS,
    Account.Kind.SPENDING,
)
ACCOUNT_KINDS = (HELD, FUNDING, CONTRIBUTIONS, SPENDING)  # every part has these four
# For each kind of movement: the account money goes into (+) and the one it comes out of (−).
DIRECTIONS = {
    Kind.PAYMENT_IN: (HELD, FUNDING),
    Kind.CONTRIBUTION: (HELD, CONTRIBUTIONS),
    Kind.SPEND: (SPENDING, HELD),
    Kind.REFUND: (HELD, SPENDING),
    Kind.RECOVERY: (FUNDING, HELD),
    Kind.CONTRIBUTION_REFUND: (CONTRIBUTIONS, HELD),
}


@dataclass(frozen=True)
class Posting:
    part: BudgetPart
    kind: str
    amount: Decimal
    occurred_on: date
    recorded_by: User
    idempotency_key: str
    acting_for: Person | None = None
    payee: str = ""
    support_line: object = None
    note: str = ""
    # A council payment says which days it pays for (inclusive); no day is ever paid twice.
    covers: tuple[date, date] | None = None
    covers_source: str = PaidPeriod.Source.RUN
    weekly_rate: Decimal | None = None
    # A refund says which payment it gives money back for (or None, when the note says).
    refund_of: Transaction | None = None
    # Money returned to the council names the written notice it was confirmed under.
    notice: object = None


def accounts_for(part: BudgetPart) -> dict:
    """The part's four accounts, created the first time they are needed (a parallel posting
    that made them first wins: nothing is made twice, and no savepoint is needed)."""
    Account.objects.bulk_create(
        [Account(budget_id=part.budget_id, part=part, kind=kind) for kind in ACCOUNT_KINDS],
        ignore_conflicts=True,
    )
    return {account.kind: account for account in Account.objects.filter(part=part)}


def _locked_accounts(part: BudgetPart) -> dict:
    """The part's four accounts, locked in a fixed order (made first on its first posting)."""
    locked = _lock(part)
    if len(locked) < len(ACCOUNT_KINDS):
        accounts_for(part)
        locked = _lock(part)
    return locked


def _lock(part: BudgetPart) -> dict:
    locked = Account.objects.select_for_update().filter(part=part).order_by("id")
    return {account.kind: account for account in locked}


def _write(accounts: dict, txn: Transaction, amounts: dict) -> None:
    """Create the entries and move the cached balances in the same database transaction."""
    assert sum(amounts.values()) == 0, "a transaction's entries must sum to zero"
    Entry.objects.bulk_create(
        Entry(transaction=txn, account=accounts[kind], amount=amount)
        for kind, amount in amounts.items()
    )
    # The accounts are locked, so the new balance is worked out here in exact Decimal
    # (SQLite would add in floats inside an UPDATE ... SET balance = balance + x).
    for kind, amount in amounts.items():
        accounts[kind].balance += amount
        Account.objects.filter(pk=accounts[kind].pk).update(balance=accounts[kind].balance)
    if txn.kind in Transaction.RECORD_KINDS:
        # The part's newest record (monitoring reads it): a record dated earlier leaves it.
        BudgetPart.objects.filter(pk=txn.part_id).filter(
            Q(last_record_on__isnull=True) | Q(last_record_on__lt=txn.occurred_on)
        ).update(last_record_on=txn.occurred_on)
    monitoring_rows.budgets_changed([txn.budget_id])


def _check_funds(accounts: dict, amounts: dict) -> None:
    held_after = accounts[HELD].balance + amounts.get(HELD, Decimal(0))
    if held_after < 0:
        raise DomainError(
            f"There is £{accounts[HELD].balance:,.2f} left, which is not enough for this "
            f"£{-amounts[HELD]:,.2f}. Check the amount, or contact the council if you think "
            "the balance is wrong."
        )
    if accounts[CONTRIBUTIONS].balance + amounts.get(CONTRIBUTIONS, Decimal(0)) > 0:
        raise DomainError(
            f"Only {pounds(-accounts[CONTRIBUTIONS].balance)} has been paid in as contributions, "
            f"so {pounds(amounts[CONTRIBUTIONS])} cannot be paid back. Check the amount.",
            field="amount",
        )
    if accounts[SPENDING].balance + amounts.get(SPENDING, Decimal(0)) < 0:
        raise DomainError(
            f"Only {pounds(accounts[SPENDING].balance)} has been spent from this account, so "
            f"{pounds(-amounts[SPENDING])} cannot come back to it. Check the amount.",
            field="amount",
        )


@db_transaction.atomic
def cover_without_payment(*, part: BudgetPart, covers: tuple[date, date], weekly_rate, source):
    """Mark days as paid for when a reduction took the whole payment for them."""
    _locked_accounts(part)
    _check_covers(part, covers)
    return PaidPeriod.objects.create(
        part=part,
        starts_on=covers[0],
        ends_on=covers[1],
        weekly_rate=weekly_rate,
        transaction=None,
        source=source,
    )


def _check_covers(part: BudgetPart, covers: tuple[date, date]) -> None:
    """Refuse a council payment for days this part has already been paid for."""
    starts, ends = covers
    if ends < starts:
        raise DomainError("The last day paid for must be on or after the first.")
    already = PaidPeriod.objects.filter(part=part, starts_on__lte=ends, ends_on__gte=starts)
    earlier = already.order_by("starts_on").first()
    if earlier:
        raise _paid_twice(earlier.starts_on, earlier.ends_on)


def _paid_twice(starts: date, ends: date) -> DomainError:
    return DomainError(
        f"This account was already paid for {long_date(starts)} to {long_date(ends)}, so these "
        "days would be paid twice. Choose days that have not been paid."
    )


def _check_refund(posting: "Posting", amount: Decimal) -> None:
    """A refund gives back no more than the payment it refunds, less earlier refunds of it."""
    paid = posting.refund_of
    if paid.kind != Kind.SPEND or paid.part_id != posting.part.pk:
        raise DomainError("Choose a payment from this account.", field="refund_of")
    if hasattr(paid, "reversed_by"):
        raise DomainError("That payment was corrected, so it cannot be refunded.")
    earlier = paid.refunds.filter(reversed_by__isnull=True).aggregate(total=Sum("amount"))
    left = paid.amount - _pennies(earlier["total"])
    if amount > left:
        raise DomainError(
            f"The payment to {paid.payee} was {pounds(paid.amount)}"
            + (
                f" and {pounds(paid.amount - left)} has already come back"
                if left < paid.amount
                else ""
            )
            + f", so a refund of it can be {pounds(left)} at most.",
            field="amount",
        )


def _check_recovery(posting: "Posting") -> None:
    """docs/quality.md #23: money goes back to the council only under a written notice that
    was confirmed after its period to reply ended, or once the person agreed."""
    notice = posting.notice
    if posting.kind != Kind.RECOVERY:
        if notice is not None:
            raise DomainError("Only money returned to the council is posted under a notice.")
        return
    if notice is None or notice.kind != "repayment" or notice.part_id != posting.part.pk:
        raise DomainError("Nothing can be taken back without a written notice on record.")
    if notice.status != "confirmed" or not (
        notice.agreed_at or (notice.decided_on and notice.decided_on > notice.respond_by)
    ):
        raise DomainError(
            "This notice has not been confirmed after its time to reply, so nothing can be "
            "taken back under it yet."
        )


def _replayed(existing: Transaction, part: BudgetPart) -> Transaction:
    """The transaction a replayed key already posted, if it was posted to the same account."""
    if existing.part_id != part.pk:
        raise DomainError("This form has expired. Go back, reload the page and try again.")
    return existing


@db_transaction.atomic
def post(posting: Posting) -> tuple[Transaction, bool]:
    """Post a movement of money; (the transaction, whether it was new)."""
    amount = round_pennies(posting.amount)
    if amount <= 0:
        raise DomainError("Enter an amount more than £0, like 25.00", field="amount")
    accounts = _locked_accounts(posting.part)
    existing = Transaction.objects.filter(idempotency_key=posting.idempotency_key).first()
    if existing:
        return _replayed(existing, posting.part), False
    _check_recovery(posting)
    into, out_of = DIRECTIONS[posting.kind]
    amounts = {into: amount, out_of: -amount}
    if posting.refund_of is not None:
        _check_refund(posting, amount)
    _check_funds(accounts, amounts)
    if posting.covers:
        _check_covers(posting.part, posting.covers)
    txn = _transaction(posting, amount)
    txn.budget = posting.part.budget
    txn.save(force_insert=True)
    _write(accounts, txn, amounts)
    if posting.covers:
        _paid_period(posting, txn).save(force_insert=True)
    return txn, True


def _transaction(posting: Posting, amount: Decimal) -> Transaction:
    """The (unsaved) transaction a posting makes."""
    return Transaction(
        budget_id=posting.part.budget_id,
        part=posting.part,
        kind=posting.kind,
        occurred_on=posting.occurred_on,
        amount=amount,
        payee=plain_text(posting.payee)[:200],
        support_line=posting.support_line,
        note=plain_text(posting.note),
        idempotency_key=posting.idempotency_key,
        recorded_by=posting.recorded_by,
        acting_for=posting.acting_for,
        refund_of=posting.refund_of,
        notice=posting.notice,
    )


def _paid_period(posting: Posting, txn: Transaction) -> PaidPeriod:
    """The (unsaved) record of the days a council payment covers."""
    weekly = posting.weekly_rate if posting.weekly_rate is not None else txn.amount
    return PaidPeriod(
        part=posting.part,
        starts_on=posting.covers[0],
        ends_on=posting.covers[1],
        weekly_rate=weekly,
        transaction=txn,
        source=posting.covers_source,
    )


# Council payments posted together: small enough for one INSERT each, large enough that a run
# of 10,000 makes a few hundred queries, not 80,000.
BATCH_SIZE = 500


def post_payments_in(postings: list[Posting]) -> list[Transaction]:
    """Post many council payments in at once, inside the caller's all-or-nothing transaction
    (a payment run); their transactions, in the postings' order. The same rules as post(), made
    a few queries at a time: each part's accounts locked (in id order), a replayed key returns
    the transaction it already posted, and no day is paid twice, by an earlier payment or by
    another posting here. Any error undoes the caller's whole transaction."""
    if any(posting.kind != Kind.PAYMENT_IN for posting in postings):
        raise ValueError("post_payments_in posts council payments in only")
    keys = [posting.idempotency_key for posting in postings]
    if len(set(keys)) != len(keys):
        raise ValueError("each posting needs its own idempotency key")
    posted = []
    # No savepoint: an error undoes the caller's whole transaction, and PostgreSQL keeps no
    # subtransaction for each batch.
    with db_transaction.atomic(savepoint=False):
        for start in range(0, len(postings), BATCH_SIZE):
            posted += _post_payments_in(postings[start : start + BATCH_SIZE])
    return posted


def _post_payments_in(postings: list[Posting]) -> list[Transaction]:
    amounts = [round_pennies(posting.amount) for posting in postings]
    if any(amount <= 0 for amount in amounts):
        raise DomainError("Enter an amount more than £0, like 25.00", field="amount")
    parts = {posting.part.pk: posting.part for posting in postings}
    accounts = _locked_accounts_of(list(parts.values()))
    replayed = Transaction.objects.in_bulk(
        [posting.idempotency_key for posting in postings], field_name="idempotency_key"
    )
    covered = _covered_days(postings)
    new, result = [], []
    for posting, amount in zip(postings, amounts, strict=True):
        existing = replayed.get(posting.idempotency_key)
        if existing:
            result.append(_replayed(existing, posting.part))
            continue
        part_accounts = accounts[posting.part.pk]
        into, out_of = DIRECTIONS[posting.kind]
        moves = {into: amount, out_of: -amount}
        _check_funds(part_accounts, moves)
        if posting.covers:
            _check_not_covered(covered.setdefault(posting.part.pk, []), posting.covers)
        for kind, moved in moves.items():
            part_accounts[kind].balance += moved
        txn = _transaction(posting, amount)
        new.append((posting, txn, moves))
        result.append(txn)
    _write_many(accounts, new)
    return result


def _locked_accounts_of(parts: list[BudgetPart]) -> dict:
    """{part id: {kind: account}}: the parts' accounts, locked in id order (made first on a
    part's first posting)."""
    locked = _lock_all(parts)
    missing = [part for part in parts if len(locked.get(part.pk, {})) < len(ACCOUNT_KINDS)]
    if missing:
        Account.objects.bulk_create(
            [
                Account(budget_id=part.budget_id, part=part, kind=kind)
                for part in missing
                for kind in ACCOUNT_KINDS
            ],
            ignore_conflicts=True,
        )
        locked = _lock_all(parts)
    return locked


def _lock_all(parts: list[BudgetPart]) -> dict:
    locked = {}
    for account in Account.objects.select_for_update().filter(part__in=parts).order_by("id"):
        locked.setdefault(account.part_id, {})[account.kind] = account
    return locked


def _covered_days(postings: list[Posting]) -> dict:
    """{part id: [(first day, last day)]}: the days already paid for, of the parts these
    postings pay days for, in one query."""
    covers = [posting.covers for posting in postings if posting.covers]
    if not covers:
        return {}
    periods = PaidPeriod.objects.filter(
        part__in={posting.part.pk for posting in postings if posting.covers},
        starts_on__lte=max(ends for _, ends in covers),
        ends_on__gte=min(starts for starts, _ in covers),
    ).order_by("starts_on")
    covered = {}
    for part_id, starts, ends in periods.values_list("part_id", "starts_on", "ends_on"):
        covered.setdefault(part_id, []).append((starts, ends))
    return covered


def _check_not_covered(covered: list, covers: tuple[date, date]) -> None:
    """Refuse days already paid for (covered: the part's paid days so far, in this batch too),
    then count them as paid."""
    starts, ends = covers
    if ends < starts:
        raise DomainError("The last day paid for must be on or after the first.")
    for paid_from, paid_to in sorted(covered):
        if paid_from <= ends and paid_to >= starts:
            raise _paid_twice(paid_from, paid_to)
    covered.append(covers)


def _write_many(accounts: dict, new: list) -> None:
    """Save new transactions with their entries, paid days and the accounts' new balances
    (worked out already, in exact Decimal), a query for each kind of row."""
    if not new:
        return
    Transaction.objects.bulk_create([txn for _, txn, _ in new])
    entries = []
    for posting, txn, moves in new:
        assert sum(moves.values()) == 0, "a transaction's entries must sum to zero"
        part_accounts = accounts[posting.part.pk]
        entries += [
            Entry(transaction=txn, account=part_accounts[kind], amount=moved)
            for kind, moved in moves.items()
        ]
    Entry.objects.bulk_create(entries)
    moved = {entry.account_id: entry.account for entry in entries}
    _write_balances(list(moved.values()))
    PaidPeriod.objects.bulk_create(
        [_paid_period(posting, txn) for posting, txn, _ in new if posting.covers]
    )
    monitoring_rows.budgets_changed({txn.budget_id for _, txn, _ in new})


def _write_balances(accounts: list[Account]) -> None:
    """Write the accounts' new balances (locked and worked out already) in one UPDATE joined to
    a list of (id, balance) pairs. Django's bulk_update writes a CASE with a branch for each
    account, which PostgreSQL tests for each row it updates: a third of a payment run's time
    at 1,000 accounts a batch (docs/scaling.md, item 27)."""
    if not accounts:
        return
    table = connection.ops.quote_name(Account._meta.db_table)
    id_field, balance_field = Account._meta.pk, Account._meta.get_field("balance")
    params = []
    for account in accounts:
        params += [
            id_field.get_db_prep_value(account.pk, connection),
            balance_field.get_db_prep_value(account.balance, connection),
        ]
    pairs = ", ".join(["(%s, %s)"] * len(accounts))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET balance = balances.column2 FROM (VALUES {pairs}) AS balances "
            f"WHERE {table}.id = balances.column1",
            params,
        )


@db_transaction.atomic
def reverse(
    *,
    original: Transaction,
    recorded_by: User,
    reason: str,
    on: date,
    idempotency_key: str,
    acting_for: Person | None = None,
) -> tuple[Transaction, bool]:
    """Correct a mistake with a reversing transaction; the original stays as it was."""
    accounts = _locked_accounts(original.part)
    existing = Transaction.objects.filter(idempotency_key=idempotency_key).first()
    if existing:
        return _replayed(existing, original.part), False
    if original.kind == Kind.CORRECTION:
        raise DomainError("A correction cannot itself be corrected. Log the right amount instead.")
    if Transaction.objects.filter(reverses=original).exists():
        raise DomainError("This has already been corrected.")
    if not reason.strip():
        raise DomainError("Say what was wrong", field="reason")
    by_kind = {
        entry.account.kind: -entry.amount for entry in original.entries.select_related("account")
    }
    _check_funds(accounts, by_kind)
    txn = Transaction.objects.create(
        budget=original.budget,
        part=original.part,
        kind=Kind.CORRECTION,
        occurred_on=on,
        amount=original.amount,
        payee=original.payee,
        support_line=original.support_line,
        note=reason.strip(),
        reverses=original,
        idempotency_key=idempotency_key,
        recorded_by=recorded_by,
        acting_for=acting_for,
    )
    _write(accounts, txn, by_kind)
    # A corrected council payment no longer pays for its days: they can be paid again.
    PaidPeriod.objects.filter(transaction=original).delete()
    return txn, True


def _pennies(total) -> Decimal:
    """A database sum of amounts in pence, exact: SQLite adds decimals as floats, so its sums
    carry tiny errors (0.00999999999999979); every entry is whole pence, so rounding restores
    the exact figure. PostgreSQL's sums are exact already."""
    return round_pennies(Decimal(str(total))) if total is not None else Decimal("0.00")


def balance(account: Account) -> Decimal:
    """An account's balance from its entries (the cached balance must equal this)."""
    return _pennies(account.entries.aggregate(total=Sum("amount"))["total"])


def held_balance(*, budget=None, part=None) -> Decimal:
    """Money held for the person now: in the whole budget, or in one part (£0.00 before any
    posting). The cached balances, which equal the sums of their entries."""
    accounts = Account.objects.filter(kind=HELD)
    accounts = accounts.filter(part=part) if part is not None else accounts.filter(budget=budget)
    return _pennies(accounts.aggregate(total=Sum("balance"))["total"])


def held_by_part_on(budget, on: date) -> list[tuple[BudgetPart, Decimal]]:
    """Money held in each part of the budget (direct payment, managed account, ISF) at the end
    of the day `on`, from the entries up to then; parts with no account yet are left out."""
    rows = (
        Entry.objects.filter(
            account__budget=budget, account__kind=HELD, transaction__occurred_on__lte=on
        )
        .values("account__part")
        .annotate(total=Sum("amount"))
    )
    totals = {row["account__part"]: _pennies(row["total"]) for row in rows}
    parts = (
        budget.parts.filter(id__in=list(totals)).select_related("provider").order_by("kind", "id")
    )
    return [(part, totals[part.id]) for part in parts]


def check_invariants() -> list[str]:
    """Every breach of the ledger's rules, in plain words; an empty list means all is well."""
    problems = []
    half_penny = Decimal("0.005")
    unbalanced = (
        Entry.objects.values("transaction_id")
        .annotate(total=Sum("amount"))
        .filter(Q(total__gte=half_penny) | Q(total__lte=-half_penny))
    )
    problems += [f"Transaction {row['transaction_id']} does not sum to zero" for row in unbalanced]
    sums = dict(Entry.objects.values_list("account_id").annotate(total=Sum("amount")))
    for account_id, cached in Account.objects.values_list("id", "balance"):
        derived = _pennies(sums.get(account_id))
        if derived != cached:
            problems.append(
                f"Account {account_id}: cached balance {cached} but entries sum to {derived}"
            )
    empty = Transaction.objects.filter(entries__isnull=True).values_list("id", flat=True)
    problems += [f"Transaction {txn_id} has no entries" for txn_id in empty]
    negative = Account.objects.filter(kind=HELD, balance__lt=0).values_list("id", flat=True)
    problems += [f"Account {account_id} holds less than £0" for account_id in negative]
    unspent = Account.objects.filter(kind=SPENDING, balance__lt=0).values_list("id", flat=True)
    problems += [
        f"Account {account_id} has had more refunded than was spent" for account_id in unspent
    ]
    problems += [
        f"Part {part_id}: newest record cached as {cached} but the records say {newest}"
        for part_id, cached, newest in _last_records_wrong()
    ]
    problems += [
        f"Part {period.part_id}: {period.starts_on} to {period.ends_on} overlaps another paid "
        "period, so some days were paid twice"
        for period in _periods_paid_twice()
    ]
    return problems


def _last_records_wrong():
    """Parts whose cached newest record (last_record_on) differs from their records'."""
    newest = dict(
        Transaction.objects.filter(kind__in=Transaction.RECORD_KINDS)
        .values_list("part_id")
        .annotate(newest=Max("occurred_on"))
        .order_by()
    )
    for part_id, cached in BudgetPart.objects.values_list("id", "last_record_on"):
        if cached != newest.get(part_id):
            yield part_id, cached, newest.get(part_id)


def _periods_paid_twice():
    """Paid periods that share a day with another paid period of the same part."""
    overlapping = PaidPeriod.objects.filter(
        part=OuterRef("part"),
        starts_on__lte=OuterRef("ends_on"),
        ends_on__gte=OuterRef("starts_on"),
    ).exclude(pk=OuterRef("pk"))
    return PaidPeriod.objects.filter(Exists(overlapping)).order_by("part", "starts_on")
