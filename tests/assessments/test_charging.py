"""The financial assessment works out a fair weekly charge and shows every step of its working.

Worked examples are done by hand in the comments; the code must agree with them to the penny.
None of these tests touch the database.
"""

import re
from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.financial.charging import (
    ChargingInput,
    ChargingRates,
    ExpenseItem,
    IncomeItem,
    assess,
    tariff_income,
)

STATE_PENSION = IncomeItem("State Pension", D("230.25"), disregarded=False)
PIP_DAILY_LIVING_ENHANCED = IncomeItem(
    "PIP daily living (enhanced)", D("110.40"), income_type="pip_daily_living_enhanced"
)
PIP_MOBILITY = IncomeItem(
    "PIP mobility", D("77.05"), disregarded=True, reason="PIP mobility is always ignored."
)
OVER_PENSION_AGE = ChargingRates(mig_weekly=D("228.70"), local_mig_buffer=D("5.00"))


def person(**changes) -> ChargingInput:
    """Mrs Ahmed, 70: State Pension, a private pension, PIP, and £18,000 in savings."""
    defaults = dict(
        income_items=[
            STATE_PENSION,
            IncomeItem.monthly("Private pension", D("400.00")),
            PIP_DAILY_LIVING_ENHANCED,
            PIP_MOBILITY,
        ],
        capital=D("18000.00"),
        housing_costs=[
            ExpenseItem("Council Tax (after discount)", D("24.10")),
            ExpenseItem("Service charge", D("6.40")),
        ],
        dre_items=[
            ExpenseItem("Extra heating", D("6.50")),
            ExpenseItem("Extra laundry", D("4.00")),
            ExpenseItem("Community alarm", D("3.50")),
        ],
        use_standard_dre=False,
        no_night_care_provided=False,
        weekly_cost_of_care=D("350.00"),
        declined_to_disclose=False,
        rates=replace(OVER_PENSION_AGE, standard_dre_weekly=D("20.00")),
    )
    return ChargingInput(**{**defaults, **changes})


def step(result, label):
    """The amount on the step with this label."""
    return next(s.amount for s in result.steps if s.label == label)


# Worked example 1: Mrs Ahmed, actual disability-related expenses, 100% charge.
#   State Pension                                   230.25
#   Private pension £400/month: 400 × 12 / 52 = 92.3076… →  92.31
#   PIP daily living (enhanced)                     110.40
#   PIP mobility                                     77.05
#   Total weekly income  230.25 + 92.31 + 110.40 + 77.05 = 510.01
#   We do not count PIP mobility                     77.05
#   Income we count      510.01 − 77.05            = 432.96
#   Tariff: 18,000 − 14,250 = 3,750 above; 3,750 / 250 = 15 steps → 15.00
#   Housing: Council Tax 24.10 + service charge 6.40 = 30.50
#   MIG 228.70 + local buffer 5.00                  = 233.70
#   DRE: heating 6.50 + laundry 4.00 + alarm 3.50    = 14.00
#   Disposable: 432.96 + 15.00 − 30.50 − 233.70 − 14.00 = 169.76
#   100% of 169.76 = 169.76; the care costs 350.00, so no cap → 169.76
def test_worked_example_pensioner_with_actual_disability_expenses():
    result = assess(person())

    assert [(s.label, s.amount) for s in result.steps] == [
        ("State Pension", D("230.25")),
        ("Private pension", D("92.31")),
        ("PIP daily living (enhanced)", D("110.40")),
        ("PIP mobility", D("77.05")),
        ("Total weekly income", D("510.01")),
        ("We do not count: PIP mobility", D("77.05")),
        ("Income we count", D("432.96")),
        ("Tariff income from your capital", D("15")),
        ("Housing cost: Council Tax (after discount)", D("24.10")),
        ("Housing cost: Service charge", D("6.40")),
        ("Total housing costs", D("30.50")),
        ("Minimum Income Guarantee", D("228.70")),
        ("Extra income your council protects", D("5.00")),
        ("Disability-related expense: Extra heating", D("6.50")),
        ("Disability-related expense: Extra laundry", D("4.00")),
        ("Disability-related expense: Community alarm", D("3.50")),
        ("Total disability-related expenses", D("14.00")),
        ("Disposable income", D("169.76")),
        ("100% of your disposable income", D("169.76")),
        ("Your weekly charge", D("169.76")),
    ]
    assert result.weekly_charge == D("169.76")
    assert result.full_cost is False
    assert result.reason == "You pay £169.76 a week: 100% of your disposable income of £169.76"


