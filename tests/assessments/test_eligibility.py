"""The national eligibility test: all three conditions, each with a plain-English reason.

Pure function tests: no database.
"""

import pytest

from assessments.eligibility import EligibilityFacts, OutcomeFact, decide
from assessments.models import ImpactTiming, Outcome, UnableMeaning

UNABLE = (UnableMeaning.NEEDS_ASSISTANCE,)


def unable(outcome, *, fluctuates=False, meanings=UNABLE) -> OutcomeFact:
    return OutcomeFact(outcome, unable_meanings=meanings, fluctuates=fluctuates)


def able(outcome) -> OutcomeFact:
    return OutcomeFact(outcome)


def facts(*unable_outcomes: OutcomeFact, **changes) -> EligibilityFacts:
    """Every outcome answered: the given ones not achieved, the rest achieved."""
    named = {fact.outcome for fact in unable_outcomes}
    outcomes = tuple(unable_outcomes) + tuple(
        able(outcome) for outcome in Outcome.values if outcome not in named
    )
    values = dict(needs_from_impairment=True, outcomes=outcomes, wellbeing_significant=True)
    values.update(changes)
    return EligibilityFacts(**values)


TWO = (unable(Outcome.NUTRITION), unable(Outcome.TOILET_NEEDS))


def test_all_three_conditions_met_is_eligible_with_a_reason_for_each():
    result = decide(facts(*TWO))
    assert result.eligible
    assert result.conditions == {"impairment": True, "outcomes": True, "wellbeing": True}
    assert set(result.reasons) == {"impairment", "outcomes", "wellbeing"}
    assert result.outcomes_not_achieved == [Outcome.NUTRITION, Outcome.TOILET_NEEDS]
    assert (
        "Managing and maintaining nutrition (needs help or prompting); "
        "Managing toilet needs (needs help or prompting)" in result.reasons["outcomes"]
    )


def test_needs_not_from_an_impairment_alone_make_the_person_not_eligible():
    result = decide(facts(*TWO, needs_from_impairment=False))
    assert not result.eligible
    assert result.conditions == {"impairment": False, "outcomes": True, "wellbeing": True}
    assert result.reasons["impairment"] == (
        "The needs do not arise from a physical or mental impairment or illness."
    )


def test_too_few_outcomes_alone_make_the_person_not_eligible():
    result = decide(facts(unable(Outcome.NUTRITION)))
    assert not result.eligible
    assert result.conditions == {"impairment": True, "outcomes": False, "wellbeing": True}


def test_no_significant_impact_alone_makes_the_person_not_eligible():
    result = decide(facts(*TWO, wellbeing_significant=False))
    assert not result.eligible
    assert result.conditions == {"impairment": True, "outcomes": True, "wellbeing": False}
    assert result.reasons["wellbeing"] == "There is not a significant impact on wellbeing."


def test_exactly_one_outcome_is_not_enough_and_says_so():
    result = decide(facts(unable(Outcome.COMMUNITY)))
    assert result.reasons["outcomes"].startswith("Unable to achieve only 1 outcome")
    assert "At least 2 are needed" in result.reasons["outcomes"]
    assert result.outcomes_not_achieved == [Outcome.COMMUNITY]


def test_two_outcomes_are_enough():
    result = decide(facts(*TWO))
    assert result.conditions["outcomes"]
    assert result.reasons["outcomes"].startswith("Unable to achieve 2 of the 10 outcomes")


def test_an_outcome_with_none_of_the_four_ways_does_not_count_as_unable():
    result = decide(facts(unable(Outcome.NUTRITION), unable(Outcome.CLOTHING, meanings=())))
    assert not result.conditions["outcomes"]
    assert result.outcomes_not_achieved == [Outcome.NUTRITION]


WAY_NAMES = {
    UnableMeaning.NEEDS_ASSISTANCE: "needs help or prompting",
    UnableMeaning.PAIN_DISTRESS: "significant pain, distress or anxiety",
    UnableMeaning.ENDANGERS: "endangers them or others",
    UnableMeaning.TAKES_LONGER: "takes significantly longer",
}


