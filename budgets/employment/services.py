"""Writes for the person as an employer: the people who work for them, the employer's records,
timesheets (entered by the employer, or by the worker on their link), approving them into
wages owed, final holiday pay, payslip imports and explanations for the council.

Only the person or their representative does any of this (people.access.can_log_spending),
except a worker entering their own hours on their link. Every change is kept in the history
with who made it and for whom (audited() on each model).
"""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date, pounds
from core.money import round_pennies
from people import access
from people.models import User

from ..models import Transaction
from . import hours, minimum_wage, payslips
from .checks import wage_rates
from .models import (
    CheckCode,
    CheckExplanation,
    Employer,
    ExpectedWage,
    Payslip,
    PayslipImport,
    Shift,
    Timesheet,
    Worker,
    WorkerLine,
)
from .summaries import holidays_for

WORKER_FIELDS = [
    "name",
    "engagement",
    "agency_name",
    "age_band",
    "date_of_birth",
    "apprenticeship_started_on",
    "starts_on",
    "hourly_rate",
    "hours",
    "usual_hours",
    "usual_days",
]
CHECK_FIELDS = [
    "contract_issued_on",
    "right_to_work_checked_on",
    "dbs_checked_on",
    "dbs_type",
    "references",
    "backup_cover",
]
STATUS_FIELDS = ["own_business", "decides_how", "can_send_substitute", "own_insurance", "invoices"]
EMPLOYER_FIELDS = ["insurer", "policy_number", "insurance_renews_on", "payroll_provider"]


def _may_employ(user: User, budget) -> None:
    if not access.can_log_spending(user, budget.person):
        raise DomainError("Only the person or their representative can do this.")


def _clean_worker(details: dict) -> dict:
    """The details that apply to how the worker works for the person; the rest emptied."""
    details = {name: details.get(name) for name in WORKER_FIELDS}
    details["name"] = " ".join((details["name"] or "").split())
    details["agency_name"] = (details.get("agency_name") or "").strip()
    if not details["name"]:
        raise DomainError("Enter their name", field="name")
    if details["engagement"] != Worker.Engagement.AGENCY:
        details["agency_name"] = ""
    if details["engagement"] != Worker.Engagement.EMPLOYED:
        details.update(age_band="", date_of_birth=None, apprenticeship_started_on=None)
    elif details["age_band"] == Worker.AgeBand.ADULT:
        details.update(date_of_birth=None, apprenticeship_started_on=None)
    elif details["age_band"] != Worker.AgeBand.APPRENTICE:
        details["apprenticeship_started_on"] = None
    if details["hours"] == Worker.Hours.IRREGULAR:
        details.update(usual_hours=None, usual_days=None)
    _check_worker(details)
    return details


def _check_worker(details: dict) -> None:
    employed = details["engagement"] == Worker.Engagement.EMPLOYED
    if details["engagement"] == Worker.Engagement.AGENCY and not details["agency_name"]:
        raise DomainError("Enter the name of the agency", field="agency_name")
    if employed and not details["age_band"]:
        raise DomainError("Choose how old they are, for the minimum wage", field="age_band")
    if employed and details["age_band"] != Worker.AgeBand.ADULT:
        born = details["date_of_birth"]
        if born is None:
            raise DomainError(
                "Enter their date of birth: the minimum wage for someone under 21 or an "
                "apprentice depends on their age on each day they work",
                field="date_of_birth",
            )
        if minimum_wage.age_on(born, details["starts_on"]) < 16:
            raise DomainError(
                "Someone must be over school-leaving age (16) to work as a personal assistant. "
                "Check the date of birth",
                field="date_of_birth",
            )
    if (
        details["age_band"] == Worker.AgeBand.APPRENTICE
        and not details["apprenticeship_started_on"]
    ):
        raise DomainError(
            "Enter when the apprenticeship started: the apprentice rate is for its first year",
            field="apprenticeship_started_on",
        )
    if details["hours"] == Worker.Hours.REGULAR and not details["usual_hours"]:
        raise DomainError(
            "Enter their usual hours a week, like 10. If their hours change from week to week, "
            "choose that instead",
            field="usual_hours",
        )


def _set_lines(worker: Worker, lines) -> None:
    """The plan's support the worker delivers: rows added and removed one by one, so each
    change is in the history."""
    wanted = {line.pk: line for line in lines}
    for line in lines:
        if line.plan_id != worker.budget.plan_id:
            raise DomainError("Choose support from the current plan", field="lines")
    for row in worker.lines.all():
        if row.line_id not in wanted:
            row.delete()
    have = set(worker.lines.values_list("line_id", flat=True))
    for pk, line in wanted.items():
        if pk not in have:
            WorkerLine.objects.create(worker=worker, line=line)


