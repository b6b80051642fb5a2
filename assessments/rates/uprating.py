"""April uprating: every completed financial assessment worked out again on a new year's rates.

For each person whose charge in force was worked out on an earlier year's rates, the same facts
are assessed on the new year's (the Minimum Income Guarantee matched by name) and kept as a new
completed assessment that applies from 1 April and points at the one it replaces. The person is
told their old and new weekly figures and why; the budget's contribution changes from the
year's first day through the usual completion signal. Running it twice changes nothing: the
second time nobody's charge in force is on an earlier year, and the database refuses a second
recalculation of the same assessment on the same rates.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date, pounds
from notifications.models import Message
from notifications.services import message_record, recipients_for, whose_for
from people import access

from ..defaults import year_starts
from ..financial import charging
from ..financial import services as financial
from ..financial.presenters import about_the_person
from ..models import ChargingRates, ChosenPremium, FinancialAssessment, FinancialItem
from .services import rates_for_charge

COPIED = [
    "declined_to_disclose",
    "capital",
    "has_partner",
    "joint_capital",
    "joint_capital_share",
    "joint_capital_evidence",
    "partner_capital",
    "uses_standard_dre",
    "pip_enhanced_without_night_care",
]
ITEM_FIELDS = [
    "kind",
    "label",
    "amount",
    "frequency",
    "disregarded",
    "disregard_reason",
    "income_type",
    "owner",
    "share_percent",
    "split_evidence",
]
ON_RECORD = (
    "We used the income, savings and costs we already had on record. Most benefits and "
    "pensions go up in April: if yours changed, tell the council and they will look again."
)


@dataclass
class Uprating:
    """One person's charge: the assessment in force, and what it is on the new year's rates."""

    current: FinancialAssessment
    result: charging.ChargingResult | None = None
    why: list[str] = field(default_factory=list)
    problem: str = ""
    mig_base: object = None
    premiums: list = field(default_factory=list)
    done: FinancialAssessment | None = None

    @property
    def person(self):
        return self.current.person

    @property
    def why_about_them(self) -> list[str]:
        """The reasons as council staff read them: about the person by name."""
        return [about_the_person(line, self.person.display_name) for line in self.why]

    @property
    def old_words(self) -> str:
        return charge_words(self.current.weekly_charge, self.current.full_cost)

    @property
    def new_words(self) -> str:
        if self.result is None:
            return ""
        return charge_words(self.result.weekly_charge, self.result.full_cost)


def charge_words(weekly: Decimal | None, full_cost: bool) -> str:
    """A weekly charge as a person reads it."""
    if weekly is None:
        return "the full approved cost of care, set when the plan is approved"
    return f"{pounds(weekly)} a week" + (" (the full cost of care)" if full_cost else "")


def uprating_candidates(authority, year: int) -> list[FinancialAssessment]:
    """Each person's charge in force (their latest completed assessment) that was worked out on
    an earlier year's rates than `year`."""
    completed = (
        FinancialAssessment.objects.filter(
            person__local_authority=authority, status=FinancialAssessment.Status.COMPLETED
        )
        .select_related("person", "rates", "mig_base")
        .order_by("person_id", "-completed_at")
    )
    latest: dict = {}
    for assessment in completed:
        latest.setdefault(assessment.person_id, assessment)
    return sorted(
        (a for a in latest.values() if a.rates.financial_year < year),
        key=lambda a: a.person.display_name,
    )


def uprating_preview(authority, year: int) -> tuple[ChargingRates, list[Uprating]]:
    """The new year's checked rates and, for each person affected, the old and new weekly
    charge and why (nothing saved)."""
    rates = rates_for_charge(authority, year_starts(year))
    return rates, [_work_out(a, rates) for a in uprating_candidates(authority, year)]


def _work_out(current: FinancialAssessment, rates: ChargingRates) -> Uprating:
    row = Uprating(current)
    amounts = {m.label: m for m in rates.mig_amounts.all()}
    old_base = current.mig_base
    if old_base is not None:
        row.mig_base = amounts.get(old_base.label)
        if row.mig_base is None:
            row.problem = f"The {rates.year_label} rates have no '{old_base.label}'"
    for chosen in current.premium_choices.select_related("premium"):
        new = amounts.get(chosen.premium.label)
        if new is None:
            row.problem = (
                row.problem or f"The {rates.year_label} rates have no '{chosen.premium.label}'"
            )
        else:
            row.premiums.append((new, chosen.count))
    if current.uses_standard_dre and rates.standard_dre_weekly is None:
        row.problem = row.problem or (
            f"The council sets no standard disability-related expenditure for {rates.year_label}"
        )
    if row.problem:
        row.problem += ": assess this person again on the new rates."
        return row
    premiums = [charging.MigPremium(p.label, p.weekly_amount, n) for p, n in row.premiums]
    mig = row.mig_base.weekly_amount if row.mig_base else Decimal(0)
    try:
        row.result = charging.assess(financial.charging_input_on(current, rates, mig, premiums))
    except ValueError as error:
        row.problem = f"{error}."
        return row
    row.why = _why(current, rates, row)
    return row


