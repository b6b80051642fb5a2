"""Assessments in known states, built through the services (as the pages would build them)."""

from datetime import date

from assessments import services
from assessments.defaults import ensure_allocation_table
from assessments.models import NeedsAssessment, Outcome, Severity, UnableMeaning

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
    if assessment.kind == Kind.CARER:
        services.needs_assessment_save(
            assessment=assessment,
            user=user,
            section="carer_decision",
            data={"carer_eligible": True, "carer_decision_reason": "Caring affects her health."},
        )
        return assessment
    sections = {
        "about": {
            "what_matters": "Seeing my grandchildren on Sundays.",
            "strengths": "Good sense of humour; a helpful neighbour.",
            "circumstances": "Lives alone in a ground-floor flat.",
        },
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
