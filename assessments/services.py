"""Writes for needs assessments, eligibility decisions and indicative budgets."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.db import create_unique
from core.errors import DomainError
from people import access
from people.models import Person, User

from . import eligibility
from .allocation import allocate
from .models import (
    CarerHealth,
    CarerOutcome,
    CarerUnableMeaning,
    EligibilityDecision,
    ImpactTiming,
    IndicativeBudget,
    NeedsAssessment,
    Outcome,
    OutcomeAnswer,
    ResourceAllocationTable,
    Severity,
    UnableMeaning,
    WellbeingArea,
)

SECTION_FIELDS = {
    "about": ["circumstances", "what_matters", "strengths"],
    "impairment": ["impairment", "needs_from_impairment", "fluctuation_notes"],
    "wellbeing": [
        "wellbeing_areas",
        "wellbeing_significant",
        "cumulative_impact",
        "wellbeing_impact_timing",
        "wellbeing_notes",
    ],
    "prevention": ["prevention_equipment", "prevention_adaptations", "prevention_community"],
    "caring": ["caring_for", "needs_from_caring"],
    "carer_health": ["carer_health", "carer_health_notes"],
}
ADULT_ONLY, CARER_ONLY = {"impairment"}, {"caring", "carer_health"}
Status = NeedsAssessment.Status
Kind = NeedsAssessment.Kind
ZERO_FOR_ELIGIBLE = (
    "The weekly amount must be more than £0: the person has eligible needs, and the council "
    "must meet them. Enter what meeting them would cost, or choose the computed amount"
)


def _may_edit(user: User, assessment: NeedsAssessment) -> bool:
    if assessment.is_self_assessment:
        return access.can_fill_self_assessment(user, assessment.person)
    return access.can_assess(user, assessment.person)


def _locked(assessment: NeedsAssessment) -> NeedsAssessment:
    """The assessment re-read under a row lock, so two saves cannot interleave."""
    return NeedsAssessment.objects.select_for_update().get(pk=assessment.pk)


def _check_editable(user: User, assessment: NeedsAssessment) -> None:
    if not _may_edit(user, assessment):
        raise DomainError("You cannot change this assessment.")
    if not assessment.is_editable:
        raise DomainError(
            f"This assessment is {assessment.get_status_display().lower()} and can no longer be "
            "changed."
        )


@transaction.atomic
def needs_assessment_start(*, person: Person, kind: str, started_by: User) -> NeedsAssessment:
    """Start a needs, supported self- or carer's assessment (by the council, or the carer's
    own supported self-assessment)."""
    if kind not in Kind.values:
        raise DomainError("Choose a kind of assessment from the list", field="kind")
    allowed = (
        access.can_fill_self_assessment(started_by, person)
        if kind in {Kind.SELF, Kind.CARER_SELF}
        else access.can_assess(started_by, person)
    )
    if not allowed:
        raise DomainError("You cannot start this kind of assessment for this person.")
    if person.needs_assessments.filter(kind=kind).exclude(status=Status.COMPLETED).exists():
        raise DomainError(
            "There is already an assessment of this kind in progress. Carry on with that one."
        )
    return create_unique(
        NeedsAssessment,
        message="There is already an assessment of this kind in progress. Carry on with that one.",
        person=person,
        kind=kind,
        started_by=started_by,
    )


@transaction.atomic
def needs_assessment_save(*, assessment: NeedsAssessment, user: User, section: str, data: dict):
    """Save one section of the assessment (save and come back later)."""
    assessment = _locked(assessment)
    _check_editable(user, assessment)
    fields = SECTION_FIELDS.get(section)
    if fields is None or section in (ADULT_ONLY if assessment.is_for_carer else CARER_ONLY):
        raise DomainError("This assessment does not ask these questions.")
    if section == "wellbeing":
        data = _checked_wellbeing(data)
    if section == "caring":
        _check_caring(data)
    if section == "carer_health":
        _check_carer_health(data)
    for name in fields:
        if name in data:
            setattr(assessment, name, data[name])
    assessment.save()
    return assessment


def _check_caring(data: dict) -> None:
    """Regulation 3(1)(a), answered yes or no, with who the carer cares for."""
    if not (data.get("caring_for") or "").strip():
        raise DomainError(
            "Enter who the carer cares for and the care they give", field="caring_for"
        )
    if data.get("needs_from_caring") not in {True, False}:
        raise DomainError("Choose yes or no", field="needs_from_caring")


def _check_carer_health(data: dict) -> None:
    if data.get("carer_health") not in CarerHealth.values:
        raise DomainError(
            "Choose whether the carer's health is deteriorating or at risk", field="carer_health"
        )


def _checked_wellbeing(data: dict) -> dict:
    """The wellbeing answers, refused if they name unknown areas or leave out whether a
    significant impact is happening now or is likely; no impact, no timing."""
    unknown = set(data.get("wellbeing_areas", [])) - set(WellbeingArea.values)
    if unknown:
        raise DomainError("Choose areas of wellbeing from the list", field="wellbeing_areas")
    affected = data.get("wellbeing_significant") or data.get("cumulative_impact")
    timing = data.get("wellbeing_impact_timing", "")
    if timing and timing not in ImpactTiming.values:
        raise DomainError(
            "Choose whether the impact is happening now or is likely to happen",
            field="wellbeing_impact_timing",
        )
    if affected and not timing:
        raise DomainError(
            "Choose whether the impact on wellbeing is happening now or is likely to happen",
            field="wellbeing_impact_timing",
        )
    if "wellbeing_significant" in data and not affected:
        data = {**data, "wellbeing_impact_timing": ""}
    return data


@transaction.atomic
def outcome_answer_save(
    *,
    assessment: NeedsAssessment,
    user: User,
    outcome: str,
    unable_meanings: list[str],
    severity: str,
    fluctuates: bool,
    notes: str,
) -> OutcomeAnswer:
    """Record which of the ways of being unable apply to one outcome (none: the outcome can be
    achieved). Any one way makes the outcome one the person cannot achieve. An adult's ten
    outcomes have four ways and a severity; a carer's eight have three ways and no severity."""
    assessment = _locked(assessment)
    _check_editable(user, assessment)
    if assessment.is_for_carer:
        if outcome not in CarerOutcome.values:
            raise DomainError("Choose one of the carer's eight outcomes.")
        if set(unable_meanings) - set(CarerUnableMeaning.values):
            raise DomainError("Choose from the list", field="unable_meanings")
        severity = ""
    elif outcome not in Outcome.values:
        raise DomainError("Choose one of the ten outcomes.")
    elif unable_meanings:
        _check_unable(unable_meanings, severity)
    else:
        severity = ""
    answer, _ = OutcomeAnswer.objects.update_or_create(
        assessment=assessment,
        outcome=outcome,
        defaults={
            "can_achieve": not unable_meanings,
            "unable_meanings": [way for way in UnableMeaning.values if way in unable_meanings],
            "severity": severity,
            "fluctuates": fluctuates,
            "notes": notes,
        },
    )
    return answer


