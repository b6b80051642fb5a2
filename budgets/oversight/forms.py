"""Forms for oversight: what is owed or set aside, written notices and replies, audits."""

from decimal import Decimal

from django import forms

from core.forms import (
    DateField,
    KeyedForm,
    PoundsField,
    SubmissionKeyField,
    UUIDModelChoiceField,
    amount_field,
    text_field,
)

from ..models import Audit, Liability, Notice, NoticeResponse
from ..spending.forms import ReceiptField


def _choice(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _evidence_field(label: str = "Evidence (optional)", required: bool = False) -> ReceiptField:
    field = ReceiptField(
        label=label,
        required=required,
        help_text="A photo or PDF, like an invoice, a payslip or a timesheet: a JPG, PNG or PDF "
        "file, smaller than 10 MB",
    )
    field.error_messages["required"] = "Choose a photo or PDF of the evidence"
    return field


def _short_text(label: str, *, required: str = "", hint: str = "", limit: int = 200):
    return forms.CharField(
        label=label,
        required=bool(required),
        max_length=limit,
        help_text=hint,
        error_messages={
            "required": required,
            "max_length": f"Keep this to {limit} characters or fewer",
        },
    )


class LiabilityForm(KeyedForm):
    kind = _choice(
        "What is the money for?",
        Liability.Kind.choices,
        "Choose what the money is for",
    )
    description = _short_text(
        "Say what it is",
        required="Say what it is for, like 'Jo's wages for 1 to 14 March'",
        hint="For example: Jo's wages for 1 to 14 March, or saving for a respite week in March",
    )
    amount = amount_field(label="Amount", help_text="For example, 120.00", example="120.00")
    due_on = DateField(
        label="When it is due, or when the money will be used (optional)",
        required=False,
        help_text="For example, 31 3 2027",
    )
    support_line = UUIDModelChoiceField(
        label="Support in the plan it is for (optional)",
        queryset=None,
        required=False,
        empty_label="Not for one piece of support",
        error_messages={"invalid_choice": "Choose support from the list"},
    )
    evidence = _evidence_field()
    submission_key = SubmissionKeyField()

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_line"].queryset = lines


class EvidenceForm(forms.Form):
    evidence = _evidence_field("Evidence", required=True)


class LiabilityChangeForm(forms.Form):
    status = _choice("What has changed?", [], "Choose what has changed")
    note = text_field(
        "Why the council does not accept it (for 'not accepted')",
        hint="The person will read this",
        rows=3,
        limit=1000,
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = list(choices)


class RepaymentForm(KeyedForm):
    amount = amount_field(label="Amount to be paid back", help_text="For example, 650.00")
    reason = text_field(
        "Why the council wants the money back",
        required="Say why the council wants the money back",
        hint="The person and their representative will read this, in the notice and the letter",
        rows=3,
        limit=2000,
    )
    working = text_field(
        "How the amount was worked out",
        required="Say how the amount was worked out",
        hint="Start from the surplus working below, and say what you took into account",
        rows=6,
        limit=4000,
    )
    method = _choice(
        "How would it be paid back?",
        Notice.Method.choices,
        "Choose how the money would be paid back",
    )
    takes_effect_on = DateField(
        label="The date it would be taken, or the payment it would come off",
        help_text="After the time to reply. For example, 4 1 2027",
    )
    submission_key = SubmissionKeyField()


class StopForm(KeyedForm):
    kind = _choice(
        "What does the council propose?",
        [
            (Notice.Kind.SUSPENSION, "Suspend the direct payment for now"),
            (Notice.Kind.ENDING, "End the direct payment"),
        ],
        "Choose whether to suspend or end the direct payment",
    )
    reason = text_field(
        "Why",
        required="Say why: the person will read this",
        hint="The person and their representative will read this, in the notice and the letter",
        rows=4,
        limit=2000,
    )
    takes_effect_on = DateField(
        label="The date payments would stop",
        help_text="After the time to reply. For example, 4 1 2027",
    )
    submission_key = SubmissionKeyField()


class ReplyForm(KeyedForm):
    kind = _choice(
        "What is your reply?",
        [
            (NoticeResponse.Kind.AGREE, "I agree"),
            (NoticeResponse.Kind.EXPLAIN, "I agree, but want to explain something"),
            (NoticeResponse.Kind.DISPUTE, "I disagree with all or part of it"),
        ],
        "Choose whether you agree, want to explain, or disagree",
    )
    text = text_field(
        "What do you want the council to know?",
        hint="For example, money you owe your personal assistant, or what you are saving for. "
        "You do not need to write anything if you agree.",
        rows=5,
        limit=4000,
    )
    accepted_amount = PoundsField(
        label="If you disagree with part of a repayment: how much do you accept? (optional)",
        required=False,
        help_text="For example, 400.00. Leave it empty if you disagree with all of it.",
    )
    evidence = _evidence_field()
    submission_key = SubmissionKeyField()


class ConfirmNoticeForm(forms.Form):
    amount = PoundsField(
        label="Amount to take back",
        required=False,
        minimum=Decimal("0.01"),
        too_small="The amount must be more than £0: to take nothing, withdraw the notice",
        help_text="The notice amount, or less after what the person said. More needs a new notice.",
    )
    note = text_field(
        "What the council made of the reply",
        hint="The person will read this. Say why if the amount is less than the notice said.",
        rows=4,
        limit=2000,
    )


class WithdrawForm(forms.Form):
    reason = text_field(
        "Why is the notice withdrawn?",
        required="Say why it is withdrawn: the person will read this",
        rows=3,
        limit=1000,
    )


class ContributionRefundForm(KeyedForm):
    amount = amount_field(label="Amount to pay back", help_text="For example, 80.00")
    submission_key = SubmissionKeyField()


class AuditRequestForm(forms.Form):
    kind = _choice("What kind of check?", Audit.Kind.choices, "Choose what kind of check it is")
    period_start = DateField(label="From", help_text="For example, 1 9 2026")
    period_end = DateField(label="To", past_only=True, help_text="For example, 30 11 2026")
    reason = text_field(
        "Why (needed for a check because of a concern)",
        hint="The person will read this",
        rows=3,
        limit=1000,
    )
    due_by = DateField(
        label="Please send it by",
        help_text="At least 14 days from today. For example, 4 1 2027",
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The last day must be on or after the first day")
        return data


class AuditReceiptForm(forms.Form):
    receipt = ReceiptField(
        label="Receipt or invoice",
        help_text="A photo or PDF: a JPG, PNG or PDF file, smaller than 10 MB",
    )


class AuditExplainForm(forms.Form):
    text = text_field(
        "Or say why there is no receipt",
        required="Say why there is no receipt, like 'bus fare'",
        hint="For example: bus fare, or cash paid to my personal assistant with a timesheet",
        rows=3,
        limit=1000,
    )


class AuditSubmitForm(forms.Form):
    note = text_field(
        "Anything you want the council to know (optional)",
        rows=4,
        limit=2000,
    )


class AuditSummaryForm(forms.Form):
    requested_back = PoundsField(
        label="Amount asked back",
        help_text="£0.00 if nothing. Anything more starts a written repayment notice: nothing is "
        "taken until the person has had time to reply.",
        invalid="Enter an amount in pounds and pence, like 0.00",
    )
    notes = text_field(
        "Audit notes",
        required="Write the audit notes: the person will read them",
        hint="What was checked, and what was found",
        rows=5,
        limit=4000,
    )
    why_more = text_field(
        "If you ask for more than the surplus: why?",
        hint="The surplus already leaves out what is owed and set aside. For example, payments "
        "that were not for the support in the plan. The person reads this in the notice.",
        rows=3,
        limit=2000,
    )
    actions = text_field("Actions", hint="What needs to happen next, and who does it", rows=3)
    method = forms.ChoiceField(
        label="If money is asked back: how would it be paid back?",
        choices=Notice.Method.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose how the money would be paid back"},
    )
    takes_effect_on = DateField(
        label="If money is asked back: the date it would be taken",
        required=False,
        help_text="After the time to reply. For example, 4 1 2027",
    )
