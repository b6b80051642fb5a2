"""docs/quality.md #22: a 12-month audit statement with 1,000 transactions renders in 3 s."""

import time
from datetime import timedelta

from budgets.audit.figures import statement_figures
from budgets.audit.services import statement_csv, statement_pdf
from tests.builders import pay_in, spend

from .conftest import write_result

LIMIT_SECONDS = 3.0
TRANSACTIONS = 1000


def test_a_year_of_1000_transactions_renders_within_3_seconds(budget, dp_part, person):
    start = budget.starts_on - timedelta(days=364)
    budget.starts_on = start
    budget.save()
    pay_in(dp_part, person.user, "20000.00", on=start)
    for n in range(TRANSACTIONS - 1):
        spend(
            dp_part,
            person.user,
            f"{1 + n % 19}.{n % 100:02d}",
            f"s{n}",
            on=start + timedelta(days=n % 365),
        )
    started = time.perf_counter()
    figures = statement_figures(budget, start, start + timedelta(days=364))
    pdf, csv = statement_pdf(figures), statement_csv(figures)
    elapsed = time.perf_counter() - started
    assert len(figures.lines) == TRANSACTIONS and pdf.startswith(b"%PDF") and csv
    write_result(
        "statement_pdf",
        f"{TRANSACTIONS} transactions, 12 months: {elapsed:.2f} s, {len(pdf)} bytes",
    )
    assert elapsed <= LIMIT_SECONDS, f"{elapsed:.2f} s"
