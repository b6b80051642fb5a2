"""Rounding to the penny happens in one place, half-up, and never touches a float."""

from decimal import Decimal
from fractions import Fraction
from math import floor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.money import annual_to_weekly, monthly_to_weekly, round_pennies, weekly_to_annual

HALF_PENNY = Decimal("0.005")


def _decimals_up_to_six_places():
    """Any finite Decimal between ±£1,000,000 with 0 to 6 decimal places."""
    return st.integers(min_value=0, max_value=6).flatmap(
        lambda places: st.decimals(
            min_value=-1_000_000,
            max_value=1_000_000,
            places=places,
            allow_nan=False,
            allow_infinity=False,
        )
    )


def _pennies(max_value: int = 100_000):
    """Non-negative amounts in pounds and pence."""
    return st.decimals(
        min_value=0, max_value=max_value, places=2, allow_nan=False, allow_infinity=False
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"),
        ("2.675", "2.68"),  # as a float, 2.675 is 2.67499999… and would round down
        ("2.665", "2.67"),  # half-up, not banker's rounding (which gives 2.66)
        ("0.004999", "0.00"),
        ("1.994", "1.99"),
        ("10", "10.00"),
        ("-0.005", "-0.01"),  # a half penny rounds away from zero
    ],
)
def test_round_pennies_rounds_half_up(value, expected):
    assert round_pennies(Decimal(value)) == Decimal(expected)
    assert str(round_pennies(Decimal(value))) == expected


@pytest.mark.parametrize("function", [round_pennies, monthly_to_weekly, annual_to_weekly])
def test_floats_are_refused(function):
    with pytest.raises(TypeError, match="not float"):
        function(2.675)


def test_weekly_to_annual_refuses_floats():
    with pytest.raises(TypeError, match="not float"):
        weekly_to_annual(19.23)


def test_round_pennies_refuses_not_a_number():
    with pytest.raises(ValueError, match="finite"):
        round_pennies(Decimal("NaN"))


def test_monthly_to_weekly_of_100_pounds_is_23_pounds_08():
    # 100 × 12 / 52 = 23.0769… → 23.08
    assert monthly_to_weekly(Decimal("100")) == Decimal("23.08")


def test_monthly_to_weekly_rounds_once_at_the_end():
    # 400 × 12 = 4,800; 4,800 / 52 = 92.3076… → 92.31
    assert monthly_to_weekly(Decimal("400.00")) == Decimal("92.31")


def test_annual_to_weekly_divides_by_52():
    # 1,000 / 52 = 19.2307… → 19.23
    assert annual_to_weekly(Decimal("1000")) == Decimal("19.23")


def test_weekly_to_annual_multiplies_by_52_exactly():
    # 19.23 × 52 = 999.96: weekly is the source of truth, so annual is not "£1,000"
    assert weekly_to_annual(Decimal("19.23")) == Decimal("999.96")


@given(_decimals_up_to_six_places())
def test_round_pennies_moves_at_most_half_a_penny_and_keeps_two_places(value):
    rounded = round_pennies(value)
    assert abs(rounded - value) <= HALF_PENNY
    assert rounded.as_tuple().exponent >= -2


@given(_pennies())
def test_monthly_to_weekly_matches_exact_fraction_rounded_half_up(amount):
    exact_pence = Fraction(str(amount)) * 12 / 52 * 100
    expected = Decimal(floor(exact_pence + Fraction(1, 2))) / 100
    assert monthly_to_weekly(amount) == expected


@given(_pennies())
def test_weekly_amounts_survive_the_round_trip_through_annual(weekly):
    assert weekly_to_annual(weekly) == weekly * 52
    assert annual_to_weekly(weekly_to_annual(weekly)) == weekly
