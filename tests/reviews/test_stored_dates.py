"""The stored review dates (reviews.stored_dates) that let the review list, the to-do list and
the reminders filter, sort and count in the database: for any history they are the pure
function's answer (reviews.schedule), and so are the status and clock filters; each place an
input changes stores the new dates; the nightly refresh and `review_dates_check` find and put
right anything else."""

import importlib
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from budgets.models import BudgetPart, PersonalBudget
from people.council_settings.models import CouncilSettings
from people.council_settings.services import SETTING_FIELDS, council_settings_change
from people.models import Person
from reviews import tasks
from reviews.due import listed, next_review_for, review_counts_for, review_list_for
from reviews.models import HeldReview, ReviewDates, ReviewRequest
from reviews.schedule import (
    Clock,
    ReviewIntervals,
    ReviewStatus,
    add_months,
    review_schedule,
    review_status,
)
from reviews.services import review_record
from reviews.stored_dates import review_dates_drift_all, review_dates_refresh
from support_plans import services as plan_services
from support_plans.models import ApprovalDecision, SupportPlan
from tests.builders import approve

from .helpers import approved_days_ago

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = timezone.localdate()


def _stored(person) -> tuple:
    row = ReviewDates.objects.get(person=person)
    return row.plan_due_on, row.dp_due_on, row.due_on


def _worked_out(schedule) -> tuple:
    direct_payment = schedule.due(Clock.DIRECT_PAYMENT)
    return (
        schedule.due(Clock.PLAN).due_on,
        direct_payment.due_on if direct_payment else None,
        schedule.aligned_on,
    )


def _from_the_record(user, person, today=None) -> tuple:
    return _worked_out(next_review_for(user, person, today=today).schedule)


# --- Any history: the database's answer is the pure function's -------------------------------

any_day = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
summer_day = st.builds(
    date, st.integers(2024, 2028), st.sampled_from([6, 7, 8]), st.integers(1, 30)
)
# Around midnight in winter and summer: 23:30 UTC is the next day in London in summer time.
times = st.sampled_from([time(0, 30), time(12, 0), time(23, 30)])
moments = st.builds(
    lambda day, at: datetime.combine(day, at, tzinfo=UTC), st.one_of(any_day, summer_day), times
)
intervals = st.builds(
    ReviewIntervals,
    plan_first_review_weeks=st.integers(1, 8),
    dp_first_review_months=st.integers(1, 6),
    routine_review_months=st.integers(1, 12),
)
history = st.fixed_dictionaries(
    {
        "approved_at": moments,
        "revision": st.integers(1, 3),
        # (the budget starts, days after approval; the part was added then; paying a week)
        "direct_payment": st.one_of(
            st.none(),
            st.tuples(st.integers(-30, 60), moments, st.sampled_from([0, 150, 150])),
        ),
        "held": st.lists(st.integers(-100, 700), max_size=3),  # days after approval
        "requested": st.booleans(),
        # Changes of review intervals, each from a day (relative to "today"), made in turn.
        "changes": st.lists(
            st.tuples(st.integers(-500, 60), intervals), max_size=3, unique_by=lambda c: c[0]
        ),
        # "Today", in days after the aligned date: often at the edges of the statuses.
        "today": st.one_of(st.sampled_from([-29, -28, -27, -1, 0, 1]), st.integers(-400, 400)),
    }
)


def _approved_on(history) -> date:
    return history["approved_at"].astimezone(LONDON).date()


def _written(history, *, person, plan, budget, council, staff, today) -> None:
    """The history, written into the record as the services would have left it."""
    approved_on = _approved_on(history)
    ApprovalDecision.objects.filter(plan=plan).update(created_at=history["approved_at"])
    SupportPlan.objects.filter(pk=plan.pk).update(revision=history["revision"])
    starts, added_at, weekly = history["direct_payment"] or (0, history["approved_at"], 0)
    PersonalBudget.objects.filter(pk=budget.pk).update(
        starts_on=approved_on + timedelta(days=starts),
        ends_on=approved_on + timedelta(days=starts + 365),
    )
    BudgetPart.objects.filter(budget=budget, kind=BudgetPart.Kind.DIRECT_PAYMENT).update(
        created_at=added_at, weekly_amount=weekly
    )
    for gap in history["held"]:
        HeldReview.objects.create(
            person=person,
            held_on=approved_on + timedelta(days=gap),
            summary="Met",
            recorded_by=staff,
        )
    if history["requested"]:
        ReviewRequest.objects.create(
            person=person, asked_by=staff, kind=ReviewRequest.Kind.OTHER, reason="Check"
        )
    for starts_in, values in history["changes"]:
        CouncilSettings.objects.create(
            authority=council,
            effective_from=today + timedelta(days=starts_in),
            plan_first_review_weeks=values.plan_first_review_weeks,
            dp_first_review_months=values.dp_first_review_months,
            routine_review_months=values.routine_review_months,
        )