def test_tariff_step_explains_the_250_pound_rule():
    tariff = next(s for s in assess(person()).steps if s.label.startswith("Tariff"))

    assert "£3,750 above the lower limit of £14,250" in tariff.explanation
    assert "£1 a week for every £250 or part of £250" in tariff.explanation


# Worked example 1b: the same, with the council's standard DRE allowance of £20 instead.
#   Disposable: 432.96 + 15.00 − 30.50 − 233.70 − 20.00 = 163.76 → charge 163.76
def test_worked_example_standard_disability_allowance_replaces_actual_items():
    result = assess(person(use_standard_dre=True))

    assert step(result, "Disability-related expenses (standard allowance)") == D("20.00")
    assert not any(s.label.startswith("Disability-related expense:") for s in result.steps)
    assert result.weekly_charge == D("163.76")


# Worked example 1c: the council ignores £36.50 of enhanced PIP daily living (enhanced 110.40
# less standard 73.90) because no night care is provided.
#   Income we count: 432.96 − 36.50 = 396.46
#   Disposable: 396.46 + 15.00 − 30.50 − 233.70 − 14.00 = 133.26 → charge 133.26
def test_worked_example_pip_enhanced_rate_without_night_care():
    rates = replace(person().rates, night_care_disregard_weekly=D("36.50"))
    result = assess(person(rates=rates, no_night_care_provided=True))

    assert step(result, "We do not count: part of PIP daily living (enhanced)") == D("36.50")
    assert step(result, "Income we count") == D("396.46")
    assert result.weekly_charge == D("133.26")


def test_pip_night_care_rule_does_nothing_where_the_council_does_not_use_it():
    result = assess(person(no_night_care_provided=True))

    assert result.weekly_charge == D("169.76")


# Worked example 2: Mrs Ahmed again, but her care costs only £120.00 a week.
#   Disposable 169.76 (as example 1) > 120.00, so the charge is capped at 120.00.
def test_worked_example_charge_is_capped_at_the_weekly_cost_of_care():
    result = assess(person(weekly_cost_of_care=D("120.00")))

    assert result.weekly_charge == D("120.00")
    assert result.full_cost is False
    assert step(result, "Capped at the approved cost of your care") == D("120.00")
    assert "so it is capped at the approved cost of your care: you pay £120" in result.reason


# Worked example 3: Mr Brown, 30, works part time.
#   ESA 90.50 + PIP daily living (standard) 73.90 + earnings 40.00 = 204.40
#   Earnings are ignored: income we count 204.40 − 40.00 = 164.40
#   Capital £2,000 is below £14,250: tariff 0
#   Council Tax 5.20; MIG (age 25 to pension age, with disability premium) 155.70; standard DRE 20
#   164.40 − 5.20 − 155.70 − 20.00 = −16.50 → disposable income cannot be below 0 → charge 0
def test_worked_example_income_below_allowances_means_no_charge():
    result = assess(
        ChargingInput(
            income_items=[
                IncomeItem("Employment and Support Allowance", D("90.50"), False),
                IncomeItem("PIP daily living (standard)", D("73.90"), False),
                IncomeItem("Earnings", D("40.00"), True, reason="Earnings are always ignored."),
            ],
            capital=D("2000.00"),
            housing_costs=[ExpenseItem("Council Tax", D("5.20"))],
            dre_items=None,
            use_standard_dre=True,
            no_night_care_provided=False,
            weekly_cost_of_care=D("200.00"),
            declined_to_disclose=False,
            rates=ChargingRates(mig_weekly=D("155.70"), standard_dre_weekly=D("20.00")),
        )
    )

    assert step(result, "Income we count") == D("164.40")
    assert step(result, "Tariff income from your capital") == D("0")
    disposable = next(s for s in result.steps if s.label == "Disposable income")
    assert disposable.amount == D("0")
    assert "-£16.50" in disposable.explanation
    assert result.weekly_charge == D("0")
    assert "you pay £0" in result.reason


