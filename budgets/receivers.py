"""What budgets does when other apps tell it something (support_plans and assessments signals)."""

from .services import budget_contribution_set, budget_from_approved_plan


def budget_from_plan_approved(sender, *, plan, costs, **kwargs) -> None:
    """An approved plan sets the person's budget and its parts (inside the approval's
    transaction: if this fails, the approval is rolled back)."""
    budget_from_approved_plan(plan=plan, costs=costs)


def contribution_from_financial_assessment(sender, *, assessment, user, **kwargs) -> str:
    """A completed financial assessment sets the contribution of the person's budget from the
    next payment cycle (or from applies_from, when a new year's rates changed it); returns what
    changes, in plain words, for the finance officer."""
    return budget_contribution_set(
        person=assessment.person, user=user, applies_from=kwargs.get("applies_from")
    )
