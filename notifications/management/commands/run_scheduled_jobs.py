"""Run every scheduled job now, in this process: what beat would start, for a laptop or a test."""

from django.conf import settings
from django.core.management.base import BaseCommand

from config.celery_app import app


class Command(BaseCommand):
    help = "Run every job on the Celery beat schedule now (reminders, contributions, digests)."

    def add_arguments(self, parser):
        parser.add_argument("--job", action="append", help="Run only this job (its schedule name)")

    def handle(self, *args, job=None, **options):
        app.loader.import_default_modules()
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            if job and name not in job:
                continue
            result = app.tasks[entry["task"]].apply()
            self.stdout.write(f"{name}: {result.get()}")
