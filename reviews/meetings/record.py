"""Writes for the meeting's record and what the review decides.

The record keeps who took part, what is working and not, progress on each outcome, the care
relationships, the renewed person-centred description and tools (relationship circle,
communication and decision-making charts) and a copy of the budget as the meeting saw it.
The decision completes the review the one way a review is completed
(reviews.services.review_record), so both clocks run again from the meeting's date.
"""

from django.db import transaction
from django.utils import timezone

from assessments.services import needs_assessment_start_from_review
from core.errors import DomainError
from core.formats import long_date
from people import access
from people.models import User
from support_plans.services import plan_revision_start_from_review

from ..models import (
    BudgetReviewLine,
    HeldReview,
    OutcomeProgress,
    ReviewMeeting,
    ReviewRecord,
)
from ..services import review_record
from .actions import dp_change_action_open
from .budget import BudgetReview, budget_review_for
from .services import latest_approved_plan, locked
from .tools import TOOLS, starting_tools, tools_checked, tools_of

Status = ReviewMeeting.Status
DpChange = ReviewRecord.DirectPaymentChange
TEXT_FIELDS = [
    "others_present",
    "working",
    "not_working",
    "relationships_notes",
    "budget_notes",
    "like_and_admire",
    "matters_to_me",
    "how_to_support",
    "good_days",
    "bad_days",
    "dream",
    "goal",
    "first_steps",
    "who_will_help",
]
# The renewed person-centred description, as a revision of the plan names its sections.
PROFILE_FIELDS = ["like_and_admire", "matters_to_me", "how_to_support", "good_days", "bad_days"]
DECISIONS = ["no_change", "revise_plan", "reassess", "budget_change", "dp_change"]


def _check_staff(user: User, meeting: ReviewMeeting) -> None:
    if not access.can_edit_person(user, meeting.person):
        raise DomainError("Only council staff working with this person can record a review.")


def plan_outcomes(meeting: ReviewMeeting) -> list:
    """The outcomes of the plan in force, whose progress the meeting records."""
    plan = latest_approved_plan(meeting.person)
    return list(plan.outcomes.all()) if plan else []


def _checked(meeting, details: dict, progress: dict) -> None:
    if details.get("relationships") not in ReviewRecord.Relationships.values:
        raise DomainError("Say whether the care relationships are working", field="relationships")
    if not (details.get("working") or details.get("not_working") or "").strip():
        raise DomainError("Say what is working, or what is not working", field="working")
    for outcome in plan_outcomes(meeting):
        chosen, _ = progress.get(outcome.pk, ("", ""))
        if chosen not in OutcomeProgress.Progress.values:
            raise DomainError(
                f"Say how far this outcome has got: {outcome.in_my_words}",
                field=f"progress_{outcome.pk}",
            )


def _budget_copy(review: BudgetReview | None) -> dict:
    names = [
        "money_in",
        "money_out",
        "money_held",
        "weeks_held",
        "surplus_weeks",
        "possible_surplus",
        "contributions_expected",
        "contributions_paid",
        "weekly_total",
        "weekly_contribution",
        "dp_held",
    ]
    if review is None:
        return {"budget_from": None, "budget_to": None, "possible_surplus": False} | {
            name: None for name in names if name != "possible_surplus"
        }
    return {"budget_from": review.start, "budget_to": review.end} | {
        name: getattr(review, name) for name in names
    }


def _budget_lines(record: ReviewRecord, review: BudgetReview | None) -> None:
    record.budget_lines.all().delete()
    if review is None:
        return
    rows = [(BudgetReviewLine.Kind.SUPPORT, t) for t in review.by_support]
    rows += [(BudgetReviewLine.Kind.OUTCOME, t) for t in review.by_outcome]
    BudgetReviewLine.objects.bulk_create(
        BudgetReviewLine(
            record=record, kind=kind, position=n, label=t.label, planned=t.planned, spent=t.spent
        )
        for n, (kind, t) in enumerate(rows)
    )


