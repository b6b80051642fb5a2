from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgets"

    def ready(self) -> None:
        from people.history import register_history_source
        from support_plans.signals import plan_approved

        from .history_sources import money_history
        from .receivers import budget_from_plan_approved

        plan_approved.connect(budget_from_plan_approved, dispatch_uid="budgets.budget_from_plan")
        register_history_source(money_history)
