"""What budgets does when other apps tell it something (support_plans and assessments signals)."""

from .models import PersonalBudget
from .monitoring import rows as monitoring_rows
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


def monitoring_rows_from_person(sender, *, person, **kwargs) -> None:
    """The finance officer's monitoring list keeps the person's name (inside the change's
    transaction)."""
    monitoring_rows.budgets_changed(
        PersonalBudget.objects.filter(person=person).values_list("id", flat=True)
    )


def monitoring_rows_after_migrate(sender, **kwargs) -> None:
    """After `migrate`, every active direct payment has its monitoring row."""
    monitoring_rows.rows_fill_missing()