def _expected(history):
    """The pure function's answer for the history: (schedule, status, today)."""
    approved_on = _approved_on(history)
    dp_started_on = None
    if history["direct_payment"] and history["direct_payment"][2] > 0:
        starts, added_at, _ = history["direct_payment"]
        added_on = added_at.astimezone(LONDON).date()
        dp_started_on = max(approved_on + timedelta(days=starts), added_on)
    in_force = [
        values
        for starts_in, values in sorted(history["changes"], key=lambda c: c[0])
        if starts_in <= 0
    ]
    held = [approved_on + timedelta(days=gap) for gap in history["held"]]
    schedule = review_schedule(
        plan_started_on=approved_on,
        plan_changed=history["revision"] > 1,
        dp_started_on=dp_started_on,
        last_review_on=max(held, default=None),
        intervals=in_force[-1] if in_force else ReviewIntervals(),
    )
    today = schedule.aligned_on + timedelta(days=history["today"])
    return schedule, review_status(schedule, today=today, requested=history["requested"]), today


def _listed(user, person, today, **filters) -> bool:
    return review_list_for(user, today=today, **filters).filter(pk=person.pk).exists()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=history)
@example(  # approved and the direct payment added at 00:30 in London in summer: its date there
    history={
        "approved_at": datetime(2026, 7, 1, 23, 30, tzinfo=UTC),
        "revision": 1,
        "direct_payment": (0, datetime(2026, 7, 10, 23, 30, tzinfo=UTC), 150),
        "held": [],
        "requested": False,
        "changes": [],
        "today": -28,
    }
)
@example(  # due today and asked for: not yet overdue; the change in force today, not tomorrow's
    history={
        "approved_at": datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
        "revision": 2,
        "direct_payment": None,
        "held": [],
        "requested": True,
        "changes": [(0, ReviewIntervals(6, 6, 12)), (1, ReviewIntervals(4, 3, 6))],
        "today": 0,
    }
)
def test_for_any_history_the_database_answers_as_the_pure_function_does(
    history, budget, council, social_worker
):
    person = budget.person
    schedule, status, today = _expected(history)
    with transaction.atomic():  # each example starts from the same record
        _written(
            history,
            person=person,
            plan=budget.plan,
            budget=budget,
            council=council,
            staff=social_worker,
            today=today,
        )
        review_dates_refresh(people=Person.objects.filter(pk=person.pk), today=today)

        assert _stored(person) == _worked_out(schedule)
        for each in ReviewStatus:
            assert _listed(social_worker, person, today, status=each) == (each == status)
        for clock in Clock:
            due = schedule.due(clock)
            drives = due is not None and due.due_on == schedule.aligned_on
            assert _listed(social_worker, person, today, clock=clock) == drives
        assert review_counts_for(social_worker, today=today) == {status: 1}
        [row] = listed(review_list_for(social_worker, today=today))
        shown = (row.dates.plan_due_on, row.dates.dp_due_on, row.dates.due_on)
        assert shown == _worked_out(schedule)
        assert (row.status, row.requested) == (status, history["requested"])
        transaction.set_rollback(True)


# --- Each place an input changes stores the new dates ----------------------------------------


def test_approving_a_plan_stores_its_review_dates(budget, social_worker):
    person = budget.person
    assert _stored(person) == _from_the_record(social_worker, person)
    assert _stored(person) == (
        TODAY + timedelta(weeks=8),
        add_months(TODAY, 6),
        TODAY + timedelta(weeks=8),
    )


def test_a_person_without_an_approved_plan_has_no_stored_dates(eligible_person):
    assert not ReviewDates.objects.filter(person=eligible_person).exists()


def test_an_approved_revision_stores_the_restarted_plan_clock(budget, social_worker, approver):
    person = budget.person
    approved_days_ago(person, 100)
    assert _stored(person)[2] == TODAY - timedelta(days=100 - 56)
    revision = plan_services.plan_revise(
        plan=budget.plan, user=person.user, reason="Needs changed after a fall"
    )
    approve(revision, writer=person.user, checker=social_worker, approver=approver)
    assert _stored(person)[0] == TODAY + timedelta(weeks=8)
    assert _stored(person) == _from_the_record(social_worker, person)


