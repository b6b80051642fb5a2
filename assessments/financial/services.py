"""Services for the financial assessment: record income, capital and costs; work out the charge.

The arithmetic lives in `charging.py` (pure); this module turns the recorded facts into its
inputs, and stores the result with every step so the person can see how it was reached.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.db import create_unique
from core.errors import DomainError
from core.money import monthly_to_weekly, round_pennies
from people import access
from people.models import Person, User

from ..defaults import ensure_charging_rates, financial_year_of
from ..models import FinancialAssessment, FinancialItem, IndicativeBudget, MinimumIncomeGuarantee
from ..signals import financial_assessment_completed
from . import charging

Frequency = FinancialItem.Frequency
DIVIDE_TO_WEEKLY = {
    Frequency.WEEKLY: Decimal(1),
    Frequency.FORTNIGHTLY: Decimal(2),
    Frequency.FOUR_WEEKLY: Decimal(4),
    Frequency.YEARLY: Decimal(52),
}
UPDATABLE = [
    "declined_to_disclose",
    "capital",
    "mig_base",
    "uses_standard_dre",
    "pip_enhanced_without_night_care",
    "weekly_cost_of_care",
]


@dataclass(frozen=True)
class Contribution:
    """What a person pays a week towards their care, and why, in plain words."""

    weekly: Decimal
    reason: str


def weekly_contribution(*, person: Person, weekly_cost: Decimal) -> Contribution:
    """The person's weekly contribution to care that costs weekly_cost: the charge from their
    latest completed financial assessment, never more than that cost; the whole cost if they pay
    the full cost or chose not to tell us about their money; £0 if they have not been assessed."""
    assessment = FinancialAssessment.objects.latest_completed_for(person)
    if assessment is None:
        return Contribution(Decimal("0.00"), "No financial assessment has been completed yet.")
    if assessment.full_cost:
        return Contribution(weekly_cost, assessment.result_reason)
    if assessment.weekly_charge >= weekly_cost:
        return Contribution(
            weekly_cost, "The assessed charge is at least the cost of the care, so it is capped."
        )
    return Contribution(assessment.weekly_charge, assessment.result_reason)


def weekly_amount(amount: Decimal, frequency: str) -> Decimal:
    """An amount paid at some frequency as a weekly figure, to the penny (monthly ×12/52)."""
    if frequency == Frequency.MONTHLY:
        return monthly_to_weekly(amount)
    return round_pennies(amount / DIVIDE_TO_WEEKLY[frequency])


def _check_may_assess(user: User, person: Person) -> None:
    if not access.can_assess_finances(user, person):
        raise DomainError("Only the council's finance officers can change a financial assessment.")


def _locked_draft(assessment: FinancialAssessment, user: User) -> FinancialAssessment:
    _check_may_assess(user, assessment.person)
    assessment = FinancialAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_editable:
        raise DomainError("This financial assessment is completed and can no longer be changed.")
    return assessment


def _latest_indicative_weekly(person: Person) -> Decimal:
    budget = (
        IndicativeBudget.objects.filter(assessment__person=person).order_by("-created_at").first()
    )
    return budget.weekly if budget else Decimal("0.00")


@transaction.atomic
def financial_assessment_start(*, person: Person, started_by: User) -> FinancialAssessment:
    """Start a financial assessment with this year's rates and the latest indicative budget."""
    _check_may_assess(started_by, person)
    if person.financial_assessments.filter(status=FinancialAssessment.Status.DRAFT).exists():
        raise DomainError("There is already a financial assessment in progress. Carry on with it.")
    rates = ensure_charging_rates(person.local_authority, financial_year_of(timezone.localdate()))
    return create_unique(
        FinancialAssessment,
        message="There is already a financial assessment in progress. Carry on with it.",
        person=person,
        rates=rates,
        started_by=started_by,
        weekly_cost_of_care=_latest_indicative_weekly(person),
    )


@transaction.atomic
def financial_assessment_update(
    *, assessment: FinancialAssessment, user: User, data: dict
) -> FinancialAssessment:
    """Change the assessment's answers (capital, MIG, DRE choice, cost of care...)."""
    assessment = _locked_draft(assessment, user)
    for name in UPDATABLE:
        if name in data:
            setattr(assessment, name, data[name])
    for name in ("capital", "weekly_cost_of_care"):
        if getattr(assessment, name) is None or getattr(assessment, name) < 0:
            raise DomainError("Amounts cannot be negative", field=name)
    _check_mig(assessment, data.get("mig_premiums"))
    assessment.save()
    if "mig_premiums" in data:
        assessment.mig_premiums.set(data["mig_premiums"])
    return assessment


