"""Demo data for assessments: the demo council's rates and allocation table."""

from datetime import date

from django.utils import timezone

from people.models import Organisation

from .defaults import ensure_allocation_table, ensure_charging_rates, financial_year_of


def seed_demo() -> None:
    """Give every demo council this year's charging rates and a starting allocation table."""
    year = financial_year_of(timezone.localdate())
    for council in Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY):
        ensure_charging_rates(council, year)
        ensure_allocation_table(council, date(year, 4, 1))
