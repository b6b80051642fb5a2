"""docs/quality.md #14 for the assessment forms: empty, junk and impossible answers get the GOV.UK
error summary, keep what was typed, save nothing, and never fail with a 500."""

from datetime import date

import pytest
from django.urls import reverse

from assessments.defaults import ensure_allocation_table
from assessments.models import (
    EligibilityDecision,
    IndicativeBudget,
    NeedsAssessment,
    OutcomeAnswer,
)
from assessments.services import eligibility_confirm

from .factories import completed_council_assessment, started, submitted_self_assessment

Kind = NeedsAssessment.Kind
JUNK = ["", " ", "x" * 5001, "<script>alert(1)</script>", "\x00", "💷", "-1", "99999999999"]


def _problem(response) -> bool:
    return (
        response.status_code == 200
        and "There is a problem" in response.text
        and "<title>Error: " in response.text
    )


def _snapshot() -> tuple:
    """Everything an assessment form could write."""
    return (
        list(NeedsAssessment.objects.order_by("id").values()),
        list(OutcomeAnswer.objects.order_by("id").values()),
        list(EligibilityDecision.objects.values()),
        list(IndicativeBudget.objects.values()),
    )


def url(name, assessment, **kwargs):
    return reverse(f"assessments:{name}", kwargs={"assessment_id": assessment.id, **kwargs})


@pytest.fixture
def draft(person, social_worker):
    return started(person, social_worker)


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


SECTIONS = {
    "about": {"what_matters": "Gardening", "strengths": "Patient", "circumstances": "Lives alone"},
    "impairment": {
        "needs_from_impairment": "yes",
        "impairment": "Arthritis",
        "fluctuation_notes": "Worse in winter",
    },
    "wellbeing": {
        "impact": "significant",
        "wellbeing_impact_timing": "anticipated",
        "wellbeing_areas": ["health", "dignity"],
        "wellbeing_notes": "Feels low",
    },
    "prevention": {
        "prevention_equipment": "Grab rail",
        "prevention_adaptations": "",
        "prevention_community": "Lunch club",
    },
}
CHOICES = {"needs_from_impairment", "impact", "wellbeing_impact_timing", "wellbeing_areas"}
SECTION_MISTAKES = [
    ("about", {"what_matters": "", "strengths": ""}, "Enter what matters to Sam Okafor"),
    ("about", {"strengths": "   "}, "Enter Sam Okafor's strengths"),
    ("about", {"circumstances": "x" * 5001}, "Keep this to 5,000 characters or fewer"),
    ("impairment", {"needs_from_impairment": ""}, "Choose yes if the needs arise from an"),
    ("impairment", {"needs_from_impairment": "maybe"}, "Choose yes or no"),
    ("impairment", {"impairment": ""}, "Enter the impairment or illness"),
    ("wellbeing", {"impact": ""}, "Choose whether there is a significant impact"),
    ("wellbeing", {"impact": "catastrophic"}, "Choose one of the answers"),
    ("wellbeing", {"wellbeing_areas": []}, "Choose the areas of wellbeing affected"),
    (
        "wellbeing",
        {"wellbeing_impact_timing": ""},
        "Choose whether the impact on Sam Okafor's wellbeing is happening now or is likely",
    ),
    ("wellbeing", {"wellbeing_impact_timing": "someday"}, "Choose one of the answers"),
    ("wellbeing", {"wellbeing_areas": ["health", "astrology"]}, "Choose areas of wellbeing from"),
    (
        "prevention",
        {"prevention_equipment": "", "prevention_community": ""},
        "Enter at least one thing that could help",
    ),
]


@pytest.mark.parametrize(("section", "changes", "message"), SECTION_MISTAKES)
def test_a_section_with_a_mistake_explains_it_keeps_answers_and_saves_nothing(
    sw_client, draft, section, changes, message
):
    before = _snapshot()
    data = {**SECTIONS[section], **changes}
    response = sw_client.post(url("assessment_section", draft, section=section), data)
    assert _problem(response)
    assert message in response.text
    typed = [
        value
        for name, value in SECTIONS[section].items()
        if name not in changes and name not in CHOICES and value
    ]
    assert all(value in response.text for value in typed)  # what was typed is kept
    assert _snapshot() == before


