"""Forms for people, representatives and consent. Rendered through templates/includes/form.html."""

from allauth.account.forms import LoginForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.forms import DateField, UUIDModelChoiceField

from .models import Organisation, Person, Representative


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
        return {name: getattr(person, name) for name in cls.base_fields}


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
    q = forms.CharField(label="Search by name or postcode", required=False, max_length=100)


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
