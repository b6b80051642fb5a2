"""Every message the service sends, and how each person wants to hear from it.

A message is recorded before it is sent, under a business key that names what it is about and
for which period (a spending reminder for one budget and one period): the database refuses a
second row with the same key, so a job run twice, or a task delivered twice, sends nothing more.
"""

import uuid

from django.db import models

from people.models import Person, TimeStampedModel, User


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"
    NONE = "none", "No messages"


class ContactPreference(TimeStampedModel):
    """How a person wants to hear from the service, and whether in easy read."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="contact_preference"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    easy_read = models.BooleanField(default=False)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_channel_display()}"


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Messages about people whose record this user may open."""
        return self.filter(person__in=Person.objects.visible_to(user))

    def needing_staff(self):
        """Messages that could not be sent after every try: staff contact the person instead."""
        return self.filter(status=Message.Status.FAILED)


class Message(models.Model):
    """One message to one recipient, about one person, by one channel."""

    class Kind(models.TextChoices):
        SPENDING_REMINDER = "spending_reminder", "Reminder to record spending"
        CONTRIBUTION_LATE = "contribution_late", "A contribution looks late"
        CONTRIBUTION_CHANGED = "contribution_changed", "The contribution changes"
        STATEMENT_READY = "statement_ready", "An audit statement is ready"
        STAFF_DIGEST = "staff_digest", "Daily summary for staff"
        REVIEW_SOON = "review_soon", "A review is coming up"
        REVIEW_OVERDUE = "review_overdue", "A review is overdue"
        REVIEW_INVITATION = "review_invitation", "An invitation to a review meeting"
        REVIEW_ACTION_OVERDUE = "review_action_overdue", "Something agreed at a review is late"
        EMPLOYER_CHECK_DUE = "employer_check_due", "An employer's check is due"
        NOTICE_GIVEN = "notice_given", "A written notice about a direct payment"
        NOTICE_DECIDED = "notice_decided", "The council's decision on a written notice"
        AUDIT_REQUESTED = "audit_requested", "A check of the direct payment account"
        CHARGE_RECALCULATED = "charge_recalculated", "The charge worked out on a new year's rates"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        RECORDED = "recorded", "Recorded: would be sent by GOV.UK Notify"
        FAILED = "failed", "Could not be sent"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    business_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    recipient = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    recipient_name = models.CharField(max_length=200)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.TextField(help_text="Email address, phone number or postal address.")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "-created_at"], name="message_person_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient_name} ({self.get_channel_display()})"
