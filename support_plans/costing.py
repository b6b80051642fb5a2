"""What a support plan costs, by one documented rounding rule.

The rule: a recurring line costs quantity × unit cost a week while it runs, rounded half-up to the
penny (core.money.round_pennies). It runs for some weeks a year (52 unless it says fewer: home
care for 50 weeks, respite for 2), so it costs that weekly rate × weeks a year, exactly. Its
weekly figure of record, the one budgets and payments use, is that yearly cost ÷ 52, rounded to
the penny once (core.money.annual_to_weekly); for a line that runs all 52 weeks it is the weekly
rate itself. The plan's weekly total is the exact sum of the lines' weekly figures; its annual
total is weekly total × 52 plus one-off costs. So the weekly lines, the weekly total and the
annual total always agree to the penny; a line that runs fewer weeks may differ from its own
yearly cost by under 26p a year (half a penny a week), which the plan says.

`line_cost` is the one function that costs a line: every page, PDF, comparison and budget figure
goes through it.
"""

from dataclasses import dataclass
from decimal import Decimal

from core.formats import pounds
from core.money import WEEKS_PER_YEAR, annual_to_weekly, round_pennies

from .models import Management

ONE_OFF = "one_off"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Totals:
    weekly: Decimal
    one_off: Decimal
    annual: Decimal
    averaged: bool = False  # some support runs fewer than 52 weeks a year


@dataclass(frozen=True)
class Comparison:
    status: str  # "over", "under" or "equal"
    difference_annual: Decimal
    message: str


@dataclass(frozen=True)
class LineCost:
    """What one line costs. `weekly` is the figure of record (0 for a one-off); `rate` what a
    week costs while the support runs; `annual` a year of it (or the one-off cost)."""

    rate: Decimal
    weeks_a_year: int
    annual: Decimal
    weekly: Decimal
    one_off: Decimal

    @property
    def averaged(self) -> bool:
        """The support runs fewer than 52 weeks a year, so its weekly figure is an average."""
        return self.weekly != self.rate

    @property
    def explanation(self) -> str:
        """How the weekly figure was worked out, when it is not simply the weekly rate."""
        if not self.averaged:
            return ""
        weeks = f"{self.weeks_a_year} week{'s' if self.weeks_a_year != 1 else ''}"
        return (
            f"{pounds(self.rate)} a week for {weeks} a year: {pounds(self.annual)} a year, "
            f"{pounds(self.weekly)} a week averaged over the 52 weeks of the year"
        )


def line_cost(
    *, quantity: Decimal, unit: str, unit_cost: Decimal, weeks_a_year: int = WEEKS_PER_YEAR
) -> LineCost:
    """What a line costs, by the rule above: the one function that costs a line."""
    if unit == ONE_OFF:
        one_off = round_pennies(quantity * unit_cost)
        return LineCost(ZERO, 0, one_off, ZERO, one_off)
    rate = round_pennies(quantity * unit_cost)
    annual = rate * weeks_a_year
    return LineCost(rate, weeks_a_year, annual, annual_to_weekly(annual), ZERO)


def cost_of(line) -> LineCost:
    """What a support line (or anything with its costing fields) costs."""
    return line_cost(
        quantity=line.quantity_per_week,
        unit=line.unit,
        unit_cost=line.unit_cost,
        weeks_a_year=getattr(line, "weeks_a_year", None) or WEEKS_PER_YEAR,
    )


def plan_totals(lines) -> Totals:
    """Weekly, one-off and annual totals for lines with quantity_per_week, unit, unit_cost and
    weeks_a_year."""
    costs = [cost_of(line) for line in lines]
    weekly = sum((cost.weekly for cost in costs), ZERO)
    one_off = sum((cost.one_off for cost in costs), ZERO)
    return Totals(
        weekly=weekly,
        one_off=one_off,
        annual=weekly * WEEKS_PER_YEAR + one_off,
        averaged=any(cost.averaged for cost in costs),
    )


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
