"""docs/quality.md #22: a 12-month audit statement with 1,000 transactions renders in 3 s.

The bar is wall-clock time, as the issue sets it. The CPU time of the same work is recorded
beside it: on a shared machine the wall clock also counts other processes' turns."""

import subprocess
import time
from datetime import timedelta

from budgets.audit.figures import statement_figures
from budgets.audit.services import statement_csv, statement_pdf
from tests.budgets.pdf_structure import body_rows, tag_tree
from tests.builders import pay_in, spend

from .conftest import write_result

LIMIT_SECONDS = 3.0
TRANSACTIONS = 1000


def test_a_year_of_1000_transactions_renders_within_3_seconds(budget, dp_part, person, tmp_path):
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
    started, cpu_started = time.perf_counter(), time.process_time()
    figures = statement_figures(budget, start, start + timedelta(days=364))
    pdf, csv = statement_pdf(figures), statement_csv(figures)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    assert len(figures.lines) == TRANSACTIONS and pdf.startswith(b"%PDF") and csv
    # Still a tagged table: every line a row of six cells under the column headers.
    assert len(body_rows(tag_tree(pdf, tmp_path), 6)) == TRANSACTIONS + 2  # + opening, closing
    (tmp_path / "statement.pdf").write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "statement.pdf")], capture_output=True, text=True
    ).stdout
    pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    figures_line = (
        f"{TRANSACTIONS} transactions, 12 months: {elapsed:.2f} s "
        f"({cpu:.2f} s CPU), {pages} pages, {len(pdf)} bytes"
    )
    write_result("statement_pdf", figures_line)
    assert elapsed <= LIMIT_SECONDS, figures_line
