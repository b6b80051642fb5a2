"""Every transition of a needs assessment, and the ones that are refused with a clear message.

draft → (self-assessment: submitted → changes asked for → submitted) → completed → eligibility
decision → indicative budget.
"""

from datetime import date
from decimal import Decimal

import pytest

from assessments import services
from assessments.defaults import ensure_allocation_table
from assessments.models import (
    AllocationPoints,
    EligibilityDecision,
    IndicativeBudget,
    NeedsAssessment,
    Outcome,
    OutcomeAnswer,
)
from core.errors import DomainError

from .factories import (
    answer_outcome,
    completed_council_assessment,
    fill_in,
    started,
    submitted_self_assessment,
)

Kind, Status = NeedsAssessment.Kind, NeedsAssessment.Status


def _unchanged(assessment) -> dict:
    return NeedsAssessment.objects.values().get(id=assessment.id)


# Starting


@pytest.mark.parametrize("kind", Kind.values)
def test_an_assessor_starts_any_kind_of_assessment(person, social_worker, kind):
    assessment = started(person, social_worker, kind)
    assert assessment.status == Status.DRAFT and assessment.started_by == social_worker


def test_the_person_starts_their_own_self_assessment(person):
    assert started(person, person.user, Kind.SELF).kind == Kind.SELF


def test_a_representative_starts_a_self_assessment(represented_person, nominated_person):
    assert started(represented_person, nominated_person, Kind.SELF).started_by == nominated_person


@pytest.mark.parametrize("kind", [Kind.COUNCIL, Kind.CARER])
def test_the_person_cannot_start_a_council_or_carers_assessment(person, kind):
    with pytest.raises(DomainError, match="cannot start this kind"):
        started(person, person.user, kind)
    assert not NeedsAssessment.objects.exists()


@pytest.mark.parametrize("kind", Kind.values)
def test_a_provider_cannot_start_any_assessment(person, provider_user, kind):
    with pytest.raises(DomainError):
        started(person, provider_user, kind)
    assert not NeedsAssessment.objects.exists()


def test_a_finance_officer_cannot_start_a_needs_assessment(person, finance_officer):
    with pytest.raises(DomainError):
        started(person, finance_officer, Kind.COUNCIL)


def test_staff_of_another_council_cannot_start_one(person, other_la_staff):
    with pytest.raises(DomainError):
        started(person, other_la_staff, Kind.COUNCIL)


def test_a_second_assessment_of_the_same_kind_waits_for_the_first(person, social_worker):
    started(person, social_worker)
    with pytest.raises(DomainError, match="already an assessment of this kind in progress"):
        started(person, social_worker)
    started(person, social_worker, Kind.SELF)  # a different kind is fine
    assert NeedsAssessment.objects.count() == 2


def test_a_reassessment_can_start_once_the_last_one_is_completed(person, social_worker):
    completed_council_assessment(person, social_worker)
    assert started(person, social_worker).status == Status.DRAFT


# Filling in


def test_sections_are_saved_one_at_a_time_and_can_be_changed(person, social_worker):
    assessment = started(person, social_worker)
    services.needs_assessment_save(
        assessment=assessment, user=social_worker, section="about", data={"strengths": "Cooks"}
    )
    services.needs_assessment_save(
        assessment=assessment,
        user=social_worker,
        section="about",
        data={"strengths": "Cooks well", "what_matters": "Family"},
    )
    assessment.refresh_from_db()
    assert (assessment.strengths, assessment.what_matters) == ("Cooks well", "Family")


def test_a_section_ignores_fields_from_other_sections(person, social_worker):
    assessment = started(person, social_worker)
    services.needs_assessment_save(
        assessment=assessment,
        user=social_worker,
        section="about",
        data={"strengths": "Cooks", "status": "completed", "wellbeing_significant": True},
    )
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT and assessment.wellbeing_significant is None


def test_the_person_cannot_change_a_council_assessment(person, social_worker):
    assessment = started(person, social_worker)
    with pytest.raises(DomainError, match="cannot change this assessment"):
        services.needs_assessment_save(
            assessment=assessment, user=person.user, section="about", data={"strengths": "x"}
        )
    with pytest.raises(DomainError, match="cannot change this assessment"):
        answer_outcome(assessment, person.user, Outcome.NUTRITION)
    assert _unchanged(assessment)["strengths"] == "" and not OutcomeAnswer.objects.exists()


