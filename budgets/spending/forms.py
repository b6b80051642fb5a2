"""Forms for logging spending, correcting it, receipts and questions on payments.

The payments form has one group of fields for each payment, so several can be logged at once;
'Add another payment' adds a group without losing what was typed. Receipts are checked by their
content here, before anything is posted (budgets.spending.receipts).
"""

from django import forms
from django.core.exceptions import ValidationError

from core.errors import DomainError
from core.forms import DateField, SubmissionKeyField, amount_field, new_submission_key, text_field

from . import receipts

MAX_ROWS = 10
ROW_FIELDS = ("occurred_on", "payee", "amount", "support_line", "note", "receipt")
NOT_IN_PLAN = "none"


class ReceiptField(forms.FileField):
    """A photo or PDF of a receipt, accepted only if its content is a PDF, JPEG or PNG."""

    def __init__(self, **kwargs):
        super().__init__(
            error_messages={
                "empty": receipts.EMPTY,
                "invalid": receipts.WRONG_TYPE,
                "missing": receipts.EMPTY,
                "required": "Choose a photo or PDF of the receipt",
                "max_length": "The file's name is too long: rename it and try again",
            },
            max_length=255,
            **kwargs,
        )
        self.widget.attrs.update({"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return receipts.check_upload(upload)
        except DomainError as error:
            raise ValidationError(error.message, code="invalid") from error


def _blank_rows(data, files, rows: int) -> set[int]:
    """Rows after the first that were left completely empty: they are skipped, not errors."""
    if data is None:
        return set()
    blank = set()
    for n in range(2, rows + 1):
        names = [f"occurred_on_{n}_{part}" for part in range(3)]
        names += [f"{name}_{n}" for name in ("payee", "amount", "support_line", "note")]
        typed = any(str(data.get(name, "")).strip() for name in names)
        if not typed and not (files and files.get(f"receipt_{n}")):
            blank.add(n)
    return blank


class PaymentsForm(forms.Form):
    """One or more payments (or a refund) from the direct payment, each in its own group."""

    submission_key = SubmissionKeyField()

    def __init__(
        self, data=None, files=None, *, lines, rows: int = 1, refund: bool = False, initial=None
    ):
        super().__init__(data, files, initial=initial)
        self.row_count = rows  # sent back in a hidden "rows" input drawn by the template
        self.refund = refund
        self.blank = _blank_rows(data, files, rows)
        self.line_by_id = {str(line.pk): line for line in lines}
        for n in range(1, rows + 1):
            self._add_row(n, lines)

    def _which(self, n: int) -> str:
        if self.refund:
            return "the refund"
        return "the payment" if self.row_count == 1 else f"payment {n}"

    def _add_row(self, n: int, lines) -> None:
        which = self._which(n)
        what = f"of {which}"
        required = n not in self.blank
        choices = [("", "Choose the support"), *((str(line.pk), str(line)) for line in lines)]
        choices.append((NOT_IN_PLAN, "Something not in the plan"))
        self.fields[f"occurred_on_{n}"] = DateField(
            label="Date paid back" if self.refund else "Date paid",
            subject=f"The date {what}",
            past_only=True,
            help_text="For example, 3 11 2026",
            required=required,
        )
        self.fields[f"payee_{n}"] = forms.CharField(
            label="Who paid the money back" if self.refund else "Who was paid",
            help_text="For example, the name of your personal assistant or the shop",
            max_length=200,
            required=required,
            error_messages={
                "required": (
                    "Enter who paid the money back"
                    if self.refund
                    else f"Enter who was paid{'' if self.row_count == 1 else f' for {which}'}"
                ),
                "max_length": "Keep the name to 200 characters or fewer",
            },
        )
        self.fields[f"amount_{n}"] = amount_field(
            label="Amount, in pounds", help_text="For example, 25.00", required=required
        )
        self.fields[f"support_line_{n}"] = forms.ChoiceField(
            label="What support in the plan was it for?",
            choices=choices,
            required=required,
            error_messages={
                "required": f"Choose the support {which} was for, or 'Something not in the plan'",
                "invalid_choice": f"Choose the support {which} was for from the list",
            },
        )
        self.fields[f"note_{n}"] = text_field("Note (optional)", rows=2, limit=1000)
        self.fields[f"receipt_{n}"] = ReceiptField(
            label="Receipt or invoice (optional)",
            help_text="A photo or PDF: a JPG, PNG or PDF file, smaller than 10 MB",
            required=False,
        )

    def full_clean(self) -> None:
        """Check the form; with several payments, say which one each problem is about."""
        super().full_clean()
        if self.row_count == 1 or not self._errors:
            return
        for name, errors in self._errors.items():
            n = name.rsplit("_", 1)[-1]
            if n.isdigit():
                errors[:] = [
                    message if f"payment {n}" in message else f"{message} (payment {n})"
                    for message in errors
                ]

    def skip_checks(self) -> None:
        """Show what was typed without checking it: used when adding another payment."""
        self._errors = forms.utils.ErrorDict()
        self.cleaned_data = {}

    def groups(self) -> list[tuple[int, list]]:
        """(row number, its bound fields) for the template."""
        return [
            (n, [self[f"{name}_{n}"] for name in ROW_FIELDS]) for n in range(1, self.row_count + 1)
        ]

    def entries(self) -> list[dict]:
        """The payments typed in, ready for spending.spending_log."""
        data, found = self.cleaned_data, []
        for n in range(1, self.row_count + 1):
            if n in self.blank:
                continue
            line = data[f"support_line_{n}"]
            found.append(
                {
                    "occurred_on": data[f"occurred_on_{n}"],
                    "payee": data[f"payee_{n}"],
                    "amount": data[f"amount_{n}"],
                    "support_line": self.line_by_id.get(line),
                    "note": data[f"note_{n}"],
                    "receipt": data.get(f"receipt_{n}"),
                }
            )
        return found


def rows_wanted(data, *, add: bool) -> int:
    """How many payment groups to show: as many as were sent, one more if asked (1 to 10)."""
    try:
        rows = int((data or {}).get("rows", 1))
    except (TypeError, ValueError):
        rows = 1
    return max(1, min(MAX_ROWS, rows + (1 if add else 0)))


def new_submission_initial(rows: int = 1) -> dict:
    return {"submission_key": new_submission_key(), "rows": rows}


class CorrectionForm(forms.Form):
    submission_key = SubmissionKeyField()
    reason = text_field(
        "What was wrong?",
        limit=1000,
        required="Say what was wrong, for example 'I typed £45 instead of £54'",
        hint="For example, the amount was wrong, or it was logged twice",
    )


class ReceiptForm(forms.Form):
    receipt = ReceiptField(
        label="Receipt or invoice",
        help_text="A photo or PDF: a JPG, PNG or PDF file, smaller than 10 MB",
    )


class ExplainForm(forms.Form):
    explanation = text_field(
        "What was the payment for?",
        required="Say what the payment was for",
        hint="For example, how it helps with an outcome in your plan",
        rows=5,
        limit=2000,
    )


class ResolveForm(forms.Form):
    resolution = text_field(
        "What have you decided?",
        required="Say what you decided, so the person knows what happens next",
        hint="The person will see this. Write it in plain English.",
        rows=5,
        limit=2000,
    )
