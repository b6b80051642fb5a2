"""Issue 11, item 3: each outcome asks the four ways of being unable, and any one of them alone
makes the outcome one the person cannot achieve, on every path: the council's assessor, the
person's own supported self-assessment, and a family carer helping with it (their nominated
person). "Yes, but only with significant pain" is no longer wiped by a yes/no question."""

import importlib
from html import unescape

import pytest
from django.apps import apps
from django.urls import reverse

from assessments import services
from assessments.models import (
    ImpactTiming,
    NeedsAssessment,
    Outcome,
    OutcomeAnswer,
    Severity,
    UnableMeaning,
)
from core.errors import DomainError

from .factories import (
    completed_council_assessment,
    fill_in,
    started,
    submitted_self_assessment,
    with_decision_and_budget,
)

Kind = NeedsAssessment.Kind
WAY_NAMES = {
    UnableMeaning.NEEDS_ASSISTANCE: "needs help or prompting",
    UnableMeaning.PAIN_DISTRESS: "significant pain, distress or anxiety",
    UnableMeaning.ENDANGERS: "endangers them or others",
    UnableMeaning.TAKES_LONGER: "takes significantly longer",
}
PATHS = ["council assessor", "self-assessment by the person", "self-assessment by a carer"]


def url(name, assessment, **kwargs):
    return reverse(f"assessments:{name}", kwargs={"assessment_id": assessment.id, **kwargs})


@pytest.fixture
def on_path(request, client, person, social_worker, represented_person, nominated_person):
    """(client signed in as whoever answers on this path, their assessment, all answered 'None
    of these')."""
    who, subject, kind = {
        "council assessor": (social_worker, person, Kind.COUNCIL),
        "self-assessment by the person": (person.user, person, Kind.SELF),
        "self-assessment by a carer": (nominated_person, represented_person, Kind.SELF),
    }[request.param]
    client.force_login(who)
    client.post(reverse("people:acting_for"), {"person": subject.id})
    assessment = fill_in(started(subject, who, kind), who, unable=())
    return client, NeedsAssessment.objects.get(pk=assessment.pk)