def test_recording_a_review_stores_the_dates_that_run_from_it(budget, social_worker):
    person = budget.person
    approved_days_ago(person, 100)
    held_on = TODAY - timedelta(days=3)
    review_record(person=person, user=social_worker, held_on=held_on, summary="All is well")
    assert _stored(person)[0] == add_months(held_on, 12)
    assert _stored(person) == _from_the_record(social_worker, person)


def _intervals_change(council, user, starts, **values):
    current = {name: getattr(CouncilSettings(), name) for name in SETTING_FIELDS}
    council_settings_change(
        authority=council, user=user, effective_from=starts, values={**current, **values}
    )


def test_review_intervals_changed_from_today_move_everyone_s_dates_at_once(
    budget, council, la_admin
):
    _intervals_change(council, la_admin, TODAY, plan_first_review_weeks=6)
    assert _stored(budget.person)[0] == TODAY + timedelta(weeks=6)


def test_review_intervals_changed_from_a_later_day_move_the_dates_that_night(
    budget, council, la_admin
):
    tomorrow = TODAY + timedelta(days=1)
    _intervals_change(council, la_admin, tomorrow, plan_first_review_weeks=6)
    assert _stored(budget.person)[0] == TODAY + timedelta(weeks=8)  # not yet
    assert len(review_dates_drift_all(today=tomorrow)) == 1
    tasks.review_dates_nightly.apply()  # today's run: nothing changes
    assert _stored(budget.person)[0] == TODAY + timedelta(weeks=8)
    from reviews.stored_dates import review_dates_refresh_all

    assert review_dates_refresh_all(today=tomorrow) == 1  # tomorrow's run
    assert _stored(budget.person)[0] == TODAY + timedelta(weeks=6)


def test_the_nightly_refresh_is_on_the_beat_schedule_first_thing():
    entry = django_settings.CELERY_BEAT_SCHEDULE["review-dates"]
    assert entry["task"] == "reviews.tasks.review_dates_nightly"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({0}, {5})


# --- Finding and putting right drift ----------------------------------------------------------


def test_review_dates_check_finds_drift_and_fix_puts_it_right(budget, capsys):
    call_command("review_dates_check")
    ReviewDates.objects.filter(person=budget.person).delete()
    with pytest.raises(CommandError, match="1 people's stored review dates"):
        call_command("review_dates_check")
    assert "stored nothing (no approved plan), the record gives plan" in capsys.readouterr().err
    call_command("review_dates_check", "--fix")
    call_command("review_dates_check")
    assert ReviewDates.objects.filter(person=budget.person).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="migrating inside a test needs PostgreSQL's DDL"
)
def test_the_data_migration_stores_what_the_record_gives(budget, other_person, social_worker):
    ReviewDates.objects.all().delete()
    approved_days_ago(budget.person, 400)  # stores Sam's dates again: delete them once more
    HeldReview.objects.create(
        person=budget.person,
        held_on=TODAY - timedelta(days=20),
        summary="Met",
        recorded_by=social_worker,
    )
    ReviewDates.objects.all().delete()
    _migrate_reviews_back_and_forward()  # 0008 stores the dates, 0009 the council and name
    assert review_dates_drift_all() == []
    assert ReviewDates.objects.count() == 1


def _migrate_reviews_back_and_forward():
    with connection.cursor() as cursor:  # checks the test's rows now, so tables can be altered
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate([("reviews", "0007_review_dates")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("reviews"))


def test_the_list_order_migration_copies_each_council_and_name(budget, other_person):
    """0009 fills the rows stored before it with the person's council and name."""
    ReviewDates.objects.update(last_name="", first_name="")
    migration = importlib.import_module("reviews.migrations.0009_review_dates_in_list_order")
    migration._copy_from_person(django_apps, None)
    assert review_dates_drift_all() == []
    row = ReviewDates.objects.get(person=budget.person)
    assert (row.council_id, row.last_name, row.first_name) == (
        budget.person.local_authority_id,
        budget.person.last_name,
        budget.person.first_name,
    )


def test_review_dates_check_finds_a_name_out_of_step(budget, capsys):
    """A name changed outside the service (the Django admin) is drift until the night."""
    Person.objects.filter(pk=budget.person.pk).update(last_name="Changed")
    with pytest.raises(CommandError, match="1 people's stored review dates"):
        call_command("review_dates_check")
    assert f"name {budget.person.first_name} Changed" in capsys.readouterr().err
    call_command("review_dates_check", "--fix")
    assert ReviewDates.objects.get(person=budget.person).last_name == "Changed"
