"""Each active direct payment's monitoring row (budgets.monitoring.models.MonitoringRow), so the
finance officer's list is filtered, sorted and counted on one table: working out every reason
for every account on each request took most of a second at 10,000 accounts (issue 15).

The figures are budgets.monitoring.figures.with_figures's answer from the record: the rules
live there alone. Rows are written here alone, for the budgets whose inputs changed, inside the
same database transaction and again once it commits, by the service that changed them (it calls
budgets_changed):
- the ledger posting anything (budgets.ledger: money held, contributions paid, last record);
- a budget or its parts made or changed from an approved plan, or its contribution changed
  (budgets.services);
- a question about a payment raised or resolved (budgets.spending);
- a contribution expected, invoiced, paid or judged missing (budgets.payments.contributions);
- a liability recorded or changed (budgets.oversight.services);
- an audit asked for, sent back or summarised (budgets.oversight.audits);
- a notice written, answered, ready or decided (budgets.oversight.notices);
- a person's name changed (people's person_details_changed signal);
- each night, everyone (budgets.tasks.monitoring_rows_nightly): contributions falling due that
  day are counted that way, and any other drift is put right.
`manage.py monitoring_rows_check` compares the stored rows with the record and changes nothing.
Work that changes many budgets at once (a payment run) runs inside batched(), which writes the
rows once at its end.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import partial

from django.db import connection, transaction
from django.utils import timezone

from ..models import BudgetPart, MonitoringRow, PersonalBudget
from .figures import open_flags_of, own_money, with_figures

FIELDS = [
    "council_id",
    "last_name",
    "first_name",
    "preferred_name",
    "starts_on",
    "weekly_amount",
    "weekly_net",
    "balance",
    "free",
    "contributions_missing",
    "open_flags",
    "first_checked",
    "check_due_by",
    "waiting",
    "last_record_on",
    "worked_out_on",
]
CHUNK = 2000

_waiting: ContextVar[set | None] = ContextVar("monitoring_rows_waiting", default=None)


def budgets_changed(budget_ids: Iterable) -> None:
    """Write the monitoring rows of these budgets again from the record (at the end of
    batched() when inside one)."""
    waiting = _waiting.get()
    if waiting is not None:
        waiting.update(budget_ids)
        return
    _write_now_and_after_commit(budget_ids)


def _write_now_and_after_commit(budget_ids: Iterable) -> None:
    """Write the rows inside the change's transaction, so the list is right the moment it
    commits, and once more after it commits: two changes to one budget at the same moment
    each work out the figures before the other has committed, and the later write would
    otherwise keep the earlier figures until the night. A failure after the commit is logged,
    never shown to the person whose change it was (the nightly job mends it)."""
    budget_ids = set(budget_ids)
    if not connection.in_atomic_block:
        rows_refresh(budget_ids)
        return
    rows_refresh(_not_being_written(budget_ids))
    transaction.on_commit(partial(_write_after_commit, budget_ids), robust=True)


def _write_after_commit(budget_ids: set) -> None:
    """Write the rows again once the change has committed, taking their locks first (in a
    fixed order, waiting: nothing else is held now) and only then reading the record, so the
    last of several changes to one budget at once writes figures that include all of them."""
    with transaction.atomic():
        part_ids = list(
            BudgetPart.objects.filter(budget_id__in=budget_ids).values_list("pk", flat=True)
        )
        rows = MonitoringRow.objects.select_for_update().filter(part_id__in=part_ids)
        list(rows.order_by("pk").values_list("pk", flat=True))
        rows_refresh(budget_ids)


def _not_being_written(budget_ids: set) -> set:
    """These budgets, less any whose row another transaction is writing at this moment. Their
    rows are locked here without waiting: a transaction holding the ledger's locks never waits
    for a row another holds while waiting for those (a deadlock). The write after the commit
    covers the budgets left out."""
    budget_of = dict(
        BudgetPart.objects.filter(budget_id__in=budget_ids).values_list("pk", "budget_id")
    )
    # The rows' table alone: locking the parts too would wait on the ledger's own updates.
    rows = MonitoringRow.objects.filter(part_id__in=budget_of).order_by()
    stored = set(rows.values_list("part_id", flat=True))
    locked = set(rows.select_for_update(skip_locked=True).values_list("part_id", flat=True))
    return budget_ids - {budget_of[part_id] for part_id in stored - locked}


@contextmanager
def batched():
    """Within this, budgets_changed collects the budgets, and their rows are written once at
    the end (a payment run posts to 10,000 budgets). Nothing is written if the work fails:
    its database transaction is rolled back too, and the nightly job mends anything else."""
    if _waiting.get() is not None:
        yield
        return
    token = _waiting.set(set())
    try:
        yield
        changed = _waiting.get()
    finally:
        _waiting.reset(token)
    _write_now_and_after_commit(changed)


def _active_direct_payments():
    return BudgetPart.objects.filter(
        kind=BudgetPart.Kind.DIRECT_PAYMENT, budget__status=PersonalBudget.Status.ACTIVE
    )


def _worked_out(budget_ids: list, today: date) -> list[MonitoringRow]:
    """The rows these budgets' active direct payments should have today, from the record."""
    parts = list(with_figures(_active_direct_payments().filter(budget_id__in=budget_ids), today))
    flags = open_flags_of([part.pk for part in parts])
    for part in parts:
        part.open_flags = flags.get(part.pk, 0)
    return [_row(part, today) for part in parts]


