"""What a plan contains, gathered for a page or a PDF in a fixed number of queries."""

from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from assessments.models import need_label

from . import services
from .costing import cost_of
from .forms import CHARTS, SECTIONS
from .limits import line_pay_warning, problems_of
from .models import SupportLine, SupportPlan

UNIT_WORDS = {
    SupportLine.Unit.HOUR: ("hour", "hours"),
    SupportLine.Unit.DAY: ("day", "days"),
    SupportLine.Unit.WEEK: ("week", "weeks"),
}


def _number(value: Decimal) -> str:
    """10.00 → '10', 2.50 → '2.5'."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def how_often(line: SupportLine, *, with_cost: bool = True) -> str:
    """'10 hours a week at £15.00 an hour', 'Every week at £5.00 a time', 'One-off: 1 at £250.00',
    and for support that runs fewer weeks a year '10 hours a week at £15.00 an hour, 50 weeks a
    year' or '2 weeks a year at £800.00 a week'; without the cost (for providers): '10 hours a
    week', 'Every week', 'One-off', '2 weeks a year'."""
    quantity = _number(line.quantity_per_week)
    cost = f"£{line.unit_cost:,.2f}"
    if line.unit == SupportLine.Unit.ONE_OFF:
        return f"One-off: {quantity} at {cost}" if with_cost else "One-off"
    weeks = line.weeks_a_year or 52
    in_the_year = f"{weeks} week{'s' if weeks != 1 else ''} a year"
    if line.unit == SupportLine.Unit.WEEK and quantity == "1" and weeks < 52:
        return f"{in_the_year} at {cost} a week" if with_cost else in_the_year
    if line.unit == SupportLine.Unit.WEEK:
        often = "Every week" if quantity == "1" else f"{quantity} times a week"
        text = f"{often} at {cost} a time" if with_cost else often
    else:
        one, many = UNIT_WORDS[line.unit]
        often = f"{quantity} {one if quantity == '1' else many} a week"
        text = f"{often} at {cost} a{'n' if one == 'hour' else ''} {one}" if with_cost else often
    return text if weeks >= 52 else f"{text}, {in_the_year}"


def costed(lines, on: date | None = None) -> list:
    """Support lines, each with its weekly or one-off cost to the penny, how often it is, the
    limits it breaks (`limit_problems`) and any warning about a personal assistant's pay on `on`
    (today by default)."""
    on = on or timezone.localdate()
    lines = list(lines)
    for line in lines:
        cost = cost_of(line)
        line.weekly_cost, line.one_off_cost = cost.weekly, cost.one_off
        line.cost_explanation = cost.explanation
        line.how_often = how_often(line)
        line.limit_problems = [message for _, message in problems_of(line)]
        line.pay_warning = line_pay_warning(line, on)
    return lines


def cost_checks(lines) -> dict:
    """What the pages say about costs that need a second look, from lines made by `costed`."""
    return {
        "over_limits": [(line, message) for line in lines for message in line.limit_problems],
        "pay_warnings": [(line, line.pay_warning) for line in lines if line.pay_warning],
    }


def text_cards(plan: SupportPlan) -> list[dict]:
    """The free-text sections: title, page slug and (question, answer) rows."""
    return [
        {
            "title": spec.title,
            "slug": slug,
            "rows": [
                (label.removesuffix(" (optional)"), getattr(plan, name))
                for name, label, _ in spec.fields
            ],
        }
        for slug, spec in SECTIONS.items()
    ]


def plan_contents(plan: SupportPlan) -> dict:
    """Everything written in the plan, its costs and the comparison with the indicative budget."""
    lines = plan.support_lines.select_related("provider", "payee").prefetch_related(
        Prefetch("outcomes", to_attr="served")
    )
    rows = list(plan.chart_rows.all())
    outcomes = list(plan.outcomes.all())
    for outcome in outcomes:
        outcome.needs = [need_label(need) for need in outcome.eligible_needs]
    lines = costed(lines)
    totals = services.totals(plan)
    return {
        "relationships": plan.relationships.all(),
        "text_cards": text_cards(plan),
        "charts": [
            (chart, spec, [row for row in rows if row.chart == chart])
            for chart, spec in CHARTS.items()
        ],
        "outcomes": outcomes,
        "lines": lines,
        **cost_checks(lines),
        "totals": totals,
        "comparison": services.comparison(plan, totals),
        "can_be_approved": services.can_be_approved(plan, totals),
        "needs_decision": services.lines_needing_necessary_decision(plan),
        "decisions": plan.decisions.select_related("decided_by"),
    }
