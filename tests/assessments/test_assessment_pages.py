"""The assessment pages, driven through the test client: who sees what, and what each page says."""

import pytest
from django.urls import reverse

from assessments.models import NeedsAssessment, Outcome

from .factories import (
    completed_council_assessment,
    fill_in,
    started,
    submitted_self_assessment,
    with_decision_and_budget,
)

Kind, Status = NeedsAssessment.Kind, NeedsAssessment.Status


def url(name, assessment, **kwargs):
    return reverse(f"assessments:{name}", kwargs={"assessment_id": assessment.id, **kwargs})


def test_an_assessor_starts_a_council_assessment_from_the_persons_record(
    client, person, social_worker
):
    client.force_login(social_worker)
    record = client.get(reverse("people:person_detail", args=[person.id]))
    assert "Assessments" in record.text and "Start an assessment" in record.text
    response = client.post(
        reverse("assessments:assessment_start", args=[person.id]), {"kind": "council"}
    )
    assessment = NeedsAssessment.objects.get()
    assert response["Location"] == url("assessment_detail", assessment)
    assert assessment.kind == Kind.COUNCIL and assessment.started_by == social_worker
    page = client.get(url("assessment_detail", assessment))
    assert "Record the assessment" in page.text and "Not started" in page.text
    assert "0 of 10 questions answered" in page.text


def test_the_person_is_offered_only_self_assessments(client, person):
    client.force_login(person.user)
    page = client.get(reverse("assessments:assessment_start", args=[person.id]))
    assert "Start a self-assessment" in page.text
    assert 'value="self"' in page.text and 'value="carer_self"' in page.text
    assert 'value="council"' not in page.text and 'value="carer"' not in page.text
    client.post(reverse("assessments:assessment_start", args=[person.id]), {"kind": "council"})
    client.post(reverse("assessments:assessment_start", args=[person.id]), {"kind": "carer"})
    assert not NeedsAssessment.objects.exists()
    client.post(reverse("assessments:assessment_start", args=[person.id]), {"kind": "self"})
    assert NeedsAssessment.objects.get().kind == Kind.SELF


def test_a_self_assessment_asks_the_person_in_plain_english(client, person):
    assessment = started(person, person.user, Kind.SELF)
    client.force_login(person.user)
    page = client.get(url("outcome_answer", assessment, outcome="nutrition"))
    assert "which of these are true for you?" in page.text
    assert "None of these: I can do this without help" in page.text
    assert "question 1 of 10" in page.text
    assert "Answer as if family, friends or a carer were not helping you." in page.text
    assert "I cannot do it without help, or without someone reminding me" in page.text


def test_an_assessor_is_reminded_to_ignore_help_a_carer_gives(client, person, social_worker):
    assessment = started(person, social_worker)
    client.force_login(social_worker)
    page = client.get(url("outcome_answer", assessment, outcome="toilet-needs"))
    assert "Managing toilet needs" in page.text
    assert "Is Sam Okafor unable to achieve this outcome in any of these ways?" in page.text
    assert "None of these: Sam Okafor can achieve this without help" in page.text
    assert "Ignore any help a carer gives" in page.text


def test_each_outcome_page_leads_to_the_next_and_the_last_to_the_task_list(
    client, person, social_worker
):
    assessment = started(person, social_worker)
    client.force_login(social_worker)
    response = client.post(
        url("outcome_answer", assessment, outcome="nutrition"), {"unable_meanings": ["none"]}
    )
    assert response["Location"] == url("outcome_answer", assessment, outcome="personal-hygiene")
    response = client.post(
        url("outcome_answer", assessment, outcome="caring"),
        {"unable_meanings": ["takes_longer"], "severity": "some"},
    )
    assert response["Location"] == url("assessment_detail", assessment)
    page = client.get(url("assessment_detail", assessment))
    assert "2 of 10 questions answered" in page.text and "In progress" in page.text


def test_a_change_from_check_answers_returns_to_check_answers(client, person, social_worker):
    assessment = fill_in(started(person, social_worker), social_worker)
    client.force_login(social_worker)
    response = client.post(
        url("assessment_section", assessment, section="about") + "?from=check",
        {"what_matters": "Music", "strengths": "Plays piano", "circumstances": ""},
    )
    assert response["Location"] == url("assessment_check", assessment)


def test_an_unknown_section_or_outcome_is_not_found(client, person, social_worker):
    assessment = started(person, social_worker)
    client.force_login(social_worker)
    for name, kwargs in [
        ("assessment_section", {"section": "finances"}),
        ("assessment_section", {"section": "outcomes"}),
        ("assessment_section", {"section": "carer-decision"}),  # not a carer's assessment
        ("outcome_answer", {"outcome": "juggling"}),
    ]:
        assert client.get(url(name, assessment, **kwargs)).status_code == 404


