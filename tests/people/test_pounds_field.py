"""The one money input: what people type becomes an exact Decimal, or says how to fix it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.forms import PoundsField

FIELD = PoundsField(
    minimum=Decimal("0.01"), too_small="More than £0, please", too_precise="Pennies"
)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("25", "25"), ("£1,250.50", "1250.50"), (" 0.01 ", "0.01"), ("999999.99", "999999.99")],
)
def test_amounts_people_type_become_exact_decimals(typed, amount):
    assert FIELD.clean(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e5", "Enter an amount in pounds and pence"),
        ("NaN", "Enter an amount in pounds and pence"),
        ("12,34", "Enter an amount in pounds and pence"),
        ("12.345", "Pennies"),
        ("-5", "More than £0, please"),
        ("0", "More than £0, please"),
        ("1000000", "less than £1,000,000.00"),
        ("9" * 40, "less than £1,000,000.00"),
        ("", "Enter an amount in pounds and pence"),
    ],
)
def test_anything_else_says_how_to_fix_it(typed, message):
    with pytest.raises(ValidationError, match=message):
        FIELD.clean(typed)
