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

from .disregards import OTHER, Rule, income_type

ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
TARIFF_PER_STEP = Decimal("1.00")  # statutory: £1 a week for each step of capital
DECLINED_REASON = "You chose not to tell us about your money, so you pay the full cost of your care"
COST_SET_AT_APPROVAL = (
    "The cost of your care is not known yet. It will be set when your care and support plan "
    "is approved, and you will pay that approved cost."
)
HALF = Decimal("50")
PART_STEP = "part_step"  # £1 for every step or part of a step (the national rule)
WHOLE_STEPS = "whole_steps"  # £1 for every complete step only (a council may be more generous)
PERSON, PARTNER, JOINT = "person", "partner", "joint"


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


def _share_percent(value: Decimal, where: str) -> Decimal:
    """Check a person's share of something joint is a Decimal from 0 to 100, and return it."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"A share must be Decimal, not {type(value).__name__}{where}")
    value = Decimal(value)
    if not (value.is_finite() and ZERO <= value <= HUNDRED):
        raise ValueError(f"A share must be between 0% and 100%{where}")
    return value


def _owner(value: str, where: str) -> str:
    if value not in (PERSON, PARTNER, JOINT):
        raise ValueError(f"Say whose money it is: the person's, their partner's or joint{where}")
    return value


def share_of(amount: Decimal, owner: str, share_percent: Decimal) -> Decimal:
    """The person's part of an amount: all of their own, none of their partner's, their share
    (half unless the evidence says otherwise) of a joint one, to the penny."""
    if owner == PARTNER:
        return ZERO
    if owner == JOINT:
        return round_pennies(amount * share_percent / HUNDRED)
    return amount


def _set(obj: object, name: str, value: object) -> None:
    """Store a checked value on a frozen dataclass while it is being built."""
    object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class IncomeItem:
    """One source of weekly income, and whether the regulations say to ignore it."""

    label: str
    weekly_amount: Decimal
    disregarded: bool = False
    reason: str = ""
    income_type: str = OTHER  # a code from disregards.INCOME_TYPES: its rule says what we ignore
    owner: str = PERSON  # the person's own, their partner's (recorded, never counted), or joint
    share_percent: Decimal = HALF  # the person's share of a joint income

    def __post_init__(self) -> None:
        where = f": check '{self.label}'"
        _set(self, "weekly_amount", _money(self.weekly_amount, "Income amounts", where))
        _set(self, "owner", _owner(self.owner, where))
        _set(self, "share_percent", _share_percent(self.share_percent, where))
        try:
            income_type(self.income_type)
        except KeyError:
            raise ValueError(f"Choose the kind of income from the list{where}") from None

    @classmethod
    def monthly(
        cls, label: str, amount: Decimal, disregarded: bool = False, reason: str = "", **more
    ) -> "IncomeItem":
        """An income paid calendar-monthly, converted to weekly (× 12 / 52, to the penny)."""
        weekly = monthly_to_weekly(_money(amount, "Income amounts", f": check '{label}'"))
        return cls(label, weekly, disregarded, reason, **more)

    @property
    def counted_share(self) -> Decimal:
        """The part of this income that is the person's."""
        return share_of(self.weekly_amount, self.owner, self.share_percent)


@dataclass(frozen=True)
class ExpenseItem:
    """One weekly cost the assessment allows for (housing or disability-related)."""

    label: str
    weekly_amount: Decimal
    owner: str = PERSON
    share_percent: Decimal = HALF

    def __post_init__(self) -> None:
        where = f": check '{self.label}'"
        _set(self, "weekly_amount", _money(self.weekly_amount, "Expense amounts", where))
        _set(self, "owner", _owner(self.owner, where))
        _set(self, "share_percent", _share_percent(self.share_percent, where))

    @property
    def counted_share(self) -> Decimal:
        """The part of this cost that is the person's."""
        return share_of(self.weekly_amount, self.owner, self.share_percent)


