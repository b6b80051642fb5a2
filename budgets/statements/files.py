"""Reading bank and prepaid-card statements: CSV (with the person's chosen columns) and OFX.

Pure functions, no database: bytes in, rows and plain-English problems out. Each problem names
the row (CSV: the line in the file, as a spreadsheet numbers it; OFX: the transaction and its
line), so the person can find and fix it.
"""

import csv
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from io import StringIO

from core.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = (".csv", ".ofx", ".qfx")
MAX_PROBLEMS_SHOWN = 100
PENNY = Decimal("0.01")

# (strptime format, how a person would recognise it). Day first: these are UK statements.
DATE_FORMATS = [
    ("%d/%m/%Y", "31/12/2026 (day/month/year)"),
    ("%d/%m/%y", "31/12/26 (day/month/2-digit year)"),
    ("%d-%m-%Y", "31-12-2026"),
    ("%d.%m.%Y", "31.12.2026"),
    ("%d %b %Y", "31 Dec 2026"),
    ("%Y-%m-%d", "2026-12-31 (year-month-day)"),
    ("%m/%d/%Y", "12/31/2026 (month/day/year, American)"),
]
DATE_FORMAT_EXAMPLES = dict(DATE_FORMATS)
AMOUNT_TEXT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$", re.ASCII)


@dataclass(frozen=True)
class Row:
    """One transaction read from a statement: money in is positive, money out negative."""

    number: int
    occurred_on: date
    amount: Decimal
    description: str


@dataclass(frozen=True)
class Columns:
    """Which CSV column holds what (names as in the header row) and how dates are written."""

    date: str
    description: str
    date_format: str
    amount: str = ""
    paid_out: str = ""
    paid_in: str = ""


@dataclass
class Statement:
    kind: str  # "csv" or "ofx"
    rows: list
    problems: list


class NeedsColumns(DomainError):
    """A CSV statement for an account whose columns have not been chosen yet."""

    def __init__(self, header: list, sample: list):
        super().__init__("Choose which column is which. We will remember this for next time.")
        self.header = header
        self.sample = sample


