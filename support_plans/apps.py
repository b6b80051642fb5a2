from django.apps import AppConfig


class SupportPlansConfig(AppConfig):
    name = "support_plans"
    verbose_name = "Support plans"