# Worked example 4: Ms Clarke, 68, in a council that charges 90% of disposable income.
#   State Pension 230.25
#   Occupational pension £250/month: 250 × 12 / 52 = 57.6923… → 57.69
#   Income we count 230.25 + 57.69 = 287.94
#   Capital £14,250.01: 1p above the lower limit is "part of £250" → tariff 1.00
#   Ground rent and service charge 12.00; MIG 228.70 + buffer 5.00; laundry 3.99
#   Disposable 287.94 + 1.00 − 12.00 − 233.70 − 3.99 = 39.25
#   90% of 39.25 = 35.325 → half-up to the penny → 35.33
def test_worked_example_local_percentage_of_90():
    result = assess(
        ChargingInput(
            income_items=[STATE_PENSION, IncomeItem.monthly("Occupational pension", D("250"))],
            capital=D("14250.01"),
            housing_costs=[ExpenseItem("Ground rent and service charge", D("12.00"))],
            dre_items=[ExpenseItem("Extra laundry", D("3.99"))],
            use_standard_dre=False,
            no_night_care_provided=False,
            weekly_cost_of_care=D("180.00"),
            declined_to_disclose=False,
            rates=replace(OVER_PENSION_AGE, charge_percentage=D("90")),
        )
    )

    assert step(result, "Income we count") == D("287.94")
    assert step(result, "Tariff income from your capital") == D("1")
    assert step(result, "Disposable income") == D("39.25")
    assert step(result, "90% of your disposable income") == D("35.33")
    assert result.weekly_charge == D("35.33")
    assert result.reason == "You pay £35.33 a week: 90% of your disposable income of £39.25"


def _mr_davies(capital: str, minimum: str) -> ChargingInput:
    """Mr Davies, 80: State Pension only, no housing costs or disability expenses."""
    return ChargingInput(
        income_items=[STATE_PENSION],
        capital=D(capital),
        housing_costs=[],
        dre_items=None,
        use_standard_dre=False,
        no_night_care_provided=False,
        weekly_cost_of_care=D("95.00"),
        declined_to_disclose=False,
        rates=ChargingRates(mig_weekly=D("228.70"), minimum_weekly_charge=D(minimum)),
    )


# Worked example 5: Mr Davies, in a council with a £2.00 minimum weekly charge.
#   230.25 − 228.70 = 1.55; 100% → 1.55, which is below 2.00, so it is not collected → 0
def test_worked_example_charge_below_the_minimum_is_not_collected():
    result = assess(_mr_davies(capital="0", minimum="2.00"))

    assert step(result, "100% of your disposable income") == D("1.55")
    assert step(result, "Minimum weekly charge") == D("0")
    assert result.weekly_charge == D("0")
    assert "less than the minimum weekly charge of £2" in result.reason


# Worked example 5b: with £14,400 of savings: 150 above the limit → tariff 1.00
#   230.25 + 1.00 − 228.70 = 2.55, not below the 2.00 minimum → collected: 2.55
def test_worked_example_charge_at_or_above_the_minimum_is_collected():
    assert assess(_mr_davies(capital="14400", minimum="2.00")).weekly_charge == D("2.55")
    assert assess(_mr_davies(capital="0", minimum="1.55")).weekly_charge == D("1.55")


def test_declining_to_disclose_means_paying_the_full_cost():
    result = assess(person(declined_to_disclose=True))

    assert result.weekly_charge == D("350.00")
    assert result.full_cost is True
    assert result.reason == (
        "You chose not to tell us about your money, so you pay the full cost of your care"
    )


def test_capital_above_the_upper_limit_means_paying_the_full_cost():
    result = assess(person(capital=D("23250.01")))

    assert result.weekly_charge == D("350.00")
    assert result.full_cost is True
    assert "more than the upper limit of £23,250" in result.reason


@pytest.mark.parametrize(
    ("capital", "tariff"),
    [
        ("0", "0"),
        ("14250", "0"),
        ("14250.01", "1"),
        ("14500", "1"),
        ("14500.01", "2"),
        ("23250", "36"),  # 9,000 / 250 = 36
    ],
)
def test_tariff_income_is_1_pound_for_every_250_or_part(capital, tariff):
    assert tariff_income(D(capital), OVER_PENSION_AGE) == D(tariff)


