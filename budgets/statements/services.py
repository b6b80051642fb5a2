"""Statement import: read a bank or prepaid-card statement, leave out rows already imported, match
the rest to payments already logged, and offer the others to confirm one by one.

All or nothing per file: a file with any row that cannot be read imports nothing, and says which
rows and why (docs/quality.md #15). The same file twice is refused by its hash
(UNIQUE part + sha256).
Only the parsed rows are kept, never the file. Rows are written with bulk operations, so 10,000
rows take well under the 10 seconds docs/quality.md #22 allows.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils import timezone

from core.errors import DomainError
from core.formats import date_time
from people import access
from people.models import User

from .. import ledger
from ..models import BudgetPart, StatementImport, StatementLine, StatementMapping, Transaction
from ..spending import rules
from ..spending.services import check_money_date
from .files import MAX_PROBLEMS_SHOWN, Columns, NeedsColumns, Row, decode, read

__all__ = ["NeedsColumns", "AlreadyImported", "statement_import", "statement_line_confirm"]

Kind = Transaction.Kind
MATCH_DAYS = 3
MONEY_IN = (Kind.PAYMENT_IN, Kind.CONTRIBUTION, Kind.REFUND)
MONEY_OUT = (Kind.SPEND, Kind.RECOVERY)
# What a new money-in row can be confirmed as; money out is always a payment for support.
# Council payments are recorded by the council's payment runs and matched, never confirmed.
CONFIRM_IN_KINDS = (Kind.REFUND, Kind.CONTRIBUTION)
Status, LineStatus = StatementImport.Status, StatementLine.Status


class AlreadyImported(DomainError):
    """The same file was imported before: nothing new is added."""

    def __init__(self, earlier: StatementImport):
        super().__init__(
            f"You imported this file on {date_time(earlier.uploaded_at)}, so nothing new was "
            f"added. It was called {earlier.file_name}.",
            field="file",
        )
        self.earlier = earlier


@dataclass(frozen=True)
class ImportResult:
    """What an import did, for the message shown afterwards."""

    statement: StatementImport
    rows: int
    already_imported: int
    matched: int
    offered: int


def importable_parts(budget):
    """The parts of a budget whose bank or card statements can be imported: direct payments."""
    return budget.parts.filter(kind=BudgetPart.Kind.DIRECT_PAYMENT).order_by("id")


def mapping_for(part: BudgetPart) -> Columns | None:
    """The columns chosen the first time this account's CSV statements were imported."""
    mapping = StatementMapping.objects.filter(part=part).first()
    if mapping is None:
        return None
    return Columns(
        date=mapping.date_column,
        description=mapping.description_column,
        date_format=mapping.date_format,
        amount=mapping.amount_column,
        paid_out=mapping.paid_out_column,
        paid_in=mapping.paid_in_column,
    )


def _check_may_import(user: User, part: BudgetPart) -> None:
    if not access.can_pay_in_or_import(user, part.budget.person):
        raise DomainError(
            "Only the person, their representative or the council's finance team "
            "can import statements."
        )
    if part.kind != BudgetPart.Kind.DIRECT_PAYMENT:
        raise DomainError("Statements can be imported only for a direct payment account.")


@db_transaction.atomic
def statement_mapping_save(*, part: BudgetPart, user: User, columns: Columns) -> StatementMapping:
    """Remember which CSV column is which for this account."""
    _check_may_import(user, part)
    if not columns.date or not columns.description:
        raise DomainError("Choose the date and description columns.")
    if not columns.amount and not (columns.paid_out and columns.paid_in):
        raise DomainError("Choose the amount column, or both the paid out and paid in columns.")
    mapping, _ = StatementMapping.objects.update_or_create(
        part=part,
        defaults={
            "date_column": columns.date,
            "amount_column": columns.amount,
            "paid_out_column": "" if columns.amount else columns.paid_out,
            "paid_in_column": "" if columns.amount else columns.paid_in,
            "description_column": columns.description,
            "date_format": columns.date_format,
        },
    )
    return mapping


def _dedupe_keys(rows: list[Row]) -> list[str]:
    """A key per row from its date, amount and description, numbering identical rows in order,
    so the same rows in an overlapping statement get the same keys."""
    seen: dict = {}
    keys = []
    for row in rows:
        words = " ".join(row.description.casefold().split())[:120]
        base = f"{row.occurred_on.isoformat()}|{row.amount}|{words}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(f"{base}|{seen[base]}")
    return keys


