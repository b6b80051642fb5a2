from django.core.management.base import BaseCommand

from people.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create demo organisations and a login for every role. Safe to run again."

    def handle(self, *args, **options):
        counts = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {counts['people']} people, {counts['users']} logins. "
                f"Password for every demo login: {DEMO_PASSWORD}"
            )
        )
