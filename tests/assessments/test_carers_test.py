"""The carers' eligibility test (Care and Support (Eligibility Criteria) Regulations 2015,
regulation 3), asked question by question in a carer's assessment: needs that arise from
providing necessary care for an adult; health deteriorating or at risk, or any ONE of eight
outcomes not achieved in any of THREE ways; and a significant impact on wellbeing, now or likely.

Every way is tested on every path: the council's assessor, the carer's own supported
self-assessment, and a representative helping with it."""

from html import unescape

import pytest
from django.urls import reverse

from assessments import services
from assessments.eligibility import CarerFacts, OutcomeFact, decide_carer
from assessments.models import (
    CarerHealth,
    CarerOutcome,
    CarerUnableMeaning,
    EligibilityDecision,
    ImpactTiming,
    NeedsAssessment,
    OutcomeAnswer,
    UnableMeaning,
    need_label,
)
from core.errors import DomainError

from .factories import fill_in_carer, started

Kind, Status = NeedsAssessment.Kind, NeedsAssessment.Status
WAY_NAMES = {
    CarerUnableMeaning.NEEDS_ASSISTANCE: "needs help or prompting",
    CarerUnableMeaning.PAIN_DISTRESS: "significant pain, distress or anxiety",
    CarerUnableMeaning.ENDANGERS: "endangers them or others",
}
PATHS = [
    "council-led carer's assessment",
    "carer's supported self-assessment",
    "carer's self-assessment with a representative",
]


def url(name, assessment, **kwargs):
    return reverse(f"assessments:{name}", kwargs={"assessment_id": assessment.id, **kwargs})


def snapshot() -> tuple:
    return (
        list(NeedsAssessment.objects.order_by("id").values()),
        list(OutcomeAnswer.objects.order_by("id").values()),
        list(EligibilityDecision.objects.values()),
    )


def problem(response) -> bool:
    return response.status_code == 200 and "There is a problem" in response.text


# The test itself: a pure function of the facts.


def carer_facts(*unable: OutcomeFact, **changes) -> CarerFacts:
    """Every outcome answered: the given ones not achieved, the rest achieved; health not at
    risk; needs from caring; a significant impact now."""
    named = {fact.outcome for fact in unable}
    outcomes = tuple(unable) + tuple(
        OutcomeFact(outcome) for outcome in CarerOutcome.values if outcome not in named
    )
    values = dict(
        needs_from_caring=True,
        health=CarerHealth.NOT_AT_RISK,
        outcomes=outcomes,
        wellbeing_significant=True,
        wellbeing_timing=ImpactTiming.CURRENT,
    )
    return CarerFacts(**(values | changes))


def test_a_carer_has_three_ways_of_being_unable_and_no_takes_longer():
    assert CarerUnableMeaning.values == [
        UnableMeaning.NEEDS_ASSISTANCE,
        UnableMeaning.PAIN_DISTRESS,
        UnableMeaning.ENDANGERS,
    ]
    assert UnableMeaning.TAKES_LONGER not in CarerUnableMeaning.values


def test_there_are_eight_carers_outcomes_with_their_own_values():
    assert len(CarerOutcome.values) == 8
    assert need_label(CarerOutcome.RECREATION) == "Engaging in recreational activities"
    assert need_label("nutrition") == "Managing and maintaining nutrition"


@pytest.mark.parametrize("way", CarerUnableMeaning.values)
def test_one_outcome_in_any_one_way_is_enough(way):
    result = decide_carer(carer_facts(OutcomeFact(CarerOutcome.WORK_EDUCATION, (way,))))
    assert result.eligible
    assert result.conditions == {"caring": True, "effect": True, "wellbeing": True}
    assert result.outcomes_not_achieved == [CarerOutcome.WORK_EDUCATION]
    assert result.reasons["effect"] == (
        "The carer's health is not deteriorating or at risk of it. Unable to achieve 1 of the 8 "
        f"outcomes: Engaging in work, training, education or volunteering ({WAY_NAMES[way]})."
    )


@pytest.mark.parametrize(
    ("health", "words"),
    [
        (CarerHealth.DETERIORATING, "The carer's physical or mental health is deteriorating."),
        (
            CarerHealth.AT_RISK,
            "The carer's physical or mental health is at risk of deteriorating.",
        ),
    ],
)
def test_health_deteriorating_or_at_risk_alone_is_enough(health, words):
    result = decide_carer(carer_facts(health=health))
    assert result.eligible and result.outcomes_not_achieved == []
    assert result.reasons["effect"] == f"{words} Able to achieve all the outcomes answered."


