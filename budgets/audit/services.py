"""Audit statements: asked for on a page, made by a background task, kept privately.

The statement mirrors the audit summary sheet councils publish (client, period, opening and
closing amounts, money in and out) with a line for every transaction and its evidence. The same
service makes it for the download page and for the Celery task.
"""

import csv
import io
import os
import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date
from core.pdf import render_pdf
from core.text import spreadsheet_safe
from notifications.models import Message
from notifications.services import message_record, recipients_for, staff_recipient
from people import access
from people.models import User

from ..models import AuditStatement, PersonalBudget
from .figures import Figures, statement_figures

Status = AuditStatement.Status


def statements_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "statements"


def _check_period(budget: PersonalBudget, start: date, end: date) -> None:
    if end < start:
        raise DomainError("The last day must be on or after the first day", field="period_end")
    if end > timezone.localdate():
        raise DomainError("The last day must be today or in the past", field="period_end")
    if end < budget.starts_on:
        raise DomainError(
            f"The budget started on {long_date(budget.starts_on)}: choose days from then on",
            field="period_end",
        )
    if (end - start).days > 2 * 366:
        raise DomainError("Choose a period of 2 years or less", field="period_start")


@transaction.atomic
def audit_statement_request(
    *, budget: PersonalBudget, user: User, start: date, end: date
) -> AuditStatement:
    """Ask for a statement of the budget's account; made in the background. Asking again for
    the same period while one is waiting or ready gives that one."""
    if not access.can_see_spending(user, budget.person):
        raise DomainError("Only the person, their representative or council staff can ask.")
    _check_period(budget, start, end)
    start = max(start, budget.starts_on)
    existing = (
        AuditStatement.objects.select_for_update()
        .filter(budget=budget, period_start=start, period_end=end, requested_by=user)
        .exclude(status=Status.FAILED)
        .first()
    )
    if existing:
        return existing
    statement = AuditStatement.objects.create(
        budget=budget, period_start=start, period_end=end, requested_by=user
    )
    transaction.on_commit(lambda: _enqueue(statement.id))
    return statement


def _enqueue(statement_id) -> None:
    from ..tasks import make_audit_statement

    make_audit_statement.delay(str(statement_id))


def statement_pdf(figures: Figures) -> bytes:
    context = {"f": figures, "person": figures.budget.person, "produced_at": timezone.now()}
    return render_pdf(render_to_string("budgets/audit/statement.html", context))


def statement_csv(figures: Figures) -> bytes:
    """The statement's lines as CSV, every text cell safe to open in a spreadsheet."""
    rows = [
        ["Date", "What", "Details", "Money in", "Money out", "Balance", "Evidence", "Recorded"],
        [figures.start.isoformat(), "Opening balance", "", "", "", figures.opening, "", ""],
    ]
    for line in figures.lines:
        rows.append(
            [
                line.day.isoformat(),
                line.what,
                line.detail,
                line.money_in if line.money_in is not None else "",
                line.money_out if line.money_out is not None else "",
                line.balance,
                line.evidence,
                line.recorded,
            ]
        )
    rows.append(
        [
            figures.end.isoformat(),
            "Closing balance",
            "",
            figures.money_in,
            figures.money_out,
            figures.closing,
            "",
            "",
        ]
    )
    out = io.StringIO()
    csv.writer(out).writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _write(content: bytes, extension: str) -> str:
    root = statements_root()
    root.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{extension}"
    fd = os.open(root / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return name


def audit_statement_make(*, statement_id: str) -> str:
    """Make a statement's PDF and CSV once (safe to run twice); its status afterwards."""
    with transaction.atomic():
        statement = (
            AuditStatement.objects.select_for_update()
            .select_related("budget__person__local_authority", "budget__plan", "requested_by")
            .get(id=statement_id)
        )
        if statement.status == Status.READY:
            return statement.status
        figures = statement_figures(statement.budget, statement.period_start, statement.period_end)
        statement.pdf_name = _write(statement_pdf(figures), "pdf")
        statement.csv_name = _write(statement_csv(figures), "csv")
        statement.status, statement.ready_at = Status.READY, timezone.now()
        statement.save()
        _tell_ready(statement)
        return statement.status


def _tell_ready(statement: AuditStatement) -> None:
    """The person (and their representative) and whoever asked are told it is ready."""
    person = statement.budget.person
    url = settings.SITE_URL + reverse("audit:statement", args=[statement.budget_id, statement.id])
    recipients = recipients_for(person)
    if not any(r.user and r.user.pk == statement.requested_by_id for r in recipients):
        recipients.append(staff_recipient(statement.requested_by))
    for recipient in recipients:
        mine = recipient.user is not None and recipient.user.pk == person.user_id
        message_record(
            key=f"statement-ready:{statement.id}:{recipient.address}",
            kind=Message.Kind.STATEMENT_READY,
            person=person,
            recipient=recipient,
            context={
                "whose": "your" if mine else f"{person.display_name}'s",
                "person_name": person.display_name,
                "period_start": long_date(statement.period_start),
                "period_end": long_date(statement.period_end),
                "statement_url": url,
            },
        )


def audit_statement_failed(*, statement_id: str, problem: str) -> None:
    AuditStatement.objects.filter(id=statement_id).exclude(status=Status.READY).update(
        status=Status.FAILED, problem=problem[:1000]
    )


def statement_file(statement: AuditStatement, kind: str) -> Path:
    name = statement.pdf_name if kind == "pdf" else statement.csv_name
    path = statements_root() / name
    if statement.status != Status.READY or not name or not path.is_file():
        raise DomainError("This statement is not ready yet.")
    return path
