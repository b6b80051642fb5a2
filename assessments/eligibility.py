"""The national eligibility tests (Care and Support (Eligibility Criteria) Regulations 2015):
the adult's (regulation 2) and the carer's (regulation 3).

Pure functions of the recorded facts: the decision and a plain-English reason for each of the
three conditions. Help a carer gives is ignored when an adult's facts are recorded, not here.
"""

from dataclasses import dataclass, field

from .models import CarerHealth, CarerOutcome, ImpactTiming, UnableMeaning, need_label

MINIMUM_OUTCOMES = 2  # an adult: two or more of the ten (regulation 2(1)(b))

# The four ways of being unable, as the reason names them.
WAY_NAMES = {
    UnableMeaning.NEEDS_ASSISTANCE: "needs help or prompting",
    UnableMeaning.PAIN_DISTRESS: "significant pain, distress or anxiety",
    UnableMeaning.ENDANGERS: "endangers them or others",
    UnableMeaning.TAKES_LONGER: "takes significantly longer",
}


@dataclass(frozen=True)
class OutcomeFact:
    outcome: str
    unable_meanings: tuple = ()
    fluctuates: bool = False

    @property
    def is_unable(self) -> bool:
        """Any one of the four ways is enough: "can, but only with significant pain" counts."""
        return bool(self.unable_meanings)

    @property
    def ways(self) -> str:
        """The ways that apply, in the regulations' order: 'needs help or prompting; ...'."""
        return "; ".join(name for way, name in WAY_NAMES.items() if way in self.unable_meanings)


@dataclass(frozen=True)
class EligibilityFacts:
    needs_from_impairment: bool | None
    outcomes: tuple[OutcomeFact, ...]
    wellbeing_significant: bool | None
    cumulative_impact: bool = False
    wellbeing_timing: str = ""  # ImpactTiming, or blank on records made before it was asked


@dataclass
class EligibilityResult:
    eligible: bool
    conditions: dict[str, bool]
    reasons: dict[str, str]
    outcomes_not_achieved: list[str] = field(default_factory=list)


def _label(outcome: str) -> str:
    return need_label(outcome)


def _impairment(facts: EligibilityFacts) -> tuple[bool, str]:
    if facts.needs_from_impairment is True:
        return True, "The needs arise from a physical or mental impairment or illness."
    if facts.needs_from_impairment is False:
        return False, "The needs do not arise from a physical or mental impairment or illness."
    return False, "We have not yet recorded whether the needs arise from an impairment or illness."


def _outcomes(facts: EligibilityFacts) -> tuple[bool, str, list[str]]:
    unable = [fact for fact in facts.outcomes if fact.is_unable]
    names = [f"{_label(fact.outcome)} ({fact.ways})" for fact in unable]
    fluctuating = [_label(fact.outcome) for fact in unable if fact.fluctuates]
    note = (
        f" Needs that change from day to day were judged over time: {', '.join(fluctuating)}."
        if fluctuating
        else ""
    )
    if len(unable) >= MINIMUM_OUTCOMES:
        reason = f"Unable to achieve {len(unable)} of the 10 outcomes: {'; '.join(names)}.{note}"
        return True, reason, [fact.outcome for fact in unable]
    if len(unable) == 1:
        reason = f"Unable to achieve only 1 outcome: {names[0]}. At least 2 are needed.{note}"
        return False, reason, [unable[0].outcome]
    reason = "Able to achieve all the outcomes answered. At least 2 unmet outcomes are needed."
    return False, reason, []


# How the impact is described: now, likely, or (older records) either.
IMPACT_WORDS = {
    ImpactTiming.CURRENT: ("has", "have", " now"),
    ImpactTiming.ANTICIPATED: ("is likely to have", "are likely to have", ""),
    "": ("has, or is likely to have,", "have, or are likely to have,", ""),
}


def _wellbeing(facts, cause: str = "Not achieving these outcomes") -> tuple[bool, str]:
    one, several, when = IMPACT_WORDS.get(facts.wellbeing_timing, IMPACT_WORDS[""])
    if facts.wellbeing_significant:
        return True, f"{cause} {one} a significant impact on wellbeing{when}."
    if facts.cumulative_impact:
        return True, (
            f"Several smaller needs together {several} a significant impact on wellbeing{when}."
        )
    if facts.wellbeing_significant is False:
        return False, "There is not a significant impact on wellbeing."
    return False, "We have not yet recorded whether there is a significant impact on wellbeing."


def decide(facts: EligibilityFacts) -> EligibilityResult:
    """Eligible only when all three conditions hold; each condition carries its reason."""
    impairment_met, impairment_reason = _impairment(facts)
    outcomes_met, outcomes_reason, not_achieved = _outcomes(facts)
    wellbeing_met, wellbeing_reason = _wellbeing(facts)
    conditions = {
        "impairment": impairment_met,
        "outcomes": outcomes_met,
        "wellbeing": wellbeing_met,
    }
    return EligibilityResult(
        eligible=all(conditions.values()),
        conditions=conditions,
        reasons={
            "impairment": impairment_reason,
            "outcomes": outcomes_reason,
            "wellbeing": wellbeing_reason,
        },
        outcomes_not_achieved=not_achieved,
    )