def _check_unable(unable_meanings: list[str], severity: str) -> None:
    if set(unable_meanings) - set(UnableMeaning.values):
        raise DomainError("Choose from the list", field="unable_meanings")
    if severity not in Severity.values:
        raise DomainError("Choose how much help is needed", field="severity")


def missing_answers(assessment: NeedsAssessment) -> list[str]:
    """What must still be answered before the assessment can be sent or completed."""
    missing = []
    if assessment.is_for_carer:
        outcomes = CarerOutcome.choices
        if assessment.needs_from_caring is None:
            missing.append("Whether the needs arise from providing necessary care for an adult")
        if not assessment.carer_health:
            missing.append("Whether caring puts the carer's health at risk")
    else:
        outcomes = Outcome.choices
        if assessment.needs_from_impairment is None:
            missing.append("Whether the needs arise from an impairment or illness")
    answered = {
        answer.outcome
        for answer in assessment.outcome_answers.all()
        if answer.can_achieve is not None
    }
    missing += [label for value, label in outcomes if value not in answered]
    affected = assessment.wellbeing_significant or assessment.cumulative_impact
    if assessment.wellbeing_significant is None and not assessment.cumulative_impact:
        missing.append("Whether there is a significant impact on wellbeing")
    elif (
        affected and not assessment.wellbeing_impact_timing and not _sent_before_timing(assessment)
    ):
        missing.append("Whether the impact on wellbeing is happening now or is likely")
    return missing


