"""A council's charging rates by financial year: which year's rates charge a person, and the
administrators' writes (add next year's rates, change them, check them before April).

Statutory floors are enforced here with plain messages: capital limits never stricter than the
national ones, a tariff step of at least £250, and a Minimum Income Guarantee never below the
national amount we hold for that year. Only checked rates charge anyone, so a year copied forward
is never used until someone has compared it with the year's circular.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date, pounds
from people import access

from ..defaults import financial_year_of, year_starts
from ..financial import charging
from ..financial import national_rates as national
from ..models import ChargingRates, MinimumIncomeGuarantee

HUNDRED = Decimal(100)
# Local values an administrator sets for a year, copied forward to the next one.
LOCAL_FIELDS = [
    "lower_capital_limit",
    "upper_capital_limit",
    "tariff_step",
    "tariff_rule",
    "charge_percentage",
    "minimum_weekly_charge",
    "local_mig_buffer",
    "standard_dre_weekly",
    "pip_night_care_disregard_weekly",
]
CHANGEABLE = [*LOCAL_FIELDS, "savings_credit_disregard_single", "savings_credit_disregard_couple"]


def rates_years(authority):
    """The council's rates, newest year first."""
    return ChargingRates.objects.filter(authority=authority).order_by("-financial_year")


def rates_for_charge(authority, on: date) -> ChargingRates:
    """The checked rates of the financial year `on` falls in (1 April to 31 March). Never another
    year's: without them nobody can be charged from that day, and the message says what to do."""
    year = financial_year_of(on)
    rates = ChargingRates.objects.for_year(authority, year)
    label = national.year_label(year)
    if rates is None:
        raise DomainError(
            f"The council has no charging rates for {label} yet, so nobody can be charged from "
            f"{long_date(on)}. A council administrator adds them on the charging rates pages.",
            field="charge_from",
        )
    if not rates.is_checked:
        raise DomainError(
            f"The council's charging rates for {label} have not been checked yet. A council "
            "administrator must check them against the year's circular before anyone is "
            "charged on them.",
            field="charge_from",
        )
    return rates


def _may_change(user, authority) -> None:
    if not access.can_change_council_settings(user, authority):
        raise DomainError("Only this council's administrators can change its charging rates.")


def _audited(row, user):
    row._history_user = user  # recorded in the history whoever calls this
    return row


@transaction.atomic
def charging_rates_add(*, authority, year: int, user) -> ChargingRates:
    """Add a year's rates: the national figures we hold for it, and the council's own choices
    copied forward from its latest earlier year. Not checked: nobody is charged on them yet."""
    _may_change(user, authority)
    latest = financial_year_of(timezone.localdate()) + 1
    if not 2015 <= year <= latest:
        raise DomainError(
            f"Add rates for a year from 2015/16 to {national.year_label(latest)}",
            field="financial_year",
        )
    return rates_seed(authority=authority, year=year, user=user)


@transaction.atomic
def rates_seed(*, authority, year: int, user=None) -> ChargingRates:
    """A year's starting rates (no access check: charging_rates_add, the demo and the service
    operator call it): national figures held, the rest copied from the latest earlier year."""
    earlier = rates_years(authority).filter(financial_year__lt=year).first()
    held = national.national_year(year)
    local = {name: getattr(earlier, name) for name in LOCAL_FIELDS} if earlier else {}
    taken = f"The council already has rates for {national.year_label(year)}."
    if ChargingRates.objects.for_year(authority, year) is not None:
        raise DomainError(taken, field="financial_year")
    rates = ChargingRates(
        authority=authority,
        financial_year=year,
        source=_source_text(year, held, earlier),
        **local,
        **_savings_credit(held, earlier),
    )
    try:
        with transaction.atomic():
            _audited(rates, user).save()
    except IntegrityError as error:  # the same year added at the same moment elsewhere
        raise DomainError(taken, field="financial_year") from error
    for label, kind, amount in _starting_amounts(year, held, earlier):
        _audited(
            MinimumIncomeGuarantee(rates=rates, kind=kind, label=label, weekly_amount=amount),
            user,
        ).save()
    return rates


def _savings_credit(held, earlier) -> dict:
    """The year's savings credit disregards if held, else last year's to check (or blank)."""
    values = {}
    for name, held_value in (
        ("savings_credit_disregard_single", held.savings_credit_single if held else None),
        ("savings_credit_disregard_couple", held.savings_credit_couple if held else None),
    ):
        values[name] = held_value[0] if held_value else getattr(earlier, name, None)
    return values


