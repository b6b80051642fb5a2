"""Forms for people, representatives and consent. Rendered through templates/includes/form.html."""

import re

from allauth.account import forms as account_forms
from allauth.account.forms import LoginForm
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import DateField, UUIDModelChoiceField

from .models import Organisation, Person, Representative

NHS_NUMBER_EXAMPLE = "943 476 5919"
CASE_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /\-]*$", re.ASCII)


def nhs_number_check_digit_ok(digits: str) -> bool:
    """The NHS number's modulus 11 check: the 10th digit follows from the first nine."""
    weights = range(10, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], weights, strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def clean_nhs_number(text: str) -> str:
    """10 digits without spaces, or a ValidationError that says how to put it right."""
    compact = re.sub(r"[\s-]", "", text or "")
    if not compact:
        return ""
    if not compact.isascii() or not compact.isdigit():
        raise ValidationError(f"Enter the NHS number using numbers only, like {NHS_NUMBER_EXAMPLE}")
    if len(compact) != 10:
        raise ValidationError(f"The NHS number must be 10 digits, like {NHS_NUMBER_EXAMPLE}")
    if not nhs_number_check_digit_ok(compact):
        raise ValidationError(
            "This is not a valid NHS number. Check each digit against a letter from the NHS"
        )
    return compact