@pytest.mark.parametrize("section", list(SECTIONS))
def test_good_section_answers_are_saved(sw_client, draft, section):
    response = sw_client.post(url("assessment_section", draft, section=section), SECTIONS[section])
    assert response.status_code == 302


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize(
    ("section", "field"),
    [(section, field) for section, data in SECTIONS.items() for field in data],
)
def test_section_forms_survive_junk_in_any_field(sw_client, draft, section, field, junk):
    before = _snapshot()
    response = sw_client.post(
        url("assessment_section", draft, section=section), {**SECTIONS[section], field: junk}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert _problem(response)
        assert _snapshot() == before


GOOD_OUTCOME = {
    "unable_meanings": ["needs_assistance", "pain_distress"],
    "severity": "a_lot",
    "fluctuates": "on",
    "notes": "Needs reminding to eat lunch",
}
OUTCOME_MISTAKES = [
    (
        {"unable_meanings": []},
        "Choose the ways Sam Okafor is unable to achieve this, or 'None of these'",
    ),
    ({"unable_meanings": ["lazy"]}, "Choose from the list"),
    (
        {"unable_meanings": ["none", "pain_distress"]},
        "Choose 'None of these' on its own, or untick it and choose the ways Sam Okafor "
        "is unable to achieve this",
    ),
    ({"severity": ""}, "Choose how much help is needed"),
    ({"severity": "enormous"}, "Choose how much help is needed from the list"),
    ({"notes": "x" * 5001}, "Keep this to 5,000 characters or fewer"),
]


@pytest.mark.parametrize(("changes", "message"), OUTCOME_MISTAKES)
def test_an_outcome_with_a_mistake_explains_it_and_saves_nothing(
    sw_client, draft, changes, message
):
    before = _snapshot()
    response = sw_client.post(
        url("outcome_answer", draft, outcome="nutrition"), {**GOOD_OUTCOME, **changes}
    )
    assert _problem(response)
    assert message in response.text
    assert "Needs reminding to eat lunch" in response.text or "notes" in changes
    assert _snapshot() == before


def test_the_person_gets_the_outcome_messages_in_their_own_words(client, person):
    assessment = started(person, person.user, Kind.SELF)
    client.force_login(person.user)
    response = client.post(url("outcome_answer", assessment, outcome="nutrition"), {})
    assert _problem(response)
    assert "Choose what is true for you, or 'None of these'" in response.text
    response = client.post(
        url("outcome_answer", assessment, outcome="nutrition"),
        {"unable_meanings": ["none", "takes_longer"], "severity": "some"},
    )
    assert _problem(response)
    assert "untick it and choose what is true for you" in response.text
    assert not OutcomeAnswer.objects.exists()


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize("field", list(GOOD_OUTCOME))
def test_outcome_form_survives_junk_in_any_field(sw_client, draft, field, junk):
    before = _snapshot()
    response = sw_client.post(
        url("outcome_answer", draft, outcome="clothing"), {**GOOD_OUTCOME, field: junk}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert _problem(response)
        assert _snapshot() == before


@pytest.mark.parametrize("junk", ["", "self-funded", "<b>", "\x00", "💷"])
def test_starting_with_no_or_a_made_up_kind_explains_it(sw_client, person, junk):
    response = sw_client.post(
        reverse("assessments:assessment_start", args=[person.id]), {"kind": junk}
    )
    assert _problem(response)
    assert "Choose" in response.text
    assert not NeedsAssessment.objects.exists()


def test_the_person_starting_a_kind_they_cannot_start_is_told_to_choose(client, person):
    client.force_login(person.user)
    response = client.post(
        reverse("assessments:assessment_start", args=[person.id]), {"kind": "council"}
    )
    assert _problem(response)
    assert 'href="#id_kind_1">Choose a kind of assessment from the list' in response.text
    assert not NeedsAssessment.objects.exists()


def test_starting_a_second_one_of_the_same_kind_explains_why_not(sw_client, person, draft):
    response = sw_client.post(
        reverse("assessments:assessment_start", args=[person.id]), {"kind": "council"}
    )
    assert _problem(response)
    assert "There is already an assessment of this kind in progress" in response.text
    assert NeedsAssessment.objects.count() == 1


def test_sending_an_unfinished_self_assessment_lists_what_is_missing(client, person):
    assessment = started(person, person.user, Kind.SELF)
    client.force_login(person.user)
    before = _snapshot()
    response = client.post(url("assessment_check", assessment), {"junk": "\x00"})
    assert _problem(response)
    assert "Some questions are not answered yet" in response.text
    assert "Maintaining personal hygiene" in response.text
    assert _snapshot() == before


def test_completing_an_unfinished_assessment_lists_what_is_missing(sw_client, draft):
    before = _snapshot()
    response = sw_client.post(url("assessment_complete", draft))
    assert _problem(response)
    assert "Some questions are not answered yet" in response.text
    assert _snapshot() == before


def test_completing_an_unsent_self_assessment_explains_why_not(sw_client, person):
    assessment = started(person, person.user, Kind.SELF)
    response = sw_client.post(url("assessment_complete", assessment))
    assert _problem(response) and "has not sent this self-assessment yet" in response.text
    assessment.refresh_from_db()
    assert assessment.status == NeedsAssessment.Status.DRAFT


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("", "Say what needs to change and why"),
        ("   ", "Say what needs to change and why"),
        ("x" * 5001, "Keep this to 5,000 characters or fewer"),
        ("\x00", "Null characters are not allowed"),
    ],
)
def test_asking_for_changes_without_a_usable_note_saves_nothing(sw_client, person, note, message):
    assessment = submitted_self_assessment(person, person.user)
    before = _snapshot()
    response = sw_client.post(url("assessment_request_changes", assessment), {"note": note})
    assert _problem(response) and message in response.text
    assert _snapshot() == before


