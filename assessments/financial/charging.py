"""Financial assessment for non-residential care: the person's weekly charge, step by step.

Follows the Care and Support (Charging and Assessment of Resources) Regulations 2014.
Pure arithmetic, no database: the caller supplies the person's money and the authority's
rates for the year. Every amount is a Decimal in pounds and pence, weekly unless named
otherwise. The only rounding is in ``core.money``.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from core.money import monthly_to_weekly, round_pennies

ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
TARIFF_PER_STEP = Decimal("1.00")  # statutory: £1 a week for each step of capital
DECLINED_REASON = "You chose not to tell us about your money, so you pay the full cost of your care"


def _pounds(amount: Decimal) -> str:
    """Format an amount the GOV.UK way for a person to read: £14,250 or £1,234.50."""
    sign = "-" if amount < 0 else ""
    shown = f"{abs(amount):,.0f}" if amount % 1 == 0 else f"{abs(amount):,.2f}"
    return f"{sign}£{shown}"


def _percent(value: Decimal) -> str:
    """Format a percentage without needless decimals, e.g. 90% or 87.5%."""
    return f"{value.normalize():f}%"


def _money(value: Decimal, what: str, where: str = "") -> Decimal:
    """Check an amount is a non-negative Decimal in pounds and pence, and return it."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be Decimal, not {type(value).__name__}{where}")
    value = Decimal(value)
    if not value.is_finite() or value < 0:
        raise ValueError(f"{what} cannot be negative{where}")
    if value != round_pennies(value):
        raise ValueError(f"{what} must be in pounds and pence, not {value}{where}")
    return value


def _percentage(value: Decimal) -> Decimal:
    """Check the local charge percentage is a Decimal from 0 to 100, and return it."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"The charge percentage must be Decimal, not {type(value).__name__}")
    value = Decimal(value)
    if not (value.is_finite() and ZERO <= value <= HUNDRED):
        raise ValueError(f"The charge percentage must be between 0 and 100, not {value}")
    return value


def _set(obj: object, name: str, value: object) -> None:
    """Store a checked value on a frozen dataclass while it is being built."""
    object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class IncomeItem:
    """One source of weekly income, and whether the regulations say to ignore it."""

    label: str
    weekly_amount: Decimal
    disregarded: bool
    reason: str = ""

    def __post_init__(self) -> None:
        where = f": check '{self.label}'"
        _set(self, "weekly_amount", _money(self.weekly_amount, "Income amounts", where))

    @classmethod
    def monthly(
        cls, label: str, amount: Decimal, disregarded: bool = False, reason: str = ""
    ) -> "IncomeItem":
        """An income paid calendar-monthly, converted to weekly (× 12 / 52, to the penny)."""
        weekly = monthly_to_weekly(_money(amount, "Income amounts", f": check '{label}'"))
        return cls(label, weekly, disregarded, reason)


@dataclass(frozen=True)
class ExpenseItem:
    """One weekly cost the assessment allows for (housing or disability-related)."""

    label: str
    weekly_amount: Decimal

    def __post_init__(self) -> None:
        where = f": check '{self.label}'"
        _set(self, "weekly_amount", _money(self.weekly_amount, "Expense amounts", where))


_RATE_NAMES = {
    "lower_capital_limit": "The lower capital limit",
    "upper_capital_limit": "The upper capital limit",
    "tariff_step": "The tariff step",
    "mig_weekly": "The Minimum Income Guarantee",
    "local_mig_buffer": "The local extra Minimum Income Guarantee",
    "minimum_weekly_charge": "The minimum weekly charge",
    "standard_dre_weekly": "The standard disability-related expenses allowance",
    "pip_night_care_disregard_weekly": "The PIP night care disregard",
}


@dataclass(frozen=True, kw_only=True)
class ChargingRates:
    """The statutory limits and this authority's local choices for one financial year."""

    lower_capital_limit: Decimal = Decimal("14250")
    upper_capital_limit: Decimal = Decimal("23250")
    tariff_step: Decimal = Decimal("250")
    mig_weekly: Decimal
    local_mig_buffer: Decimal = ZERO
    charge_percentage: Decimal = HUNDRED
    minimum_weekly_charge: Decimal = ZERO
    standard_dre_weekly: Decimal = ZERO
    pip_night_care_disregard_weekly: Decimal = ZERO

    def __post_init__(self) -> None:
        for name, what in _RATE_NAMES.items():
            _set(self, name, _money(getattr(self, name), what))
        _set(self, "charge_percentage", _percentage(self.charge_percentage))
        if not self.tariff_step:
            raise ValueError("The tariff step must be more than £0")
        if self.lower_capital_limit > self.upper_capital_limit:
            raise ValueError("The lower capital limit cannot be more than the upper capital limit")


