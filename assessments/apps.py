from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from people.history import register_history_source

        from .history_sources import assessment_history

        register_history_source(assessment_history)
