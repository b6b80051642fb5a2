"""Demo data for assessments: the demo council's charging rates and allocation table.

Each council gets the years the service holds national figures for. So that the demo works
today, the current year's rates are copied forward and marked as checked, with a note saying
they are demo figures: a real council enters and checks its own before anyone is charged.
"""

from datetime import date

from django.utils import timezone

from people.models import Organisation

from .defaults import ensure_allocation_table, financial_year_of
from .financial.national_rates import NATIONAL_YEARS
from .models import ChargingRates
from .rates.services import rates_seed

DEMO_NOTE = (
    "Demo figures: copied forward so the demo works today. A council checks every figure "
    "against the year's circular before charging anyone."
)


def seed_demo() -> None:
    """Give every demo council its charging rates and a starting allocation table."""
    year = financial_year_of(timezone.localdate())
    for council in Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY):
        for held in sorted(NATIONAL_YEARS):
            if held <= year and not ChargingRates.objects.for_year(council, held):
                rates_seed(authority=council, year=held)
        rates = ChargingRates.objects.for_year(council, year) or rates_seed(
            authority=council, year=year
        )
        if not rates.is_checked:
            _demo_checked(rates)
        ensure_allocation_table(council, date(year, 4, 1))


def _demo_checked(rates: ChargingRates) -> None:
    latest = (
        ChargingRates.objects.filter(
            authority=rates.authority, financial_year__lt=rates.financial_year
        )
        .exclude(savings_credit_disregard_single=None)
        .first()
    )
    for name in ("savings_credit_disregard_single", "savings_credit_disregard_couple"):
        if getattr(rates, name) is None and latest is not None:
            setattr(rates, name, getattr(latest, name))
    rates.source = f"{DEMO_NOTE}\n{rates.source}"
    rates.checked_at = timezone.now()
    rates.save()
