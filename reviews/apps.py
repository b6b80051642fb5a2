from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from people.council_settings.signals import council_settings_changed
        from people.history import register_history_source
        from people.signals import person_details_changed
        from people.todo import register_todo_source
        from support_plans.signals import plan_approved

        from .history_sources import review_history
        from .meetings.actions import action_todo
        from .receivers import (
            review_dates_from_council_settings,
            review_dates_from_person,
            review_dates_from_plan_approved,
        )
        from .todo import review_todo

        # After budgets' listener (INSTALLED_APPS order): the dates read the budget it sets.
        plan_approved.connect(review_dates_from_plan_approved, dispatch_uid="reviews.dates_plan")
        council_settings_changed.connect(
            review_dates_from_council_settings, dispatch_uid="reviews.dates_settings"
        )
        person_details_changed.connect(
            review_dates_from_person, dispatch_uid="reviews.dates_person"
        )
        register_todo_source(review_todo)
        register_todo_source(action_todo)
        register_history_source(review_history, kind="plan")