@dataclass(frozen=True)
class ChargingInput:
    """Everything the assessment needs about one person, in weekly amounts."""

    income_items: Sequence[IncomeItem]
    capital: Decimal
    housing_costs: Sequence[ExpenseItem]
    dre_items: Sequence[ExpenseItem] | None
    use_standard_dre: bool
    gets_pip_enhanced_daily_living_without_night_care: bool
    weekly_cost_of_care: Decimal
    declined_to_disclose: bool
    rates: ChargingRates

    def __post_init__(self) -> None:
        _set(self, "capital", _money(self.capital, "Capital"))
        cost = _money(self.weekly_cost_of_care, "The weekly cost of care")
        _set(self, "weekly_cost_of_care", cost)
        _set(self, "income_items", tuple(self.income_items))
        _set(self, "housing_costs", tuple(self.housing_costs))
        _set(self, "dre_items", tuple(self.dre_items or ()))


@dataclass(frozen=True)
class Step:
    """One line of the working that a person can read and check."""

    label: str
    amount: Decimal
    explanation: str = ""


@dataclass(frozen=True)
class ChargingResult:
    """The weekly charge, whether it is the full cost, why, and the working."""

    weekly_charge: Decimal
    full_cost: bool
    reason: str
    steps: list[Step] = field(default_factory=list)


def tariff_income(capital: Decimal, rates: ChargingRates) -> Decimal:
    """Weekly tariff income: £1 for every £250, or part of £250, above the lower limit."""
    excess = capital - rates.lower_capital_limit
    if excess <= 0:
        return ZERO
    whole_steps, part = divmod(excess, rates.tariff_step)
    return (whole_steps + (1 if part else 0)) * TARIFF_PER_STEP


def assess(inputs: ChargingInput) -> ChargingResult:
    """Work out the person's weekly charge, showing every step of the arithmetic."""
    reason = _full_cost_reason(inputs)
    if reason:
        return _full_cost(inputs, reason)
    steps: list[Step] = []
    income = _counted_income(inputs, steps) + _tariff_step(inputs, steps)
    allowances = _housing(inputs, steps) + _mig(inputs.rates, steps) + _dre(inputs, steps)
    disposable = _disposable(income, allowances, steps)
    return _charge(disposable, inputs, steps)


def _full_cost_reason(inputs: ChargingInput) -> str:
    """Why the person pays the full cost without a means test, or '' if they do not."""
    if inputs.declined_to_disclose:
        return DECLINED_REASON
    limit = inputs.rates.upper_capital_limit
    if inputs.capital > limit:
        return (
            f"Your capital of {_pounds(inputs.capital)} is more than the upper limit of "
            f"{_pounds(limit)}, so you pay the full cost of your care"
        )
    return ""


def _full_cost(inputs: ChargingInput, reason: str) -> ChargingResult:
    """A result where the person pays the whole weekly cost of their care."""
    cost = inputs.weekly_cost_of_care
    steps = [
        Step("Weekly cost of your care", cost, reason),
        Step("Your weekly charge", cost, "You pay the full weekly cost of your care."),
    ]
    return ChargingResult(weekly_charge=cost, full_cost=True, reason=reason, steps=steps)