@transaction.atomic
def meeting_record_save(
    *,
    meeting: ReviewMeeting,
    user: User,
    details: dict,
    attended: set,
    progress: dict,
    tools: dict | None = None,
) -> ReviewRecord:
    """Record the meeting (or correct its record before the decision). `attended` holds the ids
    of invitees who took part; `progress` maps each plan outcome's id to (progress, notes);
    `tools` holds the relationship circle and charts as edited (None: as they start)."""
    _check_staff(user, meeting)
    meeting = locked(meeting)
    if meeting.status == Status.COMPLETED:
        raise DomainError("This review is complete, so its record can no longer change.")
    if meeting.meets_on > timezone.localdate():
        raise DomainError(
            f"The meeting is on {long_date(meeting.meets_on)}: record it on or after that day."
        )
    _checked(meeting, details, progress)
    kept = tools_checked(starting_tools(meeting) if tools is None else tools)
    review = budget_review_for(meeting.person, user, end=meeting.meets_on)
    values = {name: (details.get(name) or "").strip() for name in TEXT_FIELDS}
    record, _ = ReviewRecord.objects.update_or_create(
        meeting=meeting,
        defaults={
            **values,
            **_budget_copy(review),
            **{tool.field: kept[tool.key] for tool in TOOLS},
            "person_attended": bool(details.get("person_attended")),
            "relationships": details["relationships"],
            "recorded_by": user,
        },
    )
    record.progress.all().delete()
    for outcome in plan_outcomes(meeting):
        chosen, notes = progress[outcome.pk]
        OutcomeProgress.objects.create(
            record=record,
            outcome=outcome,
            in_my_words=outcome.in_my_words,
            progress=chosen,
            notes=(notes or "").strip(),
        )
    _budget_lines(record, review)
    for invitee in meeting.invitees.all():
        invitee.attended = invitee.id in attended
        invitee.save(update_fields=["attended", "updated_at"])
    meeting.status = Status.RECORDED
    meeting.save(update_fields=["status", "updated_at"])
    return record


def _dp_change(chosen: dict, kind: str, reason: str) -> tuple[str, str]:
    """Which change to the direct payment, and why: both needed when that is decided, and
    nothing kept about it when it is not."""
    if not chosen["dp_change"]:
        return "", ""
    if kind not in DpChange.values:
        raise DomainError(
            "Choose what will change about the direct payment", field="dp_change_kind"
        )
    if not reason.strip():
        what = "what will change and why" if kind == DpChange.OTHER else "why it will change"
        raise DomainError(f"Say {what}, in words the person can read", field="dp_change_reason")
    return kind, reason.strip()


def dp_change_words(record: ReviewRecord) -> str:
    """'a different nominated or authorised person', or in the review's words for anything else."""
    if record.dp_change_kind == DpChange.OTHER:
        return record.dp_change_reason
    return DpChange(record.dp_change_kind).label.lower()


def _check_decision(chosen: dict, reasons: str) -> None:
    if not any(chosen.values()):
        raise DomainError("Choose what the review decided", field="decisions")
    if chosen["no_change"] and sum(chosen.values()) > 1:
        raise DomainError(
            "Choose 'No change' on its own, or the changes the review decided", field="decisions"
        )
    if chosen["budget_change"] and not (chosen["revise_plan"] or chosen["reassess"]):
        raise DomainError(
            "The budget changes through a revised support plan or a reassessment: choose one of "
            "those as well",
            field="decisions",
        )
    if not reasons.strip():
        raise DomainError("Say why, in words the person can read and challenge", field="reasons")


@transaction.atomic
def review_decide(
    *,
    meeting: ReviewMeeting,
    user: User,
    decisions: list,
    reasons: str,
    dp_change_kind: str = "",
    dp_change_reason: str = "",
) -> HeldReview:
    """Record what the review decided and why; start the plan revision or the reassessment it
    asks for through their own apps, and give a change to the direct payment arrangements to
    the social work team as an action; then complete the review, so both clocks restart."""
    _check_staff(user, meeting)
    meeting = locked(meeting)
    if meeting.status != Status.RECORDED:
        raise DomainError(
            "Record the meeting first."
            if meeting.status == Status.PLANNED
            else "What this review decided is already recorded."
        )
    chosen = {name: name in decisions for name in DECISIONS}
    _check_decision(chosen, reasons)
    dp_kind, dp_reason = _dp_change(chosen, dp_change_kind or "", dp_change_reason or "")
    record = ReviewRecord.objects.select_for_update().get(meeting=meeting)
    why = f"The review on {long_date(meeting.meets_on)}: {reasons.strip()}"
    if chosen["revise_plan"]:
        record.revision = plan_revision_start_from_review(
            person=meeting.person,
            user=user,
            reason=why,
            sections={name: getattr(record, name) for name in PROFILE_FIELDS},
            tools=tools_of(record),
        )
    if chosen["reassess"]:
        record.reassessment = needs_assessment_start_from_review(
            person=meeting.person, started_by=user, reason=why
        )
    for name, value in chosen.items():
        setattr(record, name, value)
    record.dp_change_kind, record.dp_change_reason = dp_kind, dp_reason
    if chosen["dp_change"]:
        dp_change_action_open(meeting=meeting, user=user, change=dp_change_words(record))
    record.decision_reasons, record.decided_by = reasons.strip(), user
    record.decided_at = timezone.now()
    record.save()
    meeting.status = Status.COMPLETED
    meeting.save(update_fields=["status", "updated_at"])
    return review_record(
        person=meeting.person,
        user=user,
        held_on=meeting.meets_on,
        summary=reasons.strip(),
        meeting=meeting,
    )
