"""What budgets does when other apps tell it something (support_plans.signals)."""

from .services import budget_from_approved_plan


def budget_from_plan_approved(sender, *, plan, costs, **kwargs) -> None:
    """An approved plan sets the person's budget and its parts (inside the approval's
    transaction: if this fails, the approval is rolled back)."""
    budget_from_approved_plan(plan=plan, costs=costs)