def _outcome_facts(assessment, *, of=None) -> tuple:
    """The assessment's answer on each outcome (only those in `of`, when given)."""
    return tuple(
        OutcomeFact(
            outcome=answer.outcome,
            unable_meanings=tuple(answer.unable_meanings),
            fluctuates=answer.fluctuates,
        )
        for answer in assessment.outcome_answers.all()
        if of is None or answer.outcome in of
    )


def facts_from_assessment(assessment) -> EligibilityFacts:
    """The facts recorded in a needs assessment, ready for `decide`."""
    return EligibilityFacts(
        needs_from_impairment=assessment.needs_from_impairment,
        outcomes=_outcome_facts(assessment),
        wellbeing_significant=assessment.wellbeing_significant,
        cumulative_impact=assessment.cumulative_impact,
        wellbeing_timing=assessment.wellbeing_impact_timing,
    )


# The carers' test: regulation 3.


@dataclass(frozen=True)
class CarerFacts:
    """What a carer's assessment recorded. Any one outcome not achieved is enough (regulation
    3(2)(b)), and so is health that is, or is at risk of, deteriorating (regulation 3(2)(a))."""

    needs_from_caring: bool | None
    health: str  # CarerHealth, or blank when not answered
    outcomes: tuple[OutcomeFact, ...]
    wellbeing_significant: bool | None
    cumulative_impact: bool = False
    wellbeing_timing: str = ""


def _from_caring(facts: CarerFacts) -> tuple[bool, str]:
    if facts.needs_from_caring is True:
        return True, "The needs arise because the carer provides necessary care for an adult."
    if facts.needs_from_caring is False:
        return False, (
            "The needs do not arise because the carer provides necessary care for an adult."
        )
    return False, (
        "We have not yet recorded whether the needs arise from providing necessary care for an "
        "adult."
    )


HEALTH_REASONS = {
    CarerHealth.DETERIORATING: "The carer's physical or mental health is deteriorating.",
    CarerHealth.AT_RISK: "The carer's physical or mental health is at risk of deteriorating.",
}


def _effect(facts: CarerFacts) -> tuple[bool, str, list[str]]:
    """Regulation 3(2): health deteriorating or at risk, or any one of the eight outcomes not
    achieved. The reason names both limbs, whichever is met."""
    unable = [fact for fact in facts.outcomes if fact.is_unable]
    names = [f"{_label(fact.outcome)} ({fact.ways})" for fact in unable]
    health = HEALTH_REASONS.get(facts.health)
    if facts.health == CarerHealth.NOT_AT_RISK:
        health_words = "The carer's health is not deteriorating or at risk of it."
    elif health is None:
        health_words = "We have not yet recorded whether the carer's health is at risk."
    else:
        health_words = health
    if unable:
        count = "1 of the 8 outcomes" if len(unable) == 1 else f"{len(unable)} of the 8 outcomes"
        outcome_words = f"Unable to achieve {count}: {'; '.join(names)}."
    else:
        outcome_words = "Able to achieve all the outcomes answered."
    met = health is not None or bool(unable)
    ending = "" if met else " One outcome not achieved, or health at risk, is enough."
    return met, f"{health_words} {outcome_words}{ending}", [fact.outcome for fact in unable]


def decide_carer(facts: CarerFacts) -> EligibilityResult:
    """A carer's needs meet the criteria only when all three conditions of regulation 3(1)
    hold; each condition carries its reason."""
    caring_met, caring_reason = _from_caring(facts)
    effect_met, effect_reason, not_achieved = _effect(facts)
    wellbeing_met, wellbeing_reason = _wellbeing(facts, "As a consequence, this")
    conditions = {"caring": caring_met, "effect": effect_met, "wellbeing": wellbeing_met}
    return EligibilityResult(
        eligible=all(conditions.values()),
        conditions=conditions,
        reasons={"caring": caring_reason, "effect": effect_reason, "wellbeing": wellbeing_reason},
        outcomes_not_achieved=not_achieved,
    )


def carer_facts_from_assessment(assessment) -> CarerFacts:
    """The facts recorded in a carer's assessment, ready for `decide_carer`."""
    return CarerFacts(
        needs_from_caring=assessment.needs_from_caring,
        health=assessment.carer_health,
        outcomes=_outcome_facts(assessment, of=CarerOutcome.values),
        wellbeing_significant=assessment.wellbeing_significant,
        cumulative_impact=assessment.cumulative_impact,
        wellbeing_timing=assessment.wellbeing_impact_timing,
    )
