"""Kinds of income and the rule that says how much of each the financial assessment ignores.

Data, not special cases: the officer picks the kind of income and the disregard follows from this
table, with the reason the person reads. Pure Python, no database; `charging.py` applies it.
Sources: Care and Support (Charging and Assessment of Resources) Regulations 2014, Schedule 1,
and the Care and Support Statutory Guidance, Annex C.
"""

from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    """How much of an income is ignored."""

    COUNTED = "counted"  # counted in full (an officer may still record a disregard with a reason)
    FULL = "full"  # never counted
    NIGHT_CARE = "night_care"  # the difference to the lower rate, where no night care is provided
    SAVINGS_CREDIT = "savings_credit"  # up to the statutory savings credit disregard


# The savings credit disregard changes each year with the circular (£6.50 single and £9.75 for a
# couple in 2023/24, £6.95 and £10.40 in 2024/25): it is part of each year's ChargingRates.


@dataclass(frozen=True)
class IncomeType:
    code: str
    label: str
    rule: Rule
    reason: str = ""


OTHER = "other"
NIGHT_CARE_REASON = (
    "You get the top rate of this benefit, which includes care at night, but no care is "
    "provided at night, so we do not count the difference to the lower rate"
)
INCOME_TYPES: tuple[IncomeType, ...] = (
    IncomeType(OTHER, "Other income", Rule.COUNTED),
    IncomeType("state_pension", "State Pension", Rule.COUNTED),
    IncomeType("private_pension", "Private or workplace pension", Rule.COUNTED),
    IncomeType("pension_credit_guarantee", "Pension Credit: Guarantee Credit", Rule.COUNTED),
    IncomeType(
        "pension_credit_savings",
        "Pension Credit: Savings Credit",
        Rule.SAVINGS_CREDIT,
        "The rules say we do not count part of your Savings Credit",
    ),
    IncomeType("universal_credit", "Universal Credit", Rule.COUNTED),
    IncomeType("esa", "Employment and Support Allowance", Rule.COUNTED),
    IncomeType(
        "earnings",
        "Earnings from work",
        Rule.FULL,
        "The rules say we do not count earnings from work",
    ),
    IncomeType(
        "dla_mobility",
        "Disability Living Allowance: mobility component",
        Rule.FULL,
        "The rules say we do not count the mobility part of Disability Living Allowance",
    ),
    IncomeType(
        "pip_mobility",
        "Personal Independence Payment: mobility component",
        Rule.FULL,
        "The rules say we do not count the mobility part of Personal Independence Payment",
    ),
    IncomeType(
        "aa_higher", "Attendance Allowance: higher rate", Rule.NIGHT_CARE, NIGHT_CARE_REASON
    ),
    IncomeType("aa_lower", "Attendance Allowance: lower rate", Rule.COUNTED),
    IncomeType(
        "dla_care_highest",
        "Disability Living Allowance: care component, highest rate",
        Rule.NIGHT_CARE,
        NIGHT_CARE_REASON,
    ),
    IncomeType(
        "dla_care_other",
        "Disability Living Allowance: care component, middle or lowest rate",
        Rule.COUNTED,
    ),
    IncomeType(
        "pip_daily_living_enhanced",
        "Personal Independence Payment: daily living, enhanced rate",
        Rule.NIGHT_CARE,
        NIGHT_CARE_REASON,
    ),
    IncomeType(
        "pip_daily_living_standard",
        "Personal Independence Payment: daily living, standard rate",
        Rule.COUNTED,
    ),
)
BY_CODE = {kind.code: kind for kind in INCOME_TYPES}
CHOICES = [(kind.code, kind.label) for kind in INCOME_TYPES]


def income_type(code: str) -> IncomeType:
    """The income type with this code ("other" if the code is blank)."""
    return BY_CODE[code or OTHER]
