"""Forms for importing a bank or card statement: the file, its columns, and each row."""

from django import forms
from django.core.exceptions import ValidationError

from .files import DATE_FORMATS, EXTENSIONS, MAX_BYTES, Columns, guess_columns


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        label="Statement file",
        help_text="A CSV or OFX file from your bank or card provider's website, up to 5 MB",
        error_messages={
            "required": "Choose the statement file",
            "empty": "The file is empty. Choose the statement file again",
            "invalid": "Choose the statement file",
        },
    )
    choose_columns_again = forms.BooleanField(
        label="Choose the columns again (if the statement layout has changed)", required=False
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(parts) > 1:
            self.fields["part"] = forms.ChoiceField(
                label="Which account is this statement for?",
                choices=[(str(part.pk), str(part)) for part in parts],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose the account",
                    "invalid_choice": "Choose the account",
                },
            )
            self.order_fields(["part", "file", "choose_columns_again"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise ValidationError("The file must be a CSV or OFX statement (ending .csv or .ofx)")
        if upload.size > MAX_BYTES:
            raise ValidationError(
                "The file must be smaller than 5 MB. Download a shorter period, like 3 months"
            )
        return upload


class ColumnsForm(forms.Form):
    """Which column of the person's CSV is which: asked once per account, then remembered."""

    date_column = forms.ChoiceField(
        label="Which column has the date?", error_messages={"required": "Choose the date column"}
    )
    description_column = forms.ChoiceField(
        label="Which column says what the payment was?",
        help_text="Often called Description, Details or Payee",
        error_messages={"required": "Choose the description column"},
    )
    amount_layout = forms.ChoiceField(
        label="How does the statement show amounts?",
        choices=[
            ("one", "In one column, with money out as a minus amount"),
            ("two", "In two columns: paid out and paid in"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the statement shows amounts"},
    )
    amount_column = forms.ChoiceField(
        label="If in one column: which column has the amount?", required=False
    )
    paid_out_column = forms.ChoiceField(
        label="If in two columns: which column has money paid out?", required=False
    )
    paid_in_column = forms.ChoiceField(
        label="If in two columns: which column has money paid in?", required=False
    )
    date_format = forms.ChoiceField(
        label="How are dates written?",
        choices=DATE_FORMATS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how dates are written"},
    )
    file = forms.FileField(
        label="Choose the same statement file again",
        help_text="We do not keep your file until the columns are chosen",
        error_messages={
            "required": "Choose the statement file again",
            "empty": "The file is empty",
        },
    )

    def __init__(self, *args, header=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a column")] + [(name, name) for name in header if name]
        for name in ("date_column", "description_column", "amount_column"):
            self.fields[name].choices = choices
        for name in ("paid_out_column", "paid_in_column"):
            self.fields[name].choices = choices

    @staticmethod
    def initial_for(header) -> dict:
        guessed = guess_columns(header)
        layout = "two" if guessed["paid_out_column"] and not guessed["amount_column"] else "one"
        return {**guessed, "amount_layout": layout, "date_format": DATE_FORMATS[0][0]}

    def clean(self):
        data = super().clean()
        if data.get("amount_layout") == "one" and not data.get("amount_column"):
            self.add_error("amount_column", "Choose the column that has the amount")
        if data.get("amount_layout") == "two":
            if not data.get("paid_out_column"):
                self.add_error("paid_out_column", "Choose the column that has money paid out")
            if not data.get("paid_in_column"):
                self.add_error("paid_in_column", "Choose the column that has money paid in")
            if data.get("paid_out_column") and data.get("paid_out_column") == data.get(
                "paid_in_column"
            ):
                self.add_error(
                    "paid_in_column", "Choose different columns for paid out and paid in"
                )
        if data.get("date_column") and data.get("date_column") == data.get("description_column"):
            self.add_error("description_column", "Choose a different column from the date")
        return data

    def columns(self) -> Columns:
        data = self.cleaned_data
        one = data["amount_layout"] == "one"
        return Columns(
            date=data["date_column"],
            description=data["description_column"],
            date_format=data["date_format"],
            amount=data["amount_column"] if one else "",
            paid_out="" if one else data["paid_out_column"],
            paid_in="" if one else data["paid_in_column"],
        )


class LineDecisionForm(forms.Form):
    """Confirm an offered statement row (saying what money in was), or leave it out."""

    line = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    action = forms.ChoiceField(
        choices=[("confirm", "Log it"), ("leave_out", "Leave it out")],
        widget=forms.HiddenInput,
    )
    # Checked by the view and the service, which say what to choose.
    kind = forms.CharField(required=False, max_length=20)
    support_line = forms.CharField(required=False, max_length=20)
