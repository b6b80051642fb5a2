"""Assessments' records in the person's change history (people.history)."""

from .models import (
    EligibilityDecision,
    FinancialAssessment,
    FinancialItem,
    IndicativeBudget,
    NeedsAssessment,
    OutcomeAnswer,
)


def assessment_history(person) -> list:
    """(historical rows, model, subject) for everything assessments hold about the person."""
    return [
        (
            NeedsAssessment.history.filter(person_id=person.id),
            NeedsAssessment,
            lambda r: r.get_kind_display(),
        ),
        (
            OutcomeAnswer.history.filter(assessment__person_id=person.id),
            OutcomeAnswer,
            lambda r: f"Assessment answer: {r.get_outcome_display()}",
        ),
        (
            EligibilityDecision.history.filter(assessment__person_id=person.id),
            EligibilityDecision,
            lambda r: "Eligibility decision",
        ),
        (
            IndicativeBudget.history.filter(assessment__person_id=person.id),
            IndicativeBudget,
            lambda r: "Indicative budget",
        ),
        (
            FinancialAssessment.history.filter(person_id=person.id),
            FinancialAssessment,
            lambda r: "Financial assessment",
        ),
        (
            FinancialItem.history.filter(assessment__person_id=person.id),
            FinancialItem,
            lambda r: f"Financial assessment: {r.label}",
        ),
    ]
