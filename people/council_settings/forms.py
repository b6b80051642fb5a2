"""The council administrator's form for changing local settings from a date."""

from django import forms

from core.forms import DateField, text_field

from .models import CouncilSettings
from .services import LIMITS, SETTING_FIELDS

HINTS = {
    "surplus_weeks": "An account holding more than this many weeks of funding may have a surplus",
    "contingency_weeks": "Money for emergencies, such as cover when a personal assistant is "
    "ill, that is never counted as surplus. It is on top of the surplus threshold; 0 if the "
    "threshold already allows for it",
    "return_months": "People whose direct payment is in a bank account (not a card the council "
    "can see) send a return this often, checking their payments online; 0 for none",
    "first_check_weeks": "A direct payment with no spending or contributions recorded for this "
    "long shows as quiet on the monitoring list",
    "record_reminder_days": "The person (or whoever manages the money) gets a kind reminder",
    "contribution_missing_days": "Until then a contribution not paid in is shown as late",
    "repayment_notice_days": "How long people have to agree, explain or dispute",
    "retention_years": "The council's record-keeping policy (usually the current year and 6 more)",
    "plan_first_review_weeks": "The guidance says a light first review 6 to 8 weeks after",
    "dp_first_review_months": "At most 6 months, by law",
    "routine_review_months": "At most 12 months, by law",
    "dbs_max_age_years": "People who employ personal assistants are asked to renew a DBS "
    "check older than this",
}


def _number_field(name: str) -> forms.IntegerField:
    model_field = CouncilSettings._meta.get_field(name)
    label = str(model_field.verbose_name)
    limit = LIMITS[name]
    return forms.IntegerField(
        label=label[0].upper() + label[1:],
        help_text=f"{HINTS[name]}. From {limit.low} to {limit.high}.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": f"Enter the {label}",
            "invalid": f"Enter the {label} as a whole number, like {model_field.default}",
        },
    )


class CouncilSettingsForm(forms.Form):
    effective_from = DateField(
        label="When does this change start?",
        help_text="Today or a later date. For example, 1 4 2027",
        subject="The start date",
    )
    payment_cycle = forms.ChoiceField(
        label="How often are direct payments paid?",
        help_text="Both are paid in advance. Monthly pays the weekly amount × the days in the "
        "month ÷ 7, so a 31-day month pays more than a 30-day one. A change starts with the "
        "first cycle from its date; individual service funds are paid to the provider weekly "
        "either way.",
        choices=CouncilSettings.PaymentCycle.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how often direct payments are paid",
            "invalid_choice": "Choose how often direct payments are paid",
        },
    )
    surplus_basis = forms.ChoiceField(
        label="Count the weeks of funding on",
        choices=CouncilSettings.SurplusBasis.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether to count weeks on the gross or the net budget",
            "invalid_choice": "Choose whether to count weeks on the gross or the net budget",
        },
    )
    reason = text_field(
        "Why is it changing? (optional)",
        hint="For example, the cabinet decision of 12 March 2027. Everyone who can change "
        "settings sees this in the history.",
        rows=3,
        limit=500,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        numbers = {name: _number_field(name) for name in SETTING_FIELDS if name in LIMITS}
        ordered = {"effective_from": self.fields.pop("effective_from")}
        for name in SETTING_FIELDS:
            ordered[name] = numbers.get(name) or self.fields.pop(name)
        ordered["reason"] = self.fields.pop("reason")
        self.fields = ordered

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SETTING_FIELDS}


def initial_from(settings: CouncilSettings) -> dict:
    """The form filled in with the settings in force now."""
    return {name: getattr(settings, name) for name in SETTING_FIELDS}


class SpendingItemForm(forms.Form):
    label = forms.CharField(
        label="What is not allowed?",
        help_text="A short name people will read, like 'Gambling'",
        max_length=100,
        error_messages={
            "required": "Enter what is not allowed, like 'Gambling'",
            "max_length": "Keep the name to 100 characters or fewer",
        },
    )
    keywords = text_field(
        "Words that suggest it",
        hint="One on each line, like 'casino' or 'betting shop'. A payment whose payee or note "
        "has one of these words is asked about; it is never stopped.",
        required="Enter at least one word that suggests it, like 'casino', one on each line",
        rows=6,
        limit=2000,
    )