def test_neither_health_nor_any_outcome_is_not_eligible_and_says_what_would_be_enough():
    result = decide_carer(carer_facts())
    assert not result.eligible
    assert result.conditions == {"caring": True, "effect": False, "wellbeing": True}
    assert result.reasons["effect"].endswith(
        "One outcome not achieved, or health at risk, is enough."
    )


def test_no_significant_impact_on_wellbeing_is_not_eligible():
    facts = carer_facts(health=CarerHealth.DETERIORATING, wellbeing_significant=False)
    result = decide_carer(facts)
    assert not result.eligible
    assert result.conditions == {"caring": True, "effect": True, "wellbeing": False}
    assert result.reasons["wellbeing"] == "There is not a significant impact on wellbeing."


def test_needs_that_do_not_arise_from_providing_necessary_care_are_not_eligible():
    result = decide_carer(carer_facts(health=CarerHealth.DETERIORATING, needs_from_caring=False))
    assert not result.eligible
    assert result.conditions == {"caring": False, "effect": True, "wellbeing": True}
    assert result.reasons["caring"] == (
        "The needs do not arise because the carer provides necessary care for an adult."
    )


@pytest.mark.parametrize(
    ("timing", "words"),
    [
        (ImpactTiming.CURRENT, "As a consequence, this has a significant impact on wellbeing now."),
        (
            ImpactTiming.ANTICIPATED,
            "As a consequence, this is likely to have a significant impact on wellbeing.",
        ),
    ],
)
def test_the_reason_says_whether_the_impact_is_now_or_likely(timing, words):
    result = decide_carer(carer_facts(health=CarerHealth.AT_RISK, wellbeing_timing=timing))
    assert result.reasons["wellbeing"] == words


def test_nothing_recorded_is_not_eligible_with_a_reason_for_each_condition():
    result = decide_carer(
        CarerFacts(needs_from_caring=None, health="", outcomes=(), wellbeing_significant=None)
    )
    assert not result.eligible
    assert "not yet recorded" in result.reasons["caring"]
    assert "not yet recorded" in result.reasons["effect"]
    assert "not yet recorded" in result.reasons["wellbeing"]


# Every way, on every path, through the pages.


@pytest.fixture
def on_path(request, client, person, social_worker, represented_person, nominated_person):
    """(client signed in as whoever answers on this path, their carer's assessment with every
    question answered: health not at risk, every outcome achieved)."""
    who, subject, kind = {
        PATHS[0]: (social_worker, person, Kind.CARER),
        PATHS[1]: (person.user, person, Kind.CARER_SELF),
        PATHS[2]: (nominated_person, represented_person, Kind.CARER_SELF),
    }[request.param]
    client.force_login(who)
    client.post(reverse("people:acting_for"), {"person": subject.id})
    assessment = fill_in_carer(started(subject, who, kind), who, unable=())
    return client, NeedsAssessment.objects.get(pk=assessment.pk)