def test_an_assessor_may_help_fill_in_a_self_assessment(person, social_worker):
    assessment = started(person, person.user, Kind.SELF)
    answer_outcome(assessment, social_worker, Outcome.NUTRITION)
    assert assessment.outcome_answers.get().can_achieve is False


def test_a_completed_assessment_cannot_be_changed(person, social_worker):
    assessment = completed_council_assessment(person, social_worker)
    before = _unchanged(assessment)
    with pytest.raises(DomainError, match="is completed and can no longer be changed"):
        services.needs_assessment_save(
            assessment=assessment, user=social_worker, section="about", data={"strengths": "x"}
        )
    with pytest.raises(DomainError, match="can no longer be changed"):
        answer_outcome(assessment, social_worker, Outcome.CLOTHING)
    assert _unchanged(assessment) == before
    assert assessment.outcome_answers.get(outcome=Outcome.CLOTHING).can_achieve is True


def test_a_sent_self_assessment_cannot_be_changed_by_the_person(person):
    assessment = submitted_self_assessment(person, person.user)
    with pytest.raises(DomainError, match="sent to the council and can no longer be changed"):
        services.needs_assessment_save(
            assessment=assessment, user=person.user, section="about", data={"strengths": "x"}
        )


@pytest.mark.parametrize(
    ("kind", "section", "data"),
    [
        (Kind.COUNCIL, "caring", {"caring_for": "My husband", "needs_from_caring": True}),
        (Kind.COUNCIL, "carer_decision", {"carer_eligible": True}),  # no longer asked
        (Kind.CARER, "impairment", {"needs_from_impairment": True, "impairment": "MS"}),
        (Kind.CARER, "carer_decision", {"carer_eligible": True}),
    ],
)
def test_each_kind_saves_only_the_questions_it_asks(person, social_worker, kind, section, data):
    assessment = started(person, social_worker, kind)
    with pytest.raises(DomainError, match="This assessment does not ask these questions"):
        services.needs_assessment_save(
            assessment=assessment, user=social_worker, section=section, data=data
        )
    unchanged = _unchanged(assessment)
    assert unchanged["carer_eligible"] is None and unchanged["needs_from_caring"] is None
    assert unchanged["needs_from_impairment"] is None


def test_wellbeing_areas_must_come_from_the_list_and_nothing_is_half_saved(person, social_worker):
    assessment = started(person, social_worker)
    with pytest.raises(DomainError, match="Choose areas of wellbeing from the list") as caught:
        services.needs_assessment_save(
            assessment=assessment,
            user=social_worker,
            section="wellbeing",
            data={"wellbeing_significant": True, "wellbeing_areas": ["health", "astrology"]},
        )
    assert caught.value.field == "wellbeing_areas"
    row = _unchanged(assessment)
    assert row["wellbeing_significant"] is None and row["wellbeing_areas"] == []


def test_an_outcome_not_achieved_needs_ways_from_the_list_and_how_much_help(person, social_worker):
    assessment = started(person, social_worker)
    cases = [
        ({"unable_meanings": ["bored"], "severity": "some"}, "Choose from the list", None),
        ({"unable_meanings": ["endangers"], "severity": ""}, "how much help", "severity"),
        ({"unable_meanings": ["endangers"], "severity": "huge"}, "how much help", "severity"),
    ]
    for answer, message, field in cases:
        with pytest.raises(DomainError, match=message) as caught:
            services.outcome_answer_save(
                assessment=assessment,
                user=social_worker,
                outcome=Outcome.NUTRITION,
                fluctuates=False,
                notes="",
                **answer,
            )
        assert caught.value.field == (field or "unable_meanings")
    assert not OutcomeAnswer.objects.exists()


def test_an_unknown_outcome_is_refused(person, social_worker):
    with pytest.raises(DomainError, match="one of the ten outcomes"):
        answer_outcome(started(person, social_worker), social_worker, "juggling")


def test_answering_none_of_the_ways_clears_the_help_needed(person, social_worker):
    assessment = started(person, social_worker)
    answer_outcome(assessment, social_worker, Outcome.NUTRITION, can_achieve=False)
    answer_outcome(assessment, social_worker, Outcome.NUTRITION, ways=[], severity="some")
    answer = assessment.outcome_answers.get()
    assert (answer.can_achieve, answer.unable_meanings, answer.severity) == (True, [], "")
    assert not answer.is_unable