def _why(current: FinancialAssessment, rates: ChargingRates, row: Uprating) -> list[str]:
    """What changed between the two years' figures this person's charge uses, in their words."""
    old = current.rates
    lines = [
        f"The council's charging rates for {rates.year_label} start on "
        f"{long_date(year_starts(rates.financial_year))}."
    ]

    def changed(what: str, before, after) -> None:
        if before != after:
            lines.append(f"{what} went from {_amount(before)} to {_amount(after)} a week.")

    if current.mig_base is not None:
        changed(
            f"The Minimum Income Guarantee for '{current.mig_base.label}'",
            current.mig_base.weekly_amount,
            row.mig_base.weekly_amount,
        )
    before = {c.premium.label: c.premium.weekly_amount for c in current.premium_choices.all()}
    for premium, _ in row.premiums:
        changed(f"The premium '{premium.label}'", before.get(premium.label), premium.weekly_amount)
    changed("The extra income your council protects", old.local_mig_buffer, rates.local_mig_buffer)
    if current.uses_standard_dre:
        changed(
            "The standard allowance for extra costs of disability",
            old.standard_dre_weekly,
            rates.standard_dre_weekly,
        )
    if current.pip_enhanced_without_night_care:
        changed(
            "The night-care disregard",
            old.pip_night_care_disregard_weekly,
            rates.pip_night_care_disregard_weekly,
        )
    if old.charge_percentage != rates.charge_percentage:
        before, after = old.charge_percentage.normalize(), rates.charge_percentage.normalize()
        lines.append(f"The share of disposable income charged went from {before:f}% to {after:f}%.")
    if (old.lower_capital_limit, old.upper_capital_limit) != (
        rates.lower_capital_limit,
        rates.upper_capital_limit,
    ):
        lines.append(
            f"The capital limits are now {pounds(rates.lower_capital_limit)} and "
            f"{pounds(rates.upper_capital_limit)}."
        )
    old_words, new_words = row.old_words, row.new_words
    if old_words == new_words:
        lines.append(f"Your weekly charge stays at {new_words}.")
    else:
        lines.append(f"Your weekly charge goes from {old_words} to {new_words}.")
    lines.append(ON_RECORD)
    return lines


def _amount(value) -> str:
    return "nothing" if value is None else pounds(value)


@dataclass(frozen=True)
class UpratingRun:
    """What a run did: who was worked out again, and who needs an officer."""

    done: list[Uprating]
    left: list[Uprating]


@transaction.atomic
def financial_assessments_uprate(*, authority, year: int, user, today: date | None = None):
    """Work out again, on the year's checked rates, every charge in force that used an earlier
    year's; each applies from 1 April. Only from that day on: before it the old year's rates are
    still the ones in force."""
    if not access.can_recalculate_charges(user, authority):
        raise DomainError("Only this council's finance officers can work charges out again.")
    starts = year_starts(year)
    today = today or timezone.localdate()
    rates, rows = uprating_preview(authority, year)
    if today < starts:
        raise DomainError(
            f"The {rates.year_label} rates start on {long_date(starts)}: charges can be worked "
            "out again on them from that day. You can check who is affected now."
        )
    done, left = [], []
    for row in rows:
        if row.problem or not _save(row, rates, user, starts):
            left.append(row)
        else:
            done.append(row)
    return UpratingRun(done, left)


def _save(row: Uprating, rates: ChargingRates, user, starts: date) -> bool:
    """Keep the new assessment, tell the budget and the person; False if it was already done."""
    current = row.current
    new = FinancialAssessment(
        person=current.person,
        rates=rates,
        charge_from=starts,
        started_by=user,
        recalculated_from=current,
        mig_base=row.mig_base,
        **{name: getattr(current, name) for name in COPIED},
    )
    financial.fix_result(new, row.result, user)
    new._history_user = user  # recorded in the history whoever calls this
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:  # already worked out again on these rates
        return False
    FinancialItem.objects.bulk_create(
        FinancialItem(assessment=new, **{name: getattr(i, name) for name in ITEM_FIELDS})
        for i in current.items.all()
    )
    ChosenPremium.objects.bulk_create(
        ChosenPremium(assessment=new, premium=premium, count=count)
        for premium, count in row.premiums
    )
    financial.tell_completed(new, user, applies_from=starts)
    row.done = new
    _tell_person(row, rates, starts)
    return True


def _tell_person(row: Uprating, rates: ChargingRates, starts: date) -> int:
    person, new = row.person, row.done
    url = settings.SITE_URL + reverse(
        "financial_assessment:assessment", kwargs={"person_id": person.id, "assessment_id": new.id}
    )
    made = 0
    for recipient in recipients_for(person):
        whose, whose_easy = whose_for(recipient, person)
        why = (
            row.why
            if whose == "your"
            else [about_the_person(line, person.display_name) for line in row.why]
        )
        made += bool(
            message_record(
                key=f"charge-recalculated:{new.id}:{recipient.address}",
                kind=Message.Kind.CHARGE_RECALCULATED,
                person=person,
                recipient=recipient,
                context={
                    "whose": whose,
                    "whose_easy": whose_easy,
                    "council": person.local_authority,
                    "year": rates.year_label,
                    "from_day": long_date(starts),
                    "old_charge": row.old_words,
                    "new_charge": row.new_words,
                    "why": why,
                    "assessment_url": url,
                },
            )
        )
    return made
