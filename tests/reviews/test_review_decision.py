"""What the review decides (issue 13): recorded with reasons the person can read and challenge;
'revise the plan' starts a pre-filled revision through support_plans' own services and it goes
back through approval; 'needs have changed' starts a reassessment through assessments' own
services; the decision completes the review the one way a review is completed, so both clocks
restart from the meeting. Nothing is half-saved when any part is refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import NeedsAssessment
from core.errors import DomainError
from reviews.due import next_review_for
from reviews.meetings.record import review_decide
from reviews.models import HeldReview, ReviewMeeting, ReviewRequest
from reviews.services import review_request_ask
from support_plans import services as plans
from support_plans.models import SupportPlan

from .helpers import approved_days_ago, sign_in
from .meetings import record

TODAY = timezone.localdate()


@pytest.fixture
def recorded(meeting, social_worker):
    record(meeting, social_worker, like_and_admire="Sam is funny", good_days="Match days")
    return meeting


def test_revising_the_plan_starts_a_prefilled_revision_and_completes_the_review(
    client, recorded, person, social_worker, approver
):
    review_request_ask(person=person, asked_by=person.user, reason="Evenings are hard")
    approved_days_ago(person, 70)  # the first review was overdue
    assert next_review_for(social_worker, person).status == "overdue"
    sign_in(client, social_worker)
    url = reverse("reviews:decide", kwargs={"person_id": person.id, "meeting_id": recorded.id})
    response = client.post(
        url, {"decisions": ["revise_plan"], "reasons": "Evenings need two more hours"}
    )
    assert response.status_code == 302
    revision = SupportPlan.objects.get(status=SupportPlan.Status.DRAFT)
    assert revision.revision == 2 and revision.created_by == social_worker
    assert revision.like_and_admire == "Sam is funny" and revision.good_days == "Match days"
    assert "Evenings need two more hours" in revision.change_reason
    assert revision.support_lines.count() == 1  # carried over, ready to change
    held = HeldReview.objects.get()
    assert (held.meeting, held.held_on) == (recorded, TODAY)
    recorded.refresh_from_db()
    assert recorded.status == ReviewMeeting.Status.COMPLETED
    assert recorded.record.revision == revision and recorded.record.revise_plan
    assert ReviewRequest.objects.get().status == ReviewRequest.Status.CLOSED
    assert next_review_for(social_worker, person).status == "not_due"
    # Back through approval: sent, checked by another social worker, then decided.
    plans.plan_submit(plan=revision, user=person.user)
    revision.refresh_from_db()
    assert revision.status == SupportPlan.Status.SUBMITTED
    sign_in(client, person.user, person)
    page = client.get(
        reverse("reviews:meeting", kwargs={"person_id": person.id, "meeting_id": recorded.id})
    ).text
    assert "Evenings need two more hours" in page and "ask for another review" in page


def test_needs_changed_starts_a_reassessment_from_the_last_assessment(
    recorded, person, social_worker
):
    review_decide(
        meeting=recorded,
        user=social_worker,
        decisions=["reassess", "budget_change"],
        reasons="Sam's MS has got worse",
    )
    started = NeedsAssessment.objects.get(status=NeedsAssessment.Status.DRAFT)
    assert started.kind == NeedsAssessment.Kind.COUNCIL
    assert started.circumstances.startswith("Reassessment asked for by a review:")
    assert "Sam's MS has got worse" in started.circumstances
    assert recorded.record.reassessment == started


@pytest.mark.parametrize(
    "decisions, reasons, message",
    [
        ([], "Because", "Choose what the review decided"),
        (["no_change", "dp_change"], "Because", "Choose 'No change' on its own"),
        (["budget_change"], "Because", "through a revised support plan or a reassessment"),
        (["no_change"], " ", "Say why, in words the person can read"),
    ],
)
def test_a_decision_that_does_not_add_up_is_refused_and_nothing_is_saved(
    recorded, social_worker, decisions, reasons, message
):
    with pytest.raises(DomainError, match=message):
        review_decide(meeting=recorded, user=social_worker, decisions=decisions, reasons=reasons)
    _nothing_decided(recorded)


def test_a_refused_reassessment_undoes_the_revision_it_came_with(recorded, person, social_worker):
    from assessments.services import needs_assessment_start

    needs_assessment_start(person=person, kind="council", started_by=social_worker)
    with pytest.raises(DomainError, match="already an assessment of this kind in progress"):
        review_decide(
            meeting=recorded,
            user=social_worker,
            decisions=["revise_plan", "reassess"],
            reasons="Needs have changed",
        )
    assert not SupportPlan.objects.filter(revision=2).exists()
    _nothing_decided(recorded)


def _nothing_decided(meeting):
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.RECORDED
    assert meeting.record.decided_at is None
    assert not HeldReview.objects.exists()


def test_a_meeting_not_yet_recorded_cannot_be_decided(meeting, social_worker):
    with pytest.raises(DomainError, match="Record the meeting first"):
        review_decide(meeting=meeting, user=social_worker, decisions=["no_change"], reasons="x")
