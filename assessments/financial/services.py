"""Services for the financial assessment: record income, capital and costs; work out the charge.

The arithmetic lives in `charging.py` (pure); this module turns the recorded facts into its
inputs, and stores the result with every step so the person can see how it was reached.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.db import create_unique
from core.errors import DomainError
from core.formats import long_date
from core.money import monthly_to_weekly, round_pennies
from people import access
from people.models import Person, User

from ..models import ChosenPremium, FinancialAssessment, FinancialItem, MinimumIncomeGuarantee
from ..rates.services import engine_rates, rates_for_charge
from ..signals import financial_assessment_completed
from . import charging, disregards

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
    "has_partner",
    "joint_capital",
    "joint_capital_share",
    "joint_capital_evidence",
    "partner_capital",
    "mig_base",
    "uses_standard_dre",
    "pip_enhanced_without_night_care",
]
HALF = Decimal("50.00")
# How far a charge can be backdated (for example to when care started) or set ahead.
BACKDATE_DAYS = 365
AHEAD_DAYS = 92


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
    weekly, reason = charging.contribution(
        weekly_charge=assessment.weekly_charge,
        full_cost=assessment.full_cost,
        reason=assessment.result_reason,
        approved_cost=weekly_cost,
    )
    return Contribution(weekly, reason + ".")


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


def check_charge_from(day: date | None, today: date | None = None) -> date:
    """The day a charge applies from: backdated up to 12 months (to when care started, say) or
    up to 3 months ahead, never further, so nobody is charged for a year long gone."""
    today = today or timezone.localdate()
    earliest, latest = today - timedelta(days=BACKDATE_DAYS), today + timedelta(days=AHEAD_DAYS)
    if day is None:
        raise DomainError("Enter the date the charge applies from", field="charge_from")
    if not earliest <= day <= latest:
        raise DomainError(
            "A charge can be backdated up to 12 months, for example to when care started, and "
            f"set up to 3 months ahead: enter a date from {long_date(earliest)} to "
            f"{long_date(latest)}",
            field="charge_from",
        )
    return day


@transaction.atomic
def financial_assessment_start(
    *, person: Person, started_by: User, charge_from: date | None = None
) -> FinancialAssessment:
    """Start a financial assessment on the checked rates of the financial year the charge applies
    from (today unless backdated). No cost of care is used: the charge is capped by the approved
    cost of the plan when the plan is approved."""
    _check_may_assess(started_by, person)
    if person.financial_assessments.filter(status=FinancialAssessment.Status.DRAFT).exists():
        raise DomainError("There is already a financial assessment in progress. Carry on with it.")
    charge_from = check_charge_from(charge_from or timezone.localdate())
    rates = rates_for_charge(person.local_authority, charge_from)
    return create_unique(
        FinancialAssessment,
        message="There is already a financial assessment in progress. Carry on with it.",
        person=person,
        rates=rates,
        charge_from=charge_from,
        started_by=started_by,
        uses_standard_dre=rates.standard_dre_weekly is not None,
    )


def _move_to_year(assessment: FinancialAssessment, charge_from: date, data: dict) -> None:
    """A new date in another financial year moves the assessment to that year's rates: the
    Minimum Income Guarantee chosen is matched by name (not carried over if the year lacks it)."""
    rates = rates_for_charge(assessment.person.local_authority, charge_from)
    if rates.pk == assessment.rates_id:
        return
    amounts = {m.label: m for m in rates.mig_amounts.all()}
    if "mig_base" not in data and assessment.mig_base is not None:
        data["mig_base"] = amounts.get(assessment.mig_base.label)
    if "mig_premiums" not in data:
        data["mig_premiums"] = [
            (amounts[c.premium.label], c.count)
            for c in assessment.premium_choices.select_related("premium")
            if c.premium.label in amounts
        ]
    else:
        data["mig_premiums"] = [
            (amounts[p.label], n)
            for p, n in _premium_counts(data["mig_premiums"])
            if p.label in amounts
        ]
    if data.get("mig_base") is not None and data["mig_base"].rates_id != rates.pk:
        data["mig_base"] = amounts.get(data["mig_base"].label)
    assessment.rates = rates


@transaction.atomic
def financial_assessment_update(
    *, assessment: FinancialAssessment, user: User, data: dict
) -> FinancialAssessment:
    """Change the assessment's answers (capital, partner, MIG, DRE choice, night care...).

    mig_premiums is a list of premiums, or of (premium, count) pairs for a premium counted more
    than once (one for each child)."""
    assessment = _locked_draft(assessment, user)
    data = dict(data)
    if "charge_from" in data:
        charge_from = check_charge_from(data["charge_from"])
        _move_to_year(assessment, charge_from, data)
        assessment.charge_from = charge_from
    for name in UPDATABLE:
        if name in data:
            setattr(assessment, name, data[name])
    for name in ("capital", "joint_capital", "partner_capital"):
        if getattr(assessment, name) is None or getattr(assessment, name) < 0:
            raise DomainError("Amounts cannot be negative", field=name)
    _check_couple(assessment)
    if assessment.uses_standard_dre and assessment.rates.standard_dre_weekly is None:
        raise DomainError(
            "The council does not set a standard allowance: choose actual costs", field="dre"
        )
    premiums = _premium_counts(data.get("mig_premiums"))
    _check_mig(assessment, [premium for premium, _ in premiums])
    assessment.save()
    if "mig_premiums" in data:
        assessment.premium_choices.all().delete()
        ChosenPremium.objects.bulk_create(
            ChosenPremium(assessment=assessment, premium=premium, count=count)
            for premium, count in premiums
        )
    return assessment


def _premium_counts(premiums) -> list[tuple[MinimumIncomeGuarantee, int]]:
    pairs = [p if isinstance(p, tuple) else (p, 1) for p in premiums or []]
    for premium, count in pairs:
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 20:
            raise DomainError(
                f"Say how many times {premium.label} is counted: a whole number from 1 to 20",
                field="mig_premiums",
            )
    return pairs


def _check_couple(assessment: FinancialAssessment) -> None:
    """Joint capital is halved unless the officer records the evidence for another split."""
    if not assessment.has_partner:
        assessment.joint_capital = assessment.partner_capital = Decimal("0.00")
        assessment.joint_capital_share, assessment.joint_capital_evidence = HALF, ""
        return
    share = assessment.joint_capital_share
    if share is None or not 0 <= share <= 100:
        raise DomainError(
            "Enter the person's share of joint capital as a percentage from 0 to 100, like 50",
            field="joint_capital_share",
        )
    evidence = (assessment.joint_capital_evidence or "").strip()
    if share != HALF and not evidence:
        raise DomainError(
            "Joint capital is split in half unless there is evidence of another split: say "
            "what the evidence is, or enter 50",
            field="joint_capital_evidence",
        )
    assessment.joint_capital_evidence = evidence if share != HALF else ""


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
    """Add an income, a housing cost or a disability-related expense: the person's own, their
    partner's, or joint (the person's share is half unless evidence shows another split).

    For income, the kind of income decides what is not counted (disregards.INCOME_TYPES); an
    officer can still mark other income as not counted, with the reason."""
    assessment = _locked_draft(assessment, user)
    details = {**details}
    if details.get("amount") is None or details["amount"] < 0:
        raise DomainError("Enter an amount of £0 or more, like 82.50", field="amount")
    is_income = details.get("kind") == FinancialItem.Kind.INCOME
    if not is_income and details.get("disregarded"):
        raise DomainError("Only income can be disregarded", field="disregarded")
    details["income_type"] = details.get("income_type") or disregards.OTHER
    if details["income_type"] not in disregards.BY_CODE:
        raise DomainError("Choose the kind of income from the list", field="income_type")
    if not is_income:
        details["income_type"] = disregards.OTHER
    if details.get("disregarded"):
        if details["income_type"] != disregards.OTHER:
            raise DomainError(
                "The kind of income already says what is not counted: untick the box, or "
                "choose 'Other income'",
                field="disregarded",
            )
        if not details.get("disregard_reason", "").strip():
            raise DomainError("Say why this income is disregarded", field="disregard_reason")
    _check_owner(assessment, details)
    return FinancialItem.objects.create(assessment=assessment, **details)


def _check_owner(assessment: FinancialAssessment, details: dict) -> None:
    owner = details.setdefault("owner", FinancialItem.Owner.PERSON) or FinancialItem.Owner.PERSON
    details["owner"] = owner
    if owner not in FinancialItem.Owner.values:
        raise DomainError("Say whose it is: the person's, their partner's or joint", field="owner")
    if owner != FinancialItem.Owner.PERSON and not assessment.has_partner:
        raise DomainError(
            "Record that the person has a partner before adding their partner's or joint money",
            field="owner",
        )
    share = details.get("share_percent")
    share = HALF if share is None or owner != FinancialItem.Owner.JOINT else share
    if not 0 <= share <= 100:
        raise DomainError(
            "Enter the person's share as a percentage from 0 to 100, like 50",
            field="share_percent",
        )
    evidence = (details.get("split_evidence") or "").strip()
    if share != HALF and not evidence:
        raise DomainError(
            "Joint money is split in half unless there is evidence of another split: say what "
            "the evidence is, or enter 50",
            field="split_evidence",
        )
    details["share_percent"], details["split_evidence"] = share, evidence if share != HALF else ""


@transaction.atomic
def financial_item_remove(*, item: FinancialItem, user: User) -> None:
    """Remove an item entered by mistake (the history keeps it)."""
    _locked_draft(item.assessment, user)
    item.delete()


def _expenses(items, kind: str) -> list[charging.ExpenseItem]:
    return [
        charging.ExpenseItem(
            label=i.label,
            weekly_amount=weekly_amount(i.amount, i.frequency),
            owner=i.owner,
            share_percent=i.share_percent,
        )
        for i in items
        if i.kind == kind
    ]


def charging_input(assessment: FinancialAssessment) -> charging.ChargingInput:
    """The recorded facts as the charging calculation's input."""
    premiums = [
        charging.MigPremium(c.premium.label, c.premium.weekly_amount, c.count)
        for c in assessment.premium_choices.select_related("premium")
    ]
    mig = assessment.mig_base.weekly_amount if assessment.mig_base else Decimal(0)
    return charging_input_on(assessment, assessment.rates, mig, premiums)


