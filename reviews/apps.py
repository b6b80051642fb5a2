from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from people.history import register_history_source
        from people.todo import register_todo_source

        from .history_sources import review_history
        from .meetings.actions import action_todo
        from .todo import review_todo

        register_todo_source(review_todo)
        register_todo_source(action_todo)
        register_history_source(review_history, kind="plan")
