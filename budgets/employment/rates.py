"""The National Minimum Wage and National Living Wage rates the service knows, as data with
their source. They are stored as WageRate rows (migration 0011 adds them); if the table is
empty (a fresh test database) they are added again the first time they are read.

A new April's rates: add them to PUBLISHED with their source, and a migration that calls
ensure_wage_rates().
"""

from decimal import Decimal

GOV_UK = "https://www.gov.uk/national-minimum-wage-rates"  # checked December 2026

# (from, {band: pounds an hour}, source)
PUBLISHED = [
    (
        "2024-04-01",
        {"21_and_over": "11.44", "18_to_20": "8.60", "under_18": "6.40", "apprentice": "6.40"},
        GOV_UK,
    ),
    (
        "2025-04-01",
        {"21_and_over": "12.21", "18_to_20": "10.00", "under_18": "7.55", "apprentice": "7.55"},
        GOV_UK,
    ),
    (
        "2026-04-01",
        {"21_and_over": "12.71", "18_to_20": "10.85", "under_18": "8.00", "apprentice": "8.00"},
        GOV_UK,
    ),
]


def ensure_wage_rates(model=None) -> None:
    """Add any published rate not held yet (`model` is the migration's WageRate)."""
    if model is None:
        from .models import WageRate as model
    for from_date, bands, source in PUBLISHED:
        for band, hourly in bands.items():
            model.objects.get_or_create(
                band=band,
                from_date=from_date,
                defaults={"hourly": Decimal(hourly), "source": source},
            )
