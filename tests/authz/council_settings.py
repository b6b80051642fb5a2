"""A council's local settings: its own administrators only; everyone else gets a 404."""

from . import allow


def COUNCIL(scenario) -> dict:  # noqa: N802
    return {"authority_id": scenario["subject"].local_authority_id}


ENTRIES = {
    "council_settings:overview": (COUNCIL, allow({"la_admin"})),
    "council_settings:change": (COUNCIL, allow({"la_admin"})),
}