def test_asking_for_changes_to_an_unsent_assessment_explains_why_not(sw_client, person):
    assessment = started(person, person.user, Kind.SELF)
    response = sw_client.post(url("assessment_request_changes", assessment), {"note": "More"})
    assert _problem(response) and "only ask for changes to an assessment that has been sent" in (
        response.text
    )
    assert "More</textarea>" in response.text


@pytest.fixture
def completed(person, social_worker):
    return completed_council_assessment(person, social_worker)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose yes if you agree with the decision"),
        ({"agrees": "kinda"}, "Choose yes or no"),
        ({"agrees": "no", "reason": ""}, "Say why you disagree with the computed decision"),
        ({"agrees": "no", "reason": "x" * 5001}, "Keep this to 5,000 characters or fewer"),
    ],
)
def test_an_eligibility_decision_with_a_mistake_saves_nothing(sw_client, completed, data, message):
    response = sw_client.post(url("eligibility_decide", completed), data)
    assert _problem(response) and message in response.text
    assert not EligibilityDecision.objects.exists()


def test_deciding_eligibility_before_completion_explains_why_not(sw_client, person, social_worker):
    from .factories import fill_in

    assessment = fill_in(started(person, social_worker), social_worker)
    response = sw_client.post(url("eligibility_decide", assessment), {"agrees": "yes"})
    assert _problem(response) and "Complete the assessment before deciding" in response.text
    assert not EligibilityDecision.objects.exists()


@pytest.fixture
def eligible(completed, social_worker):
    ensure_allocation_table(completed.person.local_authority, date(2020, 4, 1))
    eligibility_confirm(assessment=completed, user=social_worker, agrees=True)
    return completed


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose which amount to record"),
        ({"amount": "lots"}, "Choose which amount to record"),
        ({"amount": "other", "override_weekly": "", "reason": "x"}, "Enter the weekly amount"),
        ({"amount": "other", "override_weekly": "ten pounds", "reason": "x"}, "pounds and pence"),
        ({"amount": "other", "override_weekly": "-5", "reason": "x"}, "must be more than £0"),
        # Issue 9, item 8: the person has eligible needs, so £0 a week cannot meet them.
        ({"amount": "other", "override_weekly": "0", "reason": "x"}, "must be more than £0"),
        ({"amount": "other", "override_weekly": "0.00", "reason": "x"}, "eligible needs"),
        ({"amount": "other", "override_weekly": "12.345", "reason": "x"}, "nearest penny"),
        ({"amount": "other", "override_weekly": "1e6", "reason": "x"}, "pounds and pence"),
        ({"amount": "other", "override_weekly": "100000", "reason": "x"}, "£99,999.99 or less"),
        ({"amount": "other", "override_weekly": "NaN", "reason": "x"}, "pounds and pence"),
        ({"amount": "other", "override_weekly": "Infinity", "reason": "x"}, "pounds and pence"),
        ({"amount": "other", "override_weekly": "150", "reason": " "}, "Say why you are changing"),
    ],
)
def test_an_indicative_budget_with_a_mistake_keeps_the_amount_and_saves_nothing(
    sw_client, eligible, data, message
):
    response = sw_client.post(url("indicative_budget", eligible), data)
    assert _problem(response) and message in response.text
    if data.get("override_weekly"):
        assert f'value="{data["override_weekly"]}"' in response.text
    assert not IndicativeBudget.objects.exists()


@pytest.mark.parametrize("junk", JUNK)
@pytest.mark.parametrize("field", ["amount", "override_weekly", "reason"])
def test_the_budget_form_survives_junk(sw_client, eligible, field, junk):
    data = {"amount": "other", "override_weekly": "150.00", "reason": "Two carers", field: junk}
    response = sw_client.post(url("indicative_budget", eligible), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert _problem(response)
        assert not IndicativeBudget.objects.exists()


def test_leftover_text_in_the_amount_box_does_not_block_choosing_the_computed_amount(
    sw_client, eligible
):
    response = sw_client.post(
        url("indicative_budget", eligible),
        {"amount": "computed", "override_weekly": "£abc", "reason": ""},
    )
    assert response.status_code == 302
    budget = IndicativeBudget.objects.get()
    assert budget.override_weekly is None and budget.weekly == budget.computed_weekly
