"""Matrix entries for audit statements (budgets/audit) and messages (notifications).

Audit statements: the person, their representative and council staff at the person's council;
providers, other councils, other people and strangers get 404, the files included. How the
person is contacted: the person, their representative, or casework staff recording it for them.
Messages that could not be sent: council staff, who see only their own council's.
"""

from . import CASE_EDIT, CASE_VIEW, PERSON, SELF, allow

SEE = SELF | CASE_VIEW


def _statement(scenario, **extra) -> dict:
    return {
        "budget_id": scenario["budget"].id,
        "statement_id": scenario["audit_statement"].id,
        **extra,
    }


ENTRIES = {
    "audit:statements": (lambda s: {"budget_id": s["budget"].id}, allow(SEE)),
    "audit:statement": (_statement, allow(SEE)),
    "audit:download": (lambda s: _statement(s, kind="pdf"), allow(SEE)),
    "notifications:preferences": (PERSON, allow(SELF | CASE_EDIT)),
    "notifications:unsent": (None, allow(CASE_VIEW | {"other_la_staff"})),
}


def extend_scenario(scenario) -> None:
    """A ready audit statement of Sam's budget."""
    from budgets.audit import services

    budget = scenario["budget"]
    statement = services.audit_statement_request(
        budget=budget,
        user=scenario["users"]["finance_officer"],
        start=budget.starts_on,
        end=budget.starts_on,
    )
    services.audit_statement_make(statement_id=statement.id)  # tests never commit: make it now
    statement.refresh_from_db()
    scenario["audit_statement"] = statement
