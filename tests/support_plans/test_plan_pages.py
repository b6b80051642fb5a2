"""The person writes their support plan through the pages: every section, check and send.

Bad input on every form gets the GOV.UK error summary, keeps what was typed and saves nothing.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Outcome
from people.models import Organisation
from support_plans import services
from support_plans.models import (
    ApprovalDecision,
    ChartRow,
    PlanOutcome,
    Relationship,
    SupportLine,
    SupportPlan,
)
from tests.builders import add_line, complete_eligible_assessment, ready_plan

from ..factories import PersonFactory, ProviderFactory

Status = SupportPlan.Status
FRIEND = {"relationship_type": "friend"}


def url(name: str, plan, **kwargs) -> str:
    return reverse(f"plans:{name}", kwargs={"plan_id": plan.id, **kwargs})


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def as_person(client, eligible_person):
    client.force_login(eligible_person.user)
    return client


@pytest.fixture
def draft(eligible_person):
    return services.plan_start(person=eligible_person, user=eligible_person.user)


def approve(plan, social_worker, approver):
    services.plan_submit(plan=plan, user=plan.person.user)
    services.plan_check(plan=plan, user=social_worker)
    services.plan_decide(plan=plan, user=approver, decision=ApprovalDecision.Decision.APPROVED)
    plan.refresh_from_db()
    return plan


def _line_data(plan, **overrides) -> dict:
    data = {
        "line-description": "Help getting up and dressed",
        "line-provider_kind": "personal_assistant",
        "line-provider": "",
        "line-payee": "",
        "line-quantity_per_week": "10",
        "line-unit": "hour",
        "line-unit_cost": "15.50",
        "line-outcomes": [str(plan.outcomes.first().id)],
        "line-management": "direct_payment",
        "line-dp_holder": "person",
        "line-account_type": "bank",
    }
    return data | overrides


# The journey.


def test_person_starts_a_plan_from_their_record(as_person, eligible_person):
    record = text(as_person.get(reverse("people:person_detail", args=[eligible_person.id])))
    assert reverse("plans:person_plans", args=[eligible_person.id]) in record
    page = as_person.get(reverse("plans:person_plans", args=[eligible_person.id]))
    assert "Start the support plan" in text(page)
    response = as_person.post(reverse("plans:person_plans", args=[eligible_person.id]))
    plan = eligible_person.support_plans.get()
    assert response["Location"] == url("plan", plan)
    overview = text(as_person.get(response["Location"]))
    assert "Sam Okafor's support plan" in overview
    assert "You have completed 0 of 11 sections." in overview


def test_a_plan_cannot_start_without_an_eligible_assessment(client, person):
    client.force_login(person.user)
    page = text(client.get(reverse("plans:person_plans", args=[person.id])))
    assert "completed and has found eligible needs" in page
    assert "Start the support plan" not in page
    response = client.post(reverse("plans:person_plans", args=[person.id]))
    assert "There is a problem" in text(response)
    assert not SupportPlan.objects.exists()


def test_person_writes_every_section_and_sends_the_plan(as_person, draft, social_worker):
    client, plan = as_person, draft
    sections = {
        "important": {"important_to": "Seeing my grandson Leo", "important_for": "My tablets"},
        "profile": {
            "like_and_admire": "My terrible jokes",
            "matters_to_me": "My dog Bess",
            "how_to_support": "Talk to me, not about me",
        },
        "days": {"good_days": "A lie-in", "bad_days": "Being rushed"},
        "routines": {"routines": "Porridge at 8"},
        "contingency": {"contingency_plan": "My sister Ada covers", "risks": "I swim alone"},
    }
    for slug, data in sections.items():
        response = client.post(url("section", plan, section=slug), data)
        assert response.status_code == 302, text(response)
    client.post(
        url("relationships", plan),
        {
            "person-name": "Ada Okafor",
            "person-relationship_type": "sibling",
            "person-how_they_know_me": "My big sister",
            "person-role": "Covers when my PA is off",
            "person-lives_with_me": "no",
        },
    )
    for chart, row in {
        "communication": {
            "row-first": "I am offered fish",
            "row-second": "I push it away",
            "row-third": "I do not want it",
            "row-fourth": "Offer me pasta",
        },
        "decisions": {"row-first": "What I wear", "row-second": "Show me two", "row-third": "Me"},
        "doughnut": {"row-first": "My tablets at 8", "row-second": "core"},
    }.items():
        assert client.post(url("chart", plan, chart=chart), row).status_code == 302
    client.post(
        url("outcomes", plan),
        {
            "outcome-in_my_words": "Washed and dressed by 9 for art class",
            "outcome-eligible_needs": [Outcome.PERSONAL_HYGIENE, Outcome.NUTRITION],
        },
    )
    response = client.post(url("support_add", plan), _line_data(plan))
    assert response["Location"] == url("support", plan)

    support = text(client.get(url("support", plan)))
    assert "£155.00 a week" in support  # 10 hours at £15.50
    assert "£8,060.00" in support  # × 52
    assert "less than the indicative budget" in support
    overview = text(client.get(url("plan", plan)))
    assert "You have completed 11 of 11 sections." in overview

    check = text(client.get(url("check", plan)))
    for words in ["Seeing my grandson Leo", "Ada Okafor", "I push it away", "Core: "[:4]]:
        assert words in check
    assert "Washed and dressed by 9 for art class" in check
    assert "Send to the council" in check
    response = client.post(url("check", plan), follow=True)
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED
    assert "The plan has been sent to the council" in text(response)
    assert plan.submitted_by == plan.person.user


def test_sections_are_saved_and_shown_again(as_person, draft):
    as_person.post(url("section", draft, section="important"), {"important_to": "My garden"})
    page = text(as_person.get(url("section", draft, section="important")))
    assert "My garden</textarea>" in page
    overview = text(as_person.get(url("plan", draft)))
    assert "In progress" in overview  # one of the two questions answered
    assert "You have completed 0 of 11 sections." in overview


def test_check_page_lists_what_is_missing_before_sending(as_person, draft):
    page = text(as_person.get(url("check", draft)))
    assert "Before you can send the plan" in page
    assert "Add at least one outcome in your own words" in page
    assert "Send to the council" not in page
    response = as_person.post(url("check", draft))
    assert "There is a problem" in text(response)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_plan_over_the_indicative_budget_says_so_kindly(as_person, draft, senior_approver):
    add_line(draft, draft.person.user, quantity="40", cost="20.00")  # £800 > £300 a week
    page = text(as_person.get(url("support", draft)))
    assert "a year more than the indicative budget" in page
    assert "A senior approver at the council will need to approve it" in page
    assert "the indicative budget is a starting point, not a limit" in page


def test_parts_added_by_mistake_can_be_removed(as_person, draft):
    line = add_line(draft, draft.person.user)
    response = as_person.post(url("part_remove", draft, kind="support"), {"part": line.id})
    assert response["Location"] == url("support", draft)
    assert not draft.support_lines.exists()
    outcome = draft.outcomes.get()
    as_person.post(url("part_remove", draft, kind="outcome"), {"part": outcome.id})
    assert not draft.outcomes.exists()


def test_removing_needs_a_part_of_this_plan(as_person, draft, other_person, social_worker):
    complete_eligible_assessment(other_person, social_worker)
    theirs = services.plan_start(person=other_person, user=social_worker)
    their_line = add_line(theirs, social_worker)
    mine = add_line(draft, draft.person.user)
    for part in [their_line.id, "abc", "", "99999999"]:
        response = as_person.post(url("part_remove", draft, kind="support"), {"part": part})
        assert response.status_code == 404
    assert (
        as_person.post(url("part_remove", draft, kind="nonsense"), {"part": mine.id}).status_code
        == 404
    )
    assert SupportLine.objects.count() == 2


# Bad input on every form.


def _assert_refused(response, *messages_and_kept):
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count("govuk-error-summary__list") == 1
    for expected in messages_and_kept:
        assert expected in page, expected


@pytest.mark.parametrize(
    "section, data, expected",
    [
        ("important", {"important_to": "x" * 5001, "important_for": "kept words"}, "5,000"),
        ("contingency", {"contingency_plan": "y" * 6000}, "Keep this to 5,000 characters"),
    ],
)
def test_section_refuses_text_that_is_too_long(as_person, draft, section, data, expected):
    response = as_person.post(url("section", draft, section=section), data)
    _assert_refused(response, expected)
    if "important_for" in data:
        assert "kept words" in text(response)
    draft.refresh_from_db()
    assert draft.important_to == draft.contingency_plan == ""


def test_unknown_section_or_chart_is_not_found(as_person, draft):
    assert as_person.get(url("section", draft, section="nonsense")).status_code == 404
    assert as_person.get(url("chart", draft, chart="nonsense")).status_code == 404


@pytest.mark.parametrize(
    "data, expected",
    [
        ({}, ["Enter their name", "Choose how they are related to you", "Choose yes if"]),
        (
            {"person-name": "Kept Name", "person-relationship_type": "abc"},
            ["from the list", "Kept Name"],
        ),
        (
            {
                "person-name": "  ",
                "person-relationship_type": "friend",
                "person-lives_with_me": "maybe",
                "person-role": "kept role",
            },
            ["Enter their name", "Choose yes or no", "kept role"],
        ),
        (
            {"person-name": "N" * 151, "person-relationship_type": "friend"},
            ["150 characters or fewer"],
        ),
    ],
)
def test_relationship_form_refuses_bad_input(as_person, draft, data, expected):
    _assert_refused(as_person.post(url("relationships", draft), data), *expected)
    assert not Relationship.objects.exists()


@pytest.mark.parametrize(
    "chart, data, expected",
    [
        ("communication", {"row-second": "kept second"}, ["Fill in", "kept second"]),
        ("decisions", {"row-first": ""}, ["Fill in &#x27;the decision&#x27;"]),
        ("doughnut", {"row-first": "kept duty", "row-second": "abc"}, ["Choose one of the three"]),
        ("doughnut", {"row-first": "kept duty"}, ["Choose core", "kept duty"]),
    ],
)
def test_chart_forms_refuse_bad_input(as_person, draft, chart, data, expected):
    _assert_refused(as_person.post(url("chart", draft, chart=chart), data), *expected)
    assert not ChartRow.objects.exists()


@pytest.mark.parametrize(
    "data, expected",
    [
        ({}, ["Write the outcome in your own words", "Choose at least one"]),
        (
            {"outcome-in_my_words": "kept outcome", "outcome-eligible_needs": ["abc"]},
            ["Choose needs from the list", "kept outcome"],
        ),
        (  # a real outcome, but not one the assessment found
            {"outcome-in_my_words": "kept", "outcome-eligible_needs": [Outcome.TOILET_NEEDS]},
            ["Choose needs from the list"],
        ),
    ],
)
def test_outcome_form_refuses_bad_input(as_person, draft, data, expected):
    _assert_refused(as_person.post(url("outcomes", draft), data), *expected)
    assert not PlanOutcome.objects.exists()


def _foreign_ids(plan, social_worker, other_person):
    """Ids that belong to another person's plan, and a council posing as a provider."""
    complete_eligible_assessment(other_person, social_worker)
    theirs = services.plan_start(person=other_person, user=social_worker)
    add_line(theirs, social_worker)
    relative = services.relationship_add(
        plan=theirs,
        user=social_worker,
        details={"name": "Their Relative", "relationship_type": "sibling"},
    )
    return {
        "outcome": str(theirs.outcomes.get().id),
        "payee": str(relative.id),
        "council": str(Organisation.objects.filter(kind="local_authority").first().id),
    }


