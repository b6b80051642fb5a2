from django.core.management.base import BaseCommand

from people.demo import current_totp_code


class Command(BaseCommand):
    help = "Print the current 6-digit security code for the demo staff logins (demo data only)."

    def handle(self, *args, **options):
        self.stdout.write(
            f"Security code for demo staff logins (changes every 30 seconds): {current_totp_code()}"
        )
