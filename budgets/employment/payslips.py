"""Reading a payroll provider's payslip totals from a CSV file: pure, no database.

The service does not work out tax, National Insurance or pensions: the payroll provider does.
Their totals come in as one row per worker and pay period, with these columns (the first row
names them; upper or lower case, in any order):

    Name, Period start, Period end, Gross pay, Take-home pay, Deductions, Employer costs

Every problem names the line of the file, as a spreadsheet numbers it.
"""

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import StringIO

from core.errors import DomainError

from ..statements.files import parse_amount, parse_date

MAX_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS = 50
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
COLUMNS = {
    "name": ("name", "employee", "employee name"),
    "period_start": ("period start",),
    "period_end": ("period end",),
    "gross_pay": ("gross pay", "gross"),
    "take_home": ("take-home pay", "take home pay", "net pay"),
    "deductions": ("deductions", "tax, ni and pension", "employee deductions"),
    "employer_costs": ("employer costs", "employer ni and pension"),
}
HEADER = "Name,Period start,Period end,Gross pay,Take-home pay,Deductions,Employer costs"
EXAMPLE = f"{HEADER}\r\nJo Bloggs,02/03/2026,08/03/2026,210.00,198.40,11.60,14.20\r\n"
SAYS = {
    "gross_pay": "the gross pay",
    "take_home": "the take-home pay",
    "deductions": "the deductions",
    "employer_costs": "the employer costs",
}


@dataclass(frozen=True)
class PayslipRow:
    line: int
    name: str
    period_start: date
    period_end: date
    gross_pay: Decimal
    take_home: Decimal
    deductions: Decimal
    employer_costs: Decimal


def decode(data: bytes, file_name: str) -> str:
    if not file_name.lower().endswith(".csv"):
        raise DomainError(
            "The file must be a CSV file (ending .csv). Save the payroll report as CSV first.",
            field="file",
        )
    if not data.strip():
        raise DomainError("The file is empty. Choose the payroll file again.", field="file")
    if len(data) > MAX_BYTES:
        raise DomainError("The file must be smaller than 2 MB.", field="file")
    if b"\x00" in data:
        raise DomainError("This is not a CSV file. Save the report as CSV.", field="file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError("We could not read the letters in this file. Save it as CSV UTF-8.")


def _records(text: str):
    reader = csv.reader(StringIO(text, newline=""))
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield line, [cell.strip() for cell in cells]
            line = reader.line_num + 1
    except csv.Error as error:
        raise DomainError(f"Line {line}: the file could not be read as CSV ({error}).") from error


def _columns(header: list[str]) -> dict:
    lowered = [cell.casefold() for cell in header]
    found, missing = {}, []
    for key, names in COLUMNS.items():
        index = next((lowered.index(n) for n in names if n in lowered), None)
        if index is None:
            missing.append(names[0].capitalize())
        else:
            found[key] = index
    if missing:
        raise DomainError(
            "The first line of the file must name the columns. These are missing: "
            f"{', '.join(missing)}. The columns are: {HEADER.replace(',', ', ')}.",
            field="file",
        )
    return found


def _date(text: str) -> tuple[date | None, str]:
    for date_format in DATE_FORMATS:
        found, _ = parse_date(text, date_format)
        if found is not None:
            return found, ""
    return None, f"'{text}' is not a date written like 31/03/2026"


def _row(line: int, cells: list[str], at: dict) -> tuple[PayslipRow | None, list[str]]:
    def cell(key):
        index = at[key]
        return cells[index] if index < len(cells) else ""

    problems, values = [], {}
    if not cell("name"):
        problems.append(f"Line {line}: the name is empty")
    for key in ("period_start", "period_end"):
        values[key], why = _date(cell(key))
        if why:
            problems.append(f"Line {line}: the {key.replace('_', ' ')} {why}")
    for key, says in SAYS.items():
        amount = parse_amount(cell(key))
        if amount is None or amount < 0:
            problems.append(f"Line {line}: {says} is not an amount in pounds, like 198.40")
        values[key] = amount
    if problems:
        return None, problems
    row = PayslipRow(line, cell("name"), **values)
    return row, _sense(row)


def _sense(row: PayslipRow) -> list[str]:
    problems = []
    if row.period_end < row.period_start:
        problems.append(f"Line {row.line}: the period ends before it starts")
    elif (row.period_end - row.period_start).days > 31:
        problems.append(f"Line {row.line}: a pay period cannot be longer than a month")
    if row.take_home + row.deductions != row.gross_pay:
        problems.append(
            f"Line {row.line}: the take-home pay ({row.take_home}) and the deductions "
            f"({row.deductions}) add up to {row.take_home + row.deductions}, not the gross pay "
            f"({row.gross_pay}). Check the row against the payslip"
        )
    return problems


def read(text: str) -> tuple[list[PayslipRow], list[str]]:
    """(rows, problems): every row read, and a sentence for each line that could not be."""
    records = _records(text)
    header = next(records, (1, []))[1]
    at = _columns(header)
    rows, problems = [], []
    for line, cells in records:
        row, found = _row(line, cells, at)
        problems += found
        if row is not None and not found:
            rows.append(row)
    if not rows and not problems:
        raise DomainError("The file has no payslips in it, only the first line.", field="file")
    return rows, problems
