"""Assessments in known states, built through the services (as the pages would build them)."""

from datetime import date

from assessments import services
from assessments.defaults import ensure_allocation_table
from assessments.models import (
    CarerHealth,
    CarerOutcome,
    NeedsAssessment,
    Outcome,
    Severity,
    UnableMeaning,
)

Kind = NeedsAssessment.Kind
TWO_OUTCOMES = (Outcome.NUTRITION, Outcome.PERSONAL_HYGIENE)


def fill_in(
    assessment: NeedsAssessment,
    user,
    *,
    unable=TWO_OUTCOMES,
    severity=Severity.A_LOT,
    impairment=True,
    significant=True,
) -> NeedsAssessment:
    """Answer every question: `unable` outcomes cannot be achieved, the rest can."""
    if assessment.is_for_carer:
        return fill_in_carer(assessment, user, significant=significant)
    sections = {
        "about": ABOUT,
        "impairment": {
            "impairment": "Multiple sclerosis" if impairment else "",
            "needs_from_impairment": impairment,
            "fluctuation_notes": "Worse in hot weather.",
        },
        "wellbeing": {
            "wellbeing_significant": significant,
            "cumulative_impact": False,
            "wellbeing_impact_timing": "current" if significant else "",
            "wellbeing_areas": ["health", "control"] if significant else [],
            "wellbeing_notes": "",
        },
        "prevention": {"prevention_equipment": "A perching stool."},
    }
    for section, data in sections.items():
        services.needs_assessment_save(assessment=assessment, user=user, section=section, data=data)
    for outcome in Outcome.values:
        answer_outcome(
            assessment, user, outcome, can_achieve=outcome not in unable, severity=severity
        )
    return assessment


ABOUT = {
    "what_matters": "Seeing my grandchildren on Sundays.",
    "strengths": "Good sense of humour; a helpful neighbour.",
    "circumstances": "Lives alone in a ground-floor flat.",
}


def fill_in_carer(
    assessment: NeedsAssessment,
    user,
    *,
    unable=(CarerOutcome.RECREATION,),
    ways=(UnableMeaning.NEEDS_ASSISTANCE,),
    health=CarerHealth.NOT_AT_RISK,
    from_caring=True,
    significant=True,
    timing="current",
) -> NeedsAssessment:
    """Answer every question of the carers' test: `unable` outcomes not achieved in `ways`,
    the rest achieved."""
    sections = {
        "about": ABOUT,
        "caring": {
            "caring_for": "My husband, who has dementia. I am up with him most nights.",
            "needs_from_caring": from_caring,
        },
        "carer_health": {"carer_health": health, "carer_health_notes": ""},
        "wellbeing": {
            "wellbeing_significant": significant,
            "cumulative_impact": False,
            "wellbeing_impact_timing": timing if significant else "",
            "wellbeing_areas": ["health", "participation"] if significant else [],
            "wellbeing_notes": "",
        },
        "prevention": {"prevention_community": "A carers' group on Tuesdays."},
    }
    for section, data in sections.items():
        services.needs_assessment_save(assessment=assessment, user=user, section=section, data=data)
    for outcome in CarerOutcome.values:
        answer_outcome(assessment, user, outcome, ways=list(ways) if outcome in unable else [])
    return assessment


def answer_outcome(
    assessment, user, outcome, *, can_achieve=False, severity=Severity.A_LOT, ways=None
):
    """Answer an outcome: `ways` of being unable (needing help by default), or none of them."""
    if ways is None:
        ways = [] if can_achieve else [UnableMeaning.NEEDS_ASSISTANCE]
    return services.outcome_answer_save(
        assessment=assessment,
        user=user,
        outcome=outcome,
        unable_meanings=list(ways),
        severity=severity if ways else "",
        fluctuates=False,
        notes="",
    )


def started(person, user, kind=Kind.COUNCIL) -> NeedsAssessment:
    return services.needs_assessment_start(person=person, kind=kind, started_by=user)


def submitted_self_assessment(person, user) -> NeedsAssessment:
    """A self-assessment the person filled in and sent."""
    assessment = fill_in(started(person, user, Kind.SELF), user)
    return services.needs_assessment_submit(assessment=assessment, user=user)


def completed_council_assessment(person, assessor, **answers) -> NeedsAssessment:
    assessment = fill_in(started(person, assessor, Kind.COUNCIL), assessor, **answers)
    return services.needs_assessment_complete(assessment=assessment, user=assessor)


def with_decision_and_budget(assessment, assessor) -> NeedsAssessment:
    """Eligibility confirmed and the indicative budget recorded from the council's table."""
    ensure_allocation_table(assessment.person.local_authority, date(2020, 4, 1))
    services.eligibility_confirm(assessment=assessment, user=assessor, agrees=True)
    services.indicative_budget_set(assessment=assessment, user=assessor)
    return NeedsAssessment.objects.get(id=assessment.id)
