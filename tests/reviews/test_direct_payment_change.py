"""A review that decides the direct payment arrangements should change (issue 13: "e.g. a
different nominated person, a move to a managed account") says which change and why, and leads
somewhere: an action for the council's social work team, with a date, opened once however often
it is asked for. A budget change says honestly what it comes with."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from reviews.meetings.actions import DP_CHANGE_DAYS, action_todo, dp_change_action_open
from reviews.meetings.pdf import record_context
from reviews.meetings.record import review_decide
from reviews.models import HeldReview, ReviewAction, ReviewMeeting

from .helpers import sign_in
from .meetings import record

TODAY = timezone.localdate()


@pytest.fixture
def recorded(meeting, social_worker):
    record(meeting, social_worker)
    return meeting


def _meeting_url(meeting, name="reviews:meeting"):
    return reverse(name, kwargs={"person_id": meeting.person.id, "meeting_id": meeting.id})


def test_a_move_to_a_managed_account_becomes_an_action_for_the_social_work_team(
    client, recorded, person, social_worker, approver
):
    sign_in(client, social_worker)
    response = client.post(
        _meeting_url(recorded, "reviews:decide"),
        {
            "decisions": ["dp_change"],
            "dp_change_kind": "managed",
            "dp_change_reason": "Sam finds the paperwork too much and wants the council to pay",
            "reasons": "Sam wants to stop managing the account himself",
        },
    )
    assert response.status_code == 302
    record_ = recorded.record
    record_.refresh_from_db()
    assert record_.dp_change and record_.dp_change_kind == "managed"
    action = ReviewAction.objects.get()
    assert action.what == (
        "Change the direct payment arrangements: "
        "a move to a managed account or an individual service fund"
    )
    assert (action.owner, action.owner_team) == ("team", "social_work")
    assert action.due_on == TODAY + timedelta(days=DP_CHANGE_DAYS)
    assert action.status == ReviewAction.Status.OPEN
    # It is on the team's to-do list (an approver is in the social work team)...
    assert any("Change the direct payment arrangements" in i.text for i in action_todo(approver))
    # ...and the person reads which change, why, and by when.
    sign_in(client, person.user, person)
    page = client.get(_meeting_url(recorded)).text
    assert "The direct payment arrangements will change: a move to a managed account" in page
    assert "Sam finds the paperwork too much" in page
    assert "social work team will make the change by" in page


def test_deciding_twice_opens_one_action(client, recorded, social_worker):
    sign_in(client, social_worker)
    form = {
        "decisions": ["dp_change"],
        "dp_change_kind": "representative",
        "dp_change_reason": "Grace will be Sam's nominated person instead of his brother",
        "reasons": "Sam asked for his sister to help",
    }
    client.post(_meeting_url(recorded, "reviews:decide"), form)
    again = client.post(_meeting_url(recorded, "reviews:decide"), form)
    assert "already recorded" in again.text
    assert ReviewAction.objects.count() == 1
    # The service itself, asked again for the same meeting, gives back the same action.
    first = ReviewAction.objects.get()
    recorded.refresh_from_db()
    assert dp_change_action_open(meeting=recorded, user=social_worker, change="x") == first
    assert ReviewAction.objects.count() == 1


def test_something_else_is_described_in_the_reviews_words(recorded, social_worker):
    review_decide(
        meeting=recorded,
        user=social_worker,
        decisions=["dp_change"],
        reasons="Agreed with Sam",
        dp_change_kind="other",
        dp_change_reason="Pay the PA's holiday pay from a separate pot",
    )
    assert ReviewAction.objects.get().what == (
        "Change the direct payment arrangements: Pay the PA's holiday pay from a separate pot"
    )


@pytest.mark.parametrize(
    "kind, reason, message, field",
    [
        ("", "Because", "Choose what will change about the direct payment", "dp_change_kind"),
        ("sell_it", "Because", "Choose what will change about the direct payment", ""),
        ("stop", "  ", "Say why it will change", "dp_change_reason"),
        ("other", "", "Say what will change and why", "dp_change_reason"),
    ],
)
def test_a_direct_payment_change_without_what_or_why_is_refused_and_nothing_saved(
    client, recorded, social_worker, kind, reason, message, field
):
    sign_in(client, social_worker)
    response = client.post(
        _meeting_url(recorded, "reviews:decide"),
        {
            "decisions": ["dp_change"],
            "dp_change_kind": kind,
            "dp_change_reason": reason,
            "reasons": "Agreed at the meeting",
        },
    )
    assert response.status_code == 200
    assert message in response.text
    assert "govuk-error-summary" in response.text
    assert "Agreed at the meeting" in response.text  # what was typed is kept
    if field:
        assert f'id="id_{field}_error"' in response.text or f"#id_{field}" in response.text
    recorded.refresh_from_db()
    assert recorded.status == ReviewMeeting.Status.RECORDED
    assert recorded.record.decided_at is None and not recorded.record.dp_change
    assert not ReviewAction.objects.exists() and not HeldReview.objects.exists()


def test_the_service_itself_refuses_a_change_without_its_kind(recorded, social_worker):
    with pytest.raises(DomainError, match="Choose what will change about the direct payment"):
        review_decide(
            meeting=recorded,
            user=social_worker,
            decisions=["revise_plan", "dp_change"],
            reasons="Agreed",
            dp_change_reason="Because",
        )
    from support_plans.models import SupportPlan

    assert not SupportPlan.objects.filter(revision=2).exists()
    assert not ReviewAction.objects.exists()


def test_no_change_to_the_direct_payment_keeps_nothing_about_one(recorded, social_worker):
    review_decide(
        meeting=recorded,
        user=social_worker,
        decisions=["no_change"],
        reasons="All is well",
        dp_change_kind="stop",  # left chosen on the form, then not decided
        dp_change_reason="Left over",
    )
    record_ = recorded.record
    record_.refresh_from_db()
    assert (record_.dp_change_kind, record_.dp_change_reason) == ("", "")
    assert not ReviewAction.objects.exists()


def test_the_record_pdf_says_which_change_and_when(client, recorded, person, social_worker):
    review_decide(
        meeting=recorded,
        user=social_worker,
        decisions=["dp_change"],
        reasons="Agreed with Sam",
        dp_change_kind="payment",
        dp_change_reason="Sam has a new bank account",
    )
    recorded.refresh_from_db()
    html = render_to_string("reviews/pdf/record.html", record_context(recorded, you=True))
    assert "will change: a change to how it is paid, or to the account it is paid into" in html
    assert "Sam has a new bank account" in html
    assert "social work team will make the change by" in html


def test_a_budget_change_says_what_it_comes_with(client, recorded, person, social_worker):
    review_decide(
        meeting=recorded,
        user=social_worker,
        decisions=["revise_plan", "budget_change"],
        reasons="Evenings need more hours",
    )
    sign_in(client, person.user, person)
    page = client.get(_meeting_url(recorded)).text
    assert "The change is made in the revised support plan" in page
    assert "Until then the budget stays as it is" in page


def test_a_provider_the_decision_is_shared_with_never_sees_the_direct_payment_change(
    client, recorded, person, social_worker, provider_user
):
    from reviews.meetings.services import meeting_sharing_save

    review_decide(
        meeting=recorded,
        user=social_worker,
        decisions=["revise_plan", "dp_change"],
        reasons="Evenings need more hours",
        dp_change_kind="managed",
        dp_change_reason="SENTINEL-DP-REASON",
    )
    meeting_sharing_save(meeting=recorded, user=person.user, shared=["decision"])
    sign_in(client, provider_user)
    page = client.get(_meeting_url(recorded, "reviews:provider_review")).text
    assert "Evenings need more hours" in page
    assert "SENTINEL-DP-REASON" not in page and "managed account" not in page
