from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = "Budgets"

    def ready(self) -> None:
        from assessments.signals import financial_assessment_completed
        from people.history import register_history_source
        from people.signals import person_details_changed
        from people.todo import register_todo_source
        from support_plans.signals import plan_approved

        from .employment.history_sources import employment_history
        from .employment.todo import employment_todo
        from .history_sources import money_history
        from .oversight.todo import oversight_todo
        from .receivers import (
            budget_from_plan_approved,
            contribution_from_financial_assessment,
            monitoring_rows_after_migrate,
            monitoring_rows_from_person,
        )
        from .todo import budget_todo

        plan_approved.connect(budget_from_plan_approved, dispatch_uid="budgets.budget_from_plan")
        financial_assessment_completed.connect(
            contribution_from_financial_assessment, dispatch_uid="budgets.contribution_from_fa"
        )
        person_details_changed.connect(
            monitoring_rows_from_person, dispatch_uid="budgets.monitoring_rows_from_person"
        )
        post_migrate.connect(
            monitoring_rows_after_migrate, sender=self, dispatch_uid="budgets.monitoring_rows"
        )
        register_history_source(money_history)
        register_todo_source(budget_todo)
        register_history_source(employment_history)
        register_todo_source(employment_todo)
        register_todo_source(oversight_todo)
