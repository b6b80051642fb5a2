"""What a line of support may say it costs: limits that catch a mistyped amount, and the warning
when a personal assistant would be paid less than the law allows.

The form shows these problems on the fields they are about; the services refuse a line that
breaks them; a plan whose lines break them (saved before these limits) cannot be sent. The
ceilings are far above what care costs, so they only stop amounts nobody could approve: they are
not a council's rates.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .models import SupportLine
from .pay_rates import below_living_wage

Unit, Kind = SupportLine.Unit, SupportLine.ProviderKind


@dataclass(frozen=True)
class Ceiling:
    amount: Decimal
    per: str  # "an hour"
    what: str  # "what one hour costs"
    example: str


# No line can be more of these in a week than a week has.
MOST_IN_A_WEEK = {
    Unit.HOUR: (Decimal("168"), "A week has 168 hours: enter 168 hours or fewer"),
    Unit.DAY: (Decimal("7"), "A week has 7 days: enter 7 days or fewer"),
}
CEILINGS = {
    Unit.HOUR: Ceiling(Decimal("250.00"), "an hour", "what one hour costs", "15.50"),
    Unit.DAY: Ceiling(Decimal("2000.00"), "a day", "what one day costs", "60.00"),
    Unit.WEEK: Ceiling(Decimal("10000.00"), "a time", "what it costs each time", "25.00"),
    Unit.ONE_OFF: Ceiling(Decimal("50000.00"), "for a one-off cost", "what it costs", "250.00"),
}
# Support someone is paid for: it cannot cost £0. A community group or loaned equipment can.
PAID = {
    Kind.PERSONAL_ASSISTANT: "a personal assistant is paid for their time",
    Kind.PROVIDER: "a care provider is paid for the support they give",
}


WEEKS_A_YEAR_MESSAGE = (
    "Enter how many weeks a year the support runs, from 1 to 52: a year has 52 weeks"
)


def line_problems(
    *, provider_kind: str, quantity, unit: str, unit_cost, weeks_a_year: int | None = 52
) -> list[tuple[str, str]]:
    """(field, message) for each limit the line breaks; [] when it keeps to them all."""
    problems = []
    if unit != Unit.ONE_OFF and weeks_a_year is not None and not 1 <= weeks_a_year <= 52:
        problems.append(("weeks_a_year", WEEKS_A_YEAR_MESSAGE))
    most = MOST_IN_A_WEEK.get(unit)
    if most is not None and quantity is not None and quantity > most[0]:
        problems.append(("quantity_per_week", most[1]))
    if unit_cost is None:
        return problems
    ceiling = CEILINGS.get(unit)
    if ceiling is not None and unit_cost > ceiling.amount:
        problems.append(
            (
                "unit_cost",
                f"That is more than £{ceiling.amount:,.2f} {ceiling.per}. Check the cost: "
                f"enter {ceiling.what}, like {ceiling.example}",
            )
        )
    if unit_cost == 0 and provider_kind in PAID:
        problems.append(
            ("unit_cost", f"Enter what it costs: {PAID[provider_kind]}, so it cannot be £0")
        )
    return problems


def problems_of(line: SupportLine) -> list[tuple[str, str]]:
    """The limits a saved line breaks (lines saved before these limits may break them)."""
    return line_problems(
        provider_kind=line.provider_kind,
        quantity=line.quantity_per_week,
        unit=line.unit,
        unit_cost=line.unit_cost,
        weeks_a_year=line.weeks_a_year,
    )


def pay_warning(*, provider_kind: str, unit: str, unit_cost, on: date) -> str:
    """A warning (never a refusal) when a personal assistant's hourly cost is below the National
    Living Wage on `on`, or below the next rate already announced; '' otherwise."""
    if provider_kind != Kind.PERSONAL_ASSISTANT or unit != Unit.HOUR or unit_cost is None:
        return ""
    below = below_living_wage(unit_cost, on)
    if not below:
        return ""
    return (
        f"{below} A personal assistant must be paid at least this, and the cost of an hour also "
        "has to cover holiday pay and the employer's other costs."
    )


def line_pay_warning(line: SupportLine, on: date) -> str:
    return pay_warning(
        provider_kind=line.provider_kind, unit=line.unit, unit_cost=line.unit_cost, on=on
    )