def _not_yet_imported(part: BudgetPart, rows: list[Row]) -> list[tuple[Row, str]]:
    keys = _dedupe_keys(rows)
    imported = set(
        StatementLine.objects.filter(
            statement__part=part,
            occurred_on__range=(min(r.occurred_on for r in rows), max(r.occurred_on for r in rows)),
        ).values_list("dedupe_key", flat=True)
    )
    return [(row, key) for row, key in zip(rows, keys, strict=True) if key not in imported]


def _candidates(part: BudgetPart, rows: list[Row]) -> dict:
    """{signed amount: [(date, transaction id)]} of logged payments no statement row matches yet."""
    first = min(row.occurred_on for row in rows) - timedelta(days=MATCH_DAYS)
    last = max(row.occurred_on for row in rows) + timedelta(days=MATCH_DAYS)
    linked = StatementLine.objects.filter(statement__part=part, transaction__isnull=False).values(
        "transaction_id"
    )
    found = (
        Transaction.objects.filter(
            part=part,
            occurred_on__range=(first, last),
            kind__in=MONEY_IN + MONEY_OUT,
            reversed_by__isnull=True,
        )
        .exclude(id__in=linked)
        .order_by("occurred_on", "recorded_at")
        .values_list("id", "kind", "occurred_on", "amount")
    )
    by_amount: dict = {}
    for txn_id, kind, occurred_on, amount in found:
        signed = amount if kind in MONEY_IN else -amount
        by_amount.setdefault(signed, []).append((occurred_on, txn_id))
    return by_amount


def _match(part: BudgetPart, rows: list[Row]) -> dict:
    """{row number: transaction id}: same amount, dates at most 3 days apart, each used once.

    Exact dates are paired first, then 1 day apart, and so on, so a nearer pair is never lost
    to a farther one.
    """
    if not rows:
        return {}
    by_amount = _candidates(part, rows)
    matched: dict = {}
    for gap in range(MATCH_DAYS + 1):
        for row in rows:
            if row.number in matched:
                continue
            options = by_amount.get(row.amount, [])
            for index, (occurred_on, txn_id) in enumerate(options):
                if abs((occurred_on - row.occurred_on).days) == gap:
                    matched[row.number] = txn_id
                    del options[index]
                    break
    return matched