@pytest.mark.parametrize("way", UnableMeaning.values)
@pytest.mark.parametrize("on_path", PATHS, indirect=True)
def test_each_way_alone_makes_an_outcome_not_achieved_on_every_path(on_path, way):
    client, assessment = on_path
    assert not services.eligibility_preview(assessment).conditions["outcomes"]
    for outcome in ["nutrition", "personal-hygiene"]:
        response = client.post(
            url("outcome_answer", assessment, outcome=outcome),
            {"unable_meanings": [way], "severity": "some"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    answer = assessment.outcome_answers.get(outcome=Outcome.NUTRITION)
    assert answer.is_unable and answer.can_achieve is False and answer.unable_meanings == [way]
    result = services.eligibility_preview(assessment)
    assert result.eligible
    assert result.outcomes_not_achieved == [Outcome.NUTRITION, Outcome.PERSONAL_HYGIENE]
    assert f"Managing and maintaining nutrition ({WAY_NAMES[way]})" in result.reasons["outcomes"]


@pytest.mark.parametrize("on_path", PATHS, indirect=True)
def test_every_path_asks_all_four_ways_with_none_of_these_after_an_or(on_path):
    client, assessment = on_path
    page = unescape(client.get(url("outcome_answer", assessment, outcome="clothing")).text)
    ways = [f'value="{way}"' for way in UnableMeaning.values]
    assert all(way in page for way in ways)
    assert page.index('govuk-checkboxes__divider">or<') > max(page.index(way) for way in ways)
    assert 'value="none" data-behaviour="exclusive" checked' in page  # answered 'None' before
    assert "None of these:" in page and "can do this without help" in page.replace(
        "can achieve this without help", "can do this without help"
    )
    assert 'name="can_achieve"' not in page


def test_the_confirmed_decision_names_the_ways_for_each_outcome(person, social_worker):
    assessment = fill_in(started(person, social_worker), social_worker, unable=())
    for outcome, ways in [
        (Outcome.TOILET_NEEDS, [UnableMeaning.PAIN_DISTRESS]),
        (Outcome.COMMUNITY, [UnableMeaning.TAKES_LONGER, UnableMeaning.ENDANGERS]),
    ]:
        services.outcome_answer_save(
            assessment=assessment,
            user=social_worker,
            outcome=outcome,
            unable_meanings=ways,
            severity="some",
            fluctuates=False,
            notes="",
        )
    services.needs_assessment_complete(assessment=assessment, user=social_worker)
    decision = services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    assert decision.eligible
    assert decision.reasons["outcomes"] == (
        "Unable to achieve 2 of the 10 outcomes: Managing toilet needs (significant pain, "
        "distress or anxiety); Making use of necessary facilities or services in the local "
        "community, including public transport and recreational facilities or services "
        "(endangers them or others; takes significantly longer)."
    )
    assert decision.reasons["wellbeing"] == (
        "Not achieving these outcomes has a significant impact on wellbeing now."
    )


@pytest.mark.parametrize(
    ("timing", "words"),
    [
        (ImpactTiming.CURRENT, "has a significant impact on wellbeing now"),
        (ImpactTiming.ANTICIPATED, "is likely to have a significant impact on wellbeing"),
    ],
)
def test_the_wellbeing_page_records_whether_the_impact_is_now_or_likely(
    client, person, social_worker, timing, words
):
    assessment = fill_in(started(person, social_worker), social_worker)
    client.force_login(social_worker)
    page = client.get(url("assessment_section", assessment, section="wellbeing")).text
    assert "is the impact happening now, or is it likely to happen?" in page
    response = client.post(
        url("assessment_section", assessment, section="wellbeing"),
        {"impact": "significant", "wellbeing_impact_timing": timing, "wellbeing_areas": ["health"]},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.wellbeing_impact_timing == timing
    assert words in services.eligibility_preview(assessment).reasons["wellbeing"]
    check = client.get(url("assessment_check", assessment)).text
    assert dict(ImpactTiming.choices)[timing] in check


def test_a_self_assessment_asks_about_timing_in_plain_english(client, person):
    assessment = started(person, person.user, Kind.SELF)
    client.force_login(person.user)
    response = client.post(
        url("assessment_section", assessment, section="wellbeing"),
        {"impact": "cumulative", "wellbeing_areas": ["health"]},
    )
    assert "Choose whether this is happening now or is likely to happen" in response.text
    assert "It is likely to happen, if nothing changes" in response.text
    assessment.refresh_from_db()
    assert assessment.wellbeing_significant is None and not assessment.cumulative_impact


def test_choosing_none_after_a_way_clears_it_and_the_help_needed(client, person, social_worker):
    assessment = started(person, social_worker)
    client.force_login(social_worker)
    target = url("outcome_answer", assessment, outcome="nutrition")
    client.post(target, {"unable_meanings": ["pain_distress"], "severity": "a_lot"})
    client.post(target, {"unable_meanings": ["none"], "severity": "a_lot"})
    answer = assessment.outcome_answers.get()
    assert (answer.can_achieve, answer.unable_meanings, answer.severity) == (True, [], "")


# Records made before the four ways became the question


def test_an_old_record_answered_no_with_reasons_still_counts_and_shows_its_ways(
    client, person, social_worker
):
    assessment = completed_council_assessment(person, social_worker)  # the old shape: no, because
    answer = assessment.outcome_answers.get(outcome=Outcome.NUTRITION)
    assert (answer.can_achieve, answer.unable_meanings) == (False, ["needs_assistance"])
    NeedsAssessment.objects.filter(pk=assessment.pk).update(wellbeing_impact_timing="")
    result = services.eligibility_preview(NeedsAssessment.objects.get(pk=assessment.pk))
    assert result.eligible
    assert result.reasons["wellbeing"] == (
        "Not achieving these outcomes has, or is likely to have, a significant impact on wellbeing."
    )
    client.force_login(social_worker)
    copy = client.get(url("assessment_copy", assessment)).text
    assert "Unable to achieve this: Cannot do it without help, including prompting" in copy


def test_an_old_draft_opens_with_its_answers_ticked(client, person, social_worker):
    assessment = started(person, social_worker)
    OutcomeAnswer.objects.create(
        assessment=assessment,
        outcome=Outcome.NUTRITION,
        can_achieve=False,
        unable_meanings=["endangers"],
        severity="some",
    )
    OutcomeAnswer.objects.create(assessment=assessment, outcome=Outcome.CLOTHING, can_achieve=True)
    client.force_login(social_worker)
    meals = client.get(url("outcome_answer", assessment, outcome="nutrition")).text
    assert 'value="endangers" checked' in meals
    clothes = client.get(url("outcome_answer", assessment, outcome="clothing")).text
    assert 'value="none" data-behaviour="exclusive" checked' in clothes


def test_the_migration_makes_can_achieve_agree_with_the_ways_and_deletes_nothing(
    person, social_worker
):
    assessment = started(person, social_worker)
    contradictory = OutcomeAnswer.objects.create(
        assessment=assessment,
        outcome=Outcome.NUTRITION,
        can_achieve=True,
        unable_meanings=["pain_distress"],
        severity="some",
        notes="Painful hands",
    )
    able = OutcomeAnswer.objects.create(
        assessment=assessment, outcome=Outcome.CLOTHING, can_achieve=True
    )
    migration = importlib.import_module(
        "assessments.migrations.0004_outcome_ways_and_wellbeing_timing"
    )
    migration.derive_can_achieve(apps, None)
    contradictory.refresh_from_db()
    able.refresh_from_db()
    assert (contradictory.can_achieve, contradictory.unable_meanings) == (False, ["pain_distress"])
    assert contradictory.notes == "Painful hands" and contradictory.is_unable
    assert able.can_achieve is True and not able.is_unable
    assert OutcomeAnswer.objects.count() == 2


def test_an_old_sent_self_assessment_without_timing_can_still_be_completed(person, social_worker):
    assessment = submitted_self_assessment(person, person.user)
    NeedsAssessment.objects.filter(pk=assessment.pk).update(wellbeing_impact_timing="")
    completed = services.needs_assessment_complete(assessment=assessment, user=social_worker)
    decision = services.eligibility_confirm(assessment=completed, user=social_worker, agrees=True)
    assert decision.eligible
    assert "has, or is likely to have, a significant impact" in decision.reasons["wellbeing"]


def test_a_council_draft_without_timing_asks_for_it_before_completing(person, social_worker):
    assessment = fill_in(started(person, social_worker), social_worker)
    NeedsAssessment.objects.filter(pk=assessment.pk).update(wellbeing_impact_timing="")
    with pytest.raises(DomainError, match="impact on wellbeing is happening now or is likely"):
        services.needs_assessment_complete(assessment=assessment, user=social_worker)


def test_pain_alone_earns_points_in_the_indicative_budget(person, social_worker):
    assessment = fill_in(started(person, social_worker), social_worker, unable=())
    for outcome in [Outcome.NUTRITION, Outcome.PERSONAL_HYGIENE]:
        services.outcome_answer_save(
            assessment=assessment,
            user=social_worker,
            outcome=outcome,
            unable_meanings=[UnableMeaning.PAIN_DISTRESS],
            severity=Severity.A_LOT,
            fluctuates=False,
            notes="",
        )
    services.needs_assessment_complete(assessment=assessment, user=social_worker)
    budget = with_decision_and_budget(assessment, social_worker).indicative_budget
    assert budget.computed_weekly > 0
    assert "Managing and maintaining nutrition: needs a lot of help, 8 points" in budget.explanation