def _source_text(year: int, held, earlier) -> str:
    label = national.year_label(year)
    lines = []
    if held is not None:
        lines.append(f"National figures for {label}: {held.source.name} ({held.source.url}).")
        for name, (_, source) in held.amounts.items():
            if source != held.source:
                lines.append(f"{name}: {source.name} ({source.url}).")
        if held.missing:
            lines.append(
                "Not held by the service, so copied from the year before or left blank: "
                + ", ".join(held.missing)
                + ". Enter them from the circular."
            )
    else:
        lines.append(f"The service holds no national figures for {label}.")
    if earlier is not None:
        lines.append(
            f"The council's own choices, and any amount not held, were copied from "
            f"{earlier.year_label} on {long_date(timezone.localdate())}: check each one."
        )
    return "\n".join(lines)


def _starting_amounts(year: int, held, earlier) -> list[tuple[str, str, Decimal]]:
    """(label, kind, amount): the national amount where we hold it, else last year's."""
    before = {m.label: m for m in earlier.mig_amounts.all()} if earlier else {}
    rows = []
    for label, kind in national.LABELS:
        amount = held.amount(label) if held else None
        if amount is None and label in before:
            amount = before[label].weekly_amount
        if amount is not None:
            rows.append((label, kind, amount))
    taken = {label for label, _, _ in rows}
    rows += [(m.label, m.kind, m.weekly_amount) for m in before.values() if m.label not in taken]
    return rows


@transaction.atomic
def charging_rates_change(*, rates: ChargingRates, user, values: dict) -> ChargingRates:
    """Change a year's own values (capital limits, tariff, percentage, minimum charge, buffer,
    standard DRE, night-care disregard, savings credit disregards); floors enforced."""
    _may_change(user, rates.authority)
    rates = ChargingRates.objects.select_for_update().get(pk=rates.pk)
    for name in CHANGEABLE:
        if name in values:
            setattr(rates, name, values[name])
    check_floors(rates)
    _audited(rates, user).save()
    return rates


def check_floors(rates: ChargingRates) -> None:
    """The statutory floors and plain sense, each with the message that says how to fix it."""
    for name in ("lower_capital_limit", "upper_capital_limit", "tariff_step"):
        if getattr(rates, name) is None:
            raise DomainError("Enter an amount in pounds, like 14250", field=name)
    if rates.lower_capital_limit < national.NATIONAL_LOWER_CAPITAL_LIMIT:
        raise DomainError(
            "The lower capital limit cannot be less than the national £14,250: a lower limit "
            "would charge people more than the law allows",
            field="lower_capital_limit",
        )
    if rates.upper_capital_limit < national.NATIONAL_UPPER_CAPITAL_LIMIT:
        raise DomainError(
            "The upper capital limit cannot be less than the national £23,250: a lower limit "
            "would make people pay the full cost sooner than the law allows",
            field="upper_capital_limit",
        )
    if rates.upper_capital_limit <= rates.lower_capital_limit:
        raise DomainError(
            "The upper capital limit must be more than the lower one", field="upper_capital_limit"
        )
    if rates.tariff_step < national.NATIONAL_TARIFF_STEP:
        raise DomainError(
            "The tariff step cannot be less than £250: a smaller step would charge people more "
            "than the law allows",
            field="tariff_step",
        )
    percentage = rates.charge_percentage
    if percentage is None or not 0 <= percentage <= HUNDRED:
        raise DomainError(
            "Enter the share of disposable income charged as a percentage from 0 to 100, like 100",
            field="charge_percentage",
        )
    for name in (
        "minimum_weekly_charge",
        "local_mig_buffer",
        "pip_night_care_disregard_weekly",
    ):
        if getattr(rates, name) is None or getattr(rates, name) < 0:
            raise DomainError("Enter £0 or more", field=name)
    for name in (
        "standard_dre_weekly",
        "savings_credit_disregard_single",
        "savings_credit_disregard_couple",
    ):
        if getattr(rates, name) is not None and getattr(rates, name) < 0:
            raise DomainError("Enter £0 or more, or leave it blank", field=name)


@transaction.atomic
def mig_amounts_change(*, rates: ChargingRates, user, amounts: dict) -> ChargingRates:
    """Set the year's Minimum Income Guarantee amounts by label (None: not offered). Never below
    the national amount we hold for the year: councils may be more generous, never less."""
    _may_change(user, rates.authority)
    rates = ChargingRates.objects.select_for_update().get(pk=rates.pk)
    current = {m.label: m for m in rates.mig_amounts.all()}
    for label, amount in amounts.items():
        _check_mig(rates, label, amount)
        row = current.get(label)
        if amount is None and row is not None:
            _remove(row, user)
        elif amount is not None and row is None:
            kind = national.KIND_OF.get(label, MinimumIncomeGuarantee.Kind.PREMIUM)
            row = MinimumIncomeGuarantee(rates=rates, kind=kind, label=label, weekly_amount=amount)
            _audited(row, user).save()
        elif amount is not None and row.weekly_amount != amount:
            row.weekly_amount = amount
            _audited(row, user).save()
    return rates