@transaction.atomic
def worker_add(*, budget, user: User, details: dict, lines=()) -> Worker:
    """Record someone who works for the person."""
    _may_employ(user, budget)
    worker = Worker.objects.create(budget=budget, **_clean_worker(details))
    _set_lines(worker, lines)
    return worker


def _locked(worker: Worker) -> Worker:
    return Worker.objects.select_for_update().select_related("budget__person").get(pk=worker.pk)


@transaction.atomic
def worker_change(*, worker: Worker, user: User, details: dict, lines=()) -> Worker:
    """Change what is recorded about how someone works for the person."""
    worker = _locked(worker)
    _may_employ(user, worker.budget)
    cleaned = _clean_worker(details)
    if worker.left_on and cleaned["starts_on"] > worker.left_on:
        raise DomainError("The start date must be before their last day", field="starts_on")
    first_sheet = worker.timesheets.order_by("week_starts_on").first()
    if first_sheet and cleaned["starts_on"] > first_sheet.week_starts_on + timedelta(days=6):
        raise DomainError(
            "There are hours recorded for the week of "
            f"{hours.week_text(first_sheet.week_starts_on)}, before that start date. "
            "Check the date",
            field="starts_on",
        )
    for name, value in cleaned.items():
        setattr(worker, name, value)
    worker.save()
    _set_lines(worker, lines)
    return worker


@transaction.atomic
def worker_checks_save(*, worker: Worker, user: User, details: dict) -> Worker:
    """Record the checks an employer makes: contract, right to work, DBS, references, cover."""
    worker = _locked(worker)
    _may_employ(user, worker.budget)
    details = {name: details.get(name) for name in CHECK_FIELDS}
    if bool(details["dbs_checked_on"]) != bool(details["dbs_type"]):
        field = "dbs_type" if details["dbs_checked_on"] else "dbs_checked_on"
        raise DomainError(
            "Enter both the date on the DBS certificate and the kind of check, or neither",
            field=field,
        )
    for name in ("references", "backup_cover", "dbs_type"):
        details[name] = (details[name] or "").strip()
    for name, value in details.items():
        setattr(worker, name, value)
    worker.save()
    return worker


@transaction.atomic
def worker_status_save(*, worker: Worker, user: User, answers: dict) -> Worker:
    """Record the answers about what makes someone self-employed."""
    worker = _locked(worker)
    _may_employ(user, worker.budget)
    if worker.engagement != Worker.Engagement.SELF_EMPLOYED:
        raise DomainError("These questions are for someone who is self-employed.")
    for name in STATUS_FIELDS:
        setattr(worker, name, answers.get(name) or "")
    worker.save()
    return worker


@transaction.atomic
def worker_link_renew(*, worker: Worker, user: User) -> Worker:
    """A new timesheet link for the worker: the old one stops working at once."""
    worker = _locked(worker)
    _may_employ(user, worker.budget)
    if not worker.is_employed:
        raise DomainError("Timesheets are for people the person employs.")
    worker.link_version += 1
    worker.save()
    return worker


@transaction.atomic
def worker_leaves(*, worker: Worker, user: User, left_on: date) -> ExpectedWage | None:
    """Record a worker's last day; for an employee, final holiday pay is owed for holiday
    built up and not taken (None if there is none)."""
    worker = _locked(worker)
    _may_employ(user, worker.budget)
    if worker.left_on is not None:
        raise DomainError(
            f"{worker.name}'s last day is already recorded: {long_date(worker.left_on)}."
        )
    if left_on < worker.starts_on:
        raise DomainError(
            f"The last day must be on or after they started ({long_date(worker.starts_on)})",
            field="left_on",
        )
    later = worker.timesheets.filter(week_starts_on__gt=left_on).first()
    if later is not None:
        raise DomainError(
            f"There are hours recorded for the week of {hours.week_text(later.week_starts_on)}, "
            "after that day. Check the date",
            field="left_on",
        )
    worker.left_on = left_on
    worker.save()
    if not worker.is_employed:
        return None
    holiday = holidays_for([worker], left_on)[worker.id]
    if holiday.untaken_pay <= 0:
        return None
    return ExpectedWage.objects.create(
        worker=worker,
        kind=ExpectedWage.Kind.FINAL_HOLIDAY,
        amount=holiday.untaken_pay,
        owed_from=left_on,
    )