def charging_input_on(
    assessment: FinancialAssessment, rates, mig_weekly: Decimal, premiums
) -> charging.ChargingInput:
    """The recorded facts on a year's rates (the assessment's own, or a new year's when the
    charge is worked out again at April uprating)."""
    items = list(assessment.items.all())
    return charging.ChargingInput(
        income_items=[
            charging.IncomeItem(
                label=i.label,
                weekly_amount=weekly_amount(i.amount, i.frequency),
                disregarded=i.disregarded,
                reason=i.disregard_reason,
                income_type=i.income_type,
                owner=i.owner,
                share_percent=i.share_percent,
            )
            for i in items
            if i.kind == FinancialItem.Kind.INCOME
        ],
        capital=assessment.capital,
        joint_capital=assessment.joint_capital if assessment.has_partner else Decimal("0.00"),
        joint_capital_share=assessment.joint_capital_share,
        partner_capital=assessment.partner_capital if assessment.has_partner else Decimal("0.00"),
        housing_costs=_expenses(items, FinancialItem.Kind.HOUSING),
        dre_items=_expenses(items, FinancialItem.Kind.DRE),
        use_standard_dre=assessment.uses_standard_dre,
        no_night_care_provided=assessment.pip_enhanced_without_night_care,
        # Never capped here: the approved cost of the plan caps the charge when the plan is
        # approved or revised (weekly_contribution).
        weekly_cost_of_care=None,
        declined_to_disclose=assessment.declined_to_disclose,
        mig_premiums=premiums,
        rates=engine_rates(rates, mig_weekly, has_partner=assessment.has_partner),
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
    if rates_for_charge(assessment.person.local_authority, assessment.charge_from) != (
        assessment.rates
    ):
        raise DomainError(
            "The charge applies from a day in another financial year: change the date and "
            "check the figures again",
            field="charge_from",
        )
    if not assessment.declined_to_disclose and assessment.mig_base is None:
        raise DomainError(
            "Choose the Minimum Income Guarantee rate for the person's age", field="mig_base"
        )
    fix_result(assessment, financial_preview(assessment), user)
    assessment.save()
    return tell_completed(assessment, user)


def fix_result(assessment: FinancialAssessment, result: charging.ChargingResult, user) -> None:
    """Store the charge, why, and every step of the working on a completed assessment."""
    assessment.weekly_charge = result.weekly_charge
    assessment.full_cost = result.full_cost
    assessment.result_reason = result.reason
    assessment.result_steps = [
        {
            "label": step.label,
            "amount": None if step.amount is None else str(step.amount),
            "explanation": step.explanation,
        }
        for step in result.steps
    ]
    assessment.status = FinancialAssessment.Status.COMPLETED
    assessment.completed_at, assessment.completed_by = timezone.now(), user


def tell_completed(
    assessment: FinancialAssessment, user, *, applies_from: date | None = None
) -> FinancialAssessment:
    """Apps that listen (budgets: the contribution of a budget already being paid) say, in plain
    words, what they changed; the page shows it to whoever completed the assessment.
    applies_from is given when a charge is worked out again on a new year's rates: the change
    then runs from the year's first day, not only from the next payment."""
    responses = financial_assessment_completed.send(
        sender=FinancialAssessment, assessment=assessment, user=user, applies_from=applies_from
    )
    assessment.changes_elsewhere = [text for _, text in responses if text]
    return assessment
