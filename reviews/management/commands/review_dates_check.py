from django.core.management.base import BaseCommand, CommandError

from reviews.stored_dates import review_dates_drift_all, review_dates_refresh_all


class Command(BaseCommand):
    help = (
        "Work out everyone's review dates again from their record and compare them with the "
        "stored ones; exit non-zero on any difference (--fix stores the worked-out dates)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Store the worked-out dates.")

    def handle(self, *args, fix=False, **options):
        if fix:
            changed = review_dates_refresh_all()
            self.stdout.write(self.style.SUCCESS(f"Review dates stored again: {changed} changed."))
            return
        drift = review_dates_drift_all()
        if drift:
            for line in drift:
                self.stderr.write(line)
            raise CommandError(f"{len(drift)} people's stored review dates are not the record's.")
        self.stdout.write(self.style.SUCCESS("The stored review dates match the record."))