def _problems_to_keep(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_PROBLEMS_SHOWN:
        return problems
    more = len(problems) - MAX_PROBLEMS_SHOWN
    return [*problems[:MAX_PROBLEMS_SHOWN], f"…and {more} more rows with problems."]


def _record(part, user, file_name, sha, earlier, *, status, problems=()) -> StatementImport:
    """The import's record: new, or the earlier rejected try of the same file, tried again."""
    if earlier is not None:
        earlier.file_name, earlier.uploaded_by, earlier.uploaded_at = (
            file_name,
            user,
            timezone.now(),
        )
        earlier.status, earlier.problems = status, list(problems)
        earlier.save()
        return earlier
    try:
        with db_transaction.atomic():
            return StatementImport.objects.create(
                part=part,
                file_name=file_name[:255],
                file_sha256=sha,
                uploaded_by=user,
                status=status,
                problems=list(problems),
            )
    except IntegrityError:
        # The same file, sent twice at once: the other request imported it.
        raise AlreadyImported(StatementImport.objects.get(part=part, file_sha256=sha)) from None


@db_transaction.atomic
def statement_import(
    *,
    part: BudgetPart,
    user: User,
    file_name: str,
    data: bytes,
    choose_columns_again: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Import a statement file for a direct payment account, all or nothing.

    Raises NeedsColumns for a CSV whose columns have not been chosen, AlreadyImported for a file
    imported before, and DomainError for a file that is not a statement.
    """
    _check_may_import(user, part)
    today = today or timezone.localdate()
    text = decode(data, file_name)
    sha = hashlib.sha256(data).hexdigest()
    # Imports of one account are taken one at a time, so overlapping files cannot both add a row.
    BudgetPart.objects.select_for_update().get(pk=part.pk)
    earlier = StatementImport.objects.filter(part=part, file_sha256=sha).first()
    if earlier is not None and earlier.status != Status.REJECTED:
        raise AlreadyImported(earlier)
    statement = read(text, None if choose_columns_again else mapping_for(part), today)
    if statement.problems:
        record = _record(
            part,
            user,
            file_name,
            sha,
            earlier,
            status=Status.REJECTED,
            problems=_problems_to_keep(statement.problems),
        )
        return ImportResult(record, len(statement.rows) + len(statement.problems), 0, 0, 0)
    new = _not_yet_imported(part, statement.rows)
    matches = _match(part, [row for row, _ in new])
    offered = len(new) - len(matches)
    record = _record(
        part, user, file_name, sha, earlier, status=Status.CHECKED if offered else Status.IMPORTED
    )
    StatementLine.objects.bulk_create(
        (
            StatementLine(
                statement=record,
                row_number=row.number,
                occurred_on=row.occurred_on,
                amount=row.amount,
                description=row.description[:255],
                dedupe_key=key,
                status=LineStatus.MATCHED if row.number in matches else LineStatus.OFFERED,
                transaction_id=matches.get(row.number),
            )
            for row, key in new
        ),
        batch_size=500,
    )
    return ImportResult(
        record, len(statement.rows), len(statement.rows) - len(new), len(matches), offered
    )


def _finish_if_all_decided(statement: StatementImport) -> None:
    if not statement.lines.filter(status=LineStatus.OFFERED).exists():
        StatementImport.objects.filter(pk=statement.pk).update(status=Status.IMPORTED)


def _locked_offer(line: StatementLine, user: User) -> StatementLine:
    line = (
        StatementLine.objects.select_for_update()
        .select_related("statement__part__budget__person")
        .get(pk=line.pk)
    )
    _check_may_import(user, line.statement.part)
    return line


def confirm_kind(line: StatementLine, wanted: str = "") -> str:
    """What confirming a row posts: money out is a payment; money in is what the person says."""
    if line.amount < 0:
        return Kind.SPEND
    if wanted not in CONFIRM_IN_KINDS:
        raise DomainError("Choose what the money coming in was", field="kind")
    return wanted


@db_transaction.atomic
def statement_line_confirm(
    *, line: StatementLine, user: User, kind: str = "", support_line=None
) -> Transaction:
    """Log an offered row as a payment (or money in), checked by the same rules as a payment
    logged by hand; its questions are on txn.flags. Confirming twice posts once."""
    line = _locked_offer(line, user)
    if line.status == LineStatus.CONFIRMED:
        return line.transaction
    if line.status != LineStatus.OFFERED:
        raise DomainError("This row is not waiting to be confirmed.")
    part = line.statement.part
    person = part.budget.person
    if support_line is not None and support_line.plan_id != part.budget.plan_id:
        raise DomainError("Choose support from the current plan.", field="support_line")
    try:
        check_money_date(part, line.occurred_on)
    except DomainError as error:
        raise DomainError(
            f"Row {line.row_number} cannot be logged: {error.message[0].lower()}"
            f"{error.message[1:]} Leave it out, or ask the council if you think it is right."
        ) from error
    txn, created = ledger.post(
        ledger.Posting(
            part=part,
            kind=confirm_kind(line, kind),
            amount=abs(line.amount),
            occurred_on=line.occurred_on,
            recorded_by=user,
            idempotency_key=f"import:{line.id}",
            acting_for=person if access.is_representative_for(user, person) else None,
            payee=line.description[:200],
            support_line=support_line if line.amount < 0 else None,
            note=f"From the statement {line.statement.file_name}, row {line.row_number}",
        )
    )
    if created:
        rules.check_spend(txn)
    line.status, line.transaction = LineStatus.CONFIRMED, txn
    line.save(update_fields=["status", "transaction"])
    _finish_if_all_decided(line.statement)
    return txn


@db_transaction.atomic
def statement_line_leave_out(*, line: StatementLine, user: User) -> StatementLine:
    """Leave an offered row out: nothing is logged, and it is not offered again."""
    line = _locked_offer(line, user)
    if line.status not in (LineStatus.OFFERED, LineStatus.SKIPPED):
        raise DomainError("This row is not waiting to be confirmed.")
    line.status = LineStatus.SKIPPED
    line.save(update_fields=["status"])
    _finish_if_all_decided(line.statement)
    return line
