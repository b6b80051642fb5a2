"""Forms for logging spending, correcting it, receipts and questions on payments.

The payments form has one group of fields for each payment, so several can be logged at once;
'Add another payment' adds a group without losing what was typed. Receipts are checked by their
content here, before anything is posted (budgets.spending.receipts).
"""

from django import forms
from django.core.exceptions import ValidationError

from core.errors import DomainError
from core.formats import long_date, pounds
from core.forms import DateField, SubmissionKeyField, amount_field, new_submission_key, text_field

from . import receipts

MAX_ROWS = 10
ROW_FIELDS = ("occurred_on", "payee", "amount", "support_line", "note", "receipt")
REFUND_FIELDS = ("refund_of", "occurred_on", "payee", "amount", "note", "receipt")
NOT_IN_PLAN = "none"
NOT_A_PAYMENT = "other"


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
        self,
        data=None,
        files=None,
        *,
        lines,
        rows: int = 1,
        refund: bool = False,
        refundable=(),
        initial=None,
    ):
        super().__init__(data, files, initial=initial)
        self.row_count = rows  # sent back in a hidden "rows" input drawn by the template
        self.refund = refund
        self.blank = _blank_rows(data, files, rows)
        self.line_by_id = {str(line.pk): line for line in lines}
        self.payment_by_id = {str(txn.pk): txn for txn in refundable}
        self.kept: dict = {}  # row: (token, file name) of a receipt kept while the form is shown
        for n in range(1, rows + 1):
            self._add_row(n, lines)
            if refund:
                self._add_refund_of(n, refundable)

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

    def _add_refund_of(self, n: int, refundable) -> None:
        del self.fields[f"support_line_{n}"]
        choices = [("", "Choose the payment")]
        choices += [(str(t.pk), _payment_label(t)) for t in refundable]
        choices.append((NOT_A_PAYMENT, "None of these: the money came from somewhere else"))
        self.fields[f"refund_of_{n}"] = forms.ChoiceField(
            label="Which payment is this money back for?",
            help_text="A refund cannot be more than the payment it is for. If it is not for a "
            "payment from the account, say where it came from in the note.",
            choices=choices,
            error_messages={
                "required": "Choose the payment the money is back for, or 'None of these'",
                "invalid_choice": "Choose the payment the money is back for from the list",
            },
        )

    def keep_receipts(self, user) -> None:
        """Keep each receipt chosen, so it is still there when the form is shown again."""
        for n in range(1, self.row_count + 1):
            upload = self.files.get(f"receipt_{n}") if self.files else None
            token = str(self.data.get(f"receipt_kept_{n}", "")) if self.is_bound else ""
            checked = self._checked(n, upload)
            if checked is not None:
                receipts.receipt_forget(token)
                token = receipts.receipt_keep(checked, user)
            kept = receipts.receipt_kept(token, user)
            if kept is not None:
                self.kept[n] = (token, kept.original_name)

    def _checked(self, n: int, upload):
        if not upload:
            return None
        try:
            return self.fields[f"receipt_{n}"].clean(upload)
        except ValidationError:
            return None

    def kept_receipt(self, n: int, user):
        """The receipt kept for a row from an earlier showing of the form, if any."""
        token = str(self.data.get(f"receipt_kept_{n}", "")) if self.is_bound else ""
        return receipts.receipt_kept(token, user)

    def kept_tokens(self) -> list[str]:
        return [str(self.data.get(f"receipt_kept_{n}", "")) for n in range(1, self.row_count + 1)]

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

    def groups(self) -> list[tuple[int, list, tuple | None]]:
        """(row number, its bound fields, the receipt kept for it) for the template."""
        names = REFUND_FIELDS if self.refund else ROW_FIELDS
        return [
            (n, [self[f"{name}_{n}"] for name in names], self.kept.get(n))
            for n in range(1, self.row_count + 1)
        ]

    def entries(self, user) -> list[dict]:
        """The payments typed in, ready for spending.spending_log."""
        data, found = self.cleaned_data, []
        for n in range(1, self.row_count + 1):
            if n in self.blank:
                continue
            found.append(
                {
                    "occurred_on": data[f"occurred_on_{n}"],
                    "payee": data[f"payee_{n}"],
                    "amount": data[f"amount_{n}"],
                    "support_line": self.line_by_id.get(data.get(f"support_line_{n}")),
                    "refund_of": self.payment_by_id.get(data.get(f"refund_of_{n}")),
                    "note": data[f"note_{n}"],
                    "receipt": data.get(f"receipt_{n}") or self.kept_receipt(n, user),
                }
            )
        return found


def _payment_label(txn) -> str:
    return f"{pounds(txn.amount)} to {txn.payee} on {long_date(txn.occurred_on)}"


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