@pytest.mark.parametrize("way", CarerUnableMeaning.values)
@pytest.mark.parametrize("on_path", PATHS, indirect=True)
def test_each_of_the_three_ways_alone_makes_one_outcome_enough_on_every_path(on_path, way):
    client, assessment = on_path
    assert not services.eligibility_preview(assessment).eligible
    response = client.post(
        url("outcome_answer", assessment, outcome="carer-relationships"),
        {"unable_meanings": [way]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    answer = assessment.outcome_answers.get(outcome=CarerOutcome.RELATIONSHIPS)
    assert (answer.can_achieve, answer.unable_meanings, answer.severity) == (False, [way], "")
    result = services.eligibility_preview(assessment)
    assert result.eligible and result.outcomes_not_achieved == [CarerOutcome.RELATIONSHIPS]
    assert (
        "Developing and maintaining family or other personal relationships "
        f"({WAY_NAMES[way]})" in result.reasons["effect"]
    )


@pytest.mark.parametrize("on_path", PATHS, indirect=True)
def test_every_path_asks_the_three_ways_and_never_takes_longer(on_path):
    client, assessment = on_path
    page = unescape(client.get(url("outcome_answer", assessment, outcome="carer-home")).text)
    assert all(f'value="{way}"' in page for way in CarerUnableMeaning.values)
    assert 'value="takes_longer"' not in page and "much longer" not in page
    assert 'name="severity"' not in page
    assert "question 3 of 8" in page
    before = snapshot()
    response = client.post(
        url("outcome_answer", assessment, outcome="carer-home"),
        {"unable_meanings": ["takes_longer"]},
    )
    assert problem(response) and "Choose from the list" in response.text
    assert snapshot() == before


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (PATHS[0], ["Because of caring, is", "Cannot do it without help"]),
        (PATHS[1], ["which of these are true for you?", "I cannot do it without help"]),
        (PATHS[2], ["which of these are true for", "cannot do it without help"]),
    ],
)
def test_each_path_is_asked_in_its_own_words(
    client, person, social_worker, represented_person, nominated_person, path, words
):
    who, subject, kind = {
        PATHS[0]: (social_worker, person, Kind.CARER),
        PATHS[1]: (person.user, person, Kind.CARER_SELF),
        PATHS[2]: (nominated_person, represented_person, Kind.CARER_SELF),
    }[path]
    client.force_login(who)
    client.post(reverse("people:acting_for"), {"person": subject.id})
    assessment = started(subject, who, kind)
    page = unescape(client.get(url("outcome_answer", assessment, outcome="carer-recreation")).text)
    assert all(word in page for word in words), page
    if path == PATHS[2]:
        assert f"{subject.display_name} cannot do it without help" in page
        assert "I cannot" not in page
    health = unescape(
        client.get(url("assessment_section", assessment, section="carer-health")).text
    )
    if path == PATHS[1]:
        assert "Is caring making your physical or mental health worse?" in health
    if path == PATHS[0]:
        assert "deteriorating, or at risk of deteriorating?" in health


