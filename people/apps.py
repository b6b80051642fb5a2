from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People, organisations and access"

    def ready(self) -> None:
        from . import signals  # noqa: F401