def decode(data: bytes, file_name: str) -> str:
    """The file's text, from UTF-8 (with or without a byte order mark) or Windows-1252."""
    name = file_name.lower()
    if not name.endswith(EXTENSIONS):
        hint = " Save it as CSV first." if name.endswith((".xls", ".xlsx", ".ods")) else ""
        raise DomainError(
            f"The file must be a CSV or OFX statement (ending .csv or .ofx).{hint}", field="file"
        )
    if not data.strip():
        raise DomainError("The file is empty. Choose the statement file again.", field="file")
    if len(data) > MAX_BYTES:
        raise DomainError(
            "The file must be smaller than 5 MB. Download a shorter period, for example 3 months.",
            field="file",
        )
    if b"\x00" in data or data.startswith((b"%PDF", b"PK\x03\x04")):
        raise DomainError(
            "This file is not a CSV or OFX statement. Download the statement as CSV or OFX from "
            "your bank or card provider's website.",
            field="file",
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(
        "We could not read the letters in this file. Save it again as 'CSV UTF-8' and upload it.",
        field="file",
    )


def is_ofx(text: str) -> bool:
    start = text.lstrip()[:2000].upper()
    return start.startswith("OFXHEADER") or "<OFX>" in start or "<?OFX" in start


def parse_amount(text: str) -> Decimal | None:
    """£1,234.50, -12.50, (12.50) or 12.50- as a Decimal; None if it is not an amount."""
    value = text.strip().replace("£", "").replace(" ", "")
    negative = False
    if value.startswith("(") and value.endswith(")"):
        value, negative = value[1:-1], True
    elif value.endswith("-"):
        value, negative = value[:-1], True
    if not AMOUNT_TEXT.match(value):
        return None
    try:
        amount = Decimal(value.replace(",", ""))
    except InvalidOperation:
        return None
    if amount != amount.quantize(PENNY):
        return None
    return -amount if negative else amount


def parse_date(text: str, date_format: str) -> tuple[date | None, str]:
    """(the date, "") or (None, why it is not one)."""
    value = text.strip()
    if " " not in date_format and " " in value:
        value = value.split(" ", 1)[0]  # "31/12/2026 14:05": the time is not needed
    try:
        return datetime.strptime(value, date_format).date(), ""
    except ValueError as error:
        reason = str(error)
    if "does not match format" in reason or "unconverted data" in reason:
        example = DATE_FORMAT_EXAMPLES.get(date_format, date_format)
        return None, f"the date '{text.strip()}' is not written like {example}"
    return None, f"the date '{text.strip()}' is not a real date"


def _check_date(occurred_on: date, today: date) -> str:
    if occurred_on > today + timedelta(days=1):
        return f"the date {occurred_on:%d/%m/%Y} is in the future"
    if occurred_on.year < 2000:
        return f"the date {occurred_on:%d/%m/%Y} is too long ago"
    return ""


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _csv_records(text: str) -> Iterable[tuple[int, list]]:
    """(line number, cells) for each non-blank record, numbered as a spreadsheet shows them."""
    reader = csv.reader(StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield line, [cell.strip() for cell in cells]
            line = reader.line_num + 1
    except csv.Error as error:
        raise DomainError(
            f"Row {line}: the file could not be read as CSV ({error}). Download it again."
        ) from error


def csv_header(text: str) -> tuple[list, list]:
    """The column names (the first row) and up to three rows under them, to help choose."""
    records = _csv_records(text)
    header = next(records, (0, []))[1]
    if len([name for name in header if name]) < 2:
        raise DomainError(
            "The first row of the file must name the columns, like Date, Description, Amount.",
            field="file",
        )
    sample = []
    for _, cells in records:
        sample.append(cells)
        if len(sample) == 3:
            break
    return header, sample


def _index(header: list, name: str) -> int | None:
    lowered = [cell.casefold() for cell in header]
    return lowered.index(name.casefold()) if name.casefold() in lowered else None


def _column_indexes(header: list, columns: Columns) -> dict:
    wanted = {"date": columns.date, "description": columns.description}
    if columns.amount:
        wanted["amount"] = columns.amount
    else:
        wanted.update(paid_out=columns.paid_out, paid_in=columns.paid_in)
    indexes = {key: _index(header, name) for key, name in wanted.items()}
    missing = [wanted[key] for key, index in indexes.items() if index is None]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise DomainError(
            f"This file has no column called {names}. If the statement layout has changed, "
            "tick 'Choose the columns again' and upload it again.",
            field="file",
        )
    return indexes


def _cell(cells: list, index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _csv_amount(cells: list, indexes: dict, columns: Columns) -> tuple[Decimal | None, str]:
    if "amount" in indexes:
        text = _cell(cells, indexes["amount"])
        amount = parse_amount(text)
        if not text:
            return None, f"there is no amount in '{columns.amount}'"
        if amount is None:
            return None, f"the amount '{text}' is not an amount in pounds and pence"
        return amount, ""
    out_text, in_text = _cell(cells, indexes["paid_out"]), _cell(cells, indexes["paid_in"])
    paid_out, paid_in = parse_amount(out_text or "0"), parse_amount(in_text or "0")
    for text, value in ((out_text, paid_out), (in_text, paid_in)):
        if value is None:
            return None, f"the amount '{text}' is not an amount in pounds and pence"
    if not out_text and not in_text:
        return None, f"there is no amount in '{columns.paid_out}' or '{columns.paid_in}'"
    if paid_out and paid_in:
        return None, (
            f"there are amounts in both '{columns.paid_out}' and '{columns.paid_in}', "
            "so we cannot tell which way the money went"
        )
    return abs(paid_in) - abs(paid_out), ""


def parse_csv(text: str, columns: Columns, today: date) -> Statement:
    """Every row of a CSV statement, or the problems that stop it being imported."""
    records = _csv_records(text)
    header = next(records, (0, []))[1]
    indexes = _column_indexes(header, columns)
    rows, problems = [], []
    for line, cells in records:
        occurred_on, problem = parse_date(_cell(cells, indexes["date"]), columns.date_format)
        if occurred_on is None and not _cell(cells, indexes["date"]):
            problem = f"there is no date in '{columns.date}'"
        amount, amount_problem = _csv_amount(cells, indexes, columns)
        problem = problem or (occurred_on and _check_date(occurred_on, today)) or amount_problem
        if not problem and amount == 0:
            problem = "the amount is £0.00; remove the row or correct the amount"
        if problem:
            problems.append(f"Row {line}: {problem}")
            continue
        description = _cell(cells, indexes["description"])
        rows.append(Row(line, occurred_on, amount, description))
    if not rows and not problems:
        problems.append("There are no transactions under the column names.")
    return Statement("csv", rows, problems)


OFX_TRANSACTION = re.compile(
    r"<STMTTRN>(.*?)(?:</STMTTRN>|(?=<STMTTRN>)|</BANKTRANLIST>)", re.I | re.S
)
OFX_FIELD = re.compile(r"<([A-Z0-9.]+)>([^<\r\n]*)", re.I)


def _ofx_date(value: str) -> tuple[date | None, str]:
    digits = value.strip()[:8]
    if not re.fullmatch(r"\d{8}", digits):
        return None, f"the date '{value.strip()}' is not written like 20261231"
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:])), ""
    except ValueError:
        return None, f"the date '{value.strip()}' is not a real date"