def test_wellbeing_impact_must_say_whether_it_is_now_or_likely(person, social_worker):
    assessment = started(person, social_worker)
    data = {"wellbeing_significant": True, "wellbeing_areas": ["health"]}
    for timing in ["", "someday"]:
        with pytest.raises(DomainError, match="happening now or is likely") as caught:
            services.needs_assessment_save(
                assessment=assessment,
                user=social_worker,
                section="wellbeing",
                data={**data, "wellbeing_impact_timing": timing},
            )
        assert caught.value.field == "wellbeing_impact_timing"
    assert _unchanged(assessment)["wellbeing_significant"] is None


def test_no_impact_on_wellbeing_clears_whether_it_was_now_or_likely(person, social_worker):
    assessment = started(person, social_worker)
    for significant, timing in [(True, "anticipated"), (False, "anticipated")]:
        services.needs_assessment_save(
            assessment=assessment,
            user=social_worker,
            section="wellbeing",
            data={"wellbeing_significant": significant, "wellbeing_impact_timing": timing},
        )
    assert _unchanged(assessment)["wellbeing_impact_timing"] == ""


# Sending a self-assessment


def test_the_person_sends_a_complete_self_assessment(person):
    assessment = submitted_self_assessment(person, person.user)
    assert assessment.status == Status.SUBMITTED
    assert assessment.submitted_by == person.user and assessment.submitted_at


def test_sending_with_questions_unanswered_lists_what_is_missing_and_changes_nothing(person):
    assessment = started(person, person.user, Kind.SELF)
    answer_outcome(assessment, person.user, Outcome.NUTRITION)
    with pytest.raises(DomainError) as caught:
        services.needs_assessment_submit(assessment=assessment, user=person.user)
    message = caught.value.message
    assert message.startswith("Some questions are not answered yet: ")
    assert "Whether the needs arise from an impairment or illness" in message
    assert "Maintaining personal hygiene" in message
    assert "Managing and maintaining nutrition" not in message  # answered
    assert "Whether there is a significant impact on wellbeing" in message
    assert _unchanged(assessment)["status"] == Status.DRAFT
    assert _unchanged(assessment)["submitted_at"] is None


def test_only_a_self_assessment_is_sent(person, social_worker):
    assessment = fill_in(started(person, social_worker), social_worker)
    with pytest.raises(DomainError, match="Only a supported self-assessment is sent"):
        services.needs_assessment_submit(assessment=assessment, user=social_worker)


def test_someone_else_cannot_send_it(person, other_person):
    assessment = fill_in(started(person, person.user, Kind.SELF), person.user)
    with pytest.raises(DomainError, match="cannot change this assessment"):
        services.needs_assessment_submit(assessment=assessment, user=other_person.user)
    assert _unchanged(assessment)["status"] == Status.DRAFT


def test_a_sent_assessment_cannot_be_sent_twice(person):
    assessment = submitted_self_assessment(person, person.user)
    with pytest.raises(DomainError, match="can no longer be changed"):
        services.needs_assessment_submit(assessment=assessment, user=person.user)


# Reviewing: asking for changes


def test_the_assessor_asks_for_changes_and_the_person_changes_and_sends_it_again(
    person, social_worker
):
    assessment = submitted_self_assessment(person, person.user)
    services.needs_assessment_request_changes(
        assessment=assessment, user=social_worker, note="  Tell us more about meals.  "
    )
    assessment.refresh_from_db()
    assert assessment.status == Status.CHANGES_REQUESTED
    assert assessment.changes_requested_note == "Tell us more about meals."
    assert assessment.is_editable
    answer_outcome(assessment, person.user, Outcome.CLOTHING, can_achieve=False)
    services.needs_assessment_submit(assessment=assessment, user=person.user)
    assert _unchanged(assessment)["status"] == Status.SUBMITTED


def test_asking_for_changes_needs_a_note(person, social_worker):
    assessment = submitted_self_assessment(person, person.user)
    with pytest.raises(DomainError, match="Say what needs to change") as caught:
        services.needs_assessment_request_changes(
            assessment=assessment, user=social_worker, note="   "
        )
    assert caught.value.field == "note"
    assert _unchanged(assessment)["status"] == Status.SUBMITTED


def test_changes_can_only_be_asked_for_once_it_is_sent(person, social_worker):
    assessment = fill_in(started(person, person.user, Kind.SELF), person.user)
    with pytest.raises(DomainError, match="only ask for changes to an assessment that has been"):
        services.needs_assessment_request_changes(
            assessment=assessment, user=social_worker, note="More"
        )


@pytest.mark.parametrize("who", ["person", "finance_officer", "provider_user"])
def test_only_an_assessor_asks_for_changes(request, person, who):
    user = person.user if who == "person" else request.getfixturevalue(who)
    assessment = submitted_self_assessment(person, person.user)
    with pytest.raises(DomainError, match="cannot review"):
        services.needs_assessment_request_changes(assessment=assessment, user=user, note="x")


