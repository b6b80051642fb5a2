"""What the financial assessment pages show: the working (live or fixed) and the items by kind.

`charging.py` writes the working to the person ("Your capital...", "you pay"); a completed
assessment keeps those words. Anyone else reading it (a representative, council staff) reads it
about the person by name (`about_the_person`): "Peggy Hughes's capital...", "they pay".
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from ..models import FinancialAssessment, FinancialItem
from ..voice import Voice
from . import disregards
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
    tariff_income: Decimal | None
    disposable_income: Decimal | None


def _working(charge, full_cost, reason, steps, voice: Voice | None) -> Working:
    def step_amount(label: str) -> Decimal | None:
        return next((s["amount"] for s in steps if s["label"] == label), None)

    tariff, disposable = step_amount(TARIFF_STEP), step_amount(DISPOSABLE_STEP)
    if voice is not None and not voice.to_person:
        reason = about_the_person(reason, voice.name)
        steps = [
            {
                **s,
                "label": about_the_person(s["label"], voice.name),
                "explanation": about_the_person(s["explanation"], voice.name),
            }
            for s in steps
        ]
    return Working(charge, full_cost, reason, steps, tariff, disposable)


def working_from_result(result: ChargingResult, voice: Voice | None = None) -> Working:
    """The live working from `financial_preview`, in the words for whoever reads it."""
    steps = [
        {"label": s.label, "amount": s.amount, "explanation": s.explanation} for s in result.steps
    ]
    return _working(result.weekly_charge, result.full_cost, result.reason, steps, voice)


def working_from_completed(assessment: FinancialAssessment, voice: Voice | None = None) -> Working:
    """The working fixed when the assessment was completed (amounts are stored as text)."""
    steps = [
        {**s, "amount": None if s["amount"] is None else Decimal(s["amount"])}
        for s in assessment.result_steps
    ]
    return _working(
        assessment.weekly_charge,
        assessment.full_cost,
        assessment.result_reason,
        steps,
        voice,
    )


# The council is the council, whoever reads it.
_THE_COUNCIL = re.compile(r"\b([Yy])our council\b")
# Every "you" or "your" charging.py writes, with the verb after a "you" that names the person.
_YOU = re.compile(r"\b([Yy]ou(?:r)?)\b(?:\s+(pay|get|have|must|chose)\b)?")
_NAMED_VERB = {"pay": "pays", "get": "gets", "have": "has", "must": "must", "chose": "chose"}


def about_the_person(text: str, name: str) -> str:
    """Words written to the person, about them: the first "you"/"your" becomes their name and
    the rest "they"/"them"/"their" ("Your capital ... so you pay the full cost of your care" ->
    "Peggy Hughes's capital ... so they pay the full cost of their care")."""
    text = _THE_COUNCIL.sub(lambda m: "The council" if m[1] == "Y" else "the council", text)
    named = False

    def replace(match: re.Match) -> str:
        nonlocal named
        word, verb = match[1], match[2]
        capital = word[0] == "Y"
        if word.lower() == "your":
            said = f"{name}'s" if not named else ("Their" if capital else "their")
        elif not named:
            said = name + (f" {_NAMED_VERB[verb]}" if verb else "")
        else:
            pronoun = "they" if verb else "them"
            said = (pronoun.capitalize() if capital else pronoun) + (f" {verb}" if verb else "")
        named = True
        return said

    return _YOU.sub(replace, text)


@dataclass(frozen=True)
class ItemRow:
    item: FinancialItem
    weekly: Decimal
    disregard: str = ""  # what the kind of income's rule leaves out, for the "Counted" column


RULE_WORDS = {
    disregards.Rule.FULL: "No: {reason}",
    disregards.Rule.NIGHT_CARE: "Partly: the difference to the lower rate is not counted where "
    "the council uses the night-care disregard and no care is provided at night",
    disregards.Rule.SAVINGS_CREDIT: "Partly: the savings credit disregard is not counted",
}


def _disregard_words(item: FinancialItem) -> str:
    if item.kind != FinancialItem.Kind.INCOME:
        return ""
    kind = disregards.income_type(item.income_type)
    words = RULE_WORDS.get(kind.rule, "")
    return words.format(reason=kind.reason.lower().removeprefix("the rules say "))


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
        weekly = weekly_amount(item.amount, item.frequency)
        rows[item.kind].append(ItemRow(item, weekly, _disregard_words(item)))
    return [ItemGroup(kind, title, rows[kind]) for kind, title in GROUP_TITLES.items()]
