"""Helpers for tests/test_markup_sweep.py (security issue 10, item 1): plant markup in every
free-text field, then read pages, PDFs and CSVs and find it escaped.

Fields are found by introspecting the models, so a new CharField or TextField is planted
automatically; the few that are not free text are listed in SKIPPED with the reason.
"""

import csv
import io
import itertools
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from html import unescape

from django.apps import apps
from django.db import DatabaseError, models, transaction

APPS = {"core", "people", "notifications", "assessments", "support_plans", "budgets", "reviews"}

# Raw markup that must never reach a page: the opening of every payload, whichever way it was
# cut to fit a field. Escaped, it reads "&lt;i class=x-", "&lt;meta http-equiv=refresh", "&lt;x-".
RAW = re.compile(r"<i class=x-|<meta http-equiv=refresh|<x-\d")
# A payload's tag, however it was shown (raw, escaped, or as PDF text): which field it came from.
TAG = re.compile(r"x-([a-z]+-[a-z0-9_]+?)-\d+\b|<x-(\d+)>")
REFRESH = '"><meta http-equiv=refresh content=0;url=//evil.example>'
# A spreadsheet runs a cell that starts with one of these as a formula: payloads start with
# them in turn, so a CSV export that copies a field as it is shows up.
FORMULA_STARTS = "=+-@"

# "app_label.Model.field" -> why it is not planted. Anything else that is a CharField or
# TextField, without choices and not an EmailField, gets a payload (historical copies made by
# django-simple-history are planted too, and follow the same list through their model).
SKIPPED = {
    "people.User.password": "a password hash, never shown",
    "budgets.Transaction.idempotency_key": "a key made by the code to refuse a double post",
    "notifications.Message.business_key": "a key made by the code to send a message once",
    "budgets.StatementLine.dedupe_key": "a hash of a bank line, made by the code",
    "budgets.Receipt.sha256": "a hash of the uploaded file",
    "budgets.StatementImport.file_sha256": "a hash of the uploaded file",
    "budgets.PayslipImport.file_sha256": "a hash of the uploaded file",
    "budgets.Receipt.stored_name": "the random name the server gave the file on disk",
    "budgets.AuditStatement.pdf_name": "the random name the server gave the file on disk",
    "budgets.AuditStatement.csv_name": "the random name the server gave the file on disk",
    "budgets.Receipt.content_type": "the type the upload check detected; sent as Content-Type",
    "budgets.BudgetPart.account_type": "copied from SupportLine.account_type, a choice",
    "budgets.StatementMapping.date_format": "picked from a list (DATE_FORMATS), a strptime format",
    "budgets.Evidence.stored_name": "the random name the server gave the file on disk",
    "budgets.Evidence.sha256": "a hash of the uploaded file",
    "budgets.Evidence.content_type": "the type the upload check detected; sent as Content-Type",
    "budgets.Liability.submission_key": "a key made by the form to refuse a double post",
    "budgets.Notice.submission_key": "a key made by the form to refuse a double post",
    "budgets.NoticeResponse.submission_key": "a key made by the form to refuse a double post",
}
# JSON fields holding lists of choice values (codes shown through their labels, never typed).
JSON_CODES = {
    "assessments.NeedsAssessment.wellbeing_areas",
    "assessments.OutcomeAnswer.unable_meanings",
    "assessments.EligibilityDecision.outcomes_not_achieved",
    "support_plans.PlanOutcome.eligible_needs",
}
JSON_NUMBERS = {"amount"}  # keys inside JSON whose values are money, kept as they are


def _label(model) -> str:
    """The model a field belongs to, for SKIPPED: a historical copy answers as its original."""
    original = getattr(model, "instance_type", model)
    return original._meta.label


def tag_for(name: str) -> str:
    """ "app.Model.field" -> the tag its payloads carry ("model-field")."""
    _, model, field_name = name.split(".")
    return f"{model.lower()}-{field_name}"


def text_fields(model) -> list:
    """The free-text fields of a model: CharField/TextField without choices, not an email."""
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, models.EmailField)
        and not f.choices
        and f"{_label(model)}.{f.name}" not in SKIPPED
    ]


def json_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.JSONField) and f"{_label(model)}.{f.name}" not in JSON_CODES
    ]


def swept_models() -> list:
    return [m for m in apps.get_models() if m._meta.app_label in APPS]


