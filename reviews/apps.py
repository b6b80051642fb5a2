from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from people.todo import register_todo_source

        from .todo import review_todo

        register_todo_source(review_todo)