# Completing


def test_the_assessor_completes_a_council_assessment(person, social_worker):
    assessment = completed_council_assessment(person, social_worker)
    assert assessment.status == Status.COMPLETED
    assert assessment.completed_by == social_worker and assessment.completed_at


def test_the_assessor_completes_a_sent_self_assessment(person, approver):
    assessment = submitted_self_assessment(person, person.user)
    services.needs_assessment_complete(assessment=assessment, user=approver)
    assert _unchanged(assessment)["status"] == Status.COMPLETED


def test_the_person_cannot_complete_their_own_assessment(person):
    assessment = submitted_self_assessment(person, person.user)
    with pytest.raises(DomainError, match="Only the council's assessor can complete"):
        services.needs_assessment_complete(assessment=assessment, user=person.user)
    assert _unchanged(assessment)["status"] == Status.SUBMITTED


def test_the_assessor_cannot_complete_a_self_assessment_that_was_not_sent(person, social_worker):
    assessment = fill_in(started(person, person.user, Kind.SELF), person.user)
    with pytest.raises(DomainError, match="has not sent this self-assessment yet"):
        services.needs_assessment_complete(assessment=assessment, user=social_worker)
    assert _unchanged(assessment)["status"] == Status.DRAFT


def test_a_self_assessment_sent_back_for_changes_cannot_be_completed(person, social_worker):
    assessment = submitted_self_assessment(person, person.user)
    services.needs_assessment_request_changes(assessment=assessment, user=social_worker, note="x")
    with pytest.raises(DomainError, match="has not sent this self-assessment yet"):
        services.needs_assessment_complete(assessment=assessment, user=social_worker)


def test_completing_with_questions_unanswered_lists_them_and_changes_nothing(person, social_worker):
    assessment = started(person, social_worker)
    with pytest.raises(DomainError, match="Being appropriately clothed"):
        services.needs_assessment_complete(assessment=assessment, user=social_worker)
    row = _unchanged(assessment)
    assert row["status"] == Status.DRAFT and row["completed_at"] is None


def test_a_completed_assessment_cannot_be_completed_again(person, social_worker):
    assessment = completed_council_assessment(person, social_worker)
    with pytest.raises(DomainError, match="already completed"):
        services.needs_assessment_complete(assessment=assessment, user=social_worker)


def test_a_carers_assessment_completes_once_the_carers_test_is_answered(person, social_worker):
    assessment = started(person, social_worker, Kind.CARER)
    with pytest.raises(DomainError, match="providing necessary care for an adult"):
        services.needs_assessment_complete(assessment=assessment, user=social_worker)
    fill_in(assessment, social_worker)
    services.needs_assessment_complete(assessment=assessment, user=social_worker)
    assessment.refresh_from_db()
    assert assessment.status == Status.COMPLETED and assessment.carer_eligible is None


# Eligibility


def test_the_assessor_confirms_the_computed_decision(person, social_worker):
    assessment = completed_council_assessment(person, social_worker)
    decision = services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    assert decision.eligible and decision.computed_eligible and decision.assessor_agrees
    assert decision.decided_by == social_worker
    assert decision.outcomes_not_achieved == [Outcome.NUTRITION, Outcome.PERSONAL_HYGIENE]
    assert set(decision.reasons) == {"impairment", "outcomes", "wellbeing"}


def test_the_assessor_disagrees_with_a_reason_and_the_decision_is_reversed(person, social_worker):
    assessment = completed_council_assessment(person, social_worker, unable=(Outcome.NUTRITION,))
    decision = services.eligibility_confirm(
        assessment=assessment,
        user=social_worker,
        agrees=False,
        reason="Toileting at night was missed: she needs help most nights.",
    )
    assert not decision.computed_eligible and decision.eligible
    assert decision.disagreement_reason.startswith("Toileting at night")


def test_disagreeing_needs_a_reason(person, social_worker):
    assessment = completed_council_assessment(person, social_worker)
    with pytest.raises(DomainError, match="Say why you disagree") as caught:
        services.eligibility_confirm(
            assessment=assessment, user=social_worker, agrees=False, reason=" "
        )
    assert caught.value.field == "reason"
    assert not EligibilityDecision.objects.exists()


def test_eligibility_waits_for_the_assessment_to_be_completed(person, social_worker):
    assessment = fill_in(started(person, social_worker), social_worker)
    with pytest.raises(DomainError, match="Complete the assessment before deciding"):
        services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)