@transaction.atomic
def employer_save(*, budget, user: User, details: dict, payroll_line=None) -> Employer:
    """The employer's insurance and payroll provider."""
    _may_employ(user, budget)
    if payroll_line is not None and payroll_line.plan_id != budget.plan_id:
        raise DomainError("Choose support from the current plan", field="payroll_line")
    values = {name: details.get(name) for name in EMPLOYER_FIELDS}
    for name in ("insurer", "policy_number", "payroll_provider"):
        values[name] = " ".join((values[name] or "").split())
    if values["insurance_renews_on"] and not values["insurer"]:
        raise DomainError("Enter the name of the insurance company", field="insurer")
    if values["insurer"] and not values["insurance_renews_on"]:
        raise DomainError("Enter the date the insurance renews", field="insurance_renews_on")
    if payroll_line is not None and not values["payroll_provider"]:
        raise DomainError("Enter the name of the payroll provider", field="payroll_provider")
    employer, _ = Employer.objects.select_for_update().get_or_create(budget=budget)
    for name, value in values.items():
        setattr(employer, name, value)
    employer.payroll_line = payroll_line
    employer.save()
    return employer


# Timesheets.


@dataclass(frozen=True)
class TypedShift:
    """A shift as the form read it: the day and the minutes after midnight."""

    day: date
    starts: int
    ends: int


def _check_days(worker: Worker, monday: date, shifts: list[hours.Shift], today: date) -> None:
    if monday > today:
        raise DomainError("You cannot enter hours for a week that has not started yet.")
    problems = hours.check_week(monday, shifts)
    if problems:
        raise DomainError(problems[0])
    for shift in shifts:
        if shift.day > today:
            raise DomainError(
                f"{hours.day_text(shift.day)} has not happened yet: enter hours once they are "
                "worked"
            )
        if shift.day < worker.starts_on:
            raise DomainError(
                f"{worker.name} started on {long_date(worker.starts_on)}: enter hours from then"
            )
        if worker.left_on and shift.day > worker.left_on:
            raise DomainError(f"{worker.name}'s last day was {long_date(worker.left_on)}")


def _sheet_for(worker: Worker, monday: date) -> Timesheet | None:
    return (
        Timesheet.objects.select_for_update().filter(worker=worker, week_starts_on=monday).first()
    )


@transaction.atomic
def timesheet_save(
    *,
    worker: Worker,
    monday: date,
    shifts: list[TypedShift],
    holiday_hours: Decimal,
    note: str = "",
    user: User | None = None,
) -> Timesheet:
    """Enter (or change) a week's hours. With a user, the employer enters them; without, the
    worker does on their link. The week waits for the employer to approve it."""
    worker = _locked(worker)
    if user is not None:
        _may_employ(user, worker.budget)
    if not worker.is_employed:
        raise DomainError("Timesheets are for people the person employs.")
    if monday.weekday() != 0:
        raise DomainError("A timesheet starts on a Monday.")
    try:
        checked = [hours.check_shift(n, s.day, s.starts, s.ends) for n, s in enumerate(shifts, 1)]
    except hours.HoursProblem as problem:
        raise DomainError(str(problem)) from problem
    try:
        hours.check_holiday_hours(holiday_hours)
    except hours.HoursProblem as problem:
        raise DomainError(str(problem), field="holiday_hours") from problem
    if not checked and holiday_hours == 0:
        raise DomainError("Enter the times of at least one shift, or the holiday hours taken")
    _check_days(worker, monday, checked, timezone.localdate())
    sheet = _sheet_for(worker, monday)
    if sheet is not None and sheet.status == Timesheet.Status.APPROVED:
        raise DomainError(
            f"The hours for the week of {hours.week_text(monday)} are already approved, so they "
            "cannot be changed here."
        )
    entered_by = Timesheet.EnteredBy.EMPLOYER if user else Timesheet.EnteredBy.WORKER
    if sheet is None:
        try:
            with transaction.atomic():
                sheet = Timesheet.objects.create(
                    worker=worker, week_starts_on=monday, entered_by=entered_by
                )
        except IntegrityError as error:  # the same week sent twice at once
            raise DomainError(
                f"Hours for the week of {hours.week_text(monday)} were just entered. Reload "
                "the page to see them."
            ) from error
    sheet.entered_by = entered_by
    sheet.status = Timesheet.Status.WAITING
    sheet.worked_minutes = sum(s.minutes for s in checked)
    sheet.holiday_hours = holiday_hours
    sheet.note = (note or "").strip()
    sheet.returned_because = ""
    sheet.save()
    for old in sheet.shifts.all():
        old.delete()
    for shift in checked:
        Shift.objects.create(timesheet=sheet, day=shift.day, starts=shift.starts, ends=shift.ends)
    return sheet