@pytest.mark.parametrize("on_path", PATHS, indirect=True)
def test_health_at_risk_alone_through_the_pages_on_every_path(on_path):
    client, assessment = on_path
    response = client.post(
        url("assessment_section", assessment, section="carer-health"),
        {"carer_health": CarerHealth.AT_RISK, "carer_health_notes": "I sleep 4 hours a night."},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.carer_health == CarerHealth.AT_RISK
    result = services.eligibility_preview(assessment)
    assert result.eligible and result.outcomes_not_achieved == []


@pytest.mark.parametrize("timing", ImpactTiming.values)
@pytest.mark.parametrize("on_path", PATHS, indirect=True)
def test_whether_the_impact_is_now_or_likely_is_recorded_on_every_path(on_path, timing):
    client, assessment = on_path
    response = client.post(
        url("assessment_section", assessment, section="wellbeing"),
        {"impact": "significant", "wellbeing_impact_timing": timing, "wellbeing_areas": ["health"]},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.wellbeing_impact_timing == timing


# From answers to a decision, and the assessor's confirmation or override.


def _to_completed(assessment, who, social_worker):
    if assessment.is_self_assessment:
        services.needs_assessment_submit(assessment=assessment, user=who)
    return services.needs_assessment_complete(assessment=assessment, user=social_worker)


@pytest.mark.parametrize("kind", [Kind.CARER, Kind.CARER_SELF])
def test_the_assessor_confirms_the_proposed_decision_with_its_reasons(
    client, person, social_worker, kind
):
    who = social_worker if kind == Kind.CARER else person.user
    assessment = fill_in_carer(started(person, who, kind), who)  # 1 outcome: recreation
    assessment = _to_completed(assessment, who, social_worker)
    client.force_login(social_worker)
    page = client.get(url("eligibility_decide", assessment)).text
    assert "Eligible for support as a carer" in page
    assert "2. Health at risk, or unable to achieve 1 or more outcomes" in page
    assert "Engaging in recreational activities (needs help or prompting)" in page
    response = client.post(url("eligibility_decide", assessment), {"agrees": "yes", "reason": ""})
    assert response.status_code == 302
    decision = EligibilityDecision.objects.get(assessment=assessment)
    assert decision.eligible and decision.computed_eligible and decision.assessor_agrees
    assert set(decision.reasons) == {"caring", "effect", "wellbeing"}
    assert decision.outcomes_not_achieved == [CarerOutcome.RECREATION]
    assert NeedsAssessment.objects.eligible().filter(pk=assessment.pk).exists()
    detail = client.get(url("assessment_detail", assessment)).text
    assert "Eligible for support as a carer" in detail
    assert "Work out the indicative budget" not in detail
    assert client.get(url("indicative_budget", assessment)).status_code == 404


def test_the_assessor_overrides_with_a_reason_and_without_one_nothing_is_saved(
    client, person, social_worker
):
    assessment = fill_in_carer(started(person, social_worker, Kind.CARER), social_worker, unable=())
    assessment = _to_completed(assessment, social_worker, social_worker)
    client.force_login(social_worker)
    before = snapshot()
    response = client.post(url("eligibility_decide", assessment), {"agrees": "no", "reason": ""})
    assert problem(response) and "Say why you disagree with the computed decision" in response.text
    assert snapshot() == before
    response = client.post(
        url("eligibility_decide", assessment),
        {"agrees": "no", "reason": "She cares for two people every night; health is at risk."},
    )
    assert response.status_code == 302
    decision = EligibilityDecision.objects.get(assessment=assessment)
    assert (decision.computed_eligible, decision.eligible) == (False, True)
    assert decision.disagreement_reason.startswith("She cares for two people")
    copy = client.get(url("assessment_copy", assessment)).text
    assert "The assessor disagreed" in copy and "Eligible for support as a carer" in copy


@pytest.mark.parametrize(
    ("answers", "condition"),
    [
        ({"significant": False}, "wellbeing"),
        ({"from_caring": False}, "caring"),
        ({"unable": ()}, "effect"),
    ],
)
def test_a_failed_condition_is_not_eligible_in_the_confirmed_decision(
    person, social_worker, answers, condition
):
    assessment = fill_in_carer(started(person, social_worker, Kind.CARER), social_worker, **answers)
    assessment = _to_completed(assessment, social_worker, social_worker)
    decision = services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    assert not decision.eligible
    assert [key for key, met in services.eligibility_preview(assessment).conditions.items()] == [
        "caring",
        "effect",
        "wellbeing",
    ]
    assert not services.eligibility_preview(assessment).conditions[condition]
    assert not NeedsAssessment.objects.eligible().filter(pk=assessment.pk).exists()


def test_a_carers_self_assessment_is_sent_then_completed_by_the_council(
    client, person, social_worker
):
    assessment = fill_in_carer(started(person, person.user, Kind.CARER_SELF), person.user)
    with pytest.raises(DomainError, match="has not sent this self-assessment yet"):
        services.needs_assessment_complete(assessment=assessment, user=social_worker)
    client.force_login(person.user)
    check = client.get(url("assessment_check", assessment)).text
    assert "Send to the council" in check and "Who you care for" in check
    assert client.post(url("assessment_check", assessment)).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    completed = services.needs_assessment_complete(assessment=assessment, user=social_worker)
    assert completed.status == Status.COMPLETED


def test_a_carers_assessment_cannot_be_completed_until_the_test_is_answered(person, social_worker):
    assessment = started(person, social_worker, Kind.CARER)
    missing = services.missing_answers(assessment)
    assert "Whether the needs arise from providing necessary care for an adult" in missing
    assert "Whether caring puts the carer's health at risk" in missing
    assert "Engaging in recreational activities" in missing
    assert "Managing toilet needs" not in missing  # an adult's outcome
    with pytest.raises(DomainError, match="Some questions are not answered yet"):
        services.needs_assessment_complete(assessment=assessment, user=social_worker)


def test_the_person_can_start_a_carers_self_assessment_in_plain_words(client, person):
    client.force_login(person.user)
    start = reverse("assessments:assessment_start", args=[person.id])
    page = unescape(client.get(start).text)
    assert "About your needs as a carer, because you look after another adult" in page
    assert client.post(start, {"kind": Kind.CARER_SELF}).status_code == 302
    assessment = NeedsAssessment.objects.get()
    assert assessment.kind == Kind.CARER_SELF and assessment.started_by == person.user
    detail = unescape(client.get(url("assessment_detail", assessment)).text)
    assert "The care you give" in detail and "Your life alongside caring" in detail


# Bad input: a clear message, nothing half-saved.


@pytest.fixture
def carer_draft(client, social_worker, person):
    client.force_login(social_worker)
    return started(person, social_worker, Kind.CARER)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose the ways"),  # marked neither achieved nor not: no way chosen
        ({"unable_meanings": ["none", "endangers"]}, "Choose 'None of these' on its own"),
        ({"unable_meanings": ["takes_longer"]}, "Choose from the list"),
        ({"unable_meanings": ["juggling"]}, "Choose from the list"),
    ],
)
def test_an_outcome_without_a_clear_answer_explains_and_saves_nothing(
    client, carer_draft, data, message
):
    before = snapshot()
    response = client.post(url("outcome_answer", carer_draft, outcome="carer-nutrition"), data)
    assert problem(response) and message in response.text
    assert snapshot() == before


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        ("caring", {"caring_for": "My mum"}, "Choose yes if"),
        ("caring", {"caring_for": " ", "needs_from_caring": "yes"}, "Enter who"),
        ("caring", {"caring_for": "My mum", "needs_from_caring": "maybe"}, "Choose yes or no"),
        ("carer-health", {"carer_health_notes": "Tired"}, "Choose whether"),
        ("carer-health", {"carer_health": "exhausted"}, "Choose one of the answers"),
        ("wellbeing", {"impact": "significant", "wellbeing_areas": ["health"]}, "Choose whether"),
    ],
)
def test_a_section_with_a_mistake_explains_and_saves_nothing(
    client, carer_draft, section, data, message
):
    before = snapshot()
    response = client.post(url("assessment_section", carer_draft, section=section), data)
    assert problem(response) and message in response.text
    assert snapshot() == before


