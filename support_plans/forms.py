"""Forms for writing a support plan. Rendered through templates/includes/form.html.

Cross-field rules are checked here too, so that every problem shows at once; the services check
them again because they are the rules.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from assessments.models import need_label
from assessments.voice import Voice
from core.forms import UUIDModelChoiceField, text_field
from people.models import Organisation

from .limits import WEEKS_A_YEAR_MESSAGE, line_problems
from .models import ChartRow, Management, RelationshipType, SupportLine

ENTER_COST = "Enter a cost in pounds and pence, like 15.50"
ENTER_QUANTITY = "Enter how many a week as a number, like 10 or 2.5"
# Digits with optional thousands commas and up to two decimal places: no "1e5", no "12.345".
NUMBER = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$", re.ASCII)


class PlainNumberField(forms.DecimalField):
    """A number of 0 or more with up to two decimal places, typed as people write it."""

    widget = forms.TextInput

    def __init__(self, *, invalid: str, too_large: str, max_digits: int = 12, **kwargs):
        messages = {
            "required": invalid,
            "invalid": invalid,
            "min_value": f"{kwargs.get('label', 'It')} cannot be negative",
            "max_digits": too_large,
            "max_whole_digits": too_large,
            "max_decimal_places": invalid,
            **kwargs.pop("error_messages", {}),
        }
        super().__init__(
            max_digits=max_digits,
            decimal_places=2,
            min_value=Decimal(0),
            error_messages=messages,
            **kwargs,
        )
        self.widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().removeprefix("£").strip()
        if text.startswith("-"):
            raise ValidationError(self.error_messages["min_value"], code="min_value")
        if not NUMBER.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text.replace(",", ""))


@dataclass(frozen=True)
class Section:
    """A page of the plan written as free text: its title, guidance and questions."""

    title: str
    service_section: str  # the name services.plan_save_section knows it by
    guidance: tuple[str, ...]
    fields: tuple[tuple[str, str, str], ...]  # (model field, label, hint)

    def form_class(self) -> type[forms.Form]:
        attrs = {name: text_field(label, hint=hint) for name, label, hint in self.fields}
        return type(f"{self.service_section.title()}Form", (forms.Form,), attrs)


SECTIONS = {
    "important": Section(
        "What is important to me and for me",
        "important",
        (
            "What is important to {you} is what makes {their} life good: the people, places, "
            "things and routines that matter to {them}.",
            "What is important for {you} is what {they} need to stay healthy, safe and well. "
            "A good plan keeps both in balance.",
        ),
        (
            (
                "important_to",
                "What is important to me",
                "For example: seeing my grandchildren on Sundays, choosing my own clothes, "
                "going to the football",
            ),
            (
                "important_for",
                "What is important for me",
                "For example: taking my tablets with breakfast, help in the shower so I do not "
                "fall",
            ),
        ),
    ),
    "profile": Section(
        "One-page profile",
        "profile",
        (
            "A one-page profile helps people who support {you} get to know {them} quickly. "
            "You can download it as a PDF to share.",
        ),
        (
            (
                "like_and_admire",
                "What people like and admire about me",
                "Ask people who know you well. For example: my sense of humour, I never forget "
                "a birthday",
            ),
            (
                "matters_to_me",
                "What matters to me",
                "For example: my dog Bess, my garden, a cup of tea in my own mug",
            ),
            (
                "how_to_support",
                "How best to support me",
                "For example: talk to me, not about me; give me time to answer",
            ),
        ),
    ),
    "days": Section(
        "Good days and bad days",
        "days",
        (
            "Thinking about what makes a good day, and what makes a bad one, shows what {your} "
            "support should do more of, and what it should help {them} avoid.",
        ),
        (
            ("good_days", "What makes a good day", "For example: a lie-in, then lunch out"),
            (
                "bad_days",
                "What makes a bad day",
                "For example: being rushed in the morning, a carer I do not know",
            ),
        ),
    ),
    "routines": Section(
        "My routines",
        "days",
        (
            "Routines are the things {you} {do} every day or every week, and the celebrations "
            "that matter to {them}. {Their} support should fit around these.",
        ),
        (
            (
                "routines",
                "My daily and weekly routines, and celebrations",
                "For example: up at 8, shower, porridge; church on Sunday morning; a big family "
                "meal on my birthday",
            ),
        ),
    ),
    "contingency": Section(
        "If my support breaks down, and risks we have agreed",
        "contingency",
        (
            "Say what should happen if {your} support does not turn up or cannot carry on, so "
            "{they} are never left without help.",
            "Risks are things that could go wrong that {you} {have} talked through and agreed to "
            "take, and what will keep them small.",
        ),
        (
            (
                "contingency_plan",
                "What happens if my support breaks down",
                "For example: if my personal assistant is ill, my sister Ada covers the morning "
                "visit; if she cannot, I call the agency on 01234 567890",
            ),
            (
                "risks",
                "Risks we have agreed (optional)",
                "For example: I go swimming on my own. I take my phone and tell Ada when I am home",
            ),
        ),
    ),
}


YES_NO = [("yes", "Yes"), ("no", "No")]


class RelationshipForm(forms.Form):
    prefix = "person"

    name = forms.CharField(
        label="Their name",
        max_length=150,
        error_messages={
            "required": "Enter their name",
            "max_length": "Enter a name of 150 characters or fewer",
        },
    )
    relationship_type = forms.ChoiceField(
        label="How are they related to you?",
        choices=RelationshipType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how they are related to you",
            "invalid_choice": "Choose how they are related to you from the list",
        },
    )
    how_they_know_me = forms.CharField(
        label="How they know me (optional)",
        max_length=200,
        required=False,
        help_text="For example: my neighbour for 20 years, we met at the allotment",
        error_messages={"max_length": "Keep this to 200 characters or fewer"},
    )
    role = forms.CharField(
        label="Their role in my life (optional)",
        max_length=200,
        required=False,
        help_text="For example: takes me shopping on Saturdays",
        error_messages={"max_length": "Keep this to 200 characters or fewer"},
    )
    lives_with_me = forms.ChoiceField(
        label="Do they live with you?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose yes if they live with you",
            "invalid_choice": "Choose yes or no",
        },
    )

    def __init__(self, *args, voice: Voice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if voice is None or voice.to_person:
            return
        fields = self.fields
        fields["relationship_type"].label = voice.fill("How are they related to {you}?")
        fields["relationship_type"].error_messages["required"] = voice.fill(
            "Choose how they are related to {you}"
        )
        fields["relationship_type"].error_messages["invalid_choice"] = voice.fill(
            "Choose how they are related to {you} from the list"
        )
        fields["how_they_know_me"].label = voice.fill("How they know {you} (optional)")
        fields["role"].label = voice.fill("Their role in {your} life (optional)")
        fields["lives_with_me"].label = voice.fill("Do they live with {you}?")
        fields["lives_with_me"].error_messages["required"] = voice.fill(
            "Choose yes if they live with {you}"
        )

    def details(self) -> dict:
        """What services.relationship_add takes."""
        data = dict(self.cleaned_data)
        data["lives_with_me"] = data["lives_with_me"] == "yes"
        return data


DOUGHNUT_CHOICES = [
    ("core", "Core: what people supporting me must do"),
    ("use judgement and creativity", "Use judgement and creativity"),
    ("not our responsibility", "Not our responsibility"),
]


@dataclass(frozen=True)
class Chart:
    """One of the three person-centred charts: its title, guidance and column headings."""

    title: str
    guidance: str
    columns: tuple[str, ...]
    hints: tuple[str, ...]


CHARTS = {
    ChartRow.Chart.COMMUNICATION: Chart(
        "Communication chart",
        "How {you} let{s} people know what {they} want or how {they} feel, so that people "
        "supporting {them} understand {them} and know what to do.",
        ("When this happens", "I do this", "It means", "And you should"),
        (
            "For example: when I am offered food I do not like",
            "For example: I turn my head away",
            "For example: I do not want it",
            "For example: offer me something else",
        ),
    ),
    ChartRow.Chart.DECISIONS: Chart(
        "Decision-making chart",
        "The decisions in {your} life, how {they} want to be involved in each, and who makes "
        "the final decision.",
        ("The decision", "How I must be involved", "Who makes the final decision"),
        (
            "For example: what I wear each day",
            "For example: show me two outfits to choose from",
            "For example: me",
        ),
    ),
    ChartRow.Chart.DOUGHNUT: Chart(
        "Doughnut of roles",
        "What people supporting {you} must always do, where they should use their judgement "
        "and be creative, and what is not their responsibility.",
        ("The responsibility", "Whose part is it?"),
        ("For example: make sure I take my tablets at 8am", ""),
    ),
}


def chart_row_form(chart: str) -> type[forms.Form]:
    """A form for a row of this chart: one text box per column (the doughnut asks a choice)."""
    spec = CHARTS[chart]
    attrs = {"prefix": "row"}
    for name, label, hint in zip(
        ("first", "second", "third", "fourth"), spec.columns, spec.hints, strict=False
    ):
        required = f"Fill in '{label.lower()}'" if name == "first" else ""
        attrs[name] = text_field(label, hint=hint, required=required, rows=2, limit=1000)
    if chart == ChartRow.Chart.DOUGHNUT:
        attrs["second"] = forms.ChoiceField(
            label="Whose part is it?",
            choices=DOUGHNUT_CHOICES,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose core, use judgement and creativity, or not our responsibility",
                "invalid_choice": "Choose one of the three",
            },
        )
    return type("ChartRowForm", (forms.Form,), attrs)


class OutcomeForm(forms.Form):
    prefix = "outcome"

    in_my_words = text_field(
        "The outcome, in my own words",
        hint="What you want to achieve. For example: I want to be washed and dressed by 9 so I can "
        "get to my art class",
        required="Write the outcome in your own words",
        rows=3,
        limit=1000,
    )
    eligible_needs = forms.MultipleChoiceField(
        label="Which of your eligible needs does it meet?",
        help_text="These are the needs your assessment found. Choose all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one of the eligible needs this outcome meets",
            "invalid_choice": "Choose needs from the list",
        },
    )

    def __init__(self, *args, needs: list[str], voice: Voice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eligible_needs"].choices = [(need, need_label(need)) for need in needs]
        if voice is None or voice.to_person:
            return
        fields = self.fields
        fields["in_my_words"].label = voice.fill("The outcome, in {your} own words")
        fields["in_my_words"].help_text = voice.fill(
            "What {you} want{s} to achieve, written as {they} would say it. For example: I want to "
            "be washed and dressed by 9 so I can get to my art class"
        )
        fields["in_my_words"].error_messages["required"] = voice.fill(
            "Write the outcome in {your} own words"
        )
        fields["eligible_needs"].label = voice.fill("Which of {your} eligible needs does it meet?")
        fields["eligible_needs"].help_text = voice.fill(
            "These are the needs {your} assessment found. Choose all that apply."
        )


class SupportLineForm(forms.Form):
    prefix = "line"

    description = forms.CharField(
        label="What is the support?",
        max_length=200,
        help_text="For example: help getting up and dressed, a day at the art centre, a "
        "shower chair",
        error_messages={
            "required": "Enter what the support is",
            "max_length": "Describe the support in 200 characters or fewer",
        },
    )
    provider_kind = forms.ChoiceField(
        label="Who or what provides it?",
        choices=SupportLine.ProviderKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who or what provides the support",
            "invalid_choice": "Choose who or what provides the support from the list",
        },
    )
    provider = UUIDModelChoiceField(
        label="Which care provider? (if a care provider)",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PROVIDER).order_by("name"),
        required=False,
        empty_label="Choose a provider",
        error_messages={"invalid_choice": "Choose a provider from the list"},
    )
    payee = forms.ModelChoiceField(
        label="Is someone in your relationship circle paid for it? (optional)",
        queryset=None,
        required=False,
        empty_label="No",
        help_text="Only if someone you added to your relationship circle is paid for this support",
        error_messages={"invalid_choice": "Choose someone from your relationship circle"},
    )
    quantity_per_week = PlainNumberField(
        label="How many a week",
        help_text="For example, 10 for 10 hours a week. For a one-off cost, enter 1",
        max_digits=8,
        invalid=ENTER_QUANTITY,
        error_messages={"required": "Enter how many a week, like 10"},
        too_large="That is too many: enter a number less than 1,000,000",
    )
    unit = forms.ChoiceField(
        label="Of what?",
        choices=SupportLine.Unit.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose hour, day, week or one-off",
            "invalid_choice": "Choose hour, day, week or one-off",
        },
    )
    unit_cost = PlainNumberField(
        label="Cost of each, in pounds",
        help_text="For example, 15.50 for £15.50 an hour",
        invalid=ENTER_COST,
        error_messages={"required": "Enter the cost of each, like 15.50"},
        too_large="That cost is too large: enter less than £10,000,000,000",
    )
    weeks_a_year = forms.IntegerField(
        label="How many weeks a year does it run?",
        help_text="52 if it runs every week of the year. For example, 50 for home care that "
        "stops for 2 weeks of respite, or 2 for 2 weeks of respite a year. Leave it at 52 for "
        "a one-off cost",
        required=False,
        initial=52,
        min_value=1,
        max_value=52,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "invalid": "Enter the weeks a year as a whole number from 1 to 52, like 50",
            "min_value": WEEKS_A_YEAR_MESSAGE,
            "max_value": WEEKS_A_YEAR_MESSAGE,
        },
    )
    outcomes = forms.ModelMultipleChoiceField(
        label="Which of your outcomes does it help with?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose the outcomes this support helps with",
            "invalid_choice": "Choose outcomes from the list",
            "invalid_pk_value": "Choose outcomes from the list",
        },
    )
    management = forms.ChoiceField(
        label="How will the money for it be managed?",
        choices=[
            (Management.DIRECT_PAYMENT, "Direct payment"),
            (Management.COUNCIL_MANAGED, "Managed by the council"),
            (Management.ISF, "Individual service fund held by a provider"),
        ],
        widget=forms.RadioSelect,
        help_text="You can mix: each piece of support can be managed in a different way",
        error_messages={
            "required": "Choose how the money will be managed",
            "invalid_choice": "Choose how the money will be managed from the list",
        },
    )
    dp_holder = forms.ChoiceField(
        label="Who will hold the direct payment? (if a direct payment)",
        choices=SupportLine.Holder.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose who will hold the direct payment"},
    )
    account_type = forms.ChoiceField(
        label="Where will the direct payment be paid? (if a direct payment)",
        choices=SupportLine.AccountType.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="This is your choice. A prepaid card is one option: you never have to use one.",
        error_messages={"invalid_choice": "Choose the kind of account from the list"},
    )

    def __init__(self, *args, plan, voice: Voice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        voice = voice or Voice(plan.person.display_name, to_person=True)
        self._speak(voice)
        self.fields["payee"].queryset = plan.relationships.all()
        self.fields["payee"].label_from_instance = lambda person: (
            f"{person.name} ({person.get_relationship_type_display().lower()})"
        )
        self.fields["outcomes"].queryset = plan.outcomes.all()
        self.fields["outcomes"].label_from_instance = lambda outcome: outcome.in_my_words
        self.fields["quantity_per_week"].error_messages["min_value"] = "Enter a number above 0"
        self.fields["unit_cost"].error_messages["min_value"] = "The cost cannot be negative"

    def _speak(self, voice: Voice) -> None:
        """Labels that name the person to anyone else, and "Me" only to the person themselves."""
        fields = self.fields
        fields["payee"].label = voice.fill(
            "Is someone in {your} relationship circle paid for it? (optional)"
        )
        fields["payee"].help_text = voice.fill(
            "Only if someone added to {your} relationship circle is paid for this support"
        )
        fields["payee"].error_messages["invalid_choice"] = voice.fill(
            "Choose someone from {your} relationship circle"
        )
        fields["outcomes"].label = voice.fill("Which of {your} outcomes does it help with?")
        fields["provider_kind"].choices = [
            (
                value,
                voice.say("A personal assistant I employ", "A personal assistant {name} employs")
                if value == SupportLine.ProviderKind.PERSONAL_ASSISTANT
                else label,
            )
            for value, label in SupportLine.ProviderKind.choices
        ]
        fields["dp_holder"].choices = [
            (SupportLine.Holder.PERSON, voice.say("Me", "{name}")),
            (
                SupportLine.Holder.REPRESENTATIVE,
                voice.say(
                    "My nominated or authorised person",
                    "{name}'s nominated or authorised person",
                ),
            ),
        ]
        fields["account_type"].help_text = voice.fill(
            "This is {your} choice. A prepaid card is one option: {they} never have to use one."
        )

    @classmethod
    def initial_from(cls, line: SupportLine) -> dict:
        """The line as it is saved, to change it."""
        names = [name for name in cls.base_fields if name != "outcomes"]
        initial = {
            name: getattr(line, f"{name}_id" if name in {"provider", "payee"} else name)
            for name in names
        }
        initial["outcomes"] = [outcome.pk for outcome in line.outcomes.all()]
        return initial

    def clean_weeks_a_year(self):
        """Left empty, support runs every week of the year."""
        weeks = self.cleaned_data["weeks_a_year"]
        return 52 if weeks is None else weeks

    def clean_quantity_per_week(self):
        quantity = self.cleaned_data["quantity_per_week"]
        if quantity == 0:
            raise ValidationError("Enter a number above 0")
        return quantity

    def clean(self):
        data = super().clean()
        if (
            data.get("provider_kind") == SupportLine.ProviderKind.PROVIDER
            and not data.get("provider")
            and "provider" not in self.errors
        ):
            self.add_error("provider", "Choose the care provider")
        if data.get("management") == SupportLine.Management.DIRECT_PAYMENT:
            if not data.get("dp_holder"):
                self.add_error("dp_holder", "Choose who will hold the direct payment")
            if not data.get("account_type"):
                self.add_error("account_type", "Choose where the direct payment will be paid")
        needed = ("provider_kind", "quantity_per_week", "unit", "unit_cost", "weeks_a_year")
        if not any(name in self.errors for name in needed):
            for field, message in line_problems(
                provider_kind=data["provider_kind"],
                quantity=data["quantity_per_week"],
                unit=data["unit"],
                unit_cost=data["unit_cost"],
                weeks_a_year=data["weeks_a_year"],
            ):
                self.add_error(field, message)
        return data

    def details(self) -> dict:
        """What services.support_line_add takes as details (the outcomes go separately)."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "outcomes"}
        if data["provider_kind"] != SupportLine.ProviderKind.PROVIDER:
            data["provider"] = None
        return data


class NecessaryDecisionForm(forms.Form):
    ground = forms.ChoiceField(
        label="Why is it necessary?",
        choices=SupportLine.NecessaryGround.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether it is necessary for their care or to manage the payment",
            "invalid_choice": "Choose whether it is necessary for their care or to manage the "
            "payment",
        },
    )
    decision = text_field(
        "Why is paying this person necessary?",
        hint="The council must decide it is necessary, and record why. For example: no agency "
        "covers the village before 7am, and he needs help to get to work",
        required="Say why paying this person is necessary",
        rows=4,
    )


class ReviseForm(forms.Form):
    reason = text_field(
        "Why is the plan changing?",
        hint="For example: my needs have changed since my review, I want to try a personal "
        "assistant instead of the agency",
        required="Say why the plan is changing",
        rows=4,
        limit=2000,
    )