def _check_mig(assessment: FinancialAssessment, premiums) -> None:
    amounts = MinimumIncomeGuarantee.objects.filter(rates=assessment.rates)
    base = assessment.mig_base
    if base is not None and not amounts.filter(pk=base.pk, kind="base").exists():
        raise DomainError(
            "Choose a Minimum Income Guarantee rate from this year's list", field="mig_base"
        )
    premium_ids = {p.pk for p in premiums or []}
    if premium_ids - set(amounts.filter(kind="premium").values_list("pk", flat=True)):
        raise DomainError("Choose premiums from this year's list", field="mig_premiums")


@transaction.atomic
def financial_item_add(
    *, assessment: FinancialAssessment, user: User, details: dict
) -> FinancialItem:
    """Add an income, a housing cost or a disability-related expense."""
    assessment = _locked_draft(assessment, user)
    if details.get("amount") is None or details["amount"] < 0:
        raise DomainError("Enter an amount of £0 or more, like 82.50", field="amount")
    if details.get("kind") != FinancialItem.Kind.INCOME and details.get("disregarded"):
        raise DomainError("Only income can be disregarded", field="disregarded")
    if details.get("disregarded") and not details.get("disregard_reason", "").strip():
        raise DomainError("Say why this income is disregarded", field="disregard_reason")
    return FinancialItem.objects.create(assessment=assessment, **details)


@transaction.atomic
def financial_item_remove(*, item: FinancialItem, user: User) -> None:
    """Remove an item entered by mistake (the history keeps it)."""
    _locked_draft(item.assessment, user)
    item.delete()


def _expenses(items, kind: str) -> list[charging.ExpenseItem]:
    return [
        charging.ExpenseItem(label=i.label, weekly_amount=weekly_amount(i.amount, i.frequency))
        for i in items
        if i.kind == kind
    ]


def charging_input(assessment: FinancialAssessment) -> charging.ChargingInput:
    """The recorded facts as the charging calculation's input."""
    items = list(assessment.items.all())
    rates = assessment.rates
    mig = (assessment.mig_base.weekly_amount if assessment.mig_base else Decimal(0)) + sum(
        (premium.weekly_amount for premium in assessment.mig_premiums.all()), Decimal(0)
    )
    return charging.ChargingInput(
        income_items=[
            charging.IncomeItem(
                label=i.label,
                weekly_amount=weekly_amount(i.amount, i.frequency),
                disregarded=i.disregarded,
                reason=i.disregard_reason,
            )
            for i in items
            if i.kind == FinancialItem.Kind.INCOME
        ],
        capital=assessment.capital,
        housing_costs=_expenses(items, FinancialItem.Kind.HOUSING),
        dre_items=_expenses(items, FinancialItem.Kind.DRE),
        use_standard_dre=assessment.uses_standard_dre,
        gets_pip_enhanced_daily_living_without_night_care=assessment.pip_enhanced_without_night_care,
        weekly_cost_of_care=assessment.weekly_cost_of_care,
        declined_to_disclose=assessment.declined_to_disclose,
        rates=charging.ChargingRates(
            lower_capital_limit=rates.lower_capital_limit,
            upper_capital_limit=rates.upper_capital_limit,
            tariff_step=rates.tariff_step,
            mig_weekly=mig,
            local_mig_buffer=rates.local_mig_buffer,
            charge_percentage=rates.charge_percentage,
            minimum_weekly_charge=rates.minimum_weekly_charge,
            standard_dre_weekly=rates.standard_dre_weekly,
            pip_night_care_disregard_weekly=rates.pip_night_care_disregard_weekly,
        ),
    )


def financial_preview(assessment: FinancialAssessment) -> charging.ChargingResult:
    """The charge the recorded facts lead to, with every step."""
    try:
        return charging.assess(charging_input(assessment))
    except ValueError as error:
        raise DomainError(str(error)) from error


@transaction.atomic
def financial_assessment_complete(
    *, assessment: FinancialAssessment, user: User
) -> FinancialAssessment:
    """Fix the weekly contribution, with the steps that reached it."""
    assessment = _locked_draft(assessment, user)
    if not assessment.declined_to_disclose and assessment.mig_base is None:
        raise DomainError(
            "Choose the Minimum Income Guarantee rate for the person's age", field="mig_base"
        )
    result = financial_preview(assessment)
    assessment.weekly_charge = result.weekly_charge
    assessment.full_cost = result.full_cost
    assessment.result_reason = result.reason
    assessment.result_steps = [
        {"label": step.label, "amount": str(step.amount), "explanation": step.explanation}
        for step in result.steps
    ]
    assessment.status = FinancialAssessment.Status.COMPLETED
    assessment.completed_at, assessment.completed_by = timezone.now(), user
    assessment.save()
    # Apps that listen (budgets: the contribution of a budget already being paid) say, in plain
    # words, what they changed; the page shows it to whoever completed the assessment.
    responses = financial_assessment_completed.send(
        sender=FinancialAssessment, assessment=assessment, user=user
    )
    assessment.changes_elsewhere = [text for _, text in responses if text]
    return assessment
