"""Reviews' records in the person's change history (people.history): who planned, answered,
recorded and decided what, and when."""

from .models import (
    HeldReview,
    OutcomeProgress,
    ReviewAction,
    ReviewAnswer,
    ReviewInvitee,
    ReviewMeeting,
    ReviewRecord,
    ReviewRequest,
)


def review_history(person) -> list:
    """(historical rows, model, subject) for everything in the person's reviews."""
    of_meeting = {"meeting__person_id": person.id}
    return [
        (
            ReviewRequest.history.filter(person_id=person.id),
            ReviewRequest,
            lambda r: "Review asked for",
        ),
        (
            ReviewMeeting.history.filter(person_id=person.id),
            ReviewMeeting,
            lambda r: "Review meeting",
        ),
        (
            ReviewInvitee.history.filter(**of_meeting),
            ReviewInvitee,
            lambda r: f"Invited to the review: {r.name}",
        ),
        (ReviewAnswer.history.filter(**of_meeting), ReviewAnswer, lambda r: "Review questions"),
        (ReviewRecord.history.filter(**of_meeting), ReviewRecord, lambda r: "Review record"),
        (
            OutcomeProgress.history.filter(record__meeting__person_id=person.id),
            OutcomeProgress,
            lambda r: "Review: progress on an outcome",
        ),
        (ReviewAction.history.filter(**of_meeting), ReviewAction, lambda r: "Review action"),
        (HeldReview.history.filter(person_id=person.id), HeldReview, lambda r: "Review held"),
    ]
