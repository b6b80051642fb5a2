"""Demo data for employing personal assistants: Aisha Khan works for Peggy (David, her son and
nominated person, employs her), with her checks, the insurance and payroll provider, two
approved weeks (one paid) and this week's hours she entered on her link; and Ben Carter works
for Tom, whose attorney Ruth has not recorded insurance yet and has told the council why.

Called by budgets/demo.py. Safe to run again: a budget that already has workers is left alone.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from people.models import Person, User

from ..models import BudgetPart, PersonalBudget
from ..spending import services as spending
from . import hours, services

DAYS_AGO = 120


def _budget(first: str, last: str):
    person = Person.objects.filter(first_name=first, last_name=last).first()
    if person is None:
        return None
    budget = person.budgets.filter(status=PersonalBudget.Status.ACTIVE).first()
    return None if budget is None or budget.workers.exists() else budget


def _details(name: str, rate: str, usual: str, days: int) -> dict:
    return {
        "name": name,
        "engagement": "employed",
        "agency_name": "",
        "age_band": "21_or_over",
        "date_of_birth": None,
        "apprenticeship_started_on": None,
        "starts_on": timezone.localdate() - timedelta(days=DAYS_AGO),
        "hourly_rate": Decimal(rate),
        "hours": "regular",
        "usual_hours": Decimal(usual),
        "usual_days": days,
    }


def _week(worker, monday, user, days=(0, 3), *, approve=True):
    shifts = [
        services.TypedShift(monday + timedelta(days=d), 9 * 60, 13 * 60)
        for d in days
        if monday + timedelta(days=d) <= timezone.localdate()
    ]
    sheet = services.timesheet_save(
        worker=worker, monday=monday, shifts=shifts, holiday_hours=Decimal("0"), user=user
    )
    return services.timesheet_approve(timesheet=sheet, user=user) if approve else sheet


def _aisha(budget, david: User) -> None:
    today = timezone.localdate()
    line = budget.plan.support_lines.direct_payment().first()
    aisha = services.worker_add(
        budget=budget, user=david, details=_details("Aisha Khan", "13.50", "8", 2), lines=[line]
    )
    services.worker_checks_save(
        worker=aisha,
        user=david,
        details={
            "contract_issued_on": aisha.starts_on,
            "right_to_work_checked_on": aisha.starts_on - timedelta(days=3),
            "dbs_checked_on": today - timedelta(days=3 * 365 - 40),
            "dbs_type": "enhanced_barred",
            "references": "Mrs Patel, her last employer, by phone",
            "backup_cover": "Priya from Brightside Home Care, or David himself",
        },
    )
    services.employer_save(
        budget=budget,
        user=david,
        details={
            "insurer": "Carers Mutual",
            "policy_number": "CM-2026-0412",
            "insurance_renews_on": today + timedelta(days=150),
            "payroll_provider": "Northshire Payroll Support",
        },
    )
    this_monday = hours.monday_of(today)
    _week(aisha, this_monday - timedelta(weeks=2), david)
    paid = _week(aisha, this_monday - timedelta(weeks=1), david)
    _week(aisha, this_monday, None, days=(0,), approve=False)  # Aisha, on her link
    spending.spending_log(
        part=budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT),
        user=david,
        acting_for=budget.person,
        submission_key=f"demo:employment:{budget.id}",
        entries=[
            {
                "occurred_on": today,
                "payee": "Aisha Khan",
                "amount": paid.amount,
                "support_line": line,
                "note": "Wages, last week",
            }
        ],
    )


def _ben(budget, ruth: User) -> None:
    line = budget.plan.support_lines.direct_payment().first()
    ben = services.worker_add(
        budget=budget, user=ruth, details=_details("Ben Carter", "12.71", "6", 3), lines=[line]
    )
    services.check_explain(
        budget=budget,
        user=ruth,
        code="insurance",
        worker=None,
        explanation="I have quotes from two insurers and am buying one this week.",
    )
    services.worker_checks_save(
        worker=ben,
        user=ruth,
        details={
            "contract_issued_on": ben.starts_on,
            "right_to_work_checked_on": ben.starts_on,
            "dbs_checked_on": ben.starts_on - timedelta(days=10),
            "dbs_type": "enhanced_barred",
        },
    )


def seed_demo() -> None:
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    peggy = _budget("Margaret", "Hughes")
    if peggy is not None and "nominated@example.org" in users:
        _aisha(peggy, users["nominated@example.org"])
    tom = _budget("Thomas", "Reid")
    if tom is not None and "authorised@example.org" in users:
        _ben(tom, users["authorised@example.org"])