class PersonForm(forms.Form):
    first_name = forms.CharField(
        max_length=100, error_messages={"required": "Enter the person's first name"}
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the person's last name"},
    )
    preferred_name = forms.CharField(
        label="Preferred name (optional)",
        max_length=100,
        required=False,
        help_text="What they like to be called, if different from their first name",
    )
    date_of_birth = DateField(label="Date of birth", past_only=True)
    address_line_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        error_messages={"required": "Enter the first line of the address"},
    )
    address_line_2 = forms.CharField(
        label="Address line 2 (optional)", max_length=200, required=False
    )
    town = forms.CharField(
        label="Town or city", max_length=100, error_messages={"required": "Enter the town or city"}
    )
    postcode = forms.CharField(
        max_length=10,
        error_messages={"required": "Enter the postcode"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="Needed if they want to sign in to this service",
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    communication_needs = forms.CharField(
        label="Communication needs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: British Sign Language interpreter, easy read letters, large print, "
        "phone calls in the afternoon",
    )
    dp_capacity = forms.ChoiceField(
        label="Capacity to manage a direct payment",
        choices=Person.Capacity.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the person has capacity to manage a direct payment"
        },
    )
    capacity_assessed_on = DateField(
        label="Date capacity was judged",
        past_only=True,
        required=False,
        help_text="Leave blank if not yet assessed. For example, 27 3 2026",
    )
    case_reference = forms.CharField(
        label="Council's case reference (optional)",
        max_length=30,
        required=False,
        help_text="The council's own reference for this person, for example ASC-104233",
        error_messages={"max_length": "The case reference must be 30 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        max_length=20,
        required=False,
        help_text=f"10 digits, for example {NHS_NUMBER_EXAMPLE}",
        error_messages={
            "max_length": f"The NHS number must be 10 digits, like {NHS_NUMBER_EXAMPLE}"
        },
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    field_order = [
        "first_name",
        "last_name",
        "preferred_name",
        "date_of_birth",
        "case_reference",
        "nhs_number",
    ]

    def clean_case_reference(self) -> str:
        reference = " ".join(self.cleaned_data["case_reference"].split())
        if reference and not CASE_REFERENCE.match(reference):
            raise ValidationError(
                "The case reference can only use letters, numbers, spaces, hyphens and slashes"
            )
        return reference

    def clean_nhs_number(self) -> str:
        return clean_nhs_number(self.cleaned_data["nhs_number"])

    def clean_postcode(self) -> str:
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        compact = postcode.replace(" ", "")
        if not (5 <= len(compact) <= 7 and compact[-3].isdigit() and compact[0].isalpha()):
            raise ValidationError("Enter a real postcode, like SW1A 1AA")
        return f"{compact[:-3]} {compact[-3:]}"

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and (timezone.localdate() - born).days > 125 * 366:
            raise ValidationError("Date of birth must be within the last 125 years")
        return born

    @classmethod
    def initial_from(cls, person: Person) -> dict:
        initial = {name: getattr(person, name) for name in cls.base_fields}
        initial["nhs_number"] = person.nhs_number_spaced
        return initial


class RepresentativeForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of representative",
        choices=Representative.Kind.choices,
        widget=forms.RadioSelect,
        help_text="A nominated person is chosen by someone who has capacity. An authorised person "
        "acts for someone who lacks capacity.",
        error_messages={"required": "Choose nominated person or authorised person"},
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter the representative's full name"},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We will invite them to sign in with this address",
        error_messages={
            "required": "Enter the representative's email address",
            "invalid": "Enter an email address in the right format, like name@example.com",
        },
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    relationship = forms.CharField(
        label="Relationship to the person",
        max_length=100,
        help_text="For example, son, friend, solicitor",
        error_messages={"required": "Enter how they know the person"},
    )
    legal_basis = forms.ChoiceField(
        label="Legal basis (authorised person only)",
        choices=Representative.LegalBasis.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    legal_reference = forms.CharField(
        label="Reference for the legal basis (authorised person only)",
        max_length=100,
        required=False,
        help_text="For example, the LPA registration number or the court order number",
    )
    starts_on = DateField(label="Start date", help_text="For example, 1 12 2026")
    ends_on = DateField(
        label="End date (optional)", required=False, help_text="Leave blank if there is no end date"
    )
    agreed_on = DateField(
        label="Date the council agreed it", past_only=True, help_text="For example, 20 11 2026"
    )
    dishonesty_declaration = forms.ChoiceField(
        label="Declaration about convictions for dishonesty",
        choices=Representative.Declaration.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the representative declared about convictions"},
    )
    declaration_details = forms.CharField(
        label="Details of the conviction and the council's decision (if declared)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndRepresentativeForm(forms.Form):
    reason = forms.CharField(
        label="Why is this arrangement ending?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example: the person has regained capacity, the LPA was revoked",
        error_messages={"required": "Enter why the arrangement is ending"},
    )


class GiveConsentForm(forms.Form):
    provider = UUIDModelChoiceField(
        label="Which provider may see the outcomes agreed in the support plan?",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PROVIDER),
        empty_label="Choose a provider",
        error_messages={
            "required": "Choose a provider",
            "invalid_choice": "Choose a provider from the list",
        },
    )


class CaseloadSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name or postcode, case reference, NHS number or date of birth",
        required=False,
        max_length=100,
        help_text="For example: Okafor, NS1 4AB, ASC-104233, 943 476 5919 or 27/3/1958",
        error_messages={"max_length": "Search for 100 characters or fewer"},
    )


class HistoryFilterForm(forms.Form):
    """Which changes to show: one kind or all, on or between two dates (both optional)."""

    kind = forms.ChoiceField(
        label="What to show",
        required=False,
        initial="",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose what to show from the list"},
    )
    since = DateField(
        label="From (optional)",
        required=False,
        help_text="For example, 1 4 2026",
        subject="The from date",
    )
    until = DateField(
        label="To (optional)",
        required=False,
        help_text="For example, 30 4 2026",
        subject="The to date",
    )

    def __init__(self, *args, kinds: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        self.fields["kind"].choices = [("", "Everything"), *kinds.items()]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The to date must be the same as or after the from date")
        return data

    def chosen(self) -> dict:
        """The filter as person_history takes it; everything when nothing (valid) was chosen."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        kind = data.get("kind")
        return {
            "kinds": {kind} if kind else set(self.kinds),
            "since": data.get("since"),
            "until": data.get("until"),
        }


class SignInForm(LoginForm):
    """allauth's sign-in form with GOV.UK labels: no placeholders, no duplicate reset link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email address"
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs["autocomplete"] = "email"
        self.fields["login"].error_messages["required"] = "Enter your email address"
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].error_messages["required"] = "Enter your password"


# allauth's own forms, with GOV.UK labels and messages that say what to do. Set in ACCOUNT_FORMS
# and MFA_FORMS (config/settings/base.py); the pages are in templates/account/ and templates/mfa/.
EMAIL_FORMAT = "Enter an email address in the right format, like name@example.com"
NEW_PASSWORD_HINT = (
    "At least 10 characters. Three or four words you will remember, with spaces, make a strong "
    "password"
)
ALLAUTH_PASSWORDS_DIFFER = "You must type the same password each time."
PASSWORDS_DIFFER = "The passwords do not match. Enter the same new password twice"
WRONG_CODE = "The security code is not right. Enter the 6-digit code your app shows now"


def _plain(form_field, *, label: str, required: str, hint: str = "", autocomplete: str = ""):
    """A GOV.UK label, hint and 'Enter ...' message on one of allauth's fields: no placeholder."""
    form_field.label = label
    form_field.help_text = hint
    form_field.error_messages = {**form_field.error_messages, "required": required}
    form_field.widget.attrs.pop("placeholder", None)
    if autocomplete:
        form_field.widget.attrs["autocomplete"] = autocomplete
    if isinstance(form_field, forms.EmailField):
        form_field.error_messages["invalid"] = EMAIL_FORMAT
        form_field.widget.attrs["spellcheck"] = "false"


class _NewPasswordTwice:
    """The new password and its confirmation, in words a person understands."""

    def _plain_new_password(self, *, first_label: str = "New password") -> None:
        _plain(
            self.fields["password1"],
            label=first_label,
            required="Enter a new password",
            hint=NEW_PASSWORD_HINT,
            autocomplete="new-password",
        )
        _plain(
            self.fields["password2"],
            label="Confirm the new password",
            required="Enter the new password again",
            autocomplete="new-password",
        )

    def clean(self):
        data = super().clean()
        errors = self._errors.get("password2")
        if errors:
            self._errors["password2"] = self.error_class(
                [
                    PASSWORDS_DIFFER if error == ALLAUTH_PASSWORDS_DIFFER else error
                    for error in errors
                ]
            )
        return data


class ChangePasswordForm(_NewPasswordTwice, account_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain(
            self.fields["oldpassword"],
            label="Current password",
            required="Enter your current password",
            autocomplete="current-password",
        )
        self._plain_new_password()


class SetPasswordForm(_NewPasswordTwice, account_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain_new_password(first_label="Password")


class ResetPasswordKeyForm(_NewPasswordTwice, account_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain_new_password()


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain(
            self.fields["email"],
            label="Email address",
            required="Enter the email address you sign in with",
            hint="The email address you sign in with",
            autocomplete="email",
        )


class AddEmailForm(account_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain(
            self.fields["email"],
            label="Email address",
            required="Enter the email address you want to add",
            autocomplete="email",
        )

    def clean_email(self) -> str:
        try:
            return super().clean_email()
        except ValidationError as error:
            if getattr(error, "code", None) == "add_email_blocked":
                raise ValidationError(
                    "Council and provider staff cannot add email addresses here. Ask the "
                    "service administrator to change the email address you sign in with",
                    code="add_email_blocked",
                ) from error
            raise


class ReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain(
            self.fields["password"],
            label="Password",
            required="Enter your password",
            autocomplete="current-password",
        )


class _SecurityCode:
    """The 6-digit code from an authenticator app (or, to sign in, a recovery code)."""

    def _plain_code(self, label: str = "Security code") -> None:
        _plain(
            self.fields["code"],
            label=label,
            required="Enter the security code from your authenticator app",
            autocomplete="one-time-code",
        )

    def clean_code(self):
        try:
            return super().clean_code()
        except ValidationError as error:
            if getattr(error, "code", None) == "incorrect_code":
                raise ValidationError(WRONG_CODE, code="incorrect_code") from error
            raise


class AuthenticateForm(_SecurityCode, mfa_forms.AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain_code()


class MultiFactorReauthenticateForm(_SecurityCode, mfa_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain_code()


class ActivateTOTPForm(_SecurityCode, totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain_code(label="Authenticator code")


class ActingForForm(forms.Form):
    """Choose whose record to use: the person's own, or someone they represent."""

    person = UUIDModelChoiceField(
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose whose record you want to use",
            "invalid_choice": "Choose whose record you want to use",
        },
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = options


class LinkAnswerForm(forms.Form):
    """Accept or Decline, sent by the button pressed on the invitation page."""

    answer = forms.ChoiceField(
        choices=[("accept", "Accept"), ("decline", "Decline")],
        required=False,
        widget=forms.HiddenInput,
    )

    def clean(self):
        if not self.cleaned_data.get("answer"):
            raise ValidationError("Choose Accept or Decline")
        return self.cleaned_data
