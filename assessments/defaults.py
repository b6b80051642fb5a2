"""Financial years and a sensible starting allocation table.

A council's charging rates are never invented here: each year's come from the national figures
the service holds (`financial/national_rates.py`) and the council's own choices, through the
charging rates pages (`rates/`), and are checked by an administrator before anyone is charged.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from .models import AllocationPoints, Outcome, ResourceAllocationTable, Severity

DEFAULT_POINTS = {Severity.SOME: 4, Severity.A_LOT: 8, Severity.ALL: 12}
DEFAULT_POUNDS_PER_POINT = Decimal("6.50")


def financial_year_of(day: date) -> int:
    """The financial year (1 April to 31 March) a date falls in, by the year it starts."""
    return day.year if day.month >= 4 else day.year - 1


def year_starts(year: int) -> date:
    """The first day of a financial year: 1 April."""
    return date(year, 4, 1)


@transaction.atomic
def ensure_allocation_table(authority, effective_from: date) -> ResourceAllocationTable:
    """A simple starting allocation table: the same points for every outcome at each severity."""
    table, created = ResourceAllocationTable.objects.get_or_create(
        authority=authority,
        effective_from=effective_from,
        defaults={"name": "Starting table", "pounds_per_point": DEFAULT_POUNDS_PER_POINT},
    )
    if created:
        AllocationPoints.objects.bulk_create(
            AllocationPoints(table=table, outcome=outcome, severity=severity, points=points)
            for outcome in Outcome.values
            for severity, points in DEFAULT_POINTS.items()
        )
    return table
