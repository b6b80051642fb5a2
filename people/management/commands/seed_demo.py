from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from people.demo import DEMO_PASSWORD

# People first: the other apps' demo data builds on its councils and personas. People imports no
# other app, so their demo modules are found by name.
PROJECT_APPS = ["people", "assessments", "support_plans", "budgets", "reviews"]


class Command(BaseCommand):
    help = "Create demo organisations and a login for every role. Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data is never loaded under production settings: its passwords and "
                "authenticator secret are published. To create the service operator's own "
                "account, run: manage.py create_operator"
            )
        for app in PROJECT_APPS:
            if find_spec(f"{app}.demo"):
                import_module(f"{app}.demo").seed_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Password for every demo login: {DEMO_PASSWORD}")
        )