def test_a_carers_assessment_asks_the_carers_eight_outcomes_not_the_adults_ten(
    client, person, social_worker
):
    assessment = started(person, social_worker, Kind.CARER)
    client.force_login(social_worker)
    page = client.get(url("assessment_detail", assessment))
    assert "The 8 carer&#x27;s outcomes" in page.text and "0 of 8 questions answered" in page.text
    assert "The 10 eligibility outcomes" not in page.text
    assert "Caring for an adult" in page.text and "The carer&#x27;s health" in page.text
    for adults_only in ["nutrition", "personal-hygiene", "caring"]:
        assert client.get(url("outcome_answer", assessment, outcome=adults_only)).status_code == 404
    for section in ["carer-decision", "impairment", "carer-outcomes"]:
        assert client.get(url("assessment_section", assessment, section=section)).status_code == 404
    recreation = client.get(url("outcome_answer", assessment, outcome="carer-recreation"))
    assert recreation.status_code == 200 and "question 8 of 8" in recreation.text


def test_the_person_sends_their_self_assessment_from_check_answers(client, person):
    assessment = fill_in(started(person, person.user, Kind.SELF), person.user)
    client.force_login(person.user)
    page = client.get(url("assessment_check", assessment))
    assert "Check your answers" in page.text and "Send to the council" in page.text
    response = client.post(url("assessment_check", assessment))
    assert response["Location"] == url("assessment_detail", assessment)
    page = client.get(response["Location"])
    assert "Sent to the council" in page.text and "govuk-panel" in page.text
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_a_sent_self_assessment_cannot_be_changed_by_the_person(client, person):
    assessment = submitted_self_assessment(person, person.user)
    client.force_login(person.user)
    response = client.get(url("assessment_section", assessment, section="about"))
    assert response["Location"] == url("assessment_detail", assessment)
    page = client.get(url("assessment_check", assessment))
    assert "Change<span" not in page.text and "Send to the council" not in page.text


def test_the_assessor_asks_for_changes_and_the_person_sees_the_note(client, person, social_worker):
    assessment = submitted_self_assessment(person, person.user)
    client.force_login(social_worker)
    detail = client.get(url("assessment_detail", assessment))
    assert "Review the self-assessment" in detail.text and "Ask for changes" in detail.text
    client.post(url("assessment_request_changes", assessment), {"note": "Tell us about nights."})
    client.force_login(person.user)
    page = client.get(url("assessment_detail", assessment))
    assert "The council asked for changes" in page.text and "Tell us about nights." in page.text
    assert "Fill in your assessment" in page.text  # the task list is back
    assert "Changes asked for" in page.text and "Jordan Ellis" in page.text  # who, in the timeline


def test_the_assessor_completes_the_self_assessment(client, person, social_worker):
    assessment = submitted_self_assessment(person, person.user)
    client.force_login(social_worker)
    response = client.post(url("assessment_complete", assessment))
    assert response["Location"] == url("assessment_detail", assessment)
    page = client.get(response["Location"])
    assert "Decide eligibility" in page.text
    assert "Completed" in page.text and "Jordan Ellis" in page.text


def test_the_assessor_decides_eligibility_from_the_reasons(client, person, social_worker):
    assessment = completed_council_assessment(person, social_worker)
    client.force_login(social_worker)
    page = client.get(url("eligibility_decide", assessment))
    assert "Eligible for care and support" in page.text
    assert "1. Needs from an impairment or illness" in page.text
    assert "Unable to achieve 2 of the 10 outcomes" in page.text
    assert "Managing and maintaining nutrition" in page.text
    client.post(url("eligibility_decide", assessment), {"agrees": "no", "reason": "Missed."})
    assessment.refresh_from_db()
    assert assessment.eligibility.eligible is False
    page = client.get(url("assessment_detail", assessment))
    assert "The assessor disagreed: Missed." in page.text


def test_eligibility_is_decided_only_after_completion(client, person, social_worker):
    assessment = fill_in(started(person, social_worker), social_worker)
    client.force_login(social_worker)
    page = client.get(url("eligibility_decide", assessment))
    assert "Complete the assessment before you decide eligibility" in page.text
    assert "Record the decision" not in page.text


def test_the_assessor_records_the_indicative_budget_and_the_person_sees_it(
    client, person, social_worker
):
    from datetime import date

    from assessments.defaults import ensure_allocation_table
    from assessments.services import eligibility_confirm

    ensure_allocation_table(person.local_authority, date(2020, 4, 1))
    assessment = completed_council_assessment(person, social_worker)
    eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    client.force_login(social_worker)
    page = client.get(url("indicative_budget", assessment))
    assert "£104.00" in page.text and "£5,408.00" in page.text
    assert "Total: 16 points × £6.50 a point = £104.00 a week" in page.text
    response = client.post(
        url("indicative_budget", assessment),
        {"amount": "other", "override_weekly": "£1,120.50", "reason": "Two carers needed."},
    )
    assert response.status_code == 302
    client.force_login(person.user)
    page = client.get(url("assessment_detail", assessment))
    assert "£1,120.50" in page.text and "£58,266.00" in page.text
    assert "It may go up or down" in page.text and "Two carers needed." in page.text


