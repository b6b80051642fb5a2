"""Sensible starting values for a council's charging rates and allocation table.

They are data, not rules: each council checks and edits them in the service administration.
The Minimum Income Guarantee figures follow the national amounts councils must at least meet
(single person, weekly); councils may add a local buffer.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from .models import (
    AllocationPoints,
    ChargingRates,
    MinimumIncomeGuarantee,
    Outcome,
    ResourceAllocationTable,
    Severity,
)

MIG_BASE_RATES = {
    "Aged 18 to 24": Decimal("82.10"),
    "Aged 25 to pension credit age": Decimal("103.65"),
    "Pension credit age or over": Decimal("228.70"),
}
MIG_PREMIUMS = {
    "Disability premium": Decimal("47.35"),
    "Enhanced disability premium": Decimal("23.10"),
    "Carer premium": Decimal("48.15"),
    "Dependent child": Decimal("95.45"),
}
DEFAULT_POINTS = {Severity.SOME: 4, Severity.A_LOT: 8, Severity.ALL: 12}
DEFAULT_POUNDS_PER_POINT = Decimal("6.50")


def financial_year_of(day: date) -> int:
    """The financial year (April to March) a date falls in, by the year it starts."""
    return day.year if day.month >= 4 else day.year - 1


@transaction.atomic
def ensure_charging_rates(authority, year: int) -> ChargingRates:
    """The authority's rates for a year; a copy of the default rates if it has none yet."""
    rates, created = ChargingRates.objects.get_or_create(authority=authority, financial_year=year)
    if created:
        for label, amount in MIG_BASE_RATES.items():
            MinimumIncomeGuarantee.objects.create(
                rates=rates,
                kind=MinimumIncomeGuarantee.Kind.BASE,
                label=label,
                weekly_amount=amount,
            )
        for label, amount in MIG_PREMIUMS.items():
            MinimumIncomeGuarantee.objects.create(
                rates=rates,
                kind=MinimumIncomeGuarantee.Kind.PREMIUM,
                label=label,
                weekly_amount=amount,
            )
    return rates


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
