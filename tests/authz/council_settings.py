"""A council's local settings and its not-allowed spending list: its own administrators only;
everyone else gets a 404."""

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


ADMINS = allow({"la_admin"})

ENTRIES = {
    "council_settings:overview": (COUNCIL, ADMINS),
    "council_settings:change": (COUNCIL, ADMINS),
    "council_settings:spending_add": (COUNCIL, ADMINS),
    "council_settings:spending_change": (ITEM, ADMINS),
    "council_settings:spending_remove": (ITEM, ADMINS),
}
