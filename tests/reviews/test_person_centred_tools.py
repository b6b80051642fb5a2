"""The review carries forward the rest of the plan's person-centred tools (issue 13: "the plan's
relationship circle, good days and bad days, communication and decision-making charts carried
forward and edited"): the record form starts from the plan (or the last review, when newer),
they are edited there, kept on the record, shown on its page and PDF, and a revision the
review starts begins with them. Bad rows are refused plainly and nothing is half-saved."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from reviews.meetings.pdf import record_context
from reviews.meetings.record import review_decide
from reviews.meetings.tools import starting_tools
from reviews.models import ReviewMeeting, ReviewRecord
from support_plans.models import ChartRow, Relationship, SupportPlan

from .helpers import sign_in
from .meetings import record, schedule


@pytest.fixture
def plan_with_tools(budget):
    """Sam's plan has a circle of two (his sister is paid for his support) and two charts."""
    plan = budget.plan
    Relationship.objects.create(
        plan=plan, name="Grace Okafor", relationship_type="sibling", role="Sunday lunch"
    )
    paid = Relationship.objects.create(
        plan=plan, name="Ade Okafor", relationship_type="sibling", role="Lifts to work"
    )
    plan.support_lines.update(payee=paid)
    ChartRow.objects.create(
        plan=plan,
        chart="communication",
        first="When I am offered food I do not like",
        second="I turn my head away",
        third="I do not want it",
        fourth="Offer me something else",
    )
    ChartRow.objects.create(
        plan=plan, chart="decisions", first="What I wear", second="Show me two", third="Me"
    )
    return plan


def _url(name, meeting):
    return reverse(
        f"reviews:{name}", kwargs={"person_id": meeting.person_id, "meeting_id": meeting.id}
    )


def _form(budget, **extra):
    outcome = budget.plan.outcomes.get()
    return {
        "person_attended": "on",
        "working": "Mornings",
        "relationships": "yes",
        f"progress_{outcome.pk}": "getting_there",
        "good_days": "Football",
        # The circle as the form draws it: Grace, Ade, then two empty rows.
        "circle_0_name": "Grace Okafor",
        "circle_0_relationship_type": "sibling",
        "circle_0_role": "Sunday lunch and the shopping",  # changed at the review
        "circle_1_name": "Ade Okafor",  # Ade has moved away: he is taken out
        "circle_1_relationship_type": "sibling",
        "circle_1_remove": "on",
        "circle_2_name": "Femi Adeyemi",  # someone new
        "circle_2_relationship_type": "friend",
        "circle_2_how_they_know_me": "From football",
        "circle_2_lives_with_me": "on",
        "communication_0_first": "When I am offered food I do not like",
        "communication_0_second": "I turn my head away",
        "communication_0_third": "I do not want it",
        "communication_0_fourth": "Offer me something else",
        "decisions_0_first": "What I wear",  # taken out
        "decisions_0_remove": "on",
        "decisions_1_first": "Where I go on holiday",
        "decisions_1_second": "Talk it through with Grace",
        "decisions_1_third": "Me",
        **extra,
    }


def test_the_record_starts_from_the_plans_circle_and_charts(
    client, meeting, plan_with_tools, social_worker
):
    sign_in(client, social_worker)
    page = client.get(_url("meeting_record", meeting)).text
    assert 'value="Grace Okafor"' in page and 'value="Ade Okafor"' in page
    assert "I turn my head away" in page and "Show me two" in page
    assert 'name="circle_3_name"' in page  # two empty rows to add someone
    assert 'name="circle_4_name"' not in page
    assert 'name="circle_1_remove"' in page and 'name="circle_2_remove"' not in page


def test_the_edited_tools_are_kept_on_the_record_and_shown_to_the_person(
    client, meeting, budget, plan_with_tools, person, social_worker
):
    sign_in(client, social_worker)
    response = client.post(_url("meeting_record", meeting), _form(budget))
    assert response.status_code == 302, response.text
    saved = ReviewRecord.objects.get()
    assert [r["name"] for r in saved.circle] == ["Grace Okafor", "Femi Adeyemi"]
    assert saved.circle[0]["role"] == "Sunday lunch and the shopping"
    assert saved.circle[1]["lives_with_me"] is True
    assert [r["first"] for r in saved.decision_chart] == ["Where I go on holiday"]
    assert saved.communication_chart[0]["fourth"] == "Offer me something else"
    # The plan itself is untouched: it changes only through a revision.
    assert plan_with_tools.relationships.count() == 2
    sign_in(client, person.user, person)
    page = client.get(_url("meeting", meeting)).text
    assert "Relationship circle" in page and "Femi Adeyemi" in page
    assert "Friend or neighbour" in page
    assert "Ade Okafor" not in page
    assert "Decision-making chart" in page and "Where I go on holiday" in page
    meeting.refresh_from_db()
    html = render_to_string("reviews/pdf/record.html", record_context(meeting, you=True))
    assert "Femi Adeyemi" in html and "Talk it through with Grace" in html
    assert "I turn my head away" in html