@pytest.mark.parametrize("way", UnableMeaning.values)
def test_each_of_the_four_ways_alone_counts_and_the_reason_names_it(way):
    result = decide(
        facts(
            unable(Outcome.NUTRITION, meanings=(way,)),
            unable(Outcome.CLOTHING, meanings=(way,)),
        )
    )
    assert result.eligible
    assert f"Managing and maintaining nutrition ({WAY_NAMES[way]})" in result.reasons["outcomes"]


def test_several_ways_are_named_in_the_regulations_order():
    ways = (UnableMeaning.TAKES_LONGER, UnableMeaning.NEEDS_ASSISTANCE)
    result = decide(facts(unable(Outcome.NUTRITION, meanings=ways), unable(Outcome.CLOTHING)))
    assert (
        "Managing and maintaining nutrition (needs help or prompting; takes significantly longer)"
        in result.reasons["outcomes"]
    )


@pytest.mark.parametrize(
    ("timing", "reason"),
    [
        (
            ImpactTiming.CURRENT,
            "Not achieving these outcomes has a significant impact on wellbeing now.",
        ),
        (
            ImpactTiming.ANTICIPATED,
            "Not achieving these outcomes is likely to have a significant impact on wellbeing.",
        ),
        (
            "",
            "Not achieving these outcomes has, or is likely to have, a significant impact on "
            "wellbeing.",
        ),
    ],
    ids=["current", "anticipated", "older-record-without-timing"],
)
def test_the_wellbeing_reason_says_whether_the_impact_is_now_or_likely(timing, reason):
    result = decide(facts(*TWO, wellbeing_timing=timing))
    assert result.eligible
    assert result.reasons["wellbeing"] == reason


def test_an_anticipated_impact_from_needs_adding_up_is_eligible_and_says_likely():
    result = decide(
        facts(
            *TWO,
            wellbeing_significant=False,
            cumulative_impact=True,
            wellbeing_timing=ImpactTiming.ANTICIPATED,
        )
    )
    assert result.eligible
    assert result.reasons["wellbeing"] == (
        "Several smaller needs together are likely to have a significant impact on wellbeing."
    )


def test_several_smaller_needs_adding_up_count_as_a_significant_impact():
    result = decide(facts(*TWO, wellbeing_significant=False, cumulative_impact=True))
    assert result.eligible
    assert result.reasons["wellbeing"].startswith("Several smaller needs together")


def test_fluctuating_needs_are_named_in_the_reason():
    result = decide(facts(unable(Outcome.NUTRITION, fluctuates=True), unable(Outcome.TOILET_NEEDS)))
    assert result.eligible
    assert (
        "Needs that change from day to day were judged over time: "
        "Managing and maintaining nutrition." in result.reasons["outcomes"]
    )


def test_unanswered_facts_are_not_eligible_and_say_what_is_not_recorded():
    result = decide(
        EligibilityFacts(needs_from_impairment=None, outcomes=(), wellbeing_significant=None)
    )
    assert not result.eligible
    assert result.conditions == {"impairment": False, "outcomes": False, "wellbeing": False}
    assert "not yet recorded whether the needs arise" in result.reasons["impairment"]
    assert "not yet recorded whether there is a significant impact" in result.reasons["wellbeing"]
    assert result.outcomes_not_achieved == []


def test_an_outcome_left_unanswered_does_not_count_as_unable():
    outcomes = (unable(Outcome.NUTRITION),)
    result = decide(
        EligibilityFacts(needs_from_impairment=True, outcomes=outcomes, wellbeing_significant=True)
    )
    assert not result.conditions["outcomes"]


def test_no_outcomes_unmet_is_explained_without_a_double_negative():
    result = decide(facts())
    assert result.reasons["outcomes"] == (
        "Able to achieve all the outcomes answered. At least 2 unmet outcomes are needed."
    )
