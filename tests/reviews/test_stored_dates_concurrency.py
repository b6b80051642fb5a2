"""Stored review dates under concurrent changes, on PostgreSQL (row locks): a whole council's
refresh that read the record before a person's review was recorded never writes its older
dates over the newer ones (reviews.stored_dates.review_dates_refresh)."""

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from people.models import Person
from reviews import stored_dates
from reviews.models import ReviewDates
from reviews.schedule import add_months
from reviews.services import review_record

from .helpers import approved_days_ago

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_a_council_refresh_never_overwrites_a_review_recorded_meanwhile(
    budget, social_worker, monkeypatch
):
    person = budget.person
    approved_days_ago(person, 100)
    held_on = timezone.localdate() - timedelta(days=3)
    # Something the council's refresh will put right (as after a change of intervals), so it
    # writes the person's row: with dates from the record as it read it.
    ReviewDates.objects.filter(person=person).update(last_name="Before")
    council_has_read = threading.Event()
    review_committed = threading.Event()
    compared = stored_dates._compared

    def council_reads_then_pauses(people, today):
        found = compared(people, today)
        if threading.current_thread().name == "council":
            council_has_read.set()
            # Wait for the review to commit; with the rows locked it cannot, so go on.
            review_committed.wait(timeout=3)
        return found

    monkeypatch.setattr(stored_dates, "_compared", council_reads_then_pauses)
    outcomes = {}

    def council_refresh():
        try:
            stored_dates.review_dates_refresh(
                people=Person.objects.filter(local_authority_id=person.local_authority_id)
            )
            outcomes["council"] = "ok"
        finally:
            close_old_connections()

    def record_review():
        try:
            council_has_read.wait(timeout=10)
            review_record(person=person, user=social_worker, held_on=held_on, summary="Met")
            review_committed.set()
            outcomes["review"] = "ok"
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=council_refresh, name="council"),
        threading.Thread(target=record_review, name="review"),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == {"council": "ok", "review": "ok"}
    row = ReviewDates.objects.get(person=person)
    assert row.plan_due_on == add_months(held_on, 12)  # the review's dates, not the older ones
    assert stored_dates.review_dates_drift(Person.objects.filter(pk=person.pk)) == []