def parse_ofx(text: str, today: date) -> Statement:
    """Every STMTTRN in an OFX file, SGML (version 1) or XML (version 2)."""
    rows, problems = [], []
    line, counted_to = 1, 0
    for number, match in enumerate(OFX_TRANSACTION.finditer(text), start=1):
        fields = {}
        for tag, value in OFX_FIELD.findall(match.group(1)):
            fields.setdefault(tag.upper(), html.unescape(value.strip()))
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        where = f"Transaction {number} (line {line})"
        occurred_on, problem = _ofx_date(fields.get("DTPOSTED", ""))
        if "DTPOSTED" not in fields:
            problem = "there is no date (DTPOSTED)"
        raw_amount = fields.get("TRNAMT", "")
        amount = parse_amount(raw_amount.replace(",", ".") if "." not in raw_amount else raw_amount)
        problem = problem or (occurred_on and _check_date(occurred_on, today)) or ""
        if not problem and amount is None:
            problem = f"the amount '{raw_amount}' is not an amount in pounds and pence"
        if not problem and amount == 0:
            problem = "the amount is £0.00"
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        description = fields.get("NAME") or fields.get("MEMO") or fields.get("PAYEE") or ""
        rows.append(Row(number, occurred_on, amount, description))
    if not rows and not problems:
        problems.append("We could not find any transactions (STMTTRN) in this OFX file.")
    return Statement("ofx", rows, problems)


def read(text: str, columns: Columns | None, today: date) -> Statement:
    """Parse a decoded statement; a CSV needs its columns (NeedsColumns says which there are)."""
    if is_ofx(text):
        return parse_ofx(text, today)
    if columns is None:
        raise NeedsColumns(*csv_header(text))
    return parse_csv(text, columns, today)


def guess_columns(header: list) -> dict:
    """Likely choices for a header, to start the person off: they can change every one."""
    names = {name.casefold(): name for name in header if name}

    def first(*candidates):
        for candidate in candidates:
            for lowered, name in names.items():
                if candidate in lowered:
                    return name
        return ""

    return {
        "date_column": first("date"),
        "description_column": first(
            "description", "details", "narrative", "payee", "merchant", "name", "memo"
        ),
        "amount_column": first("amount", "value"),
        "paid_out_column": first("paid out", "money out", "debit", "withdrawal"),
        "paid_in_column": first("paid in", "money in", "credit", "deposit"),
    }