def _check_mig(rates: ChargingRates, label: str, amount: Decimal | None) -> None:
    if amount is None:
        return
    if amount < 0:
        raise DomainError(f"Enter £0 or more for {label}", field="mig")
    floor = national.national_amount(rates.financial_year, label)
    if floor is not None and amount < floor:
        raise DomainError(
            f"{label} cannot be less than the national {pounds(floor)} a week for "
            f"{rates.year_label}: councils may leave people more to live on, never less",
            field="mig",
        )


def _remove(row: MinimumIncomeGuarantee, user) -> None:
    try:
        with transaction.atomic():
            _audited(row, user).delete()
    except ProtectedError as error:
        raise DomainError(
            f"{row.label} is used by a financial assessment, so it cannot be taken away: change "
            "its amount instead",
            field="mig",
        ) from error


@transaction.atomic
def charging_rates_check(*, rates: ChargingRates, user) -> ChargingRates:
    """Mark the year's rates as checked against the circular: from now they can charge people."""
    _may_change(user, rates.authority)
    rates = ChargingRates.objects.select_for_update().get(pk=rates.pk)
    check_floors(rates)
    if not rates.mig_amounts.filter(kind=MinimumIncomeGuarantee.Kind.BASE).exists():
        raise DomainError(
            "Enter at least one Minimum Income Guarantee amount for an age band first", field="mig"
        )
    for amount in rates.mig_amounts.all():
        _check_mig(rates, amount.label, amount.weekly_amount)
    if None in (rates.savings_credit_disregard_single, rates.savings_credit_disregard_couple):
        raise DomainError(
            "Enter the savings credit disregards from the year's circular first",
            field="savings_credit_disregard_single",
        )
    rates.checked_at, rates.checked_by = timezone.now(), user
    _audited(rates, user).save()
    return rates


def missing_national(rates: ChargingRates) -> list[str]:
    """Amounts the regulations list that this year's rates do not offer yet."""
    have = set(rates.mig_amounts.values_list("label", flat=True))
    return [label for label, _ in national.LABELS if label not in have]


@dataclass(frozen=True)
class Example:
    """The worked example an administrator checks a year's rates with."""

    description: str
    result: charging.ChargingResult | None
    problem: str = ""


EXAMPLE_PENSION = Decimal("250.00")
EXAMPLE_CAPITAL = Decimal("18000.00")


def check_example(rates: ChargingRates) -> Example:
    """A single person with a £250 weekly pension and £18,000 of savings, assessed on these
    rates: what they would pay, with every step, for the administrator to check before April."""
    bases = {m.label: m for m in rates.mig_amounts.filter(kind=MinimumIncomeGuarantee.Kind.BASE)}
    base = bases.get(national.SINGLE_PCA) or next(iter(bases.values()), None)
    if base is None:
        return Example("", None, "Enter a Minimum Income Guarantee amount to see the example.")
    description = (
        f"{base.label}: a State Pension of {pounds(EXAMPLE_PENSION)} a week, "
        f"{pounds(EXAMPLE_CAPITAL)} of savings, no housing costs"
        + (", the standard disability-related expenditure" if rates.standard_dre_weekly else "")
        + "."
    )
    try:
        result = charging.assess(
            charging.ChargingInput(
                income_items=[
                    charging.IncomeItem(
                        "State Pension", EXAMPLE_PENSION, income_type="state_pension"
                    )
                ],
                capital=EXAMPLE_CAPITAL,
                housing_costs=[],
                dre_items=[],
                use_standard_dre=rates.standard_dre_weekly is not None,
                no_night_care_provided=False,
                weekly_cost_of_care=None,
                declined_to_disclose=False,
                rates=engine_rates(rates, base.weekly_amount, has_partner=False),
            )
        )
    except ValueError as error:
        return Example(description, None, str(error))
    return Example(description, result)


def engine_rates(rates: ChargingRates, mig_weekly: Decimal, *, has_partner: bool):
    """The year's rates as the charging arithmetic takes them."""
    single, couple = rates.savings_credit_disregard_single, rates.savings_credit_disregard_couple
    return charging.ChargingRates(
        lower_capital_limit=rates.lower_capital_limit,
        upper_capital_limit=rates.upper_capital_limit,
        tariff_step=rates.tariff_step,
        tariff_rule=rates.tariff_rule,
        mig_weekly=mig_weekly,
        local_mig_buffer=rates.local_mig_buffer,
        charge_percentage=rates.charge_percentage,
        minimum_weekly_charge=rates.minimum_weekly_charge,
        standard_dre_weekly=rates.standard_dre_weekly,
        night_care_disregard_weekly=rates.pip_night_care_disregard_weekly,
        savings_credit_disregard_weekly=couple if has_partner else single,
    )


def year_starts_on(rates: ChargingRates) -> date:
    return year_starts(rates.financial_year)