@dataclass(frozen=True)
class MigPremium:
    """A premium added to the Minimum Income Guarantee, counted `count` times (one per child)."""

    label: str
    weekly_amount: Decimal
    count: int = 1

    def __post_init__(self) -> None:
        where = f": check '{self.label}'"
        _set(self, "weekly_amount", _money(self.weekly_amount, "Premium amounts", where))
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise ValueError(f"A premium is counted at least once{where}")

    @property
    def total(self) -> Decimal:
        return self.weekly_amount * self.count


_RATE_NAMES = {
    "lower_capital_limit": "The lower capital limit",
    "upper_capital_limit": "The upper capital limit",
    "tariff_step": "The tariff step",
    "mig_weekly": "The Minimum Income Guarantee",
    "local_mig_buffer": "The local extra Minimum Income Guarantee",
    "minimum_weekly_charge": "The minimum weekly charge",
    "night_care_disregard_weekly": "The night-care disregard",
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
    standard_dre_weekly: Decimal | None = None  # None: the council sets no standard allowance
    night_care_disregard_weekly: Decimal = ZERO  # 0: the council does not use the rule
    # From the year's circular; None until the council enters it (then Savings Credit cannot
    # be assessed, and the working says so).
    savings_credit_disregard_weekly: Decimal | None = None
    tariff_rule: str = PART_STEP

    def __post_init__(self) -> None:
        for name, what in _RATE_NAMES.items():
            _set(self, name, _money(getattr(self, name), what))
        if self.standard_dre_weekly is not None:
            what = "The standard disability-related expenses allowance"
            _set(self, "standard_dre_weekly", _money(self.standard_dre_weekly, what))
        if self.savings_credit_disregard_weekly is not None:
            what = "The savings credit disregard"
            value = _money(self.savings_credit_disregard_weekly, what)
            _set(self, "savings_credit_disregard_weekly", value)
        if self.tariff_rule not in (PART_STEP, WHOLE_STEPS):
            raise ValueError("Choose how tariff income is counted: each part step, or whole steps")
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
    no_night_care_provided: bool
    weekly_cost_of_care: Decimal | None  # the approved cost; None until a plan is approved
    declined_to_disclose: bool
    rates: ChargingRates
    joint_capital: Decimal = ZERO
    joint_capital_share: Decimal = HALF  # the person's share of the joint capital, in %
    partner_capital: Decimal = ZERO  # recorded, never counted
    mig_premiums: Sequence[MigPremium] = ()

    def __post_init__(self) -> None:
        _set(self, "capital", _money(self.capital, "Capital"))
        _set(self, "joint_capital", _money(self.joint_capital, "Joint capital"))
        _set(self, "partner_capital", _money(self.partner_capital, "The partner's capital"))
        share = _share_percent(self.joint_capital_share, ": check the share of joint capital")
        _set(self, "joint_capital_share", share)
        if self.weekly_cost_of_care is not None:
            cost = _money(self.weekly_cost_of_care, "The weekly cost of care")
            _set(self, "weekly_cost_of_care", cost)
        _set(self, "income_items", tuple(self.income_items))
        _set(self, "housing_costs", tuple(self.housing_costs))
        _set(self, "dre_items", tuple(self.dre_items or ()))
        _set(self, "mig_premiums", tuple(self.mig_premiums))

    @property
    def counted_capital(self) -> Decimal:
        """The person's own capital and their share of joint capital (a partner's is not)."""
        return self.capital + share_of(self.joint_capital, JOINT, self.joint_capital_share)


@dataclass(frozen=True)
class Step:
    """One line of the working that a person can read and check."""

    label: str
    amount: Decimal | None  # None only for a cost not known yet
    explanation: str = ""


@dataclass(frozen=True)
class ChargingResult:
    """The weekly charge, whether it is the full cost, why, and the working.

    weekly_charge is None only for a full-cost payer whose cost is not known yet: it is set
    when the care and support plan is approved."""

    weekly_charge: Decimal | None
    full_cost: bool
    reason: str
    steps: list[Step] = field(default_factory=list)


def tariff_income(capital: Decimal, rates: ChargingRates) -> Decimal:
    """Weekly tariff income: £1 for every £250, or part of £250, above the lower limit (or, where
    the council counts whole steps only, £1 for every complete £250)."""
    excess = capital - rates.lower_capital_limit
    if excess <= 0:
        return ZERO
    whole_steps, part = divmod(excess, rates.tariff_step)
    counts_part = part and rates.tariff_rule == PART_STEP
    return (whole_steps + (1 if counts_part else 0)) * TARIFF_PER_STEP


def assess(inputs: ChargingInput) -> ChargingResult:
    """Work out the person's weekly charge, showing every step of the arithmetic."""
    reason = _full_cost_reason(inputs)
    if reason:
        return _full_cost(inputs, reason)
    steps: list[Step] = []
    income = _counted_income(inputs, steps)
    income += _tariff_step(inputs, _capital_steps(inputs, steps))
    allowances = _housing(inputs, steps) + _mig(inputs, steps) + _dre(inputs, steps)
    disposable = _disposable(income, allowances, steps)
    return _charge(disposable, inputs, steps)


def _full_cost_reason(inputs: ChargingInput) -> str:
    """Why the person pays the full cost without a means test, or '' if they do not."""
    if inputs.declined_to_disclose:
        return DECLINED_REASON
    limit = inputs.rates.upper_capital_limit
    if inputs.counted_capital > limit:
        return (
            f"Your capital of {_pounds(inputs.counted_capital)} is more than the upper limit of "
            f"{_pounds(limit)}, so you pay the full cost of your care"
        )
    return ""


def _full_cost(inputs: ChargingInput, reason: str) -> ChargingResult:
    """A result where the person pays the whole weekly cost of their care."""
    cost = inputs.weekly_cost_of_care
    if cost is None:
        steps = [Step("Your weekly charge", None, f"{reason}. {COST_SET_AT_APPROVAL}")]
        return ChargingResult(weekly_charge=None, full_cost=True, reason=reason, steps=steps)
    steps = [
        Step("Approved weekly cost of your care", cost, reason + "."),
        Step("Your weekly charge", cost, "You pay the full approved cost of your care."),
    ]
    return ChargingResult(weekly_charge=cost, full_cost=True, reason=reason, steps=steps)


def _counted_income(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Total income less the disregards, adding each line of working to steps."""
    items = inputs.income_items
    steps.extend(_income_step(item) for item in items)
    total = sum((item.counted_share for item in items), ZERO)
    steps.append(Step("Total weekly income", total, "All your income added up."))
    counted = total - _income_disregards(inputs, steps)
    steps.append(Step("Income we count", counted, "Your total income less what we ignore."))
    return counted


def _income_step(item: IncomeItem) -> Step:
    """The line of working for one income: the person's own, their partner's, or joint."""
    if item.owner == PARTNER:
        why = (
            f"Your partner's income: {_pounds(item.weekly_amount)} a week. We only count your own "
            "income and your share of joint income, so we do not count this."
        )
        return Step(f"Your partner's income: {item.label}", ZERO, why)
    if item.owner == JOINT:
        share = item.share_percent
        why = f"Joint income of {_pounds(item.weekly_amount)} a week. We count your share: " + (
            "half." if share == HALF else f"{_percent(share)}, as the evidence you gave us shows."
        )
        return Step(f"Your share of joint income: {item.label}", item.counted_share, why)
    return Step(item.label, item.weekly_amount, "Weekly income.")


def _income_disregards(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add a step for each income we ignore (or part we ignore), and return their total."""
    total = ZERO
    for item in inputs.income_items:
        amount, why = _disregard(item, inputs)
        if amount:
            label = f"We do not count: {item.label}"
            if amount < item.counted_share:
                label = f"We do not count: part of {item.label}"
            steps.append(Step(label, amount, why))
            total += amount
    return total


def _disregard(item: IncomeItem, inputs: ChargingInput) -> tuple[Decimal, str]:
    """How much of this income the rules ignore, never more than is received, and why."""
    received = item.counted_share
    if not received:
        return ZERO, ""
    kind, rates = income_type(item.income_type), inputs.rates
    if item.disregarded or kind.rule == Rule.FULL:
        return received, _sentence(
            item.reason or kind.reason or "The rules say we must not count this income"
        )
    if kind.rule == Rule.NIGHT_CARE:
        rate = rates.night_care_disregard_weekly
        if not (rate and inputs.no_night_care_provided):
            return ZERO, ""
        amount = min(rate, received)
        return amount, f"{kind.reason}: {_pounds(amount)} a week."
    if kind.rule == Rule.SAVINGS_CREDIT:
        if rates.savings_credit_disregard_weekly is None:
            raise ValueError(
                "The council has not entered this year's savings credit disregard, so Savings "
                "Credit cannot be assessed yet: a council administrator enters it from the "
                "year's circular"
            )
        amount = min(rates.savings_credit_disregard_weekly, received)
        return (
            amount,
            f"{kind.reason}: up to {_pounds(rates.savings_credit_disregard_weekly)} a week.",
        )
    return ZERO, ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."


def _capital_steps(inputs: ChargingInput, steps: list[Step]) -> list[Step]:
    """Lines for a partner's or joint capital, when there is any; returns steps."""
    if not (inputs.joint_capital or inputs.partner_capital):
        return steps
    steps.append(Step("Your own capital", inputs.capital, "Savings and investments in your name."))
    if inputs.joint_capital:
        share = inputs.joint_capital_share
        how = "half" if share == HALF else f"{_percent(share)}, as the evidence you gave us shows"
        why = f"Joint capital of {_pounds(inputs.joint_capital)}. We count your share: {how}."
        amount = share_of(inputs.joint_capital, JOINT, share)
        steps.append(Step("Your share of joint capital", amount, why))
    if inputs.partner_capital:
        why = (
            f"Your partner's own capital of {_pounds(inputs.partner_capital)}. We only count "
            "your own capital and your share of joint capital, so we do not count this."
        )
        steps.append(Step("Your partner's capital", ZERO, why))
    why = "Your own capital and your share of joint capital."
    steps.append(Step("Capital we count", inputs.counted_capital, why))
    return steps


def _tariff_step(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add the tariff income from capital to steps, and return it."""
    capital, rates = inputs.counted_capital, inputs.rates
    amount = tariff_income(capital, rates)
    lower = _pounds(rates.lower_capital_limit)
    step = _pounds(rates.tariff_step)
    above = capital - rates.lower_capital_limit
    if amount:
        rule = (
            f"every {step} or part of {step}"
            if rates.tariff_rule == PART_STEP
            else f"every complete {step} (your council does not count a part of {step})"
        )
        why = (
            f"Your capital is {_pounds(capital)}: {_pounds(above)} above the lower limit of "
            f"{lower}. We count £1 a week for {rule}."
        )
    elif above > 0:
        why = (
            f"Your capital is {_pounds(capital)}: {_pounds(above)} above the lower limit of "
            f"{lower}, less than one complete {step}, and your council counts only complete "
            f"{step} steps, so we ignore it."
        )
    else:
        why = f"Your capital of {_pounds(capital)} is not more than {lower}, so we ignore it."
    steps.append(Step("Tariff income from your capital", amount, why))
    return amount


def _housing(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add each housing cost to steps, and return the total we take off."""
    items = inputs.housing_costs
    steps.extend(_expense_step("Housing cost", i, "We take this off.") for i in items)
    total = sum((i.counted_share for i in items), ZERO)
    steps.append(Step("Total housing costs", total, "We take off what your home costs you."))
    return total


def _expense_step(kind: str, item: ExpenseItem, why: str) -> Step:
    """The line of working for one cost: the person's own, their partner's, or shared."""
    if item.owner == PARTNER:
        amount = _pounds(item.weekly_amount)
        why = f"Your partner pays this ({amount} a week), so we do not take it off."
        return Step(f"{kind} your partner pays: {item.label}", ZERO, why)
    if item.owner == JOINT:
        share = item.share_percent
        how = "half" if share == HALF else f"{_percent(share)}, as the evidence you gave us shows"
        why = (
            f"A joint cost of {_pounds(item.weekly_amount)} a week. We take off your share: {how}."
        )
        return Step(f"{kind} (your share): {item.label}", item.counted_share, why)
    return Step(f"{kind}: {item.label}", item.weekly_amount, why)


def _mig(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add the Minimum Income Guarantee, its premiums and any local buffer to steps; return
    their sum."""
    rates = inputs.rates
    why = "The law says you must be left with at least this much each week."
    steps.append(Step("Minimum Income Guarantee", rates.mig_weekly, why))
    total = rates.mig_weekly
    for premium in inputs.mig_premiums:
        why = "A premium added to your Minimum Income Guarantee."
        if premium.count > 1:
            why = (
                f"A premium added to your Minimum Income Guarantee: "
                f"{_pounds(premium.weekly_amount)} a week, {premium.count} times."
            )
        label = f"Premium: {premium.label}"
        if premium.count > 1:
            label += f" × {premium.count}"
        steps.append(Step(label, premium.total, why))
        total += premium.total
    if rates.local_mig_buffer:
        why = "Your council leaves you this much more on top of the Minimum Income Guarantee."
        steps.append(Step("Extra income your council protects", rates.local_mig_buffer, why))
    return total + rates.local_mig_buffer


def _dre(inputs: ChargingInput, steps: list[Step]) -> Decimal:
    """Add disability-related expenses (standard allowance or actual items), return the total."""
    if inputs.use_standard_dre:
        amount = inputs.rates.standard_dre_weekly
        if amount is None:
            why = (
                "Your council does not set a standard allowance, so we take off only the actual "
                "extra costs of your disability that you tell us about. There are none yet."
            )
            steps.append(Step("Disability-related expenses", ZERO, why))
            return ZERO
        why = "Your council's standard allowance for extra costs of your disability."
        steps.append(Step("Disability-related expenses (standard allowance)", amount, why))
        return amount
    items = inputs.dre_items
    why = "An extra cost of your disability. We take this off."
    steps.extend(_expense_step("Disability-related expense", i, why) for i in items)
    total = sum((i.counted_share for i in items), ZERO)
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
    if cost is not None and charge > cost:
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


def _cap_reason(charge: Decimal, cost: Decimal) -> str:
    return (
        f"Your assessed charge of {_pounds(charge)} is more than the approved cost of your care, "
        f"so it is capped at the approved cost of your care: you pay {_pounds(cost)}"
    )


def _cap_step(charge: Decimal, cost: Decimal, steps: list[Step]) -> str:
    """Record that the charge is capped at the approved cost of care; return the reason."""
    reason = _cap_reason(charge, cost)
    steps.append(Step("Capped at the approved cost of your care", cost, reason + "."))
    return reason


def contribution(
    *, weekly_charge: Decimal | None, full_cost: bool, reason: str, approved_cost: Decimal
) -> tuple[Decimal, str]:
    """What a person pays a week towards care whose approved cost is approved_cost, and why:
    the full approved cost for a full-cost payer, otherwise the assessed charge capped at the
    approved cost. Worked out again whenever a plan is approved or revised."""
    cost = _money(approved_cost, "The approved cost of care")
    if full_cost:
        return cost, f"{reason}: the approved cost of your care is {_pounds(cost)} a week"
    charge = _money(weekly_charge, "The assessed charge")
    if charge > cost:
        return cost, _cap_reason(charge, cost)
    return charge, reason
