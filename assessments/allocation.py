"""The indicative budget from a council's resource allocation table, explained line by line."""

from dataclasses import dataclass
from decimal import Decimal

from core.errors import DomainError

from .models import AllocationPoints, Outcome, Severity

WEEKS_IN_YEAR = 52


@dataclass
class Allocation:
    weekly: Decimal
    annual: Decimal
    total_points: int
    explanation: list[str]


def allocate(*, table, answers) -> Allocation:
    """Points for each outcome not achieved, at its severity, times the table's £ per point."""
    points = {
        (row.outcome, row.severity): row.points
        for row in AllocationPoints.objects.filter(table=table)
    }
    lines, total = [], 0
    for answer in answers:
        if not answer.is_unable:
            continue
        if not answer.severity:
            raise DomainError(
                f"Choose how much help is needed with '{Outcome(answer.outcome).label}'"
            )
        earned = points.get((answer.outcome, answer.severity), 0)
        total += earned
        lines.append(
            f"{Outcome(answer.outcome).label}: {Severity(answer.severity).label.lower()}, "
            f"{earned} points"
        )
    weekly = table.pounds_per_point * total
    lines.append(
        f"Total: {total} points × £{table.pounds_per_point} a point = £{weekly:,.2f} a week"
    )
    lines.append(
        f"£{weekly:,.2f} a week × {WEEKS_IN_YEAR} weeks = £{weekly * WEEKS_IN_YEAR:,.2f} a year"
    )
    return Allocation(
        weekly=weekly, annual=weekly * WEEKS_IN_YEAR, total_points=total, explanation=lines
    )
