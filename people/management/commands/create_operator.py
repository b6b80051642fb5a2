"""Create the service operator's account: the one person who uses the Django admin."""

import getpass

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from people.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Create the service operator's account (Django admin) with a password you type. "
        "They set up their authenticator app the first time they sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True, help="Their full name")

    def handle(self, *args, email, name, **options):
        users = get_user_model()
        if users.objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account with the email address {email} already exists.")
        password = self._password(email)
        users.objects.create_superuser(email=email, password=password, full_name=name)
        self.stdout.write(
            self.style.SUCCESS(
                f"The operator's account {email} is ready. At their first sign-in they set up "
                "an authenticator app before the service administration opens."
            )
        )

    def _password(self, email) -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("The same password again: "):
            raise CommandError("The passwords are not the same. Nothing was created.")
        if password == DEMO_PASSWORD:
            raise CommandError("That is the published demo password. Choose another.")
        try:
            password_validation.validate_password(password, get_user_model()(email=email))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password
