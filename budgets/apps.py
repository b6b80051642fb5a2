from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgets"

    def ready(self) -> None:
        from support_plans.signals import plan_approved

        from .services import budget_from_approved_plan

        def create_budget(sender, plan, **kwargs):
            budget_from_approved_plan(plan=plan)

        plan_approved.connect(
            create_budget, weak=False, dispatch_uid="budgets.create_budget_from_plan"
        )