def test_the_budget_page_explains_when_there_is_nothing_to_record_yet(
    client, person, social_worker
):
    assessment = completed_council_assessment(person, social_worker)
    client.force_login(social_worker)
    page = client.get(url("indicative_budget", assessment))
    assert "no resource allocation table yet" in page.text
    assert "Record the indicative budget" not in page.text


def test_a_legacy_facs_band_is_shown_but_not_used(client, person, social_worker):
    assessment = completed_council_assessment(person, social_worker)
    NeedsAssessment.objects.filter(id=assessment.id).update(legacy_facs_band="substantial")
    client.force_login(person.user)
    for name in ["assessment_detail", "assessment_copy"]:
        page = client.get(url(name, assessment))
        assert "Substantial" in page.text and "It is not used to decide eligibility" in page.text


def test_the_person_reads_their_copy(client, person, social_worker):
    assessment = with_decision_and_budget(
        completed_council_assessment(person, social_worker), social_worker
    )
    client.force_login(person.user)
    page = client.get(url("assessment_copy", assessment))
    assert "Seeing my grandchildren on Sundays." in page.text
    assert "Eligible for care and support" in page.text and "£104.00" in page.text
    assert "Download this copy (PDF)" in page.text


def test_the_timeline_shows_who_did_what(client, person, social_worker):
    assessment = submitted_self_assessment(person, person.user)
    client.force_login(social_worker)
    client.post(url("assessment_complete", assessment))
    page = client.get(url("assessment_detail", assessment)).text
    for event in ["Started", "Sent to the council", "Completed"]:
        assert event in page
    assert "Samuel Okafor" in page and "Jordan Ellis" in page


def test_a_representative_must_switch_to_the_person_first(
    client, represented_person, nominated_person, person, social_worker
):
    from ..factories import RepresentativeFactory

    RepresentativeFactory(person=person, user=nominated_person, agreed_by=social_worker)
    assessment = started(person, social_worker)
    client.force_login(nominated_person)  # represents two people: must choose
    response = client.get(url("assessment_detail", assessment))
    assert response["Location"] == reverse("people:acting_for")
    client.post(reverse("people:acting_for"), {"person": person.id})
    assert client.get(url("assessment_detail", assessment)).status_code == 200


def test_opening_an_assessment_is_in_the_access_log(client, person, social_worker):
    assessment = started(person, social_worker)
    client.force_login(social_worker)
    client.get(url("assessment_detail", assessment))
    assert person.access_log.filter(what="Assessment", user=social_worker).exists()


@pytest.mark.parametrize("who", ["provider_user", "other_provider_user", "other_la_staff"])
def test_outsiders_never_reach_an_assessment_even_by_posting(request, client, person, who):
    assessment = submitted_self_assessment(person, person.user)
    client.force_login(request.getfixturevalue(who))
    for name in ["assessment_complete", "assessment_request_changes", "assessment_check"]:
        assert client.post(url(name, assessment), {"note": "x"}).status_code == 404
    assert client.get(reverse("people:person_detail", args=[person.id])).status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_the_person_cannot_complete_or_review_by_posting(client, person):
    assessment = submitted_self_assessment(person, person.user)
    client.force_login(person.user)
    assert client.post(url("assessment_complete", assessment)).status_code == 404
    assert (
        client.post(url("assessment_request_changes", assessment), {"note": "x"}).status_code == 404
    )
    assert client.post(url("eligibility_decide", assessment), {"agrees": "yes"}).status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_the_person_sees_their_assessments_from_the_dashboard(client, person, social_worker):
    started(person, social_worker)
    client.force_login(person.user)
    page = client.get(reverse("people:dashboard"))
    assert reverse("assessments:person_assessments", args=[person.id]) in page.text
    page = client.get(reverse("assessments:person_assessments", args=[person.id]))
    assert "Needs assessment by the council" in page.text and "Draft" in page.text


def test_all_outcomes_are_listed_on_check_answers(client, person, social_worker):
    assessment = fill_in(started(person, social_worker), social_worker)
    client.force_login(social_worker)
    page = client.get(url("assessment_check", assessment)).text
    for label in Outcome.labels:
        assert label in page
    assert "Continue to complete the assessment" in page


def test_an_assessor_helping_with_a_self_assessment_is_not_addressed_as_the_person(
    client, person, social_worker
):
    assessment = started(person, person.user, Kind.SELF)
    client.force_login(social_worker)
    page = client.get(url("assessment_detail", assessment)).text
    assert "Help fill in Sam Okafor's self-assessment" in page
    assert "Fill in your assessment" not in page
    assert "Sam Okafor can have a copy" in page
