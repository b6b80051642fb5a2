"""What a support plan costs, by one documented rounding rule.

The rule: each recurring line's weekly cost is quantity × unit cost, rounded half-up to the penny
(core.money.round_pennies) once; the plan's weekly total is the exact sum of those weekly line
costs; the annual total is weekly total × 52 plus one-off costs. Nothing else is rounded, so the
weekly lines, the weekly total and the annual total always agree to the penny.
"""

from dataclasses import dataclass
from decimal import Decimal

from core.money import WEEKS_PER_YEAR, round_pennies

from .models import Management

ONE_OFF = "one_off"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Totals:
    weekly: Decimal
    one_off: Decimal
    annual: Decimal


@dataclass(frozen=True)
class Comparison:
    status: str  # "over", "under" or "equal"
    difference_annual: Decimal
    message: str


def line_weekly_cost(*, quantity: Decimal, unit: str, unit_cost: Decimal) -> Decimal:
    """A recurring line's weekly cost, to the penny; 0 for a one-off."""
    return ZERO if unit == ONE_OFF else round_pennies(quantity * unit_cost)


def line_one_off_cost(*, quantity: Decimal, unit: str, unit_cost: Decimal) -> Decimal:
    """A one-off line's cost, to the penny; 0 for a recurring line."""
    return round_pennies(quantity * unit_cost) if unit == ONE_OFF else ZERO


def _costing(line) -> dict:
    return {"quantity": line.quantity_per_week, "unit": line.unit, "unit_cost": line.unit_cost}


def plan_totals(lines) -> Totals:
    """Weekly, one-off and annual totals for lines with quantity_per_week, unit and unit_cost."""
    lines = list(lines)
    weekly = sum((line_weekly_cost(**_costing(line)) for line in lines), ZERO)
    one_off = sum((line_one_off_cost(**_costing(line)) for line in lines), ZERO)
    return Totals(weekly=weekly, one_off=one_off, annual=weekly * WEEKS_PER_YEAR + one_off)


@dataclass(frozen=True)
class PlanCosts:
    """A plan costed once: its totals, and the weekly cost of each way the money is managed
    ({(management, provider id or None): weekly}); a budget's parts follow the second."""

    totals: Totals
    weekly_by_part: dict


def plan_costs(lines) -> PlanCosts:
    """Cost every line once, for the whole plan and for each part of the budget it sets."""
    lines = list(lines)
    groups: dict = {}
    for line in lines:
        provider_id = line.provider_id if line.management == Management.ISF else None
        groups.setdefault((line.management, provider_id), []).append(line)
    return PlanCosts(
        totals=plan_totals(lines),
        weekly_by_part={key: plan_totals(group).weekly for key, group in groups.items()},
    )


def compare_with_indicative(*, totals: Totals, indicative_weekly: Decimal | None) -> Comparison:
    """Whether the plan costs more or less than the indicative budget, in a plain sentence."""
    if indicative_weekly is None:
        return Comparison("equal", ZERO, "There is no indicative budget to compare with yet.")
    indicative_annual = indicative_weekly * WEEKS_PER_YEAR
    difference = totals.annual - indicative_annual
    if difference > 0:
        return Comparison(
            "over",
            difference,
            f"This plan costs £{difference:,.2f} a year more than the indicative budget of "
            f"£{indicative_annual:,.2f}. A senior approver at the council will need to approve it.",
        )
    if difference < 0:
        return Comparison(
            "under",
            difference,
            f"This plan costs £{-difference:,.2f} a year less than the indicative budget of "
            f"£{indicative_annual:,.2f}.",
        )
    return Comparison("equal", ZERO, "This plan costs exactly the indicative budget.")
