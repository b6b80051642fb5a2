"""A council's local settings, its not-allowed spending list and its charging rates: its own
administrators only; everyone else gets a 404. Working charges out again on a new year's rates:
the council's finance staff (finance officers and administrators)."""

from . import allow


def extend_scenario(scenario) -> None:
    """Sam's council lists gambling as not allowed from a direct payment."""
    from budgets.models import DisallowedSpending

    scenario["not_allowed_item"], _ = DisallowedSpending.objects.get_or_create(
        authority_id=scenario["subject"].local_authority_id,
        label="Gambling",
        defaults={"keywords": "casino\nbetting"},
    )


def COUNCIL(scenario) -> dict:  # noqa: N802
    return {"authority_id": scenario["subject"].local_authority_id}


def ITEM(scenario) -> dict:  # noqa: N802
    return {**COUNCIL(scenario), "item_id": scenario["not_allowed_item"].id}


def YEAR(scenario) -> dict:  # noqa: N802
    """This financial year's rates (the council fixture enters and checks them)."""
    from django.utils import timezone

    from assessments.defaults import financial_year_of

    return {**COUNCIL(scenario), "year": financial_year_of(timezone.localdate())}


ADMINS = allow({"la_admin"})
FINANCE = allow({"finance_officer", "la_admin"})

ENTRIES = {
    "council_settings:overview": (COUNCIL, ADMINS),
    "council_settings:change": (COUNCIL, ADMINS),
    "council_settings:spending_add": (COUNCIL, ADMINS),
    "council_settings:spending_change": (ITEM, ADMINS),
    "council_settings:spending_remove": (ITEM, ADMINS),
    "charging_rates:years": (COUNCIL, ADMINS),
    "charging_rates:add": (COUNCIL, ADMINS),
    "charging_rates:year": (YEAR, ADMINS),
    "charging_rates:change": (YEAR, ADMINS),
    "charging_rates:amounts": (YEAR, ADMINS),
    "charging_rates:check": (YEAR, ADMINS),
    "charging_rates:uprating": (None, FINANCE),
    "charging_rates:uprating_year": (YEAR, FINANCE),
}
