from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgets"

    def ready(self) -> None:
        from support_plans.signals import plan_approved

        from .receivers import budget_from_plan_approved

        plan_approved.connect(budget_from_plan_approved, dispatch_uid="budgets.budget_from_plan")
