from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Messages the service sends"

    def ready(self) -> None:
        from people.history import register_history_source

        from .history_sources import message_history

        register_history_source(message_history, kind="personal")
