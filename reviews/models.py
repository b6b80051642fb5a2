"""Reviews: asking for a review, and recording one that was held (the schedule itself is worked
out in schedule.py from these dates, not stored)."""

import uuid

from django.db import models
from django.db.models import Q

from people.models import Person, Representative, TimeStampedModel, User, audited

KINDS = [
    "person_asked",
    "dp_condition",
    "capacity_changed",
    "authorised_person",
    "spending",
    "provider_change",
    "other",
]


class ReviewRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Requests about people whose full record this user may open (never providers)."""
        return self.filter(person__in=Person.objects.visible_to(user))

    def open(self):
        """Requests not yet dealt with by a review."""
        return self.filter(status=ReviewRequest.Status.OPEN)


class ReviewRequest(TimeStampedModel):
    """Someone asked for a review before its date: the person, their representative or staff."""

    class Kind(models.TextChoices):
        PERSON_ASKED = "person_asked", "The person or their representative asked for a review"
        DP_CONDITION = "dp_condition", "A direct payment condition may not be being met"
        CAPACITY_CHANGED = "capacity_changed", "The person's capacity to decide has changed"
        AUTHORISED_PERSON = "authorised_person", "There is a concern about an authorised person"
        SPENDING = "spending", "Spending shows the person's needs have changed"
        PROVIDER_CHANGE = "provider_change", "A provider reported a change"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_requests")
    asked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(
        Representative, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.TextField("why a review is wanted")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    objects = ReviewRequestQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="review_request_has_reason"),
            models.CheckConstraint(
                condition=Q(status__in=["open", "closed"]), name="review_request_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=KINDS),
                name="review_request_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Review asked for {self.person}: {self.get_kind_display()}"


class HeldReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reviews of people whose record this user may open (providers never, in this slice)."""
        return self.filter(person__in=Person.objects.visible_to(user))


class HeldReview(TimeStampedModel):
    """A review that took place: when, what was agreed, and who recorded it. Both clocks run
    again from its date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="held_reviews")
    held_on = models.DateField("the date of the review")
    summary = models.TextField("what was agreed")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = HeldReviewQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(summary=""), name="held_review_has_summary"),
        ]

    def __str__(self) -> str:
        return f"Review of {self.person} on {self.held_on}"
