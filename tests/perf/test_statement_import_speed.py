"""docs/quality.md #22: importing a 10,000-row statement takes at most 10 seconds."""

import time
from datetime import date, timedelta

from django.db import connection

from budgets.models import StatementLine
from budgets.statements import services as imports
from budgets.statements.files import Columns
from tests.builders import pay_in, spend  # noqa: F401

from .conftest import write_result

LIMIT_SECONDS = 10.0
ROWS = 10_000


def statement(rows: int) -> bytes:
    start = date(2026, 1, 1)
    lines = ["Date,Description,Amount"] + [
        f"{start + timedelta(days=n % 300):%d/%m/%Y},Shop {n % 97},-{1 + n % 50}.{n % 100:02d}"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def test_a_10000_row_statement_imports_within_10_seconds(dp_part, person):  # noqa: F811
    columns = Columns("Date", "Description", "%d/%m/%Y", amount="Amount")
    imports.statement_mapping_save(part=dp_part, user=person.user, columns=columns)
    pay_in(dp_part, person.user, "50000.00")
    for n in range(200):  # logged payments for some rows to match
        spend(dp_part, person.user, f"{1 + n % 50}.{n % 100:02d}", f"s{n}", on=date(2026, 3, 1))
    data = statement(ROWS)
    started = time.perf_counter()
    result = imports.statement_import(
        part=dp_part, user=person.user, file_name="year.csv", data=data
    )
    elapsed = time.perf_counter() - started
    assert StatementLine.objects.count() == ROWS and result.matched + result.offered == ROWS
    write_result(
        "statement_import",
        f"{connection.vendor}: {ROWS} rows in {elapsed:.2f} s "
        f"({result.matched} matched, {result.offered} offered; limit {LIMIT_SECONDS:.0f} s)",
    )
    assert elapsed <= LIMIT_SECONDS, f"{ROWS} rows took {elapsed:.2f} s"

    started = time.perf_counter()
    again = imports.statement_import(
        part=dp_part,
        user=person.user,
        file_name="overlap.csv",
        data=data + b"01/11/2026,New,-1.00\n",
    )
    elapsed = time.perf_counter() - started
    assert again.already_imported == ROWS and again.offered == 1
    write_result(
        "statement_import",
        f"{connection.vendor}: {ROWS + 1} rows overlapping an earlier file in {elapsed:.2f} s",
    )
    assert elapsed <= LIMIT_SECONDS
