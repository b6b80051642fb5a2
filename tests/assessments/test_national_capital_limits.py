"""Issue 11: a council may be more generous than the national charging rules, never less.
Capital limits below England's (lower £14,250, upper £23,250) or a tariff step under £250
would charge people more than the law allows, so they are refused with the reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments.models import ChargingRates


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("lower_capital_limit", "10000.00", "never lower"),
        ("upper_capital_limit", "20000.00", "never lower"),
        ("tariff_step", "100.00", "cannot be less than £250"),
    ],
)
def test_rates_stricter_than_the_national_ones_are_refused(council, field, value, message):
    rates = ChargingRates(authority=council, financial_year=2027, **{field: Decimal(value)})
    with pytest.raises(ValidationError, match=message):
        rates.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        rates.save()
    assert not ChargingRates.objects.filter(financial_year=2027).exists()


def test_more_generous_limits_are_allowed(council):
    rates = ChargingRates(
        authority=council,
        financial_year=2027,
        lower_capital_limit=Decimal("16000.00"),
        upper_capital_limit=Decimal("30000.00"),
        tariff_step=Decimal("500.00"),
    )
    rates.full_clean()
    rates.save()
