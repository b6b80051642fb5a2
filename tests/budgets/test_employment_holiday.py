"""Paid holiday a personal assistant builds up: 5.6 weeks a year pro rata, at most 28 days,
12.07% of hours worked for hours that change, the holiday year from the start date, and
what is owed when someone leaves. Fixed and generated cases."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgets.employment.holiday import (
    IRREGULAR,
    REGULAR,
    holiday_on,
    holiday_year,
    not_being_taken,
    yearly_hours,
)


def test_full_and_part_time_get_5_6_of_their_own_weeks():
    assert yearly_hours(Decimal("37.5"), 5) == Decimal("210.00")  # 28 days of 7.5 hours
    assert yearly_hours(Decimal("10"), 2) == Decimal("56.00")
    assert yearly_hours(Decimal("10"), None) == Decimal("56.00")


def test_six_days_a_week_is_capped_at_28_days():
    # 5.6 x 48 = 268.8 hours, but 28 days of 8 hours is 224
    assert yearly_hours(Decimal("48"), 6) == Decimal("224.00")


def test_the_holiday_year_runs_from_the_start_date():
    assert holiday_year(date(2025, 6, 10), date(2026, 6, 9)) == (
        date(2025, 6, 10),
        date(2026, 6, 9),
    )
    assert holiday_year(date(2025, 6, 10), date(2026, 6, 10)) == (
        date(2026, 6, 10),
        date(2027, 6, 9),
    )
    assert holiday_year(date(2024, 2, 29), date(2025, 3, 1))[0] == date(2025, 3, 1)


def test_a_part_time_pa_builds_up_holiday_day_by_day():
    holiday = holiday_on(
        on=date(2026, 7, 1),
        started_on=date(2026, 1, 1),
        left_on=None,
        pattern=REGULAR,
        hourly_rate=Decimal("13.00"),
        usual_hours=Decimal("10"),
        usual_days=2,
        taken=[(date(2026, 3, 2), Decimal("5"))],
    )
    # 56 hours a year; 1 January to 1 July is 182 of 365 days
    assert holiday.entitled_hours == Decimal("56.00")
    assert holiday.built_up_hours == Decimal("27.92")
    assert holiday.taken_hours == Decimal("5.00")
    assert holiday.untaken_hours == Decimal("22.92")
    assert holiday.untaken_pay == Decimal("297.96")
    assert holiday.left_this_year == Decimal("51.00")


def test_irregular_hours_build_up_12_07_percent_of_hours_worked():
    worked = [(date(2026, 3, 2), 600), (date(2026, 3, 9), 450), (date(2025, 12, 1), 6000)]
    holiday = holiday_on(
        on=date(2026, 3, 20),
        started_on=date(2026, 1, 5),
        left_on=None,
        pattern=IRREGULAR,
        hourly_rate=Decimal("12.71"),
        worked=worked,
    )
    assert holiday.worked_hours == Decimal("17.50")  # the December hours were before she started
    assert holiday.built_up_hours == Decimal("2.11")  # 17.5 x 12.07% = 2.11225
    assert holiday.entitled_hours is None
    assert "12.07%" in holiday.explained[0]


def test_a_leaver_is_owed_what_they_built_up_and_did_not_take():
    holiday = holiday_on(
        on=date(2026, 12, 1),
        started_on=date(2026, 1, 1),
        left_on=date(2026, 3, 31),
        pattern=REGULAR,
        hourly_rate=Decimal("12.00"),
        usual_hours=Decimal("20"),
        usual_days=4,
        taken=[(date(2026, 2, 2), Decimal("10")), (date(2026, 6, 1), Decimal("99"))],
    )
    # 112 hours a year x 90/365 days = 27.62 built up; 10 taken before leaving
    assert holiday.counted_to == date(2026, 3, 31)
    assert holiday.built_up_hours == Decimal("27.62")
    assert holiday.untaken_pay == Decimal("211.44")


def test_nothing_is_built_up_before_someone_starts():
    holiday = holiday_on(
        on=date(2026, 1, 1),
        started_on=date(2026, 2, 1),
        left_on=None,
        pattern=REGULAR,
        hourly_rate=Decimal("12.71"),
        usual_hours=Decimal("10"),
    )
    assert holiday.built_up_hours == 0


def test_holiday_not_being_taken_after_half_the_year():
    args = dict(
        started_on=date(2026, 1, 1),
        left_on=None,
        pattern=REGULAR,
        hourly_rate=Decimal("12.71"),
        usual_hours=Decimal("20"),
    )
    assert not not_being_taken(holiday_on(on=date(2026, 5, 1), **args))  # too early to say
    assert not_being_taken(holiday_on(on=date(2026, 8, 1), **args))
    taken = [(date(2026, 6, 1), Decimal("40"))]
    assert not not_being_taken(holiday_on(on=date(2026, 8, 1), taken=taken, **args))


@given(
    usual=st.decimals(min_value=Decimal("1"), max_value=Decimal("60"), places=2),
    days=st.integers(min_value=1, max_value=7),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 1, 1)),
    gone=st.integers(min_value=0, max_value=800),
)
def test_regular_holiday_builds_up_to_the_years_entitlement_and_never_more(
    usual, days, start, gone
):
    on = start + timedelta(days=gone)
    holiday = holiday_on(
        on=on,
        started_on=start,
        left_on=None,
        pattern=REGULAR,
        hourly_rate=Decimal("12.71"),
        usual_hours=usual,
        usual_days=days,
    )
    assert 0 <= holiday.built_up_hours <= holiday.entitled_hours
    assert holiday.entitled_hours <= Decimal("5.6") * usual + Decimal("0.01")
    assert holiday.year_start <= on <= holiday.year_end
    if on == holiday.year_end:
        assert holiday.built_up_hours == holiday.entitled_hours
    later = holiday_on(
        on=min(on + timedelta(days=1), holiday.year_end),
        started_on=start,
        left_on=None,
        pattern=REGULAR,
        hourly_rate=Decimal("12.71"),
        usual_hours=usual,
        usual_days=days,
    )
    assert later.built_up_hours >= holiday.built_up_hours


@given(
    shifts=st.lists(
        st.tuples(st.integers(min_value=0, max_value=360), st.integers(1, 720)), max_size=40
    ),
)
def test_irregular_holiday_is_12_07_percent_of_hours_worked_in_the_year(shifts):
    start = date(2026, 1, 1)
    worked = [(start + timedelta(days=day), minutes) for day, minutes in shifts]
    holiday = holiday_on(
        on=date(2026, 12, 31),
        started_on=start,
        left_on=None,
        pattern=IRREGULAR,
        hourly_rate=Decimal("12.71"),
        worked=worked,
    )
    hours = Decimal(sum(m for _, m in shifts)) / 60
    assert abs(holiday.built_up_hours - hours * Decimal("0.1207")) <= Decimal("0.011")
    assert holiday.untaken_pay == (holiday.built_up_hours * Decimal("12.71")).quantize(
        Decimal("0.01"), rounding="ROUND_HALF_UP"
    )
