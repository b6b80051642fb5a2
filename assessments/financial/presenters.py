"""What the financial assessment pages show: the working (live or fixed) and the items by kind."""

from dataclasses import dataclass
from decimal import Decimal

from ..models import FinancialAssessment, FinancialItem
from .charging import ChargingResult
from .services import weekly_amount

# Labels of the steps `charging.assess` writes for the two figures shown above the working.
TARIFF_STEP = "Tariff income from your capital"
DISPOSABLE_STEP = "Disposable income"


@dataclass(frozen=True)
class Working:
    """The weekly charge, why, every step, and the two figures people ask about first."""

    weekly_charge: Decimal
    full_cost: bool
    reason: str
    steps: list[dict]

    def _step_amount(self, label: str) -> Decimal | None:
        return next((s["amount"] for s in self.steps if s["label"] == label), None)

    @property
    def tariff_income(self) -> Decimal | None:
        return self._step_amount(TARIFF_STEP)

    @property
    def disposable_income(self) -> Decimal | None:
        return self._step_amount(DISPOSABLE_STEP)


def working_from_result(result: ChargingResult) -> Working:
    """The live working from `financial_preview`."""
    steps = [
        {"label": s.label, "amount": s.amount, "explanation": s.explanation} for s in result.steps
    ]
    return Working(result.weekly_charge, result.full_cost, result.reason, steps)


def working_from_completed(assessment: FinancialAssessment) -> Working:
    """The working fixed when the assessment was completed (amounts are stored as text)."""
    steps = [{**s, "amount": Decimal(s["amount"])} for s in assessment.result_steps]
    return Working(assessment.weekly_charge, assessment.full_cost, assessment.result_reason, steps)


@dataclass(frozen=True)
class ItemRow:
    item: FinancialItem
    weekly: Decimal


@dataclass(frozen=True)
class ItemGroup:
    kind: str
    title: str
    rows: list[ItemRow]


GROUP_TITLES = {
    FinancialItem.Kind.INCOME: "Income",
    FinancialItem.Kind.HOUSING: "Housing costs",
    FinancialItem.Kind.DRE: "Disability-related expenses",
}


def item_groups(items) -> list[ItemGroup]:
    """Items by kind, each with its weekly figure (monthly × 12 ÷ 52)."""
    rows: dict[str, list[ItemRow]] = {kind: [] for kind in GROUP_TITLES}
    for item in items:
        rows[item.kind].append(ItemRow(item, weekly_amount(item.amount, item.frequency)))
    return [ItemGroup(kind, title, rows[kind]) for kind, title in GROUP_TITLES.items()]
