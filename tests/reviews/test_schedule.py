"""The two statutory clocks and the one aligned date: fixed cases and generated dates."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from reviews.schedule import (
    Clock,
    ReviewIntervals,
    ReviewStatus,
    add_months,
    review_schedule,
    review_status,
)

DEFAULTS = ReviewIntervals()


def test_a_plan_without_a_direct_payment_has_a_light_first_review_after_8_weeks():
    schedule = review_schedule(plan_started_on=date(2026, 3, 3), intervals=DEFAULTS)
    assert schedule.aligned_on == date(2026, 4, 28)
    assert [c.clock for c in schedule.clocks] == [Clock.PLAN]
    assert schedule.due(Clock.PLAN).reason == (
        "Plan review: a light first review 8 weeks after the plan started on 3 March 2026"
    )


def test_a_changed_plan_restarts_the_light_first_review_from_the_change():
    schedule = review_schedule(
        plan_started_on=date(2026, 9, 1), plan_changed=True, intervals=DEFAULTS
    )
    assert schedule.aligned_on == date(2026, 10, 27)
    assert "after the plan last changed on 1 September 2026" in schedule.due(Clock.PLAN).reason


def test_a_direct_payment_is_reviewed_within_6_months_of_starting():
    schedule = review_schedule(
        plan_started_on=date(2026, 3, 3), dp_started_on=date(2026, 3, 3), intervals=DEFAULTS
    )
    dp = schedule.due(Clock.DIRECT_PAYMENT)
    assert dp.due_on == date(2026, 9, 3)
    assert dp.reason == (
        "Direct payment review: within 6 months of the direct payment starting on 3 March 2026"
    )
    assert schedule.aligned_on == date(2026, 4, 28)  # the plan's light review comes first
    assert "also meets the direct payment review (due by 3 September 2026)" in (
        schedule.aligned_reason
    )


def test_the_council_s_shorter_intervals_are_used():
    intervals = ReviewIntervals(
        plan_first_review_weeks=6, dp_first_review_months=3, routine_review_months=9
    )
    schedule = review_schedule(
        plan_started_on=date(2026, 1, 5), dp_started_on=date(2026, 1, 5), intervals=intervals
    )
    assert schedule.due(Clock.PLAN).due_on == date(2026, 2, 16)
    assert schedule.due(Clock.DIRECT_PAYMENT).due_on == date(2026, 4, 5)


def test_settings_beyond_the_law_are_held_to_the_statutory_limits():
    class Loose:
        plan_first_review_weeks, dp_first_review_months, routine_review_months = 20, 9, 18

    assert ReviewIntervals.of(Loose()) == ReviewIntervals(8, 6, 12)


def test_a_direct_payment_started_on_31_august_is_reviewed_by_28_february():
    schedule = review_schedule(
        plan_started_on=date(2026, 8, 31), dp_started_on=date(2026, 8, 31), intervals=DEFAULTS
    )
    assert schedule.due(Clock.DIRECT_PAYMENT).due_on == date(2027, 2, 28)


def test_month_end_clamps_in_a_leap_year():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_a_direct_payment_starting_later_than_the_plan_keeps_both_clocks():
    schedule = review_schedule(
        plan_started_on=date(2026, 1, 10), dp_started_on=date(2026, 6, 1), intervals=DEFAULTS
    )
    assert schedule.due(Clock.PLAN).due_on == date(2026, 3, 7)
    assert schedule.due(Clock.DIRECT_PAYMENT).due_on == date(2026, 12, 1)
    assert schedule.aligned_on == date(2026, 3, 7)


def test_after_a_review_both_clocks_run_from_it_and_align_on_one_date():
    schedule = review_schedule(
        plan_started_on=date(2026, 1, 10),
        dp_started_on=date(2026, 1, 10),
        last_review_on=date(2026, 3, 1),
        intervals=DEFAULTS,
    )
    assert [c.due_on for c in schedule.clocks] == [date(2027, 3, 1), date(2027, 3, 1)]
    assert "is due on both clocks and meets both" in schedule.aligned_reason


def test_a_plan_change_after_the_last_review_brings_the_review_forward():
    schedule = review_schedule(
        plan_started_on=date(2026, 6, 1),
        plan_changed=True,
        dp_started_on=date(2026, 1, 10),
        last_review_on=date(2026, 3, 1),
        intervals=DEFAULTS,
    )
    assert schedule.due(Clock.PLAN).due_on == date(2026, 7, 27)
    assert schedule.aligned_on == date(2026, 7, 27)


def test_status_overdue_requested_due_soon_and_not_due():
    schedule = review_schedule(plan_started_on=date(2026, 3, 3), intervals=DEFAULTS)  # 28 April
    assert review_status(schedule, today=date(2026, 4, 29), requested=True) == "overdue"
    assert review_status(schedule, today=date(2026, 3, 4), requested=True) == "requested"
    assert review_status(schedule, today=date(2026, 3, 31), requested=False) == "due_soon"
    assert review_status(schedule, today=date(2026, 3, 30), requested=False) == "not_due"
    assert ReviewStatus("due_soon").label == "Due within 4 weeks"


# Generated dates: whatever the dates and the council's (lawful) settings, the aligned date
# never passes a statutory limit.
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
leap_days = st.sampled_from([date(2024, 2, 29), date(2028, 2, 29), date(2032, 2, 29)])
month_ends = st.builds(
    lambda y, m: add_months(date(y, m, 1), 1) - timedelta(days=1),
    st.integers(2020, 2040),
    st.integers(1, 12),
)
any_day = st.one_of(days, leap_days, month_ends)
intervals = st.builds(
    ReviewIntervals,
    plan_first_review_weeks=st.integers(1, 8),
    dp_first_review_months=st.integers(1, 6),
    routine_review_months=st.integers(1, 12),
)


def _within_months(start: date, end: date, months: int) -> bool:
    """`end` is no later than the same day `months` later (or that month's last day)."""
    return (end.year - start.year) * 12 + end.month - start.month <= months and (
        (end.year - start.year) * 12 + end.month - start.month < months or end.day <= start.day
    )


@given(
    plan_start=any_day,
    dp_delay=st.one_of(st.none(), st.integers(0, 400)),
    review_gap=st.one_of(st.none(), st.integers(0, 500)),
    settings=intervals,
    changed=st.booleans(),
)
def test_the_aligned_date_never_passes_a_statutory_limit(
    plan_start, dp_delay, review_gap, settings, changed
):
    dp_start = None if dp_delay is None else plan_start + timedelta(days=dp_delay)
    last_review = None if review_gap is None else plan_start + timedelta(days=review_gap)
    schedule = review_schedule(
        plan_started_on=plan_start,
        plan_changed=changed,
        dp_started_on=dp_start,
        last_review_on=last_review,
        intervals=settings,
    )
    aligned = schedule.aligned_on
    assert all(aligned <= clock.due_on for clock in schedule.clocks)
    assert aligned in {clock.due_on for clock in schedule.clocks}
    plan = schedule.due(Clock.PLAN).due_on
    if last_review is not None and last_review >= plan_start:
        assert last_review < plan and _within_months(last_review, plan, 12)
    else:
        assert plan_start < plan <= plan_start + timedelta(weeks=8)
    if dp_start is None:
        assert schedule.due(Clock.DIRECT_PAYMENT) is None
        return
    dp = schedule.due(Clock.DIRECT_PAYMENT).due_on
    if last_review is not None and last_review >= dp_start:
        assert last_review < dp and _within_months(last_review, dp, 12)
    else:
        # The first DP review runs from the DP's own start, even when it began after the plan.
        assert dp_start < dp and _within_months(dp_start, dp, 6)
        assert dp <= dp_start + timedelta(days=184)


@given(start=any_day, months=st.integers(1, 12))
def test_adding_months_lands_in_the_right_month_and_never_beyond_the_day(start, months):
    end = add_months(start, months)
    assert (end.year - start.year) * 12 + end.month - start.month == months
    assert end.day <= start.day
    assert end.day == start.day or (end + timedelta(days=1)).day == 1