def gross_pay(worked_minutes: int, holiday_hours: Decimal, hourly: Decimal) -> Decimal:
    """Hours worked and paid holiday, times the hourly rate, rounded once to the penny."""
    return round_pennies(Decimal(worked_minutes) * hourly / 60 + holiday_hours * hourly)


def _check_minimum_wage(sheet: Timesheet, worker: Worker) -> None:
    days = [shift.day for shift in sheet.shifts.all()]
    if sheet.holiday_hours:
        days.append(sheet.week_starts_on)
    answers = minimum_wage.answers_of(worker)
    short = minimum_wage.days_below_minimum(wage_rates(), answers, worker.hourly_rate, days)
    if short:
        first = short[0]
        raise DomainError(
            f"{worker.name}'s rate of {pounds(worker.hourly_rate)} an hour is less than the "
            f"minimum wage for them on {long_date(first.day)}: {pounds(first.minimum.hourly)} an "
            f"hour. Change their hourly rate on their page first, then approve the hours."
        )


@transaction.atomic
def timesheet_approve(*, timesheet: Timesheet, user: User) -> ExpectedWage:
    """Approve a week's hours: its pay is owed to the worker. Approving the same week again
    changes nothing and owes nothing more (one wage per timesheet, UNIQUE)."""
    sheet = Timesheet.objects.select_for_update().get(pk=timesheet.pk)
    worker = Worker.objects.select_related("budget__person").get(pk=sheet.worker_id)
    _may_employ(user, worker.budget)
    if sheet.status == Timesheet.Status.APPROVED:
        return ExpectedWage.objects.get(timesheet=sheet)
    if sheet.status != Timesheet.Status.WAITING:
        raise DomainError(
            f"These hours were sent back to {worker.first_name} to change. Change them "
            "yourself, or wait for them to send them again."
        )
    _check_minimum_wage(sheet, worker)
    sheet.hourly_rate = worker.hourly_rate
    sheet.gross_pay = gross_pay(sheet.worked_minutes, sheet.holiday_hours, worker.hourly_rate)
    sheet.status = Timesheet.Status.APPROVED
    sheet.approved_by = user
    sheet.approved_at = timezone.now()
    sheet.save()
    wage, _ = ExpectedWage.objects.get_or_create(
        timesheet=sheet,
        defaults={
            "worker": worker,
            "kind": ExpectedWage.Kind.WAGES,
            "amount": sheet.gross_pay,
            "owed_from": timezone.localdate(),
        },
    )
    return wage


@transaction.atomic
def timesheet_return(*, timesheet: Timesheet, user: User, reason: str) -> Timesheet:
    """Send a worker's hours back to them to change, saying why."""
    sheet = (
        Timesheet.objects.select_for_update()
        .select_related("worker__budget__person")
        .get(pk=timesheet.pk)
    )
    _may_employ(user, sheet.worker.budget)
    if sheet.status != Timesheet.Status.WAITING:
        raise DomainError("Only hours waiting for approval can be sent back.")
    if not reason.strip():
        raise DomainError(
            f"Say what needs changing, so {sheet.worker.first_name} knows", field="reason"
        )
    sheet.status = Timesheet.Status.RETURNED
    sheet.returned_because = reason.strip()
    sheet.save()
    return sheet


@transaction.atomic
def wage_paid_by(*, wage: ExpectedWage, user: User, payment: Transaction | None) -> ExpectedWage:
    """The employer says which payment paid this pay (or, with None, takes their choice back)."""
    wage = (
        ExpectedWage.objects.select_for_update()
        .select_related("worker__budget__person")
        .get(pk=wage.pk)
    )
    budget = wage.worker.budget
    _may_employ(user, budget)
    if payment is not None and (
        payment.budget_id != budget.id or payment.kind != Transaction.Kind.SPEND
    ):
        raise DomainError("Choose a payment from the direct payment account", field="payment")
    wage.paid_by = payment
    wage.save()
    return wage