def test_a_carers_assessment_is_decided_by_the_carers_test_not_the_adults(person, social_worker):
    assessment = fill_in(started(person, social_worker, Kind.CARER), social_worker)
    services.needs_assessment_complete(assessment=assessment, user=social_worker)
    decision = services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    assert set(decision.reasons) == {"caring", "effect", "wellbeing"}
    with pytest.raises(DomainError, match="no indicative budget"):
        services.indicative_budget_set(assessment=assessment, user=social_worker)


@pytest.mark.parametrize("who", ["person", "finance_officer", "other_la_staff"])
def test_only_an_assessor_decides_eligibility(request, person, social_worker, who):
    user = person.user if who == "person" else request.getfixturevalue(who)
    assessment = completed_council_assessment(person, social_worker)
    with pytest.raises(DomainError, match="Only the council's assessor can decide"):
        services.eligibility_confirm(assessment=assessment, user=user, agrees=True)
    assert not EligibilityDecision.objects.exists()


# Indicative budget


@pytest.fixture
def eligible(person, social_worker):
    ensure_allocation_table(person.local_authority, date(2020, 4, 1))
    assessment = completed_council_assessment(person, social_worker)
    services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    return NeedsAssessment.objects.get(id=assessment.id)


def test_the_indicative_budget_comes_from_the_table_with_its_working(eligible, social_worker):
    budget = services.indicative_budget_set(assessment=eligible, user=social_worker)
    # 2 outcomes needing a lot of help: 8 points each at £6.50 a point.
    assert budget.weekly == Decimal("104.00") and budget.annual == Decimal("5408.00")
    assert budget.explanation[-2] == "Total: 16 points × £6.50 a point = £104.00 a week"
    assert budget.override_weekly is None


def test_the_assessor_overrides_the_budget_with_a_reason(eligible, social_worker):
    budget = services.indicative_budget_set(
        assessment=eligible,
        user=social_worker,
        override_weekly=Decimal("150.00"),
        reason="Two carers are needed for every visit.",
    )
    assert budget.weekly == Decimal("150.00") and budget.computed_weekly == Decimal("104.00")


def test_overriding_needs_a_reason_and_a_positive_amount(eligible, social_worker):
    with pytest.raises(DomainError, match="Say why") as caught:
        services.indicative_budget_set(
            assessment=eligible, user=social_worker, override_weekly=Decimal("150")
        )
    assert caught.value.field == "reason"
    with pytest.raises(DomainError, match="cannot be negative"):
        services.indicative_budget_set(
            assessment=eligible, user=social_worker, override_weekly=Decimal("-1"), reason="x"
        )
    assert not IndicativeBudget.objects.exists()


def test_a_zero_budget_is_refused_for_an_eligible_person(eligible, social_worker):
    """Issue 9, item 8: £0 a week cannot meet eligible needs, typed or from the table."""
    with pytest.raises(DomainError, match="must be more than £0: the person has eligible needs"):
        services.indicative_budget_set(
            assessment=eligible, user=social_worker, override_weekly=Decimal("0.00"), reason="x"
        )
    AllocationPoints.objects.update(points=0)
    with pytest.raises(DomainError, match="table gives £0 a week") as caught:
        services.indicative_budget_set(assessment=eligible, user=social_worker)
    assert caught.value.field == "amount"
    assert not IndicativeBudget.objects.exists()


def test_no_budget_before_the_person_is_found_eligible(person, social_worker):
    ensure_allocation_table(person.local_authority, date(2020, 4, 1))
    assessment = completed_council_assessment(person, social_worker, unable=(Outcome.CLOTHING,))
    with pytest.raises(DomainError, match="once the person is found eligible"):
        services.indicative_budget_set(assessment=assessment, user=social_worker)
    services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    with pytest.raises(DomainError, match="once the person is found eligible"):
        services.indicative_budget_set(assessment=assessment, user=social_worker)


def test_no_budget_without_an_allocation_table(person, social_worker):
    assessment = completed_council_assessment(person, social_worker)
    services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    with pytest.raises(DomainError, match="no resource allocation table"):
        services.indicative_budget_set(assessment=assessment, user=social_worker)


def test_the_person_cannot_set_their_own_budget(eligible, person):
    with pytest.raises(DomainError, match="Only the council's assessor"):
        services.indicative_budget_set(assessment=eligible, user=person.user)
    assert not IndicativeBudget.objects.exists()