def test_capital_at_the_upper_limit_is_means_tested_with_36_pounds_tariff():
    result = assess(person(capital=D("23250")))

    assert result.full_cost is False
    assert step(result, "Tariff income from your capital") == D("36")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: IncomeItem("Pension", D("-1.00"), False),
            "Income amounts cannot be negative: check 'Pension'",
        ),
        (
            lambda: IncomeItem.monthly("Pension", D("-400")),
            "Income amounts cannot be negative: check 'Pension'",
        ),
        (
            lambda: ExpenseItem("Rent", D("-0.01")),
            "Expense amounts cannot be negative: check 'Rent'",
        ),
        (lambda: person(capital=D("-5")), "Capital cannot be negative"),
        (
            lambda: person(weekly_cost_of_care=D("-1")),
            "The weekly cost of care cannot be negative",
        ),
        (
            lambda: ChargingRates(mig_weekly=D("-228.70")),
            "The Minimum Income Guarantee cannot be negative",
        ),
        (
            lambda: ChargingRates(mig_weekly=D("228.70"), charge_percentage=D("101")),
            "The charge percentage must be between 0 and 100, not 101",
        ),
        (
            lambda: ChargingRates(mig_weekly=D("228.70"), charge_percentage=D("-1")),
            "The charge percentage must be between 0 and 100, not -1",
        ),
        (
            lambda: IncomeItem("Pension", D("92.3077"), False),
            "Income amounts must be in pounds and pence, not 92.3077: check 'Pension'",
        ),
    ],
)
def test_bad_amounts_are_refused_with_a_plain_english_message(build, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        build()


def test_float_amounts_are_refused():
    with pytest.raises(TypeError, match="not float"):
        IncomeItem("Pension", 230.25, False)


# Properties over any person and any council's rates.

pennies = st.decimals(
    min_value=0, max_value=D("1000"), places=2, allow_nan=False, allow_infinity=False
)
small_pennies = st.decimals(
    min_value=0, max_value=D("50"), places=2, allow_nan=False, allow_infinity=False
)
capitals = st.decimals(
    min_value=0, max_value=D("30000"), places=2, allow_nan=False, allow_infinity=False
)
rates = st.builds(
    ChargingRates,
    mig_weekly=pennies,
    local_mig_buffer=small_pennies,
    charge_percentage=st.decimals(
        min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False
    ),
    minimum_weekly_charge=small_pennies,
    standard_dre_weekly=small_pennies,
    night_care_disregard_weekly=small_pennies,
)
expenses = st.lists(st.builds(ExpenseItem, label=st.just("Cost"), weekly_amount=small_pennies))
inputs = st.builds(
    ChargingInput,
    income_items=st.lists(
        st.builds(
            IncomeItem, label=st.just("Income"), weekly_amount=pennies, disregarded=st.booleans()
        ),
        max_size=4,
    ),
    capital=capitals,
    housing_costs=expenses,
    dre_items=st.none() | expenses,
    use_standard_dre=st.booleans(),
    no_night_care_provided=st.booleans(),
    weekly_cost_of_care=pennies,
    declined_to_disclose=st.booleans(),
    rates=rates,
)


@given(inputs)
def test_charge_is_never_negative_and_always_in_pence(case):
    charge = assess(case).weekly_charge
    assert charge >= 0
    assert charge.as_tuple().exponent >= -2


@given(inputs)
def test_charge_is_never_above_the_weekly_cost_of_care(case):
    assert assess(case).weekly_charge <= case.weekly_cost_of_care


@given(inputs, pennies)
def test_more_counted_income_never_lowers_the_charge(case, extra):
    richer = replace(case, income_items=[*case.income_items, IncomeItem("More", extra, False)])
    assert assess(richer).weekly_charge >= assess(case).weekly_charge


@given(inputs, capitals)
def test_more_capital_never_lowers_the_charge(case, extra):
    richer = replace(case, capital=case.capital + extra)
    assert assess(richer).weekly_charge >= assess(case).weekly_charge


@given(inputs)
def test_declining_to_disclose_always_means_the_full_cost(case):
    result = assess(replace(case, declined_to_disclose=True))
    assert result.weekly_charge == case.weekly_cost_of_care
    assert result.full_cost is True


@given(inputs)
def test_the_last_step_is_the_weekly_charge(case):
    result = assess(case)
    assert result.steps[-1].label == "Your weekly charge"
    assert result.steps[-1].amount == result.weekly_charge
