"""Forms for the financial assessment pages. Rendered through templates/includes/form.html."""

from decimal import Decimal
from functools import partial

from django import forms

from core.formats import age, pounds
from core.forms import PoundsField

from ..models import FinancialAssessment, FinancialItem, MinimumIncomeGuarantee

ENTER_POUNDS = "Enter an amount in pounds and pence, like 82.50"
NOT_NEGATIVE = "Amounts cannot be negative"


# Amounts in a financial assessment: £0 or more.
MoneyField = partial(
    PoundsField,
    invalid=ENTER_POUNDS,
    too_small=NOT_NEGATIVE,
    maximum=Decimal("10000000000.00"),
    too_large="That amount is too large: enter less than £10,000,000,000",
)


class FinancialItemForm(forms.Form):
    """An income, housing cost or disability-related expense, as the person pays or gets it."""

    prefix = "item"

    kind = forms.ChoiceField(
        label="What kind of money is it?",
        choices=FinancialItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose income, housing cost or disability-related expense",
            "invalid_choice": "Choose income, housing cost or disability-related expense",
        },
    )
    label = forms.CharField(
        label="What is it?",
        max_length=150,
        help_text="For example: State Pension, PIP mobility, rent, extra heating",
        error_messages={
            "required": "Enter what the income or cost is",
            "max_length": "Describe it in 150 characters or fewer",
        },
    )
    amount = MoneyField(
        label="Amount in pounds, as it is paid",
        help_text="For example, 400.00 for a pension of £400 a month",
        error_messages={"required": "Enter the amount, like 82.50"},
    )
    frequency = forms.ChoiceField(
        label="How often is it paid?",
        choices=FinancialItem.Frequency.choices,
        widget=forms.RadioSelect,
        help_text="We work out the weekly figure. A monthly amount is × 12 ÷ 52.",
        error_messages={
            "required": "Choose how often it is paid",
            "invalid_choice": "Choose how often it is paid",
        },
    )
    disregarded = forms.BooleanField(
        label="We do not count this income (it is disregarded)",
        required=False,
        help_text="Only for income, such as PIP mobility or earnings",
    )
    disregard_reason = forms.CharField(
        label="Why it is not counted (if disregarded)",
        max_length=200,
        required=False,
        help_text="For example: PIP mobility component, earnings",
        error_messages={"max_length": "Give the reason in 200 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        if data.get("disregarded"):
            if data.get("kind") and data["kind"] != FinancialItem.Kind.INCOME:
                self.add_error("disregarded", "Only income can be disregarded: untick the box")
            if "disregard_reason" in data and not data["disregard_reason"].strip():
                self.add_error("disregard_reason", "Say why this income is not counted")
        else:
            data["disregard_reason"] = ""
        return data


class MigChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.label}: {pounds(obj.weekly_amount)} a week"


class MigPremiumsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.label}: {pounds(obj.weekly_amount)} a week"


class FinancialDetailsForm(forms.Form):
    """The answers that are not items: disclosure, capital, MIG, DRE, the PIP rule, the cost."""

    told_us = forms.ChoiceField(
        label="Has the person told us about their money?",
        choices=[
            ("yes", "Yes"),
            ("no", "No, they chose not to tell us: they pay the full weekly cost of their care"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the person told us about their money",
            "invalid_choice": "Choose whether the person told us about their money",
        },
    )
    capital = MoneyField(
        label="Capital in pounds",
        help_text="Savings, investments and property that counts, added up",
        error_messages={"required": "Enter the capital, or 0 if they have none"},
    )
    mig_base = MigChoiceField(
        label="Minimum Income Guarantee: the rate for the person's age",
        queryset=MinimumIncomeGuarantee.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose a Minimum Income Guarantee rate from the list"},
    )
    mig_premiums = MigPremiumsField(
        label="Premiums added to the Minimum Income Guarantee (optional)",
        queryset=MinimumIncomeGuarantee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": "Choose premiums from the list",
            "invalid_pk_value": "Choose premiums from the list",
            "invalid_list": "Choose premiums from the list",
        },
    )
    dre = forms.ChoiceField(
        label="Disability-related expenses",
        choices=[("standard", "Standard allowance"), ("actual", "Actual costs")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the standard allowance or actual costs",
            "invalid_choice": "Choose the standard allowance or actual costs",
        },
    )
    pip_without_night_care = forms.ChoiceField(
        label="Does the person get the enhanced rate of PIP daily living, with no care at night?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the person gets enhanced PIP daily living",
            "invalid_choice": "Choose whether the person gets enhanced PIP daily living",
        },
    )
    weekly_cost_of_care = MoneyField(
        label="Weekly cost of care in pounds",
        help_text="The most they can be asked to pay. It starts as the latest indicative budget.",
        error_messages={"required": "Enter the weekly cost of care, like 320.00"},
    )

    def __init__(self, *args, assessment: FinancialAssessment, **kwargs):
        super().__init__(*args, **kwargs)
        rates = assessment.rates
        amounts = MinimumIncomeGuarantee.objects.filter(rates=rates)
        self.fields["mig_base"].queryset = amounts.filter(kind=MinimumIncomeGuarantee.Kind.BASE)
        self.fields["mig_premiums"].queryset = amounts.filter(
            kind=MinimumIncomeGuarantee.Kind.PREMIUM
        )
        person = assessment.person
        self.fields["mig_base"].help_text = (
            f"{person.display_name} is {age(person.date_of_birth)}. "
            "Not needed if they chose not to tell us about their money."
        )
        standard = pounds(rates.standard_dre_weekly)
        self.fields["dre"].choices = [
            ("standard", f"The council's standard allowance: {standard} a week"),
            ("actual", "The actual costs added to the list as disability-related expenses"),
        ]
        disregard = rates.pip_night_care_disregard_weekly
        self.fields["pip_without_night_care"].help_text = (
            f"The council does not count {pounds(disregard)} a week of it"
            if disregard
            else "The council does not use this rule at the moment, so it changes nothing"
        )

    @classmethod
    def initial_from(cls, assessment: FinancialAssessment) -> dict:
        return {
            "told_us": "no" if assessment.declined_to_disclose else "yes",
            "capital": assessment.capital,
            "mig_base": assessment.mig_base_id,
            "mig_premiums": [premium.pk for premium in assessment.mig_premiums.all()],
            "dre": "standard" if assessment.uses_standard_dre else "actual",
            "pip_without_night_care": "yes" if assessment.pip_enhanced_without_night_care else "no",
            "weekly_cost_of_care": assessment.weekly_cost_of_care,
        }

    def service_data(self) -> dict:
        """The cleaned answers in the shape financial_assessment_update takes."""
        data = dict(self.cleaned_data)
        data["declined_to_disclose"] = data.pop("told_us") == "no"
        data["uses_standard_dre"] = data.pop("dre") == "standard"
        data["pip_enhanced_without_night_care"] = data.pop("pip_without_night_care") == "yes"
        return data