def test_a_revision_from_the_review_begins_with_the_edited_tools(
    client, meeting, budget, plan_with_tools, social_worker
):
    sign_in(client, social_worker)
    client.post(_url("meeting_record", meeting), _form(budget))
    review_decide(
        meeting=meeting, user=social_worker, decisions=["revise_plan"], reasons="New friend"
    )
    revision = SupportPlan.objects.get(revision=2)
    circle = {r.name: r for r in revision.relationships.all()}
    assert circle["Grace Okafor"].role == "Sunday lunch and the shopping"
    assert circle["Femi Adeyemi"].relationship_type == "friend"
    assert circle["Femi Adeyemi"].lives_with_me
    # Ade is still paid by a support line, so he stays until the revision changes that line.
    assert set(circle) == {"Grace Okafor", "Femi Adeyemi", "Ade Okafor"}
    assert revision.support_lines.get().payee == circle["Ade Okafor"]
    decisions = list(revision.chart_rows.filter(chart="decisions"))
    assert [(r.first, r.second) for r in decisions] == [
        ("Where I go on holiday", "Talk it through with Grace")
    ]
    assert revision.chart_rows.filter(chart="communication").count() == 1
    # The approved plan is as it was.
    assert plan_with_tools.chart_rows.filter(chart="decisions").get().first == "What I wear"


def test_someone_left_out_of_the_circle_who_is_not_paid_leaves_the_revision(
    meeting, budget, plan_with_tools, social_worker
):
    plan_with_tools.support_lines.update(payee=None)
    record(
        meeting,
        social_worker,
        tools={"circle": [{"name": "Grace Okafor", "relationship_type": "sibling"}]},
    )
    review_decide(meeting=meeting, user=social_worker, decisions=["revise_plan"], reasons="x")
    revision = SupportPlan.objects.get(revision=2)
    assert [r.name for r in revision.relationships.all()] == ["Grace Okafor"]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {"circle_2_name": "", "circle_2_how_they_know_me": "From football"},
            "Relationship circle, person 3: fill in their name, or clear the row",
        ),
        (
            {"circle_2_relationship_type": ""},
            "Relationship circle, person 3: choose how Femi Adeyemi is related",
        ),
        (
            {"decisions_1_first": "", "decisions_1_third": "Me"},
            "Decision-making chart, row 2: fill in &#x27;the decision&#x27;, or clear the row",
        ),
        ({"circle_2_relationship_type": "cousin"}, "Choose how they are related from the list"),
    ],
)
def test_an_incomplete_row_is_refused_and_nothing_is_saved(
    client, meeting, budget, plan_with_tools, social_worker, change, message
):
    sign_in(client, social_worker)
    response = client.post(_url("meeting_record", meeting), _form(budget, **change))
    assert response.status_code == 200
    assert message in response.text
    assert "govuk-error-summary" in response.text
    assert "Sunday lunch and the shopping" in response.text  # what was typed is kept
    assert not ReviewRecord.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.PLANNED


def test_the_next_review_starts_from_the_last_review_when_it_is_newer_than_the_plan(
    client, meeting, budget, plan_with_tools, social_worker
):
    sign_in(client, social_worker)
    client.post(_url("meeting_record", meeting), _form(budget, like_and_admire="Sam is brave"))
    review_decide(meeting=meeting, user=social_worker, decisions=["no_change"], reasons="All well")
    following = schedule(budget.person, social_worker)
    tools = starting_tools(following)
    assert [r["name"] for r in tools["circle"]] == ["Grace Okafor", "Femi Adeyemi"]
    page = client.get(_url("meeting_record", following)).text
    assert "Sam is brave" in page and 'value="Femi Adeyemi"' in page
    assert "as the last review left them" in page


def test_recording_without_tools_carries_the_plans_forward(meeting, plan_with_tools, social_worker):
    saved = record(meeting, social_worker)
    assert [r["name"] for r in saved.circle] == ["Grace Okafor", "Ade Okafor"]
    [row] = saved.decision_chart
    assert row == {"first": "What I wear", "second": "Show me two", "third": "Me"}


def test_once_the_revision_the_review_started_is_approved_the_next_review_starts_from_it(
    client, meeting, budget, plan_with_tools, social_worker
):
    from support_plans import services as plans

    sign_in(client, social_worker)
    client.post(_url("meeting_record", meeting), _form(budget))
    review_decide(meeting=meeting, user=social_worker, decisions=["revise_plan"], reasons="x")
    revision = SupportPlan.objects.get(revision=2)
    plans.relationship_add(
        plan=revision,
        user=social_worker,
        details={"name": "Ola Bello", "relationship_type": "friend"},
    )
    # Approved (the approval journey itself is support_plans' own tests' business).
    SupportPlan.objects.filter(pk=revision.pk).update(
        status=SupportPlan.Status.APPROVED, weekly_total=plan_with_tools.weekly_total
    )
    following = schedule(budget.person, social_worker)
    names = [r["name"] for r in starting_tools(following)["circle"]]
    assert "Ola Bello" in names  # the approved revision, not the review before it
