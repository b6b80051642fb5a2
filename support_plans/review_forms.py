"""Forms for the council's decision on a plan and for challenging the budget.

Rendered through templates/includes/form.html; the services check the same rules again.
"""

from django import forms
from django.core.exceptions import ValidationError

from .models import ApprovalDecision

MAX_TEXT = 5000
Decision = ApprovalDecision.Decision


def _text(*, label: str, required_message: str, help_text: str = "", required=True):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": required_message,
            "max_length": f"Keep this to {MAX_TEXT:,} characters or fewer",
        },
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What is your decision?",
        choices=[
            (Decision.APPROVED, "Approve the plan and the budget"),
            (Decision.CHANGES_REQUESTED, "Ask for changes"),
            (Decision.DECLINED, "Decline the plan"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose approve, ask for changes or decline",
            "invalid_choice": "Choose approve, ask for changes or decline",
        },
    )
    reason = _text(
        label="Reason",
        required=False,
        required_message="",
        help_text="Needed if you ask for changes or decline. The person will read it, so say "
        "what needs to change and why, in plain words.",
    )

    def clean(self):
        data = super().clean()
        needs_reason = data.get("decision") in {Decision.CHANGES_REQUESTED, Decision.DECLINED}
        if needs_reason and "reason" not in self.errors and not data.get("reason", "").strip():
            self.add_error(
                "reason", ValidationError("Give the reason, so the person knows what to do next")
            )
        return data


class ChallengeForm(forms.Form):
    what_is_wrong = _text(
        label="Tell us what you think is wrong",
        required_message="Tell us what you think is wrong with the budget",
        help_text="For example, support you need that is not paid for, or a cost that is too low. "
        "An approver at the council will read it and reply to you here.",
    )


class ChallengeAnswerForm(forms.Form):
    answer = _text(
        label="Your answer",
        required_message="Write your answer",
        help_text="Say what the council has decided and what happens next. The person will "
        "read this.",
    )