def _sent_before_timing(assessment: NeedsAssessment) -> bool:
    """A self-assessment sent before 'now or likely' was asked: the person can no longer add it,
    so the assessor may complete it and the reason says 'has, or is likely to have'."""
    return assessment.kind == Kind.SELF and assessment.status == Status.SUBMITTED


def _check_complete(assessment: NeedsAssessment) -> None:
    missing = missing_answers(assessment)
    if missing:
        raise DomainError("Some questions are not answered yet: " + "; ".join(missing) + ".")


@transaction.atomic
def needs_assessment_submit(*, assessment: NeedsAssessment, user: User) -> NeedsAssessment:
    """The person (or representative) sends their self-assessment to the council."""
    assessment = _locked(assessment)
    if not assessment.is_self_assessment:
        raise DomainError("Only a supported self-assessment is sent to the council.")
    _check_editable(user, assessment)
    _check_complete(assessment)
    assessment.status = Status.SUBMITTED
    assessment.submitted_at, assessment.submitted_by = timezone.now(), user
    assessment.save()
    return assessment


@transaction.atomic
def needs_assessment_request_changes(*, assessment: NeedsAssessment, user: User, note: str):
    """The assessor asks the person to change their self-assessment, saying what and why."""
    assessment = _locked(assessment)
    if not access.can_assess(user, assessment.person):
        raise DomainError("You cannot review this assessment.")
    if assessment.status != Status.SUBMITTED:
        raise DomainError("You can only ask for changes to an assessment that has been sent.")
    if not note.strip():
        raise DomainError("Say what needs to change and why", field="note")
    assessment.status = Status.CHANGES_REQUESTED
    assessment.changes_requested_note = note.strip()
    assessment.save()
    return assessment


@transaction.atomic
def needs_assessment_complete(*, assessment: NeedsAssessment, user: User) -> NeedsAssessment:
    """The assessor completes the assessment: it can no longer be changed."""
    assessment = _locked(assessment)
    if not access.can_assess(user, assessment.person):
        raise DomainError("Only the council's assessor can complete an assessment.")
    allowed = (
        {Status.SUBMITTED} if assessment.is_self_assessment else {Status.DRAFT, Status.SUBMITTED}
    )
    if assessment.status not in allowed:
        raise DomainError(
            "The person has not sent this self-assessment yet."
            if assessment.is_self_assessment
            else "This assessment is already completed."
        )
    _check_complete(assessment)
    assessment.status = Status.COMPLETED
    assessment.completed_at, assessment.completed_by = timezone.now(), user
    assessment.save()
    return assessment


def eligibility_preview(assessment: NeedsAssessment) -> eligibility.EligibilityResult:
    """The decision the recorded facts lead to, with its reasons: the carers' test for a
    carer's assessment, the adults' otherwise."""
    if assessment.is_for_carer:
        return eligibility.decide_carer(eligibility.carer_facts_from_assessment(assessment))
    return eligibility.decide(eligibility.facts_from_assessment(assessment))


@transaction.atomic
def eligibility_confirm(
    *, assessment: NeedsAssessment, user: User, agrees: bool, reason: str = ""
) -> EligibilityDecision:
    """The assessor confirms the computed decision, or records why they disagree."""
    assessment = _locked(assessment)
    if not access.can_assess(user, assessment.person):
        raise DomainError("Only the council's assessor can decide eligibility.")
    if assessment.decided_before_carers_test:
        raise DomainError(
            "This carer's assessment was decided before the carers' questions were asked. Its "
            "recorded decision stands: to decide again, start a new carer's assessment."
        )
    if assessment.status != Status.COMPLETED:
        raise DomainError("Complete the assessment before deciding eligibility.")
    if not agrees and not reason.strip():
        raise DomainError("Say why you disagree with the computed decision", field="reason")
    result = eligibility_preview(assessment)
    decision, _ = EligibilityDecision.objects.update_or_create(
        assessment=assessment,
        defaults={
            "computed_eligible": result.eligible,
            "reasons": result.reasons,
            "outcomes_not_achieved": result.outcomes_not_achieved,
            "assessor_agrees": agrees,
            "disagreement_reason": "" if agrees else reason.strip(),
            "eligible": result.eligible if agrees else not result.eligible,
            "decided_by": user,
            "decided_at": timezone.now(),
        },
    )
    return decision


