"""Records for the employment tests, made through the real services."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from budgets.employment import hours, services
from budgets.employment.models import Worker

TODAY = timezone.localdate()
THIS_MONDAY = hours.monday_of(TODAY)


def weeks_ago(n: int):
    """The Monday n weeks before this week's."""
    return THIS_MONDAY - timedelta(weeks=n)


def details(**overrides) -> dict:
    """A personal assistant employed directly, 21 or over, 10 hours a week at £13."""
    base = {
        "name": "Jo Bloggs",
        "engagement": Worker.Engagement.EMPLOYED,
        "agency_name": "",
        "age_band": Worker.AgeBand.ADULT,
        "date_of_birth": None,
        "apprenticeship_started_on": None,
        "starts_on": TODAY - timedelta(days=180),
        "hourly_rate": Decimal("13.00"),
        "hours": Worker.Hours.REGULAR,
        "usual_hours": Decimal("10"),
        "usual_days": 2,
    }
    return {**base, **overrides}


def add_worker(budget, user, lines=(), **overrides) -> Worker:
    return services.worker_add(budget=budget, user=user, details=details(**overrides), lines=lines)


def shift(monday, day: int, starts: str, ends: str) -> services.TypedShift:
    return services.TypedShift(
        monday + timedelta(days=day),
        hours.parse_time(starts),
        hours.parse_time(ends, finish=True),
    )


def enter_week(worker, monday, user=None, *, shifts=None, holiday="0"):
    """A week's hours: by default 09:00 to 14:00 on Monday and Tuesday (10 hours)."""
    shifts = (
        shifts
        if shifts is not None
        else [
            shift(monday, 0, "09:00", "14:00"),
            shift(monday, 1, "09:00", "14:00"),
        ]
    )
    return services.timesheet_save(
        worker=worker, monday=monday, shifts=shifts, holiday_hours=Decimal(holiday), user=user
    )


def approved_week(worker, monday, user, **kwargs):
    sheet = enter_week(worker, monday, user, **kwargs)
    return services.timesheet_approve(timesheet=sheet, user=user)