BAD_LINES = [
    ({"line-description": ""}, ["Enter what the support is"]),
    ({"line-unit_cost": "abc"}, ["Enter a cost in pounds and pence, like 15.50"]),
    ({"line-unit_cost": "-5"}, ["The cost cannot be negative"]),
    ({"line-unit_cost": "15.555"}, ["Enter a cost in pounds and pence, like 15.50"]),
    ({"line-unit_cost": "1e5"}, ["Enter a cost in pounds and pence"]),
    ({"line-unit_cost": "99999999999999"}, ["That cost is too large"]),
    ({"line-unit_cost": ""}, ["Enter the cost of each, like 15.50"]),
    ({"line-quantity_per_week": "abc"}, ["Enter how many a week as a number"]),
    ({"line-quantity_per_week": "0"}, ["Enter a number above 0"]),
    ({"line-quantity_per_week": "-3"}, ["Enter a number above 0"]),
    ({"line-quantity_per_week": "123456789"}, ["That is too many"]),
    ({"line-unit": "fortnight"}, ["Choose hour, day, week or one-off"]),
    ({"line-provider_kind": "provider"}, ["Choose the care provider"]),
    ({"line-provider_kind": "provider", "line-provider": "abc"}, ["Choose a provider from"]),
    ({"line-outcomes": []}, ["Choose the outcomes this support helps with"]),
    ({"line-outcomes": ["x"]}, ["Choose outcomes from the list"]),
    ({"line-management": "cash"}, ["Choose how the money will be managed from the list"]),
    (
        {"line-dp_holder": "", "line-account_type": ""},
        ["Choose who will hold the direct payment", "Choose where the direct payment"],
    ),
    ({"line-account_type": "cash_tin"}, ["Choose the kind of account from the list"]),
]


