"""Forms for the council's decision on a plan and for challenging the budget.

Rendered through templates/includes/form.html; the services check the same rules again.
"""

from django import forms
from django.core.exceptions import ValidationError

from core.forms import text_field

from ..models import ApprovalDecision

Decision = ApprovalDecision.Decision


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
    reason = text_field(
        "Reason",
        hint="Needed if you ask for changes or decline. The person will read it, so say "
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
    what_is_wrong = text_field(
        "Tell us what you think is wrong",
        required="Tell us what you think is wrong with the budget",
        hint="For example, support you need that is not paid for, or a cost that is too low. "
        "An approver at the council will read it and reply to you here.",
    )


class ChallengeAnswerForm(forms.Form):
    answer = text_field(
        "Your answer",
        required="Write your answer",
        hint="Say what the council has decided and what happens next. The person will read this.",
    )


class ReferForm(forms.Form):
    """Refer a plan to an approver who can approve it at its level, saying why."""

    referred_to = forms.ChoiceField(
        label="Who should approve it?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who should approve the plan",
            "invalid_choice": "Choose an approver from the list",
        },
    )
    reason = text_field(
        "Why are you referring it?",
        required="Say why you are referring the plan",
        hint="The approver will read this. Say what they need to know, for example why the "
        "support costs more than the indicative budget.",
        rows=4,
    )

    def __init__(self, *args, approvers: list, **kwargs):
        """`approvers`: [(user, what they can approve, in words)]."""
        super().__init__(*args, **kwargs)
        self._approvers = {str(user.pk): user for user, _ in approvers}
        self.fields["referred_to"].choices = [
            (str(user.pk), f"{user} ({words})") for user, words in approvers
        ]

    def chosen(self):
        """The approver chosen (the service checks again that they may approve the plan)."""
        return self._approvers.get(self.cleaned_data["referred_to"])