def _row(part, today: date) -> MonitoringRow:
    person, budget = part.budget.person, part.budget
    return MonitoringRow(
        part_id=part.pk,
        council_id=person.local_authority_id,
        last_name=person.last_name,
        first_name=person.first_name,
        preferred_name=person.preferred_name,
        starts_on=budget.starts_on,
        weekly_amount=part.weekly_amount,
        weekly_net=part.weekly_amount - min(budget.weekly_contribution, part.weekly_amount),
        balance=part.balance,
        free=part.balance - part.liabilities_total - own_money(part),
        contributions_missing=part.contributions_missing,
        open_flags=part.open_flags,
        first_checked=part.first_checked,
        check_due_by=part.check_due_by,
        waiting=part.checks_sent or part.notices_ready,
        last_record_on=part.last_record_on,
        worked_out_on=today,
    )


def _chunks(ids: Iterable) -> Iterable[list]:
    ordered = sorted(set(ids), key=str)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def rows_refresh(budget_ids: Iterable, *, today: date | None = None) -> int:
    """Write the rows of these budgets from the record (and remove those of parts no longer an
    active direct payment); how many rows were written."""
    today = today or timezone.localdate()
    written = 0
    for chunk in _chunks(budget_ids):
        rows = _worked_out(chunk, today)
        MonitoringRow.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["part"],
            update_fields=[field.removesuffix("_id") for field in FIELDS],
        )
        MonitoringRow.objects.filter(part__budget_id__in=chunk).exclude(
            part_id__in=[row.part_id for row in rows]
        ).delete()
        written += len(rows)
    return written


def _all_budget_ids() -> set:
    """Every budget with an active direct payment or a stored row."""
    return set(_active_direct_payments().values_list("budget_id", flat=True)) | set(
        MonitoringRow.objects.values_list("part__budget_id", flat=True)
    )


def rows_refresh_all(*, today: date | None = None) -> int:
    """Write every row from the record (the nightly job and `monitoring_rows_check --fix`)."""
    return rows_refresh(_all_budget_ids(), today=today)


def rows_drift(*, today: date | None = None) -> list[str]:
    """Each row stored that is not what the record gives today, or missing, or left over."""
    today = today or timezone.localdate()
    drift = []
    for chunk in _chunks(_all_budget_ids()):
        wanted = {row.part_id: _values(row) for row in _worked_out(chunk, today)}
        stored = {
            row.part_id: _values(row)
            for row in MonitoringRow.objects.filter(part__budget_id__in=chunk)
        }
        drift += [
            f"Direct payment {part_id}: stored {stored.get(part_id)}, "
            f"the record gives {wanted.get(part_id)}"
            for part_id in sorted(wanted.keys() | stored.keys())
            if wanted.get(part_id) != stored.get(part_id)
        ]
    return drift


def _values(row: MonitoringRow) -> dict:
    return {field: getattr(row, field) for field in FIELDS if field != "worked_out_on"}


def rows_fill_missing() -> int:
    """Write the rows of active direct payments that have none: after `migrate` made the table,
    or after demo or benchmark data was loaded straight into the database."""
    if MonitoringRow._meta.db_table not in connection.introspection.table_names():
        return 0  # migrated back to before the table existed
    missing = _active_direct_payments().filter(monitoring_row__isnull=True)
    return rows_refresh(missing.values_list("budget_id", flat=True))
