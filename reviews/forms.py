"""Forms for asking for a review."""

from django import forms

from core.forms import DateField, text_field

from .models import ReviewRequest
from .schedule import Clock, ReviewStatus
from .services import REASON_NEEDED

STAFF_KINDS = [(k, label) for k, label in ReviewRequest.Kind.choices if k != "person_asked"]


class AskForReviewForm(forms.Form):
    """The person or their representative: why they would like a review."""

    reason = text_field(
        "Why would you like a review?",
        hint="For example, your needs or situation have changed, or your support is not working",
        required=REASON_NEEDED,
    )


class StartReviewForm(forms.Form):
    """Council staff: what has happened, and why it needs a review."""

    kind = forms.ChoiceField(
        label="What has happened?",
        choices=STAFF_KINDS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose why the review is needed",
            "invalid_choice": "Choose why the review is needed",
        },
    )
    reason = text_field(
        "Why is a review needed?",
        hint="What you know, and who told you",
        required="Say why a review is needed",
    )


class ReviewFilterForm(forms.Form):
    """Filter the review list by status and by the clock due first."""

    status = forms.ChoiceField(label="Status", required=False)
    clock = forms.ChoiceField(label="Clock due first", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any status"), *ReviewStatus.choices]
        self.fields["clock"].choices = [("", "Either clock"), *Clock.choices]


class RecordReviewForm(forms.Form):
    """Council staff: a review that took place."""

    held_on = DateField(
        label="When was the review?",
        help_text="For example, 27 11 2026",
        subject="The date of the review",
        past_only=True,
    )
    summary = text_field(
        "What was agreed?",
        hint="What is working and what is not, and what will happen next, in words the person "
        "can read. They and their representative see this.",
        required="Say what was agreed at the review",
    )
