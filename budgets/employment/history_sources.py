"""The employer's records in the person's change history (people.history): each change to a
worker, their checks, a week's hours, pay owed, the insurance and payroll, and explanations,
with who made it and for whom. Hours a worker entered on their own link say so."""

from .hours import day_text, week_text
from .models import (
    CheckCode,
    CheckExplanation,
    Employer,
    ExpectedWage,
    Shift,
    Timesheet,
    Worker,
    WorkerLine,
)


def _hours(row) -> str:
    subject = f"Hours for {row.worker.name}, week of {week_text(row.week_starts_on)}"
    if row.entered_by == Timesheet.EnteredBy.WORKER and row.history_user_id is None:
        subject += f" (entered by {row.worker.name} on their timesheet link)"
    return subject


def employment_history(person) -> list:
    """Versions of the employer's records for the person's budgets."""
    mine = {"budget__person_id": person.id}
    theirs = {"worker__budget__person_id": person.id}
    return [
        (Worker.history.filter(**mine), Worker, lambda r: f"Works for them: {r.name}"),
        (
            WorkerLine.history.filter(**theirs).select_related("worker", "line"),
            WorkerLine,
            lambda r: f"Support {r.worker.name} gives: {r.line.description}",
        ),
        (Timesheet.history.filter(**theirs).select_related("worker"), Timesheet, _hours),
        (
            Shift.history.filter(timesheet__worker__budget__person_id=person.id).select_related(
                "timesheet__worker"
            ),
            Shift,
            lambda r: f"A shift for {r.timesheet.worker.name} on {day_text(r.day)}",
        ),
        (
            ExpectedWage.history.filter(**theirs).select_related("worker"),
            ExpectedWage,
            lambda r: f"{r.get_kind_display()} owed to {r.worker.name}",
        ),
        (Employer.history.filter(**mine), Employer, lambda r: "Employer's insurance and payroll"),
        (
            CheckExplanation.history.filter(**mine),
            CheckExplanation,
            lambda r: f"Told the council about: {CheckCode(r.check_code).label.lower()}",
        ),
    ]
