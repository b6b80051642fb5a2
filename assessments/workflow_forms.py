"""Forms that move a needs assessment along: start it, send or complete it, ask for changes,
decide eligibility and record the indicative budget."""

from decimal import Decimal

from django import forms

from core.forms import PoundsField, text_field

from .forms import label_field, yes_no_field
from .models import NeedsAssessment
from .services import ZERO_FOR_ELIGIBLE

SELF_KINDS = {
    NeedsAssessment.Kind.SELF: "About {your} own care and support needs",
    NeedsAssessment.Kind.CARER_SELF: "About {your} needs as a carer, because {you} look{s} after "
    "another adult",
}


class StartAssessmentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of assessment?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the kind of assessment",
            "invalid_choice": "Choose a kind of assessment from the list",
        },
    )

    def __init__(self, *args, kinds: list[str], voice=None, **kwargs):
        """`voice`: the person or their representative starting a self-assessment, asked in
        plain English; without it, council staff, shown the kinds' own names."""
        super().__init__(*args, **kwargs)
        labels = dict(NeedsAssessment.Kind.choices)
        if voice is not None:
            self.fields["kind"].label = voice.fill("Which assessment {do} {you} want to fill in?")
            labels = {kind: voice.fill(words) for kind, words in SELF_KINDS.items()}
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].widget = forms.HiddenInput()
            self.initial["kind"] = kinds[0]

    def clean(self):
        data = super().clean()
        if self.fields["kind"].widget.is_hidden and "kind" in self.errors:
            # A hidden field's error would not be listed in the summary: show it at the top.
            self.add_error(None, self.errors.pop("kind"))
        return data


class RequestChangesForm(forms.Form):
    note = text_field(
        "What needs to change, and why?",
        hint="The person and their representative will see this note.",
        required="Say what needs to change and why",
    )


class EligibilityForm(forms.Form):
    agrees = yes_no_field("Choose yes if you agree with the decision")
    reason = text_field(rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_field(self, "agrees", "Do you agree with this decision?")
        label_field(
            self,
            "reason",
            "If you disagree, why?",
            "The final decision will be the opposite of the computed one. Say what the facts "
            "above do not show.",
        )

    def clean(self):
        data = super().clean()
        if data.get("agrees") is False and not data.get("reason"):
            self.add_error("reason", "Say why you disagree with the computed decision")
        return data


USE_COMPUTED, USE_OTHER = "computed", "other"


class IndicativeBudgetForm(forms.Form):
    amount = forms.ChoiceField(
        label="Which weekly amount should be recorded?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose which amount to record",
            "invalid_choice": "Choose which amount to record",
        },
    )
    override_weekly = PoundsField(
        label="Different weekly amount, in pounds (if you chose a different amount)",
        required=False,
        invalid="Enter the weekly amount in pounds and pence, like 245.50",
        minimum=Decimal("0.01"),
        too_small=ZERO_FOR_ELIGIBLE,
        maximum=Decimal("100000.00"),
        too_large="The weekly amount must be £99,999.99 or less",
        too_precise="Enter the amount to the nearest penny, like 245.50",
    )
    reason = text_field(rows=4)

    def __init__(self, *args, computed_weekly: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].choices = [
            (USE_COMPUTED, f"The computed amount: £{computed_weekly:,.2f} a week"),
            (USE_OTHER, "A different amount"),
        ]
        label_field(
            self,
            "reason",
            "Reason for a different amount (if you chose one)",
            "The person will see this reason.",
        )

    def clean(self):
        data = super().clean()
        if data.get("amount") == USE_COMPUTED:
            # Whatever is left in the other boxes is not used, so it cannot be wrong.
            self.errors.pop("override_weekly", None)
            return data
        if data.get("amount") != USE_OTHER:
            return data
        if data.get("override_weekly") is None and "override_weekly" not in self.errors:
            self.add_error("override_weekly", "Enter the weekly amount")
        if not data.get("reason"):
            self.add_error("reason", "Say why you are changing the amount")
        return data

    def budget(self) -> dict:
        """Keyword arguments for `indicative_budget_set`."""
        if self.cleaned_data["amount"] == USE_COMPUTED:
            return {"override_weekly": None, "reason": ""}
        return {
            "override_weekly": self.cleaned_data["override_weekly"],
            "reason": self.cleaned_data["reason"],
        }
