from django.core.management.base import BaseCommand, CommandError

from budgets.monitoring.rows import rows_drift, rows_refresh_all


class Command(BaseCommand):
    help = (
        "Work out every active direct payment's monitoring row again from the record and "
        "compare it with the stored one; exit non-zero on any difference (--fix stores them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Store the worked-out rows.")

    def handle(self, *args, fix=False, **options):
        if fix:
            written = rows_refresh_all()
            self.stdout.write(self.style.SUCCESS(f"Monitoring rows stored again: {written}."))
            return
        drift = rows_drift()
        if drift:
            for line in drift:
                self.stderr.write(line)
            raise CommandError(f"{len(drift)} monitoring rows are not the record's.")
        self.stdout.write(self.style.SUCCESS("The monitoring rows match the record."))