@pytest.mark.parametrize(
    ("outcome", "ways", "message"),
    [
        ("nutrition", [], "Choose one of the carer's eight outcomes"),  # an adult's outcome
        (CarerOutcome.NUTRITION, ["takes_longer"], "Choose from the list"),
    ],
)
def test_the_service_refuses_what_the_carers_test_does_not_ask(
    person, social_worker, outcome, ways, message
):
    assessment = started(person, social_worker, Kind.CARER)
    with pytest.raises(DomainError, match=message):
        services.outcome_answer_save(
            assessment=assessment,
            user=social_worker,
            outcome=outcome,
            unable_meanings=ways,
            severity="",
            fluctuates=False,
            notes="",
        )
    assert not OutcomeAnswer.objects.exists()


def test_an_adult_assessment_refuses_a_carers_outcome(person, social_worker):
    assessment = started(person, social_worker, Kind.COUNCIL)
    with pytest.raises(DomainError, match="Choose one of the ten outcomes"):
        services.outcome_answer_save(
            assessment=assessment,
            user=social_worker,
            outcome=CarerOutcome.RECREATION,
            unable_meanings=[],
            severity="",
            fluctuates=False,
            notes="",
        )


# Carers' assessments decided before the carers' test was asked.


def legacy_carer_assessment(person, social_worker, *, eligible=True) -> NeedsAssessment:
    """A completed carer's assessment as it was recorded before: a yes/no and a reason."""
    assessment = started(person, social_worker, Kind.CARER)
    NeedsAssessment.objects.filter(pk=assessment.pk).update(
        carer_eligible=eligible,
        carer_decision_reason="Caring every night affects her sleep.",
        status=Status.COMPLETED,
        completed_at=assessment.created_at,
        completed_by=social_worker,
    )
    return NeedsAssessment.objects.get(pk=assessment.pk)


def test_an_old_carers_decision_stands_as_recorded_and_is_shown(client, person, social_worker):
    assessment = legacy_carer_assessment(person, social_worker)
    assert assessment.decided_before_carers_test
    assert NeedsAssessment.objects.eligible().filter(pk=assessment.pk).exists()
    assert OutcomeAnswer.objects.count() == 0 and assessment.needs_from_caring is None
    client.force_login(social_worker)
    detail = client.get(url("assessment_detail", assessment)).text
    assert "The carer's needs are eligible" in detail
    assert "Caring every night affects her sleep." in detail
    assert "Decide eligibility" not in detail
    assert client.get(url("eligibility_decide", assessment)).status_code == 404
    with pytest.raises(DomainError, match="Its recorded decision stands"):
        services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    copy = client.get(url("assessment_copy", assessment)).text
    assert "Decision recorded before the carers&#x27; questions were asked" in copy
    assert client.get(url("assessment_pdf", assessment)).status_code == 200


