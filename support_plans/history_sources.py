"""Support plans' records in the person's change history (people.history)."""

from .models import (
    ApprovalDecision,
    BudgetChallenge,
    ChartRow,
    PlanOutcome,
    PlanReferral,
    Relationship,
    SupportLine,
    SupportPlan,
)


def plan_history(person) -> list:
    """(historical rows, model, subject) for everything in the person's support plans."""
    of_person = {"plan__person_id": person.id}
    return [
        (
            SupportPlan.history.filter(person_id=person.id),
            SupportPlan,
            lambda r: f"Support plan, revision {r.revision}",
        ),
        (PlanOutcome.history.filter(**of_person), PlanOutcome, lambda r: "Support plan outcome"),
        (
            SupportLine.history.filter(**of_person),
            SupportLine,
            lambda r: f"Support plan: {r.description}",
        ),
        (
            Relationship.history.filter(**of_person),
            Relationship,
            lambda r: f"Relationship circle: {r.name}",
        ),
        (ChartRow.history.filter(**of_person), ChartRow, lambda r: r.get_chart_display()),
        (
            ApprovalDecision.history.filter(**of_person),
            ApprovalDecision,
            lambda r: f"Decision on the plan: {r.get_decision_display()}",
        ),
        (
            BudgetChallenge.history.filter(**of_person),
            BudgetChallenge,
            lambda r: "Challenge to the budget",
        ),
        (
            PlanReferral.history.filter(**of_person),
            PlanReferral,
            lambda r: "Support plan referred to another approver",
        ),
    ]
