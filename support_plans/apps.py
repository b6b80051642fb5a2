from django.apps import AppConfig


class SupportPlansConfig(AppConfig):
    name = "support_plans"
    verbose_name = "Support plans"

    def ready(self) -> None:
        from people.history import register_history_source
        from people.todo import register_todo_source

        from .history_sources import plan_history
        from .todo import plan_todo

        register_history_source(plan_history)
        register_todo_source(plan_todo)
