"""Issue 11: properties of the charge over any person, couple and council rates (hypothesis),
and of payments over a year.

What a person pays a week (`charging.contribution` on the assessed result, as the service does
at approval) is never negative, never more than the approved cost of their plan, and never goes
down when their income or their capital goes up. Over a year, 4-weekly and calendar-monthly
payments come to the weekly amount × days ÷ 7, within the rounding each cycle is allowed (half a
penny, half up, per cycle).
"""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.financial import charging, disregards
from budgets.payments.cycles import Kind, Schedule, amount_for_days

D = Decimal
HALF_PENNY = D("0.005")

money = st.decimals(min_value=0, max_value=D("800"), places=2, allow_nan=False)
small = st.decimals(min_value=0, max_value=D("60"), places=2, allow_nan=False)
capital = st.decimals(min_value=0, max_value=D("40000"), places=2, allow_nan=False)
share = st.sampled_from([D("50"), D("0"), D("25"), D("75"), D("100")])
owners = st.sampled_from([charging.PERSON, charging.PARTNER, charging.JOINT])
income_types = st.sampled_from([kind.code for kind in disregards.INCOME_TYPES])

incomes = st.builds(
    charging.IncomeItem,
    label=st.just("Income"),
    weekly_amount=money,
    disregarded=st.booleans(),
    reason=st.just("A reason"),
    income_type=income_types,
    owner=owners,
    share_percent=share,
).filter(lambda item: not (item.disregarded and item.income_type != disregards.OTHER))
expenses = st.lists(
    st.builds(
        charging.ExpenseItem,
        label=st.just("Cost"),
        weekly_amount=small,
        owner=owners,
        share_percent=share,
    ),
    max_size=3,
)
rates = st.builds(
    charging.ChargingRates,
    lower_capital_limit=st.sampled_from([D("14250"), D("20000")]),
    upper_capital_limit=st.sampled_from([D("23250"), D("30000")]),
    tariff_step=st.sampled_from([D("250"), D("500")]),
    tariff_rule=st.sampled_from([charging.PART_STEP, charging.WHOLE_STEPS]),
    mig_weekly=money,
    local_mig_buffer=small,
    charge_percentage=st.decimals(min_value=0, max_value=100, places=2, allow_nan=False),
    minimum_weekly_charge=small,
    standard_dre_weekly=st.none() | small,
    night_care_disregard_weekly=small,
    savings_credit_disregard_weekly=small,
)
premiums = st.lists(
    st.builds(
        charging.MigPremium,
        label=st.just("Premium"),
        weekly_amount=small,
        count=st.integers(min_value=1, max_value=3),
    ),
    max_size=3,
)
people = st.builds(
    charging.ChargingInput,
    income_items=st.lists(incomes, max_size=5),
    capital=capital,
    housing_costs=expenses,
    dre_items=expenses,
    use_standard_dre=st.booleans(),
    no_night_care_provided=st.booleans(),
    weekly_cost_of_care=st.none(),  # as the service assesses: the plan's cost caps it later
    declined_to_disclose=st.booleans(),
    rates=rates,
    joint_capital=capital,
    joint_capital_share=share,
    partner_capital=capital,
    mig_premiums=premiums,
).filter(lambda case: not (case.use_standard_dre and case.rates.standard_dre_weekly is None))
approved_costs = st.decimals(min_value=0, max_value=D("2000"), places=2, allow_nan=False)


def pays(case: charging.ChargingInput, approved_cost: Decimal) -> Decimal:
    """What the person pays a week once their plan is approved at approved_cost."""
    result = charging.assess(case)
    weekly, _ = charging.contribution(
        weekly_charge=result.weekly_charge,
        full_cost=result.full_cost,
        reason=result.reason,
        approved_cost=approved_cost,
    )
    return weekly