@dataclass
class Planted:
    """What was planted: every payload by its tag, and fields found with no row to plant in."""

    payloads: dict = field(default_factory=dict)  # tag -> "model-field"
    fields: set = field(default_factory=set)  # "app.Model.field" planted in at least one row
    rows: int = 0
    empty: set = field(default_factory=set)  # "app.Model.field" with no rows
    refused: set = field(default_factory=set)  # "app.Model.field" the database refused
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def payload(self, model, name: str, max_length: int | None) -> str:
        """A distinct payload for one value, cut down to fit the field."""
        n = next(self.counter)
        tag = f"{model._meta.model_name}-{name}"
        self.payloads[str(n)] = tag
        lead = FORMULA_STARTS[n % len(FORMULA_STARTS)]
        for text in (f"{lead}<i class=x-{tag}-{n}>{REFRESH}", f"{lead}<i class=x-{tag}-{n}>"):
            if max_length is None or len(text) <= max_length:
                return text
        return f"{lead}<x-{n}>"  # short fields (a postcode): still markup, and still distinct

    def insert(self, model, name: str) -> str:
        """A payload for a new row (tables that refuse UPDATE, like the ledger, are planted by
        adding rows through the services)."""
        self.fields.add(f"{model._meta.label}.{name}")
        return self.payload(model, name, model._meta.get_field(name).max_length)

    def not_planted(self) -> set[str]:
        """Fields the database refused markup in, and no new row carried it either."""
        return self.refused - self.fields

    def tag_of(self, match: re.Match) -> str:
        return match.group(1) or self.payloads.get(match.group(2), "?")


def _plant_json(planted: Planted, model, name: str, value):
    """String leaves of a JSON value replaced with payloads (money amounts kept)."""
    if isinstance(value, str):
        return planted.payload(model, name, None)
    if isinstance(value, list):
        return [_plant_json(planted, model, name, item) for item in value]
    if isinstance(value, dict):
        return {
            key: item if key in JSON_NUMBERS else _plant_json(planted, model, name, item)
            for key, item in value.items()
        }
    return value


def _update(planted: Planted, model, row, values: dict) -> None:
    """Write the payloads; a field the database refuses markup in (a CHECK constraint, e.g.
    an NHS number of 10 digits, or the ledger's append-only trigger, which SQLite reports as
    an IntegrityError and PostgreSQL as a ProgrammingError) keeps its value and is reported
    as refused."""
    try:
        with transaction.atomic():
            model._base_manager.filter(pk=row.pk).update(**values)
        return
    except DatabaseError:
        pass
    for name, value in values.items():
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=row.pk).update(**{name: value})
        except DatabaseError:
            planted.refused.add(f"{model._meta.label}.{name}")


def plant_everywhere() -> Planted:
    """Every free-text value of every row of every model in our apps, replaced with markup."""
    planted = Planted()
    for model in swept_models():
        texts, jsons = text_fields(model), json_fields(model)
        if not texts and not jsons:
            continue
        names = [f"{model._meta.label}.{f.name}" for f in texts + jsons]
        rows = list(model._base_manager.all())
        if not rows:
            planted.empty.update(names)
            continue
        for row in rows:
            values = {f.name: planted.payload(model, f.name, f.max_length) for f in texts}
            for f in jsons:
                values[f.name] = _plant_json(planted, model, f.name, getattr(row, f.name))
            _update(planted, model, row, values)
        planted.fields.update(set(names) - planted.refused)
        planted.rows += len(rows)
    return planted


def raw_markup(text: str) -> list[str]:
    """Every place markup from a payload appears unescaped, with a little context."""
    return [text[max(m.start() - 60, 0) : m.end() + 40] for m in RAW.finditer(text)]


def tags_seen(planted: Planted, text: str) -> set[str]:
    """The fields whose payloads appear in the text (escaped or not)."""
    return {planted.tag_of(m) for m in TAG.finditer(unescape(text))}


def pdf_text(content: bytes) -> str:
    """The text of a PDF, as poppler's pdftotext reads it, with whitespace made single spaces."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf.name, "-"],
            capture_output=True,
            check=True,
            timeout=30,
        ).stdout.decode()
    return " ".join(text.split())


NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def formula_cells(content: bytes) -> list[str]:
    """Cells of a CSV a spreadsheet would run as a formula (a plain negative number is fine)."""
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    return [
        cell
        for row in rows
        for cell in row
        if cell[:1] in (*FORMULA_STARTS, "\t", "\r") and not NUMBER.match(cell)
    ]
