"""Forms for the financial assessment pages. Rendered through templates/includes/form.html."""

from decimal import Decimal
from functools import partial

from django import forms

from core.formats import age, pounds
from core.forms import DateField, PoundsField

from ..models import FinancialAssessment, FinancialItem, MinimumIncomeGuarantee
from . import disregards

ENTER_POUNDS = "Enter an amount in pounds and pence, like 82.50"
NOT_NEGATIVE = "Amounts cannot be negative"
SHARE = "Enter the person's share as a percentage from 0 to 100, like 50"
HALF = Decimal("50")


def share_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text="Half (50) unless there is evidence of another split",
        error_messages={
            "invalid": SHARE,
            "min_value": SHARE,
            "max_value": SHARE,
            "max_digits": SHARE,
            "max_decimal_places": SHARE,
        },
    )


# Amounts in a financial assessment: £0 or more.
MoneyField = partial(
    PoundsField,
    invalid=ENTER_POUNDS,
    too_small=NOT_NEGATIVE,
    maximum=Decimal("10000000000.00"),
    too_large="That amount is too large: enter less than £10,000,000,000",
)


CHARGE_FROM_HINT = (
    "The rates used are those of the financial year (1 April to 31 March) this day falls in. "
    "It can be backdated up to 12 months, for example to when care started, or set up to 3 "
    "months ahead. For example, 1 4 2026"
)


def charge_from_field() -> DateField:
    return DateField(
        label="The charge applies from",
        subject="The date the charge applies from",
        help_text=CHARGE_FROM_HINT,
    )


class StartForm(forms.Form):
    """When the charge applies from: it chooses the financial year's rates."""

    charge_from = charge_from_field()


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
    income_type = forms.ChoiceField(
        label="If it is income, what kind?",
        choices=disregards.CHOICES,
        required=False,
        help_text="The kind of income decides what the rules do not count, such as PIP mobility "
        "or earnings",
        error_messages={"invalid_choice": "Choose the kind of income from the list"},
    )
    owner = forms.ChoiceField(
        label="Whose is it?",
        choices=FinancialItem.Owner.choices,
        initial=FinancialItem.Owner.PERSON,
        widget=forms.RadioSelect,
        required=False,
        help_text="A partner's own money is recorded but not counted; joint money is shared",
        error_messages={"invalid_choice": "Choose whose it is"},
    )
    share_percent = share_field("If it is joint, the person's share (%)")
    split_evidence = forms.CharField(
        label="Evidence of another split (if not half)",
        max_length=200,
        required=False,
        error_messages={"max_length": "Describe the evidence in 200 characters or fewer"},
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
        label="We do not count this other income (it is disregarded)",
        required=False,
        help_text="Only for 'Other income': the kinds in the list already say what is not counted",
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
        data["income_type"] = data.get("income_type") or disregards.OTHER
        data["owner"] = data.get("owner") or FinancialItem.Owner.PERSON
        if data["owner"] != FinancialItem.Owner.JOINT:
            data["share_percent"], data["split_evidence"] = HALF, ""
        elif data.get("share_percent") is None and "share_percent" not in self.errors:
            data["share_percent"] = HALF
        return data


class MigChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.label}: {pounds(obj.weekly_amount)} a week"