@pytest.mark.parametrize("overrides, expected", BAD_LINES)
def test_support_line_form_refuses_bad_input(as_person, draft, overrides, expected):
    add_line(draft, draft.person.user)
    before = SupportLine.objects.count()
    data = _line_data(draft, **{"line-description": "kept description"} | overrides)
    kept = [] if "line-description" in overrides else ["kept description"]
    _assert_refused(as_person.post(url("support_add", draft), data), *expected, *kept)
    assert SupportLine.objects.count() == before


def test_support_line_form_refuses_ids_from_another_plan(
    as_person, draft, social_worker, other_person
):
    add_line(draft, draft.person.user)
    foreign = _foreign_ids(draft, social_worker, other_person)
    before = SupportLine.objects.count()
    for overrides, expected in [
        ({"line-outcomes": [foreign["outcome"]]}, "Choose outcomes from the list"),
        ({"line-payee": foreign["payee"]}, "Choose someone from your relationship circle"),
        (
            {"line-provider_kind": "provider", "line-provider": foreign["council"]},
            "Choose a provider from the list",
        ),
    ]:
        response = as_person.post(url("support_add", draft), _line_data(draft, **overrides))
        _assert_refused(response, expected, "Help getting up and dressed", "15.50")
    assert SupportLine.objects.count() == before


