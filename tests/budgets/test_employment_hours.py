"""Hours on a timesheet: times as people type them, and a week's shifts checked: a finish
before the start, more than 24 hours in a day, overlapping shifts, days outside the 7."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgets.employment.hours import (
    HoursProblem,
    Shift,
    check_shift,
    check_week,
    hours_text,
    parse_time,
    week_text,
)

MONDAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    "typed,minutes",
    [("9", 540), ("09:30", 570), ("9.30", 570), ("9:30pm", 1290), ("12am", 0), ("00:00", 0)],
)
def test_times_as_people_type_them(typed, minutes):
    assert parse_time(typed) == minutes


@pytest.mark.parametrize("typed", ["", "25:00", "9:75", "half nine", "-1", "13pm", "1e3"])
def test_times_that_are_not_times(typed):
    with pytest.raises(HoursProblem, match="24-hour clock"):
        parse_time(typed)


def test_midnight_finishes_a_shift_but_cannot_start_one():
    assert parse_time("24:00", finish=True) == 1440
    with pytest.raises(HoursProblem, match="enter 00:00 on the next day"):
        parse_time("24:00")


def test_a_finish_before_the_start_is_negative_hours_and_says_how_to_enter_a_night():
    with pytest.raises(HoursProblem) as problem:
        check_shift(2, MONDAY, 22 * 60, 7 * 60)
    assert str(problem.value) == (
        "Shift 2 finishes (07:00) before it starts (22:00). For a shift past midnight, enter "
        "two shifts: one finishing at 24:00, and one starting at 00:00 the next day"
    )
    with pytest.raises(HoursProblem, match="starts and finishes at 09:00"):
        check_shift(1, MONDAY, 540, 540)


def test_overlapping_shifts_are_named():
    shifts = [Shift(MONDAY, 540, 780), Shift(MONDAY, 720, 900)]
    assert check_week(MONDAY, shifts) == [
        "Two shifts on Monday 2 March overlap: 09:00 to 13:00 and 12:00 to 15:00. Change the "
        "times so each hour is entered once"
    ]


def test_more_than_24_hours_in_a_day():
    shifts = [Shift(MONDAY, 0, 1440), Shift(MONDAY, 600, 660)]
    assert check_week(MONDAY, shifts) == [
        "The shifts on Monday 2 March add up to more than 24 hours"
    ]


def test_a_day_outside_the_week_is_more_than_7_days():
    shifts = [Shift(MONDAY + timedelta(days=7), 540, 600), Shift(MONDAY, 540, 600)]
    [problem] = check_week(MONDAY, shifts)
    assert problem.startswith("A timesheet covers one week of 7 days, 2 to 8 March 2026: ")
    assert "9 March 2026 is not in it" in problem


def test_a_proper_week_has_no_problems():
    shifts = [Shift(MONDAY + timedelta(days=d), 540, 780) for d in range(7)]
    shifts.append(Shift(MONDAY, 780, 1440))  # back to back is not an overlap
    assert check_week(MONDAY, shifts) == []


def test_words_for_weeks_and_hours():
    assert week_text(date(2026, 3, 30)) == "30 March to 5 April 2026"
    assert week_text(date(2025, 12, 29)) == "29 December 2025 to 4 January 2026"
    assert hours_text(450) == "7.5 hours"
    assert hours_text(60) == "1 hour"
    assert hours_text(45) == "45 minutes"


@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 1439), st.integers(1, 1440)).filter(
            lambda t: t[2] > t[1]
        ),
        max_size=12,
    )
)
def test_a_week_passes_exactly_when_no_two_shifts_on_a_day_share_a_minute(raw):
    shifts = [Shift(MONDAY + timedelta(days=d), s, e) for d, s, e in raw]
    minutes: dict = {}
    clash = False
    for shift in shifts:
        taken = minutes.setdefault(shift.day, set())
        span = set(range(shift.starts, shift.ends))
        clash = clash or bool(taken & span)
        taken |= span
    assert (check_week(MONDAY, shifts) == []) == (not clash)