class FinancialDetailsForm(forms.Form):
    """The answers that are not items: disclosure, capital, MIG, DRE, the PIP rule, the cost."""

    charge_from = charge_from_field()
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
    has_partner = forms.ChoiceField(
        label="Does the person have a partner?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        help_text="A spouse, civil partner or someone they live with as a couple",
        error_messages={
            "required": "Choose whether the person has a partner",
            "invalid_choice": "Choose whether the person has a partner",
        },
    )
    joint_capital = MoneyField(
        label="Joint capital in pounds (if they have a partner)",
        required=False,
        help_text="Savings and investments held jointly with their partner",
    )
    joint_capital_share = share_field("The person's share of the joint capital (%)")
    joint_capital_evidence = forms.CharField(
        label="Evidence of another split of the joint capital (if not half)",
        max_length=200,
        required=False,
        error_messages={"max_length": "Describe the evidence in 200 characters or fewer"},
    )
    partner_capital = MoneyField(
        label="The partner's own capital in pounds (recorded, not counted)",
        required=False,
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
        label="Is the person's care provided in the day only, with no care at night?",
        choices=[("yes", "Yes, no care is provided at night"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether care is provided at night",
            "invalid_choice": "Choose whether care is provided at night",
        },
    )

    def __init__(self, *args, assessment: FinancialAssessment, **kwargs):
        super().__init__(*args, **kwargs)
        rates = assessment.rates
        amounts = MinimumIncomeGuarantee.objects.filter(rates=rates)
        self.fields["mig_base"].queryset = amounts.filter(kind=MinimumIncomeGuarantee.Kind.BASE)
        self.premiums = list(amounts.filter(kind=MinimumIncomeGuarantee.Kind.PREMIUM))
        for premium in self.premiums:
            self.fields[f"premium_{premium.pk}"] = forms.IntegerField(
                label=f"{premium.label}: {pounds(premium.weekly_amount)} a week",
                help_text="How many times it applies: 0 if it does not, 1 once, or the number "
                "of children for a premium paid for each child",
                min_value=0,
                max_value=20,
                initial=0,
                required=False,
                error_messages={
                    "invalid": "Enter how many times the premium applies, like 0, 1 or 2",
                    "min_value": "Enter how many times the premium applies, like 0, 1 or 2",
                    "max_value": "A premium can apply at most 20 times",
                },
            )
            self.fields[f"premium_{premium.pk}"].widget.attrs["class"] = "govuk-input--width-2"
        names = list(self.fields)
        after = names.index("mig_base") + 1
        premiums = [f"premium_{premium.pk}" for premium in self.premiums]
        rest = [name for name in names[after:] if name not in premiums]
        self.order_fields(names[:after] + premiums + rest)
        person = assessment.person
        self.fields["mig_base"].help_text = (
            f"{person.display_name} is {age(person.date_of_birth)}. "
            "Not needed if they chose not to tell us about their money."
        )
        actual = ("actual", "The actual costs added to the list as disability-related expenses")
        if rates.standard_dre_weekly is None:
            self.fields["dre"].choices = [actual]
            self.fields["dre"].help_text = "The council does not set a standard allowance"
        else:
            standard = pounds(rates.standard_dre_weekly)
            self.fields["dre"].choices = [
                ("standard", f"The council's standard allowance: {standard} a week"),
                actual,
            ]
        disregard = rates.pip_night_care_disregard_weekly
        self.fields["pip_without_night_care"].help_text = (
            f"If they get Attendance Allowance higher rate, DLA care highest rate or PIP enhanced "
            f"daily living, the council does not count {pounds(disregard)} a week of it"
            if disregard
            else "The council does not use the night-care disregard, so this changes nothing"
        )

    @classmethod
    def initial_from(cls, assessment: FinancialAssessment) -> dict:
        initial = {
            "charge_from": assessment.charge_from,
            "told_us": "no" if assessment.declined_to_disclose else "yes",
            "capital": assessment.capital,
            "has_partner": "yes" if assessment.has_partner else "no",
            "joint_capital": assessment.joint_capital,
            "joint_capital_share": assessment.joint_capital_share,
            "joint_capital_evidence": assessment.joint_capital_evidence,
            "partner_capital": assessment.partner_capital,
            "mig_base": assessment.mig_base_id,
            "dre": "standard" if assessment.uses_standard_dre else "actual",
            "pip_without_night_care": "yes" if assessment.pip_enhanced_without_night_care else "no",
        }
        for chosen in assessment.premium_choices.all():
            initial[f"premium_{chosen.premium_id}"] = chosen.count
        return initial

    def service_data(self) -> dict:
        """The cleaned answers in the shape financial_assessment_update takes."""
        data = dict(self.cleaned_data)
        data["declined_to_disclose"] = data.pop("told_us") == "no"
        data["has_partner"] = data.pop("has_partner") == "yes"
        for name in ("joint_capital", "partner_capital"):
            if data.get(name) is None:
                data[name] = Decimal("0.00")
        if data.get("joint_capital_share") is None:
            data["joint_capital_share"] = HALF
        data["uses_standard_dre"] = data.pop("dre") == "standard"
        data["pip_enhanced_without_night_care"] = data.pop("pip_without_night_care") == "yes"
        data["mig_premiums"] = [
            (premium, count)
            for premium in self.premiums
            if (count := data.pop(f"premium_{premium.pk}", None) or 0)
        ]
        return data
