"""Each person's next review dates, kept in ReviewDates so a whole caseload is filtered, sorted
and counted in the database (issue 15: working out 10,000 schedules on every request of the
review list took seconds).

The dates are reviews.schedule.review_schedule's answer from the person's record (reviews.due
reads it) with the council's intervals in force on the day: the rules live there alone. They
are written here alone, in the one place each input changes:
- a plan approved: a first plan, a revision, and a direct payment starting or ending (the
  budget's parts change only then), through support_plans' plan_approved signal;
- a review held (reviews.services.review_record);
- a council's review intervals changed from today (people.council_settings' signal);
- a person's name changed (people's person_details_changed signal): each row keeps the
  person's council and name too, in the review list's order;
- each night, everyone (reviews.tasks.review_dates_nightly): a change of intervals made to start
  on a later day takes effect that way, and any other drift is put right.
`manage.py review_dates_check` compares the stored dates with the record and changes nothing.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from people.models import Person

from .due import due_reviews
from .models import ReviewDates
from .schedule import Clock

DATE_FIELDS = ["plan_due_on", "dp_due_on", "due_on"]
# What each row keeps: the dates, then the person's council and name (the review list's order).
STORED_FIELDS = [*DATE_FIELDS, "council_id", "last_name", "first_name"]


def _stored(row) -> tuple:
    """What a person's row should hold (STORED_FIELDS), from their schedule and record."""
    direct_payment = row.schedule.due(Clock.DIRECT_PAYMENT)
    person = row.person
    return (
        row.schedule.due(Clock.PLAN).due_on,
        direct_payment.due_on if direct_payment else None,
        row.schedule.aligned_on,
        person.local_authority_id,
        person.last_name,
        person.first_name,
    )


def _compared(people, today: date | None) -> tuple[dict, dict]:
    """({person id: dates from the record}, {person id: dates stored}) for these people."""
    wanted = {row.person.id: _stored(row) for row in due_reviews(people, today=today)}
    stored = {
        person_id: tuple(values)
        for person_id, *values in ReviewDates.objects.filter(person__in=people).values_list(
            "person_id", *STORED_FIELDS
        )
    }
    return wanted, stored


def review_dates_drift(people, *, today: date | None = None) -> list[str]:
    """Each of these people whose stored dates are not the ones their record gives today."""
    wanted, stored = _compared(people, today)
    return [
        f"Person {person_id}: stored {_shown(stored.get(person_id))}, "
        f"the record gives {_shown(wanted.get(person_id))}"
        for person_id in sorted(wanted.keys() | stored.keys(), key=str)
        if wanted.get(person_id) != stored.get(person_id)
    ]


def _shown(dates: tuple | None) -> str:
    if dates is None:
        return "nothing (no approved plan)"
    plan, direct_payment, aligned, council_id, last_name, first_name = dates
    return (
        f"plan {plan}, direct payment {direct_payment or '-'}, aligned {aligned}, "
        f"council {council_id}, name {first_name} {last_name}"
    )


@transaction.atomic
def review_dates_refresh(*, people, today: date | None = None) -> int:
    """Work these people's dates out again from their record and store any that changed; how
    many people's rows changed.

    Their stored rows are locked first, in one order, and only then is the record read. So a
    refresh that read the record before another change committed (a whole council's, say,
    while one person's review is recorded) has finished before that change's own refresh can
    write, and can never write its older dates over the newer ones."""
    list(
        ReviewDates.objects.select_for_update()
        .filter(person__in=people)
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )
    wanted, stored = _compared(people, today)
    changed = [  # in one order, so two refreshes at once wait for each other, never deadlock
        ReviewDates(person_id=person_id, **dict(zip(STORED_FIELDS, wanted[person_id], strict=True)))
        for person_id in sorted(wanted, key=str)
        if stored.get(person_id) != wanted[person_id]
    ]
    ReviewDates.objects.bulk_create(
        changed,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["person"],
        update_fields=STORED_FIELDS,
    )
    gone = stored.keys() - wanted.keys()
    ReviewDates.objects.filter(person_id__in=gone).delete()
    return len(changed) + len(gone)


def _by_council():
    """Everyone, as one set of people per council (so the memory used is one council's)."""
    councils = Person.objects.order_by().values_list("local_authority_id", flat=True).distinct()
    return (Person.objects.filter(local_authority_id=council) for council in councils)


def review_dates_refresh_all(*, today: date | None = None) -> int:
    """Everyone's dates worked out again; how many people's rows changed."""
    today = today or timezone.localdate()
    return sum(review_dates_refresh(people=people, today=today) for people in _by_council())


def review_dates_drift_all(*, today: date | None = None) -> list[str]:
    """review_dates_drift for everyone."""
    today = today or timezone.localdate()
    return [line for people in _by_council() for line in review_dates_drift(people, today=today)]
