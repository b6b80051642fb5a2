"""A statement's CSV opens in a spreadsheet as typed: a note or payee that starts like a formula
("=HYPERLINK(...)", "@SUM(...)") is shown as text, never run; amounts stay numbers."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from budgets import ledger
from budgets.audit.figures import statement_figures
from budgets.audit.services import statement_csv
from budgets.models import Transaction
from core.text import spreadsheet_safe
from tests.builders import spend


def test_cells_that_would_run_as_formulas_are_shown_as_text(budget, dp_part, person):
    ledger.post(
        ledger.Posting(
            part=dp_part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal("600.00"),
            occurred_on=budget.starts_on,
            recorded_by=person.user,
            idempotency_key="formula-note",
            note='=HYPERLINK("http://x.invalid")',
        )
    )
    spend(dp_part, person.user, "20.00", "f1", on=budget.starts_on)
    figures = statement_figures(budget, budget.starts_on, budget.starts_on + timedelta(days=6))
    rows = list(csv.reader(io.StringIO(statement_csv(figures).decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert "580.00" in cells  # the closing balance is still a number


def test_only_text_that_starts_a_formula_changes():
    assert spreadsheet_safe("-£5 refund") == "'-£5 refund"
    assert spreadsheet_safe("@home") == "'@home"
    assert spreadsheet_safe("Jo Bloggs") == "Jo Bloggs"
    assert spreadsheet_safe(Decimal("-5.00")) == Decimal("-5.00")
