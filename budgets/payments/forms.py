"""Forms for payment runs, contributions and payments made on the person's behalf."""

from django import forms

from core.forms import DateField, KeyedForm, SubmissionKeyField, amount_field, text_field

from .services import ON_BEHALF_KINDS


class CycleForm(forms.Form):
    cycle_start = DateField(
        label="First day of the payment cycle",
        help_text="A cycle is 4 weeks, or a calendar month if the council's local settings "
        "say so. For example, 30 11 2026",
    )


class BackdatedRunForm(forms.Form):
    """Why a cycle that has already started is being paid now."""

    reason = text_field(
        "Why is this cycle being paid late?",
        hint="For example: the run was missed while the system was down. A second finance "
        "officer will read this before they confirm it.",
        required="Say why this cycle is being paid late",
        rows=3,
        limit=1000,
    )


class ContributionForm(KeyedForm):
    amount = amount_field(label="Amount paid in", help_text="For example, 80.00", example="80.00")
    paid_on = DateField(
        label="Date it was paid in", past_only=True, help_text="For example, 27 11 2026"
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        help_text="For example, the reference you used",
        error_messages={"max_length": "Keep the note to 500 characters or fewer"},
    )
    submission_key = SubmissionKeyField()


class ContributionsFilterForm(forms.Form):
    status = forms.ChoiceField(label="Show", required=False, choices=[])

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "All contributions"), *statuses]


class PaymentForm(KeyedForm):
    """A payment made, or money paid in, recorded by staff."""

    amount = amount_field(label="Amount", help_text="For example, 150.50", example="80.00")
    paid_on = DateField(label="Date of the payment", past_only=True)
    payee = forms.CharField(
        label="Who was paid",
        required=False,
        max_length=200,
        help_text="For example, the care agency or the person's landlord for respite",
        error_messages={"max_length": "Keep this to 200 characters or fewer"},
    )
    note = forms.CharField(
        label="What it was for (optional)",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep this to 500 characters or fewer"},
    )
    submission_key = SubmissionKeyField()


class OnBehalfForm(PaymentForm):
    part = forms.ChoiceField(
        label="Which account?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the account", "invalid_choice": "Choose the account"},
    )
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=list(ON_BEHALF_KINDS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose money paid in or a payment made",
            "invalid_choice": "Choose money paid in or a payment made",
        },
    )

    covers_from = DateField(
        label="Money paid in: the first day it pays for",
        required=False,
        help_text="For example, 1 12 2026. Days already paid for cannot be paid again.",
    )
    covers_to = DateField(
        label="Money paid in: the last day it pays for",
        required=False,
        help_text="For example, 28 12 2026",
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [(str(p.pk), p.name) for p in parts]
        self.order_fields(
            ["part", "kind", "amount", "paid_on", "covers_from", "covers_to", "payee", "note"]
        )