@transaction.atomic
def check_explain(*, budget, user: User, code: str, worker: Worker | None, explanation: str):
    """The person's own words about one of the employer's checks, for the council."""
    _may_employ(user, budget)
    if code not in CheckCode.values:
        raise DomainError("Choose one of the checks.")
    if worker is not None and worker.budget_id != budget.id:
        raise DomainError("Choose someone who works for the person.")
    if not explanation.strip():
        raise DomainError("Say what is happening, so the council understands", field="explanation")
    row, _ = CheckExplanation.objects.select_for_update().get_or_create(
        budget=budget,
        worker=worker,
        check_code=code,
        defaults={"explanation": explanation.strip(), "explained_by": user},
    )
    row.explanation, row.explained_by = explanation.strip(), user
    row.save()
    return row


# Payslip totals from the payroll provider.


@dataclass(frozen=True)
class PayslipResult:
    upload: PayslipImport
    added: int
    already: int


def _worker_named(workers: list[Worker], name: str) -> list[Worker]:
    wanted = " ".join(name.casefold().split())
    return [w for w in workers if " ".join(w.name.casefold().split()) == wanted]


def _payslip_problems(rows, workers) -> tuple[list, list]:
    """(rows with their worker, problems) for rows read from the file."""
    matched, problems = [], []
    for row in rows:
        found = _worker_named(workers, row.name)
        if len(found) != 1:
            why = "is not the name of" if not found else "matches more than one of"
            problems.append(
                f"Line {row.line}: '{row.name}' {why} the people recorded as working for the "
                "person. Use the name as it is on their page"
            )
            continue
        matched.append((row, found[0]))
    return matched, problems


def _payslip_new(matched) -> tuple[list, int, list]:
    """(rows not imported before, how many were, problems with rows that differ)."""
    new, already, problems, seen = [], 0, [], set()
    for row, worker in matched:
        key = (worker.id, row.period_start, row.period_end)
        if key in seen:
            problems.append(
                f"Line {row.line}: {worker.name} has another payslip for the same period in "
                "this file. Keep one"
            )
            continue
        seen.add(key)
        earlier = Payslip.objects.filter(
            worker=worker, period_start=row.period_start, period_end=row.period_end
        ).first()
        if earlier is None:
            new.append((row, worker))
        elif (earlier.gross_pay, earlier.take_home) == (row.gross_pay, row.take_home):
            already += 1
        else:
            problems.append(
                f"Line {row.line}: a different payslip for {worker.name} for "
                f"{long_date(row.period_start)} to {long_date(row.period_end)} was imported "
                "before. Ask the payroll provider which is right"
            )
    return new, already, problems


@transaction.atomic
def payslips_import(*, budget, user: User, file_name: str, data: bytes) -> PayslipResult:
    """Import payroll payslip totals, all or nothing: a file with any line that cannot be used
    imports nothing and says which lines and why. The same file twice is refused."""
    _may_employ(user, budget)
    text = payslips.decode(data, file_name)
    sha = hashlib.sha256(data).hexdigest()
    earlier = PayslipImport.objects.filter(budget=budget, file_sha256=sha).first()
    if earlier is not None and earlier.status == PayslipImport.Status.IMPORTED:
        raise DomainError(
            f"This file was imported on {long_date(earlier.uploaded_at)}, so nothing new was "
            "added.",
            field="file",
        )
    rows, problems = payslips.read(text)
    matched, more = _payslip_problems(rows, list(budget.workers.all()))
    new, already, differ = _payslip_new(matched)
    problems = sorted(problems + more + differ, key=_line_of)
    upload = earlier or PayslipImport(budget=budget, file_sha256=sha)
    upload.file_name, upload.uploaded_by = file_name[:255], user
    upload.status = PayslipImport.Status.REJECTED if problems else PayslipImport.Status.IMPORTED
    upload.problems = problems[: payslips.MAX_PROBLEMS]
    upload.save()
    if problems:
        return PayslipResult(upload, 0, 0)
    for row, worker in new:
        Payslip.objects.create(
            worker=worker,
            source=upload,
            row_number=row.line,
            period_start=row.period_start,
            period_end=row.period_end,
            gross_pay=row.gross_pay,
            take_home=row.take_home,
            deductions=row.deductions,
            employer_costs=row.employer_costs,
        )
    return PayslipResult(upload, len(new), already)


def _line_of(problem: str) -> int:
    words = problem.split(" ", 2)
    return int(words[1].rstrip(":")) if len(words) > 1 and words[1].rstrip(":").isdigit() else 0