def test_an_old_carers_draft_answers_the_test_and_its_old_answer_no_longer_counts(
    person, social_worker
):
    assessment = started(person, social_worker, Kind.CARER)
    NeedsAssessment.objects.filter(pk=assessment.pk).update(
        carer_eligible=True, carer_decision_reason="Old draft answer."
    )
    assessment = fill_in_carer(NeedsAssessment.objects.get(pk=assessment.pk), social_worker)
    assessment = _to_completed(assessment, social_worker, social_worker)
    assert not assessment.decided_before_carers_test
    assert not NeedsAssessment.objects.eligible().filter(pk=assessment.pk).exists()
    services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    assert NeedsAssessment.objects.eligible().filter(pk=assessment.pk).exists()
    assessment.refresh_from_db()
    assert (assessment.carer_eligible, assessment.carer_decision_reason) == (
        True,
        "Old draft answer.",
    )


# Every page of a carer's assessment renders, on both kinds.


@pytest.mark.parametrize("kind", [Kind.CARER, Kind.CARER_SELF])
def test_every_page_of_a_carers_assessment_renders(client, person, social_worker, kind):
    who = social_worker if kind == Kind.CARER else person.user
    assessment = fill_in_carer(started(person, who, kind), who)
    client.force_login(who)
    pages = [url("assessment_detail", assessment), url("assessment_check", assessment)]
    pages += [
        url("assessment_section", assessment, section=section)
        for section in ["about", "caring", "carer-health", "wellbeing", "prevention"]
    ]
    pages += [
        url("outcome_answer", assessment, outcome=outcome.replace("_", "-"))
        for outcome in CarerOutcome.values
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "Error: " not in response.text.split("</title>")[0]
    assessment = _to_completed(assessment, who, social_worker)
    client.force_login(social_worker)
    services.eligibility_confirm(assessment=assessment, user=social_worker, agrees=True)
    for page in [
        url("assessment_detail", assessment),
        url("eligibility_decide", assessment),
        url("assessment_copy", assessment),
        reverse("assessments:person_assessments", args=[person.id]),
    ]:
        assert client.get(page).status_code == 200, page
    download = client.get(url("assessment_pdf", assessment))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


# Who may answer, and markup typed into the new answers.


def test_only_the_carer_their_representative_and_assessors_change_a_carers_self_assessment(
    client, person, other_person, social_worker
):
    assessment = started(person, person.user, Kind.CARER_SELF)
    client.force_login(other_person.user)
    page = url("outcome_answer", assessment, outcome="carer-home")
    assert client.get(page).status_code == 404
    before = snapshot()
    assert client.post(page, {"unable_meanings": ["needs_assistance"]}).status_code == 404
    assert snapshot() == before
    with pytest.raises(DomainError, match="You cannot change this assessment"):
        services.needs_assessment_save(
            assessment=assessment,
            user=other_person.user,
            section="carer_health",
            data={"carer_health": CarerHealth.AT_RISK},
        )
    client.force_login(social_worker)  # an assessor supporting the carer
    assert client.post(page, {"unable_meanings": ["needs_assistance"]}).status_code == 302


def test_the_carer_cannot_answer_the_councils_own_carers_assessment(client, person, social_worker):
    assessment = started(person, social_worker, Kind.CARER)
    client.force_login(person.user)
    before = snapshot()
    response = client.post(
        url("assessment_section", assessment, section="carer-health"),
        {"carer_health": CarerHealth.AT_RISK},
    )
    assert response.status_code in (403, 404)
    assert snapshot() == before


def test_markup_in_the_carers_answers_is_shown_as_text(client, person, social_worker):
    assessment = fill_in_carer(started(person, social_worker, Kind.CARER), social_worker)
    NeedsAssessment.objects.filter(pk=assessment.pk).update(
        caring_for="<script>alert(1)</script>", carer_health_notes="<b>tired</b>"
    )
    client.force_login(social_worker)
    for name in ["assessment_check", "assessment_copy"]:
        page = client.get(url(name, assessment)).text
        assert "<script>alert(1)" not in page and "<b>tired" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;tired" in page


def test_check_answers_lists_the_carers_answers_in_their_words(client, person):
    assessment = fill_in_carer(
        started(person, person.user, Kind.CARER_SELF),
        person.user,
        unable=(CarerOutcome.RECREATION,),
        ways=(CarerUnableMeaning.PAIN_DISTRESS,),
        health=CarerHealth.AT_RISK,
    )
    client.force_login(person.user)
    page = unescape(client.get(url("assessment_check", assessment)).text)
    assert "It is at risk: it is likely to get worse if nothing changes" in page
    assert "I can do it, but it causes me a lot of pain, distress or worry." in page
    assert "worry. ." not in page and "Time for yourself" in page
    assert "None of these: you can do this without help" in page