@settings(max_examples=150, deadline=None)
@given(case=people, cost=approved_costs)
def test_the_charge_is_never_negative_and_never_above_the_approved_cost(case, cost):
    result = charging.assess(case)
    if result.weekly_charge is not None:
        assert result.weekly_charge >= 0
        assert result.weekly_charge == result.weekly_charge.quantize(D("0.01"))
    else:
        assert result.full_cost  # only a full-cost payer waits for the approved cost
    weekly = pays(case, cost)
    assert 0 <= weekly <= cost
    if result.full_cost:
        assert weekly == cost


@settings(max_examples=150, deadline=None)
@given(
    case=people,
    cost=approved_costs,
    more=st.builds(
        charging.IncomeItem,
        label=st.just("More income"),
        weekly_amount=money,
        income_type=income_types,
        owner=owners,
        share_percent=share,
    ),
)
def test_more_income_never_lowers_what_the_person_pays(case, cost, more):
    richer = replace(case, income_items=[*case.income_items, more])
    assert pays(richer, cost) >= pays(case, cost)


@settings(max_examples=150, deadline=None)
@given(case=people, cost=approved_costs, extra=capital, joint=st.booleans())
def test_more_capital_never_lowers_what_the_person_pays(case, cost, extra, joint):
    richer = (
        replace(case, joint_capital=case.joint_capital + extra)
        if joint
        else replace(case, capital=case.capital + extra)
    )
    assert pays(richer, cost) >= pays(case, cost)


@settings(max_examples=100, deadline=None)
@given(case=people, cost=approved_costs)
def test_a_partners_own_money_never_changes_what_the_person_pays(case, cost):
    theirs = charging.IncomeItem("Partner's pension", D("500.00"), owner=charging.PARTNER)
    with_partner = replace(
        case,
        income_items=[*case.income_items, theirs],
        partner_capital=case.partner_capital + D("100000.00"),
    )
    assert pays(with_partner, cost) == pays(case, cost)


# Payments over a year.

weekly_amounts = st.decimals(min_value=D("0.01"), max_value=D("5000.00"), places=2)
starts = st.dates(date(2000, 1, 1), date(2100, 1, 1))


def _paid_over(schedule: Schedule, start: date, end: date, weekly: Decimal) -> tuple:
    """What the cycles from start pay for the days to end (a last cycle that runs past the
    end pays only its days in the year), and how many cycles that took."""
    paid, cycles, day = D("0.00"), 0, start
    while day <= end:
        cycle = schedule.cycle_from(day)
        last = min(cycle.end, end)
        paid += (
            cycle.due(weekly)
            if last == cycle.end
            else amount_for_days(weekly, (last - day).days + 1)
        )
        cycles, day = cycles + 1, last + timedelta(days=1)
    return paid, cycles


def _a_year_from(start: date) -> date:
    """The last day of the year that starts on `start` (28 February for 29 February)."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:
        return date(start.year + 1, 2, 28)


@settings(max_examples=200, deadline=None)
@given(weekly=weekly_amounts, start=starts)
def test_four_weekly_payments_over_a_year_come_to_weekly_times_days_over_7(weekly, start):
    end = _a_year_from(start)
    days = (end - start).days + 1
    paid, cycles = _paid_over(Schedule(None, changes=[]), start, end, weekly)
    assert cycles == 14  # 13 whole cycles of 4 weeks and the day or two left
    assert abs(paid - weekly * days / 7) <= HALF_PENNY  # whole cycles are exact: weekly × 4


@settings(max_examples=200, deadline=None)
@given(weekly=weekly_amounts, start=starts)
def test_calendar_monthly_payments_over_twelve_months_come_to_weekly_times_days_over_7(
    weekly, start
):
    first = start.replace(day=1)
    end = date(first.year + 1, first.month, 1) - timedelta(days=1)
    schedule = Schedule(None, changes=[(date(1999, 1, 1), Kind.CALENDAR_MONTHLY.value)])
    paid, cycles = _paid_over(schedule, first, end, weekly)
    assert cycles == 12
    days = (end - first).days + 1
    assert days in (365, 366)
    assert abs(paid - weekly * days / 7) <= HALF_PENNY * 12  # each month rounds half up
