"""Scheduled jobs for reviews (config/settings/base.py CELERY_BEAT_SCHEDULE): thin wrappers."""

from celery import shared_task

from . import reminders, stored_dates


@shared_task(acks_late=True)
def review_reminders() -> int:
    """Reminders four weeks before a review is due and when it is overdue, once each."""
    return reminders.review_reminders_send()


@shared_task(acks_late=True)
def review_action_reminders() -> int:
    """A reminder to whoever owns an action from a review once its date has passed."""
    return reminders.action_reminders_send()


@shared_task(acks_late=True)
def review_dates_nightly() -> int:
    """Everyone's review dates worked out again with the day's council settings (a change of
    review intervals from today takes effect); how many people's dates changed."""
    return stored_dates.review_dates_refresh_all()