def test_support_line_typed_values_are_kept(as_person, draft):
    add_line(draft, draft.person.user)
    data = _line_data(draft, **{"line-unit_cost": "abc", "line-quantity_per_week": "7.5"})
    page = text(as_person.post(url("support_add", draft), data))
    assert 'value="7.5"' in page
    assert 'value="abc"' in page
    assert 'value="direct_payment" checked' in page


def test_revise_and_necessary_decision_need_a_reason(
    client, eligible_person, social_worker, approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    wife = services.relationship_add(
        plan=plan,
        user=eligible_person.user,
        details={"name": "Grace", "relationship_type": "spouse", "lives_with_me": True},
    )
    line = add_line(plan, eligible_person.user, description="Evening help", payee=wife)
    client.force_login(social_worker)
    response = client.post(url("necessary_decision", plan, line_id=line.id), {"decision": " "})
    _assert_refused(response, "Say why paying this person is necessary")
    line.refresh_from_db()
    assert line.necessary_decision == ""
    services.necessary_decision_record(
        line=line, user=social_worker, ground="care", decision="No agency"
    )
    approve(plan, social_worker, approver)
    client.force_login(eligible_person.user)
    _assert_refused(client.post(url("revise", plan), {"reason": ""}), "Say why the plan")
    assert SupportPlan.objects.count() == 1


# Approved plans: seen, not changed.


def test_approved_plan_refuses_changes_kindly(as_person, eligible_person, social_worker, approver):
    plan = approve(ready_plan(eligible_person, eligible_person.user), social_worker, approver)
    for name, kwargs in [
        ("section", {"section": "important"}),
        ("relationships", {}),
        ("chart", {"chart": "communication"}),
        ("outcomes", {}),
        ("support", {}),
        ("support_add", {}),
        ("check", {}),
    ]:
        response = as_person.get(url(name, plan, **kwargs), follow=True)
        assert response.redirect_chain[-1][0] == url("plan", plan), name
        assert "This plan has been approved, so it cannot be changed" in text(response)
        assert "start a new revision" in text(response)
    as_person.post(url("section", plan, section="important"), {"important_to": "Sneaky"})
    as_person.post(url("part_remove", plan, kind="support"), {"part": plan.support_lines.get().id})
    as_person.post(url("check", plan))
    plan.refresh_from_db()
    assert plan.important_to == ""
    assert plan.support_lines.count() == 1
    assert plan.status == Status.APPROVED


def test_approved_plan_shows_the_final_budget_and_decisions(
    as_person, eligible_person, social_worker, approver
):
    plan = approve(ready_plan(eligible_person, eligible_person.user), social_worker, approver)
    page = text(as_person.get(url("plan", plan)))
    assert "The personal budget" in page
    assert "£150.00 a week" in page  # weekly total, LA share and direct payment
    assert "every 4 weeks, in advance" in page
    assert "Approved" in page
    assert "Priya Natarajan" in page
    assert "Start a new revision" in page
    assert "Download the plan (PDF)" in page


def test_person_starts_a_new_revision_of_an_approved_plan(
    as_person, eligible_person, social_worker, approver
):
    plan = approve(ready_plan(eligible_person, eligible_person.user), social_worker, approver)
    assert as_person.get(url("revise", plan)).status_code == 200
    response = as_person.post(url("revise", plan), {"reason": "My needs changed"})
    revision = plan.next_revision
    assert response["Location"] == url("plan", revision)
    assert revision.status == Status.DRAFT
    assert revision.change_reason == "My needs changed"
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED
    again = text(as_person.get(url("revise", plan)))
    assert "A newer revision of this plan has already been started" in again
    assert "Start a new revision" not in text(as_person.get(url("plan", plan)))


def test_council_staff_see_a_draft_read_only(client, draft, finance_officer):
    client.force_login(finance_officer)
    page = text(client.get(url("plan", draft)))
    assert "Sam Okafor's support plan" in page
    assert "govuk-task-list" not in page
    assert client.get(url("section", draft, section="important")).status_code == 404


# Paying a close relative from a direct payment.


def test_paying_a_spouse_is_flagged_and_the_council_records_it_is_necessary(
    client, as_person, draft, social_worker
):
    wife = services.relationship_add(
        plan=draft,
        user=draft.person.user,
        details={"name": "Grace Okafor", "relationship_type": "spouse", "lives_with_me": True},
    )
    line = add_line(draft, draft.person.user, description="Evening help", payee=wife)
    for page in [url("support", draft), url("check", draft)]:
        content = text(as_person.get(page))
        assert "only if the council decides it is necessary" in content
        assert "pays Grace Okafor" in content
        assert "Record the council" not in content
    assert as_person.get(url("necessary_decision", draft, line_id=line.id)).status_code == 404

    client.force_login(social_worker)
    plan_page = text(client.get(url("plan", draft)))
    assert url("necessary_decision", draft, line_id=line.id) in plan_page
    no_ground = client.post(
        url("necessary_decision", draft, line_id=line.id),
        {"decision": "No agency covers the village before 7am"},
    )
    assert "for their care or to manage the payment" in text(no_ground)
    response = client.post(
        url("necessary_decision", draft, line_id=line.id),
        {"ground": "management", "decision": "No agency covers the village before 7am"},
    )
    assert response["Location"] == url("plan", draft)
    line.refresh_from_db()
    assert line.necessary_ground == "management"
    assert line.necessary_decision == "No agency covers the village before 7am"
    assert line.necessary_decided_by == social_worker
    assert "The council decided this is necessary (to manage and run the direct payment" in text(
        as_person.get(url("support", draft))
    )


def test_only_flagged_lines_have_a_necessary_decision_page(client, draft, social_worker):
    line = add_line(draft, draft.person.user)
    client.force_login(social_worker)
    assert client.get(url("necessary_decision", draft, line_id=line.id)).status_code == 404


# Query counts stay flat however long the plan is (docs/quality.md #20).


@pytest.mark.parametrize("page", ["plan", "support", "check"])
def test_plan_pages_use_the_same_queries_for_1_or_12_lines(
    as_person, draft, page, django_assert_max_num_queries
):
    add_line(draft, draft.person.user)
    with django_assert_max_num_queries(30) as one:
        as_person.get(url(page, draft))
    for number in range(11):
        add_line(
            draft, draft.person.user, description=f"Support {number}", quantity="5", unit="day"
        )
        services.relationship_add(
            plan=draft, user=draft.person.user, details={"name": f"Friend {number}"} | FRIEND
        )
    with django_assert_max_num_queries(len(one)):
        response = as_person.get(url(page, draft))
    assert "Support 10" in text(response) or page == "plan"


def test_read_only_plan_uses_the_same_queries_for_1_or_12_lines(
    client, draft, finance_officer, django_assert_max_num_queries
):
    add_line(draft, draft.person.user)
    client.force_login(finance_officer)
    with django_assert_max_num_queries(40) as one:
        client.get(url("plan", draft))
    for number in range(11):
        add_line(draft, draft.person.user, description=f"Support {number}")
    with django_assert_max_num_queries(len(one)):
        assert "Support 10" in text(client.get(url("plan", draft)))


def test_care_providers_are_offered_by_name(as_person, draft):
    ProviderFactory(name="Zed Care")
    add_line(draft, draft.person.user)
    assert "Zed Care" in text(as_person.get(url("support_add", draft)))


def test_a_line_from_a_named_provider_is_saved(as_person, draft):
    provider = ProviderFactory(name="Brightside Home Care")
    add_line(draft, draft.person.user)
    data = _line_data(
        draft,
        **{
            "line-provider_kind": "provider",
            "line-provider": str(provider.id),
            "line-management": "isf",
            "line-dp_holder": "",
            "line-account_type": "",
            "line-unit_cost": "£1,234.50",
            "line-unit": "one_off",
            "line-quantity_per_week": "1",
        },
    )
    response = as_person.post(url("support_add", draft), data)
    assert response.status_code == 302
    line = draft.support_lines.get(provider=provider)
    assert line.unit_cost == Decimal("1234.50")
    assert line.management == "isf"
    assert line.dp_holder == line.account_type == ""


def test_a_person_with_a_plan_elsewhere_is_not_found(client, draft, council):
    someone = PersonFactory(local_authority=council)
    client.force_login(draft.person.user)
    assert client.get(reverse("plans:person_plans", args=[someone.id])).status_code == 404


def test_outsiders_cannot_write_to_a_plan(
    client, draft, finance_officer, other_person, provider_user, other_la_staff, stranger
):
    line = add_line(draft, draft.person.user)
    posts = [
        (url("section", draft, section="important"), {"important_to": "Written by someone else"}),
        (url("relationships", draft), {"person-name": "Intruder", "person-lives_with_me": "no"}),
        (url("chart", draft, chart="doughnut"), {"row-first": "Intrude", "row-second": "core"}),
        (url("outcomes", draft), {"outcome-in_my_words": "Intrude"}),
        (url("support_add", draft), _line_data(draft)),
        (url("part_remove", draft, kind="support"), {"part": line.id}),
        (url("check", draft), {}),
        (url("necessary_decision", draft, line_id=line.id), {"decision": "Necessary"}),
        (reverse("plans:person_plans", args=[draft.person.id]), {}),
    ]
    for user in [finance_officer, other_person.user, provider_user, other_la_staff, stranger]:
        client.force_login(user)
        for address, data in posts:
            assert client.post(address, data).status_code == 404, (user, address)
    draft.refresh_from_db()
    assert draft.important_to == "" and draft.status == Status.DRAFT
    assert draft.support_lines.get() == line
    assert not draft.relationships.exists() and not draft.chart_rows.exists()
    assert draft.outcomes.count() == 1
    assert SupportPlan.objects.count() == 1


def test_changes_asked_for_are_shown_and_the_plan_can_be_changed_and_sent_again(
    as_person, eligible_person, social_worker, approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    services.plan_decide(
        plan=plan,
        user=approver,
        decision=ApprovalDecision.Decision.CHANGES_REQUESTED,
        reason="Say who covers weekends",
    )
    overview = text(as_person.get(url("plan", plan)))
    assert "The council asked for changes" in overview
    assert "Say who covers weekends" in overview
    assert "Priya Natarajan" in overview
    as_person.post(
        url("section", plan, section="contingency"),
        {"contingency_plan": "Ada covers weekdays, Leo covers weekends"},
    )
    as_person.post(url("check", plan))
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED
    assert plan.contingency_plan == "Ada covers weekdays, Leo covers weekends"


def test_a_declined_plan_can_be_revised(as_person, eligible_person, social_worker, approver):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    services.plan_decide(
        plan=plan, user=approver, decision=ApprovalDecision.Decision.DECLINED, reason="Too much"
    )
    page = text(as_person.get(url("plan", plan)))
    assert "Declined" in page and "Too much" in page
    assert "Start a new revision" in page
    response = as_person.post(url("revise", plan), {"reason": "Fewer hours"})
    assert response["Location"] == url("plan", SupportPlan.objects.get(revision=2))
