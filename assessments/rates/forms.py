"""Forms for a council's charging rates pages. Rendered through templates/includes/form.html."""

from decimal import Decimal

from django import forms

from core.formats import pounds
from core.forms import PoundsField

from ..financial import national_rates as national
from ..models import ChargingRates

ENTER_POUNDS = "Enter an amount in pounds and pence, like 20.00"
TOO_LARGE = "That amount is too large: enter less than £10,000,000"


def money(
    label: str, hint: str = "", *, required: bool = True, blank_means: str = ""
) -> PoundsField:
    """An amount of £0 or more; blank allowed where blank means something (say what)."""
    help_text = " ".join(part for part in (hint, blank_means) if part)
    return PoundsField(
        label=label,
        help_text=help_text,
        required=required,
        invalid=ENTER_POUNDS,
        too_small="Enter £0 or more",
        maximum=Decimal("10000000.00"),
        too_large=TOO_LARGE,
        error_messages={"required": f"Enter the {label[0].lower() + label[1:]}, like 20.00"},
    )


class AddYearForm(forms.Form):
    """Which financial year to add."""

    financial_year = forms.TypedChoiceField(
        label="Which year?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the year to add",
            "invalid_choice": "Choose the year to add",
        },
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["financial_year"]
        field.choices = [(y, _year_choice(y)) for y in years]
        if years:
            field.initial = years[0]


def _year_choice(year: int) -> str:
    held = national.national_year(year)
    label = f"{national.year_label(year)} (1 April {year} to 31 March {year + 1})"
    if held is None:
        return f"{label}: the service holds no national figures, so every figure is copied"
    return f"{label}: starts from the national figures the service holds"


class RatesForm(forms.Form):
    """A year's own values: capital limits, tariff, the council's choices, savings credit."""

    lower_capital_limit = money(
        "Lower capital limit", "Capital up to this is ignored. At least £14,250, by law."
    )
    upper_capital_limit = money(
        "Upper capital limit",
        "Above this the person pays the full cost. At least £23,250, by law.",
    )
    tariff_step = money(
        "Tariff step",
        "£1 a week of tariff income for each step above the lower limit. At least £250, by law.",
    )
    tariff_rule = forms.ChoiceField(
        label="How tariff income is counted",
        choices=ChargingRates.TariffRule.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how tariff income is counted",
            "invalid_choice": "Choose how tariff income is counted",
        },
    )
    charge_percentage = forms.DecimalField(
        label="Share of disposable income charged (%)",
        help_text="From 0 to 100. Most councils charge 100%.",
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the share of disposable income charged, like 100",
            "invalid": "Enter the share as a percentage from 0 to 100, like 100",
            "min_value": "Enter the share as a percentage from 0 to 100, like 100",
            "max_value": "Enter the share as a percentage from 0 to 100, like 100",
            "max_digits": "Enter the share as a percentage from 0 to 100, like 100",
            "max_decimal_places": "Enter the share with at most 2 decimal places, like 87.5",
        },
    )
    minimum_weekly_charge = money(
        "Minimum weekly charge", "A charge below this is not collected. £0 if there is none."
    )
    local_mig_buffer = money(
        "Extra Minimum Income Guarantee a week",
        "Left to everyone on top of the national amounts, for example 5.00. £0 if none.",
    )
    standard_dre_weekly = money(
        "Standard disability-related expenditure a week",
        required=False,
        blank_means="Leave blank if the council sets no standard allowance: then only actual "
        "costs are taken off.",
    )
    pip_night_care_disregard_weekly = money(
        "Night-care disregard a week",
        "Not counted of Attendance Allowance higher rate, DLA care highest rate or PIP enhanced "
        "daily living when no care is provided at night. £0 if the council does not use it.",
    )
    savings_credit_disregard_single = money(
        "Savings credit disregard a week, single person",
        required=False,
        blank_means="From the year's circular.",
    )
    savings_credit_disregard_couple = money(
        "Savings credit disregard a week, member of a couple",
        required=False,
        blank_means="From the year's circular.",
    )

    @classmethod
    def initial_from(cls, rates: ChargingRates) -> dict:
        return {name: getattr(rates, name) for name in cls.base_fields}


class AmountsForm(forms.Form):
    """The year's Minimum Income Guarantee amounts: one field for each the regulations list
    (and any other the council offers); blank means it is not offered."""

    def __init__(self, *args, rates: ChargingRates, **kwargs):
        super().__init__(*args, **kwargs)
        current = {m.label: m for m in rates.mig_amounts.all()}
        labels = [label for label, _ in national.LABELS]
        labels += sorted(label for label in current if label not in labels)
        self.labels = {}
        for index, label in enumerate(labels):
            name = f"amount_{index}"
            self.labels[name] = label
            floor = national.national_amount(rates.financial_year, label)
            hint = (
                f"The national amount for {rates.year_label} is {pounds(floor)}: enter that or "
                "more."
                if floor is not None
                else "The service holds no national amount for this: check it against the "
                "year's circular."
            )
            self.fields[name] = money(
                label, hint, required=False, blank_means="Leave blank if it is not offered."
            )
            self.fields[name].widget.attrs["class"] = "govuk-input--width-5"
            if label in current:
                self.initial.setdefault(name, current[label].weekly_amount)

    def amounts(self) -> dict:
        """{label: amount or None} for the service."""
        return {self.labels[name]: self.cleaned_data.get(name) for name in self.labels}
