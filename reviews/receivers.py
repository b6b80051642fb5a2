"""What reviews does when other apps tell it something changed (reviews/apps.py connects them)."""

from django.utils import timezone

from people.models import Person

from .stored_dates import review_dates_refresh


def review_dates_from_plan_approved(sender, *, plan, **kwargs) -> None:
    """An approved plan (a first plan or a revision, with its budget just set) starts the
    person's clocks again: their review dates are worked out again."""
    review_dates_refresh(people=Person.objects.filter(pk=plan.person_id))


def review_dates_from_council_settings(sender, *, settings, **kwargs) -> None:
    """Review intervals changed from today: every person at the council gets their dates worked
    out again now. A change from a later day takes effect in that night's refresh."""
    if settings.effective_from <= timezone.localdate():
        review_dates_refresh(people=Person.objects.filter(local_authority_id=settings.authority_id))


def review_dates_from_person(sender, *, person, **kwargs) -> None:
    """A person's name changed: their stored row keeps it, in the review list's order."""
    review_dates_refresh(people=Person.objects.filter(pk=person.pk))