def _counted_income(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Total income less the disregards, adding each line of working to steps."""
    items = inputs.income_items
    steps.extend(Step(item.label, item.weekly_amount, "Weekly income.") for item in items)
    total = sum((item.weekly_amount for item in items), ZERO)
    steps.append(Step("Total weekly income", total, "All your income added up."))
    counted = total - _income_disregards(inputs, steps)
    counted -= _pip_night_care_disregard(inputs, counted, steps)
    steps.append(Step("Income we count", counted, "Your total income less what we ignore."))
    return counted


def _income_disregards(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add a step for each income we ignore, and return their total."""
    ignored = [item for item in inputs.income_items if item.disregarded]
    for item in ignored:
        why = item.reason or "The rules say we must not count this income."
        steps.append(Step(f"We do not count: {item.label}", item.weekly_amount, why))
    return sum((item.weekly_amount for item in ignored), ZERO)


def _pip_night_care_disregard(
    inputs: ChargingInput, counted: Decimal, steps: list[Step]
) -> Decimal:
    """The local disregard for enhanced PIP daily living when no night care is provided."""
    rate = inputs.rates.pip_night_care_disregard_weekly
    if not (inputs.gets_pip_enhanced_daily_living_without_night_care and rate):
        return ZERO
    amount = min(rate, counted)  # never ignore more income than is left to count
    why = (
        "You get the enhanced rate of PIP daily living but no care at night, "
        f"so we do not count {_pounds(amount)} of it."
    )
    steps.append(Step("We do not count: part of your PIP daily living", amount, why))
    return amount


def _tariff_step(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add the tariff income from capital to steps, and return it."""
    capital, rates = inputs.capital, inputs.rates
    amount = tariff_income(capital, rates)
    lower = _pounds(rates.lower_capital_limit)
    if amount:
        why = (
            f"Your capital is {_pounds(capital)}: {_pounds(capital - rates.lower_capital_limit)} "
            f"above the lower limit of {lower}. We count £1 a week for every "
            f"{_pounds(rates.tariff_step)} or part of {_pounds(rates.tariff_step)}."
        )
    else:
        why = f"Your capital of {_pounds(capital)} is not more than {lower}, so we ignore it."
    steps.append(Step("Tariff income from your capital", amount, why))
    return amount


def _housing(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add each housing cost to steps, and return the total we take off."""
    items = inputs.housing_costs
    steps.extend(
        Step(f"Housing cost: {i.label}", i.weekly_amount, "We take this off.") for i in items
    )
    total = sum((i.weekly_amount for i in items), ZERO)
    steps.append(Step("Total housing costs", total, "We take off what your home costs you."))
    return total


def _mig(rates: ChargingRates, steps: list[Step]) -> Decimal:
    """Add the Minimum Income Guarantee and any local buffer to steps, and return their sum."""
    why = "The law says you must be left with at least this much each week."
    steps.append(Step("Minimum Income Guarantee", rates.mig_weekly, why))
    if rates.local_mig_buffer:
        why = "Your council leaves you this much more on top of the Minimum Income Guarantee."
        steps.append(Step("Extra income your council protects", rates.local_mig_buffer, why))
    return rates.mig_weekly + rates.local_mig_buffer


def _dre(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add disability-related expenses (standard allowance or actual items), return the total."""
    if inputs.use_standard_dre:
        amount = inputs.rates.standard_dre_weekly
        why = "Your council's standard allowance for extra costs of your disability."
        steps.append(Step("Disability-related expenses (standard allowance)", amount, why))
        return amount
    items = inputs.dre_items
    why = "An extra cost of your disability. We take this off."
    steps.extend(
        Step(f"Disability-related expense: {i.label}", i.weekly_amount, why) for i in items
    )
    total = sum((i.weekly_amount for i in items), ZERO)
    steps.append(Step("Total disability-related expenses", total, "We take these off."))
    return total


def _disposable(income: Decimal, allowances: Decimal, steps: list[Step]) -> Decimal:
    """Disposable income: income counted plus tariff, less allowances, never below £0."""
    raw = income - allowances
    why = (
        f"Income we count plus tariff income ({_pounds(income)}), less housing costs, the "
        f"Minimum Income Guarantee and disability-related expenses ({_pounds(allowances)})."
    )
    if raw < 0:
        why += f" That comes to {_pounds(raw)}, and it cannot be less than £0."
    amount = max(raw, ZERO)
    steps.append(Step("Disposable income", amount, why))
    return amount


def _charge(disposable: Decimal, inputs: ChargingInput, steps: list[Step]) -> ChargingResult:
    """Apply the local percentage, the minimum charge and the cap; return the result."""
    rates, cost = inputs.rates, inputs.weekly_cost_of_care
    exact = disposable * rates.charge_percentage / HUNDRED
    assessed = round_pennies(exact)
    why = f"We charge {_percent(rates.charge_percentage)} of {_pounds(disposable)}"
    if exact != assessed:
        why += f": £{exact.normalize():f}, which we round to the nearest penny"
    why += "."
    label = f"{_percent(rates.charge_percentage)} of your disposable income"
    steps.append(Step(label, assessed, why))
    reason = _charge_reason(disposable, assessed, rates)
    charge = assessed
    if 0 < assessed < rates.minimum_weekly_charge:
        charge, reason = ZERO, _minimum_rule_step(assessed, rates, steps)
    if charge > cost:
        charge, reason = cost, _cap_step(charge, cost, steps)
    steps.append(Step("Your weekly charge", charge, reason + "."))
    return ChargingResult(weekly_charge=charge, full_cost=False, reason=reason, steps=steps)


def _charge_reason(disposable: Decimal, assessed: Decimal, rates: ChargingRates) -> str:
    """Plain-English reason for a charge that no limit has changed."""
    if not disposable:
        return "After your costs and allowances you have no income left to charge, so you pay £0"
    return (
        f"You pay {_pounds(assessed)} a week: {_percent(rates.charge_percentage)} "
        f"of your disposable income of {_pounds(disposable)}"
    )


def _minimum_rule_step(assessed: Decimal, rates: ChargingRates, steps: list[Step]) -> str:
    """Record that a charge below the local minimum is not collected; return the reason."""
    reason = (
        f"Your charge of {_pounds(assessed)} is less than the minimum weekly charge of "
        f"{_pounds(rates.minimum_weekly_charge)}, so we do not collect it and you pay £0"
    )
    steps.append(Step("Minimum weekly charge", ZERO, reason + "."))
    return reason


def _cap_step(charge: Decimal, cost: Decimal, steps: list[Step]) -> str:
    """Record that the charge is capped at the weekly cost of care; return the reason."""
    reason = (
        f"Your charge of {_pounds(charge)} is more than the weekly cost of your care, "
        f"so you pay the cost of your care, {_pounds(cost)}"
    )
    steps.append(Step("Capped at the weekly cost of your care", cost, reason + "."))
    return reason