def indicative_preview(assessment: NeedsAssessment):
    """The indicative budget the council's table gives, or None when it has no table yet."""
    table = ResourceAllocationTable.objects.in_force_for(
        assessment.person.local_authority, timezone.localdate()
    )
    if table is None:
        return None, None
    return table, allocate(table=table, answers=assessment.outcome_answers.all())


@transaction.atomic
def indicative_budget_set(
    *,
    assessment: NeedsAssessment,
    user: User,
    override_weekly: Decimal | None = None,
    reason: str = "",
) -> IndicativeBudget:
    """Record the indicative budget, computed from the table, or overridden with a reason."""
    assessment = _locked(assessment)
    if not access.can_assess(user, assessment.person):
        raise DomainError("Only the council's assessor can set the indicative budget.")
    if assessment.is_for_carer:
        raise DomainError(
            "A carer's assessment has no indicative budget from the council's table: its points "
            "are for an adult's ten outcomes."
        )
    decision = getattr(assessment, "eligibility", None)
    if decision is None or not decision.eligible:
        raise DomainError("The indicative budget is set once the person is found eligible.")
    table, allocation = indicative_preview(assessment)
    if table is None:
        raise DomainError(
            "The council has no resource allocation table yet. Ask an administrator to add one."
        )
    if override_weekly is not None and override_weekly < 0:
        raise DomainError("The weekly amount cannot be negative", field="override_weekly")
    if override_weekly is not None and override_weekly == 0:
        raise DomainError(ZERO_FOR_ELIGIBLE, field="override_weekly")
    if override_weekly is None and allocation.weekly <= 0:
        raise DomainError(
            "The council's table gives £0 a week, but the person has eligible needs the council "
            "must meet. Choose a different amount and say why.",
            field="amount",
        )
    if override_weekly is not None and not reason.strip():
        raise DomainError("Say why you are changing the amount", field="reason")
    budget, _ = IndicativeBudget.objects.update_or_create(
        assessment=assessment,
        defaults={
            "table": table,
            "computed_weekly": allocation.weekly,
            "explanation": allocation.explanation,
            "override_weekly": override_weekly,
            "override_reason": reason.strip() if override_weekly is not None else "",
            "set_by": user,
        },
    )
    return budget


CARRIED_INTO_REASSESSMENT = [
    "circumstances",
    "what_matters",
    "strengths",
    "impairment",
    "fluctuation_notes",
    "prevention_equipment",
    "prevention_adaptations",
    "prevention_community",
]


@transaction.atomic
def needs_assessment_start_from_review(
    *, person: Person, started_by: User, reason: str
) -> NeedsAssessment:
    """A review found the person's needs have changed: start a proportionate reassessment by
    the council. It begins from what the last completed assessment wrote about the person, so
    the assessor asks about what has changed, and says why the review asked for it."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why the needs have changed", field="reason")
    assessment = needs_assessment_start(person=person, kind=Kind.COUNCIL, started_by=started_by)
    previous = (
        NeedsAssessment.objects.filter(person=person, status=Status.COMPLETED)
        .exclude(kind__in=[Kind.CARER, Kind.CARER_SELF])
        .order_by("-completed_at")
        .first()
    )
    if previous is not None:
        for name in CARRIED_INTO_REASSESSMENT:
            setattr(assessment, name, getattr(previous, name))
    carried = assessment.circumstances
    assessment.circumstances = f"Reassessment asked for by a review: {reason}\n\n{carried}".strip()
    assessment.save()
    return assessment
