"""Design-system form fields every app uses: one of each, with plain-English messages.

Forms render through templates/includes/form.html (crispy-forms-gds), which puts the GOV.UK error
summary at the top. A service's DomainError is shown on the field it names (add_domain_error).
"""

import re
import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

EXPIRED = "This form has expired. Reload the page and try again."
TEXT_LIMIT = 5000
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def add_domain_error(form: forms.Form, error) -> None:
    """Show a service's DomainError on the field it is about, or at the top of the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class DateField(DateInputField):
    """A GOV.UK date input (day, month, year): the one date field, with one set of checks.

    `subject` names the date in messages ("The date you paid"); it defaults to the label. The
    example comes from the hint ("For example, 27 3 1958").
    """

    def __init__(
        self,
        *,
        label: str,
        past_only: bool = False,
        subject: str = "",
        earliest: date = EARLIEST_DATE,
        **kwargs,
    ):
        kwargs.setdefault("help_text", "For example, 27 3 1958")
        super().__init__(label=label, require_all_fields=False, **kwargs)
        self.past_only, self.earliest = past_only, earliest
        self.subject = subject or label
        self.example = str(kwargs["help_text"]).removeprefix("For example, ")
        self.not_a_date = f"{self.subject} must be a real date, for example {self.example}"
        self.error_messages["required"] = f"Enter {_lower_first(self.subject)}"
        # Digits only, and no more than a year has: "1e5" or a 20-digit number is not a date.
        for part, longest in zip(self.fields, (2, 2, 4), strict=True):
            part.validators = [RegexValidator(rf"^[0-9]{{1,{longest}}}$", self.not_a_date)]

    def compress(self, data_list):
        try:
            value = super().compress(data_list)
        except (ValidationError, OverflowError) as error:
            raise ValidationError(self.not_a_date) from error
        if value is None:
            return value
        if value.year < 1000:
            year = self.example.split()[-1]
            raise ValidationError(f"{self.subject} must have a 4-digit year, for example {year}")
        if not self.earliest <= value <= LATEST_DATE:
            raise ValidationError(
                f"{self.subject} must be between {_day(self.earliest)} and {_day(LATEST_DATE)}"
            )
        if self.past_only and value > timezone.localdate():
            raise ValidationError(f"{self.subject} must be today or in the past")
        return value


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _lower_first(text: str) -> str:
    """'Date of birth' -> 'the date of birth'; 'The date you paid' -> 'the date you paid'."""
    lowered = text[:1].lower() + text[1:]
    return lowered if lowered.startswith("the ") else f"the {lowered}"


# Digits with optional thousands commas and up to two decimal places: no "1e5", no "12.345".
POUNDS_AND_PENCE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$", re.ASCII)
FRACTIONS_OF_A_PENNY = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)\.\d{3,}$", re.ASCII)


class PoundsField(forms.Field):
    """Pounds and pence as people type them ("£1,250.50"), cleaned to a Decimal.

    The one money input for every form. Refuses "1e5", "12.345", "NaN" and anything outside
    [minimum, maximum), each with a message that says how to put it right.
    """

    widget = forms.TextInput

    def __init__(
        self,
        *,
        invalid: str = "Enter an amount in pounds and pence, like 25.00",
        minimum: Decimal = Decimal("0.00"),
        too_small: str = "Amounts cannot be negative",
        maximum: Decimal = Decimal("1000000.00"),
        too_large: str = "Enter an amount less than £1,000,000.00",
        too_precise: str | None = None,
        **kwargs,
    ):
        self.invalid, self.minimum, self.too_small = invalid, minimum, too_small
        self.too_precise = too_precise or invalid
        self.maximum, self.too_large = maximum, too_large
        kwargs["error_messages"] = {"required": invalid, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
        )

    def to_python(self, value):
        text = str(value or "").strip().removeprefix("£").strip()
        if text in self.empty_values:
            return None
        negative = text.startswith("-")
        digits = text.removeprefix("-").strip()
        if len(digits) > 100 or not POUNDS_AND_PENCE.match(digits):
            precise = len(digits) <= 100 and FRACTIONS_OF_A_PENNY.match(digits)
            raise ValidationError(self.too_precise if precise else self.invalid, code="invalid")
        try:
            amount = Decimal(digits.replace(",", ""))
        except InvalidOperation as error:  # the pattern already refuses these
            raise ValidationError(self.invalid, code="invalid") from error
        amount = -amount if negative else amount
        if amount < self.minimum:
            raise ValidationError(self.too_small, code="min_value")
        if amount >= self.maximum:
            raise ValidationError(self.too_large, code="max_value")
        return amount


def amount_field(*, example: str = "25.00", **kwargs) -> PoundsField:
    """Money paid in or out: at least a penny, less than £1,000,000."""
    return PoundsField(
        invalid=f"Enter an amount in pounds and pence, like {example}",
        minimum=Decimal("0.01"),
        too_small="The amount must be more than £0",
        **kwargs,
    )


class UUIDModelChoiceField(forms.ModelChoiceField):
    """A choice by UUID where anything that is not one of the choices gets the same message."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from error


def text_field(
    label: str = "",
    *,
    hint: str = "",
    required: str = "",
    rows: int = 5,
    limit: int = TEXT_LIMIT,
) -> forms.CharField:
    """A text box; `required` is the message shown when it is left empty (blank: optional)."""
    return forms.CharField(
        label=label or None,
        help_text=hint,
        required=bool(required),
        max_length=limit,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required,
            "max_length": f"Keep this to {limit:,} characters or fewer",
        },
    )


class SubmissionKeyField(forms.CharField):
    """A key made when the form is shown: sending the same form twice posts once."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(error_messages={"required": EXPIRED}, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return text
        try:
            return str(uuid.UUID(text))
        except ValueError as error:
            raise ValidationError(EXPIRED) from error


def new_submission_key() -> str:
    return str(uuid.uuid4())


class KeyedForm(forms.Form):
    """A form with a submission key: a bad key is shown at the top of the form, not lost."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_key", new_submission_key())
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if "submission_key" in self._errors:
            self.add_error(None, self._errors.pop("submission_key"))
        return data


class ConfirmForm(forms.Form):
    """No questions: a button that asks a service to do something (errors show in the summary)."""
