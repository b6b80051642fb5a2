"""Plan totals: exact Decimal, one rounding rule, weekly and annual agree to the penny."""

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from support_plans.costing import compare_with_indicative, line_cost, plan_totals


@dataclass
class Line:
    quantity_per_week: Decimal
    unit: str
    unit_cost: Decimal


quantities = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
costs = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False)
units = st.sampled_from(["hour", "day", "week", "one_off"])
lines = st.lists(st.builds(Line, quantities, units, costs), max_size=12)


def test_a_line_is_quantity_times_cost_rounded_half_up_once():
    # 2.5 hours × £13.99 = £34.975 → £34.98
    cost = line_cost(quantity=Decimal("2.5"), unit="hour", unit_cost=Decimal("13.99"))
    assert cost.weekly == Decimal("34.98")


@given(lines)
def test_weekly_total_is_the_sum_of_the_rounded_lines_and_annual_is_52_weeks(plan_lines):
    totals = plan_totals(plan_lines)
    weekly_lines = [
        line_cost(quantity=x.quantity_per_week, unit=x.unit, unit_cost=x.unit_cost).weekly
        for x in plan_lines
    ]
    assert totals.weekly == sum(weekly_lines, Decimal("0.00"))
    assert totals.annual == totals.weekly * 52 + totals.one_off
    assert totals.weekly.as_tuple().exponent >= -2 and totals.annual.as_tuple().exponent >= -2
    assert (totals.annual - totals.one_off) / 52 == totals.weekly


@given(lines, costs)
def test_comparison_with_the_indicative_budget_is_consistent(plan_lines, indicative):
    totals = plan_totals(plan_lines)
    result = compare_with_indicative(totals=totals, indicative_weekly=indicative)
    assert result.difference_annual == totals.annual - indicative * 52
    assert result.status == (
        "over"
        if result.difference_annual > 0
        else "under"
        if result.difference_annual < 0
        else "equal"
    )
