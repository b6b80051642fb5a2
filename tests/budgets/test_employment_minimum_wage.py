"""The minimum wage for a personal assistant on each day worked: the band for their age (a
birthday moves them up), an apprentice's first year, and the April rate changes. Fixed cases
from gov.uk's published rates, and generated ones."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgets.employment.minimum_wage import (
    AgeAnswers,
    Rate,
    age_on,
    band_on,
    days_below_minimum,
    minimum_on,
    next_rise,
)
from budgets.employment.rates import PUBLISHED

RATES = [
    Rate(band, date.fromisoformat(start), Decimal(hourly))
    for start, bands, _ in PUBLISHED
    for band, hourly in bands.items()
]
ADULT = AgeAnswers("21_or_over")


def test_the_national_living_wage_rises_on_1_april():
    assert minimum_on(RATES, ADULT, date(2026, 3, 31)).hourly == Decimal("12.21")
    assert minimum_on(RATES, ADULT, date(2026, 4, 1)).hourly == Decimal("12.71")
    assert minimum_on(RATES, ADULT, date(2024, 4, 1)).hourly == Decimal("11.44")


def test_a_week_across_1_april_is_short_only_on_the_days_after_it():
    week = [date(2026, 3, 30) + timedelta(days=n) for n in range(7)]
    short = days_below_minimum(RATES, ADULT, Decimal("12.50"), week)
    assert [s.day for s in short] == week[2:]  # Wednesday 1 April onwards
    assert {s.minimum.hourly for s in short} == {Decimal("12.71")}


def test_a_pa_who_turns_21_mid_year_moves_to_the_national_living_wage_on_their_birthday():
    young = AgeAnswers("under_21", born=date(2005, 9, 14))
    assert band_on(young, date(2026, 9, 13)) == "18_to_20"
    assert minimum_on(RATES, young, date(2026, 9, 13)).hourly == Decimal("10.85")
    assert band_on(young, date(2026, 9, 14)) == "21_and_over"
    assert minimum_on(RATES, young, date(2026, 9, 14)).hourly == Decimal("12.71")
    short = days_below_minimum(
        RATES, young, Decimal("11.00"), [date(2026, 9, 13), date(2026, 9, 14)]
    )
    assert [s.day for s in short] == [date(2026, 9, 14)]


def test_next_rise_warns_of_a_birthday_and_of_april():
    young = AgeAnswers("under_21", born=date(2005, 9, 14))
    rise = next_rise(RATES, young, Decimal("11.00"), date(2026, 8, 1))
    assert (rise.day, rise.minimum.hourly) == (date(2026, 9, 14), Decimal("12.71"))
    april = next_rise(RATES, ADULT, Decimal("12.50"), date(2026, 2, 1))
    assert (april.day, april.minimum.hourly) == (date(2026, 4, 1), Decimal("12.71"))
    assert next_rise(RATES, ADULT, Decimal("13.00"), date(2026, 2, 1)) is None


def test_under_18_and_apprentice_rates():
    teen = AgeAnswers("under_21", born=date(2009, 6, 1))
    assert minimum_on(RATES, teen, date(2026, 5, 1)).hourly == Decimal("8.00")
    apprentice = AgeAnswers(
        "apprentice", born=date(2000, 1, 1), apprenticeship_from=date(2026, 1, 5)
    )
    assert band_on(apprentice, date(2026, 6, 1)) == "apprentice"  # 26, in the first year
    assert band_on(apprentice, date(2027, 1, 5)) == "21_and_over"  # the first year is over
    young_apprentice = AgeAnswers(
        "apprentice", born=date(2009, 2, 1), apprenticeship_from=date(2024, 9, 1)
    )
    assert band_on(young_apprentice, date(2026, 6, 1)) == "apprentice"  # under 19


def test_no_rate_before_the_first_held():
    assert minimum_on(RATES, ADULT, date(2020, 1, 1)) is None


@given(
    born=st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)),
    day=st.dates(min_value=date(2024, 4, 1), max_value=date(2027, 12, 31)),
)
def test_the_band_always_follows_the_age_on_the_day(born, day):
    answers = AgeAnswers("under_21", born=born)
    age = age_on(born, day)
    expected = "21_and_over" if age >= 21 else "18_to_20" if age >= 18 else "under_18"
    assert band_on(answers, day) == expected
    if age >= 21:
        assert minimum_on(RATES, answers, day) == minimum_on(RATES, ADULT, day)


@given(
    born=st.dates(min_value=date(1980, 1, 1), max_value=date(2010, 1, 1)),
    first=st.dates(min_value=date(2024, 4, 1), max_value=date(2027, 6, 1)),
    length=st.integers(min_value=0, max_value=400),
    hourly=st.decimals(min_value=Decimal("5.00"), max_value=Decimal("15.00"), places=2),
)
def test_a_day_is_short_exactly_when_the_rate_is_below_that_days_minimum(
    born, first, length, hourly
):
    answers = AgeAnswers("under_21", born=born)
    days = [first + timedelta(days=n) for n in range(0, length, 7)]
    short = {s.day for s in days_below_minimum(RATES, answers, hourly, days)}
    for day in days:
        assert (day in short) == (hourly < minimum_on(RATES, answers, day).hourly)


@given(day=st.dates(min_value=date(2024, 4, 1), max_value=date(2027, 12, 31)))
def test_the_rates_never_fall_with_age(day):
    """Under 18 <= 18 to 20 <= 21 and over, on any day."""
    values = [
        minimum_on(RATES, AgeAnswers("under_21", born=day.replace(year=day.year - age)), day)
        for age in (17, 19, 22)
    ]
    assert values[0].hourly <= values[1].hourly <= values[2].hourly
