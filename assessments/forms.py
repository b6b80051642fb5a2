"""Forms for the questions of a needs assessment. Rendered through templates/includes/form.html.

The forms that move an assessment along (start, send, review, decide) are in workflow_forms.py.

Each section form takes the assessment's `Wording`, so a self-assessment asks "Can you ..." and a
council assessment asks the assessor about the person by name. `to_data()` gives the service
exactly the fields of its section.
"""

from django import forms

from core.forms import text_field

from .models import NeedsAssessment
from .questions import Wording

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no_field(required_message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": "Choose yes or no"},
    )


def _as_yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def label_field(
    form: forms.Form, name: str, label: str, hint: str = "", required: str = ""
) -> None:
    field = form.fields[name]
    field.label, field.help_text = label, hint
    if required:
        field.error_messages["required"] = required


class SectionForm(forms.Form):
    """A page of the assessment. Subclasses name the model fields they fill in."""

    def __init__(self, *args, wording: Wording, **kwargs):
        super().__init__(*args, **kwargs)
        self.wording = wording
        self.set_words(wording)

    def set_words(self, wording: Wording) -> None:
        raise NotImplementedError

    @classmethod
    def initial_from(cls, assessment: NeedsAssessment) -> dict:
        return {name: getattr(assessment, name) for name in cls.base_fields}

    def to_data(self) -> dict:
        return dict(self.cleaned_data)


class AboutForm(SectionForm):
    what_matters = text_field()
    strengths = text_field()
    circumstances = text_field()

    def set_words(self, w: Wording) -> None:
        self.fields["what_matters"].required = self.fields["strengths"].required = True
        label_field(
            self,
            "what_matters",
            w.you("What matters to {name}", "What matters most to {you}?"),
            w.you(
                "In their own words where you can: what a good day and a good life look like.",
                "For example, the people, places and things that make a good day for {them}.",
            ),
            w.you("Enter what matters to {name}", "Tell us what matters most to {you}"),
        )
        label_field(
            self,
            "strengths",
            w.you("{name}'s strengths", "What {are} {you} good at, and what already helps {them}?"),
            w.you(
                "What they can do, the people and community around them, and what already "
                "works well.",
                "For example, things {they} do for {yourself}, people who help {them}, groups "
                "{they} belong to.",
            ),
            w.you(
                "Enter {name}'s strengths",
                "Tell us what {you} {are} good at, or what already helps {them}",
            ),
        )
        label_field(
            self,
            "circumstances",
            w.you("{name}'s circumstances (optional)", "Tell us about {your} life now (optional)"),
            w.you(
                "Where and who they live with, and anything that has changed recently.",
                "For example, where and who {they} live with, and anything that has changed.",
            ),
        )


class ImpairmentForm(SectionForm):
    needs_from_impairment = yes_no_field("Choose yes or no")
    impairment = text_field(rows=3)
    fluctuation_notes = text_field(rows=3)

    def set_words(self, w: Wording) -> None:
        label_field(
            self,
            "needs_from_impairment",
            w.you(
                "Do {name}'s needs arise from, or relate to, a physical or mental impairment "
                "or illness?",
                "Are the things {you} find{s} hard caused by a physical or mental health "
                "condition, an illness or a disability?",
            ),
            "",
            w.you(
                "Choose yes if the needs arise from an impairment or illness",
                "Choose yes if the things {you} find{s} hard are caused by a condition, illness "
                "or disability",
            ),
        )
        label_field(
            self,
            "impairment",
            w.you(
                "The impairment or illness",
                "What is the condition, illness or disability?",
            ),
            "A formal diagnosis is not needed.",
        )
        label_field(
            self,
            "fluctuation_notes",
            w.you(
                "How needs change over time (optional)",
                "Do things change from day to day or week to week? (optional)",
            ),
            w.you(
                "Judge needs that come and go over a period long enough to see them, for "
                "example good days and bad days.",
                "For example, tell us about {your} good days and {their} bad days.",
            ),
        )

    @classmethod
    def initial_from(cls, assessment):
        initial = super().initial_from(assessment)
        initial["needs_from_impairment"] = _as_yes_no(assessment.needs_from_impairment)
        return initial

    def clean(self):
        data = super().clean()
        if data.get("needs_from_impairment") and not data.get("impairment"):
            self.add_error(
                "impairment",
                self.wording.you(
                    "Enter the impairment or illness",
                    "Tell us about the condition, illness or disability",
                ),
            )
        return data


NONE_APPLY = "none"


class OutcomeForm(forms.Form):
    """One outcome: which of the ways of being unable apply (or none of them), and, for an
    adult, how much help is needed. Any one way makes the outcome not achieved. An adult is asked
    the four ways of regulation 2(3); a carer the three of regulation 3(3), and no severity (it
    only feeds the adults' resource allocation table)."""

    unable_meanings = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    severity = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose how much help is needed from the list"},
    )
    fluctuates = forms.BooleanField(required=False)
    notes = text_field(rows=3)

    def __init__(self, *args, wording: Wording, outcome: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.wording = w = wording
        self.fields["unable_meanings"].choices = [
            *w.unable_choices(),
            (NONE_APPLY, w.none_apply_choice()),
        ]
        label_field(
            self,
            "unable_meanings",
            w.outcome_question(outcome),
            w.outcome_hint(outcome),
            w.you(
                "Choose the ways {name} is unable to achieve this, or 'None of these'",
                "Choose what is true for {you}, or 'None of these'",
            ),
        )
        if w.for_carer:
            del self.fields["severity"]
        else:
            self._label_severity(w)
        label_field(
            self,
            "fluctuates",
            w.you(
                "{name}'s needs with this change from day to day", "This changes from day to day"
            ),
        )
        label_field(
            self,
            "notes",
            w.you("Notes (optional)", "Anything else you want to tell us? (optional)"),
        )

    def _label_severity(self, w: Wording) -> None:
        self.fields["severity"].choices = w.severity_choices()
        label_field(
            self,
            "severity",
            w.you(
                "If any of these apply, how much help is needed?",
                "If any of these are true, how much help {do} {you} need?",
            ),
            w.you("This is used to work out the indicative budget.", ""),
        )

    @property
    def ways(self) -> list:
        """The ways (four, or a carer's three), without 'None of these' (the template draws it
        after a divider)."""
        return self.fields["unable_meanings"].choices[:-1]

    @property
    def none_choice(self):
        return self.fields["unable_meanings"].choices[-1]

    @staticmethod
    def initial_from(answer) -> dict:
        if answer is None:
            return {}
        return {
            "unable_meanings": answer.unable_meanings or [NONE_APPLY],
            "severity": answer.severity,
            "fluctuates": answer.fluctuates,
            "notes": answer.notes,
        }

    def clean(self):
        data = super().clean()
        chosen = data.get("unable_meanings") or []
        ways = [way for way in chosen if way != NONE_APPLY]
        if NONE_APPLY in chosen and ways:
            self.add_error(
                "unable_meanings",
                self.wording.you(
                    "Choose 'None of these' on its own, or untick it and choose the ways "
                    "{name} is unable to achieve this",
                    "Choose 'None of these' on its own, or untick it and choose what is true "
                    "for {you}",
                ),
            )
        elif (
            ways
            and "severity" in self.fields
            and not data.get("severity")
            and "severity" not in self.errors
        ):
            self.add_error("severity", "Choose how much help is needed")
        return data

    def answer(self) -> dict:
        """Keyword arguments for `outcome_answer_save`: no ways means it can be achieved."""
        data = self.cleaned_data
        ways = [way for way in data["unable_meanings"] if way != NONE_APPLY]
        return {
            "unable_meanings": ways,
            "severity": data.get("severity", "") if ways else "",
            "fluctuates": data["fluctuates"],
            "notes": data["notes"],
        }


IMPACT_SIGNIFICANT, IMPACT_CUMULATIVE, IMPACT_NONE = "significant", "cumulative", "none"


class WellbeingForm(SectionForm):
    impact = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers"},
    )
    wellbeing_impact_timing = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers"},
    )
    wellbeing_areas = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose areas of wellbeing from the list"},
    )
    wellbeing_notes = text_field(rows=3)

    def set_words(self, w: Wording) -> None:
        self.fields["impact"].choices = [
            (IMPACT_SIGNIFICANT, w.you("Yes, a significant impact", "Yes, a big effect")),
            (
                IMPACT_CUMULATIVE,
                w.you(
                    "Yes: several smaller needs together have a significant impact",
                    "Yes: each thing is small, but together they have a big effect",
                ),
            ),
            (IMPACT_NONE, w.you("No, not a significant impact", "No, not a big effect")),
        ]
        label_field(
            self,
            "impact",
            w.you(
                "As a consequence, is there, or is there likely to be, a significant impact on "
                "{name}'s wellbeing?",
                "Does all this have, or is it likely to have, a big effect on {your} life?",
            )
            if w.for_carer
            else w.you(
                "Is there, or is there likely to be, a significant impact on {name}'s wellbeing?",
                "Do the things {you} find{s} hard have, or are they likely to have, a big effect "
                "on {their} life?",
            ),
            w.you(
                "Needs can add up: several smaller difficulties can together make a "
                "significant impact.",
                "Several small things can add up to a big effect.",
            ),
            w.you(
                "Choose whether there is a significant impact on {name}'s wellbeing",
                "Choose whether the things {you} find{s} hard have a big effect on {their} life",
            ),
        )
        self.fields["wellbeing_impact_timing"].choices = w.impact_timing_choices()
        label_field(
            self,
            "wellbeing_impact_timing",
            w.you(
                "If so, is the impact happening now, or is it likely to happen?",
                "If so, is this happening now, or is it likely to happen?",
            ),
            w.you(
                "Eligibility covers an impact that is likely, not only one that has happened.",
                "Tell us if it is likely to happen, even if it has not happened yet.",
            ),
        )
        self.fields["wellbeing_areas"].choices = w.wellbeing_choices()
        label_field(
            self,
            "wellbeing_areas",
            w.you(
                "Which areas of wellbeing are affected?", "Which parts of {your} life are affected?"
            ),
            "Choose all that apply.",
        )
        label_field(
            self,
            "wellbeing_notes",
            w.you("Notes about wellbeing (optional)", "Tell us more (optional)"),
        )

    @classmethod
    def initial_from(cls, assessment):
        if assessment.wellbeing_significant:
            impact = IMPACT_SIGNIFICANT
        elif assessment.cumulative_impact:
            impact = IMPACT_CUMULATIVE
        elif assessment.wellbeing_significant is False:
            impact = IMPACT_NONE
        else:
            impact = None
        return {
            "impact": impact,
            "wellbeing_impact_timing": assessment.wellbeing_impact_timing,
            "wellbeing_areas": assessment.wellbeing_areas,
            "wellbeing_notes": assessment.wellbeing_notes,
        }

    def clean(self):
        data = super().clean()
        affected = data.get("impact") in {IMPACT_SIGNIFICANT, IMPACT_CUMULATIVE}
        timing_error = "wellbeing_impact_timing" in self.errors
        if affected and not data.get("wellbeing_impact_timing") and not timing_error:
            self.add_error(
                "wellbeing_impact_timing",
                self.wording.you(
                    "Choose whether the impact on {name}'s wellbeing is happening now or is "
                    "likely to happen",
                    "Choose whether this is happening now or is likely to happen",
                ),
            )
        if affected and not data.get("wellbeing_areas") and "wellbeing_areas" not in self.errors:
            self.add_error(
                "wellbeing_areas",
                self.wording.you(
                    "Choose the areas of wellbeing affected",
                    "Choose the parts of {your} life that are affected",
                ),
            )
        return data

    def to_data(self) -> dict:
        impact = self.cleaned_data["impact"]
        return {
            "wellbeing_significant": impact == IMPACT_SIGNIFICANT,
            "cumulative_impact": impact == IMPACT_CUMULATIVE,
            "wellbeing_impact_timing": (
                self.cleaned_data["wellbeing_impact_timing"] if impact != IMPACT_NONE else ""
            ),
            "wellbeing_areas": self.cleaned_data["wellbeing_areas"],
            "wellbeing_notes": self.cleaned_data["wellbeing_notes"],
        }


class PreventionForm(SectionForm):
    prevention_equipment = text_field(rows=3)
    prevention_adaptations = text_field(rows=3)
    prevention_community = text_field(rows=3)

    def set_words(self, w: Wording) -> None:
        label_field(
            self,
            "prevention_equipment",
            w.you("Equipment that could help", "Is there equipment that could help {you}?"),
            "For example, a raised toilet seat, a perching stool, a community alarm. "
            "Write 'None' if nothing would help.",
        )
        label_field(
            self,
            "prevention_adaptations",
            w.you(
                "Adaptations to the home (optional)",
                "Are there changes to {your} home that could help? (optional)",
            ),
            "For example, grab rails, a stair lift, a level-access shower.",
        )
        label_field(
            self,
            "prevention_community",
            w.you(
                "Support in the community (optional)",
                "Is there support near {you} that could help? (optional)",
            ),
            "For example, a lunch club, a befriending service, a carers' group.",
        )

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.values()):
            self.add_error(
                "prevention_equipment",
                self.wording.you(
                    "Enter at least one thing that could help, or write 'None'",
                    "Tell us at least one thing that could help, or write 'None'",
                ),
            )
        return data


class CaringForm(SectionForm):
    """Regulation 3(1)(a): the carer's needs arise as a consequence of providing necessary care
    for an adult."""

    caring_for = text_field(rows=4)
    needs_from_caring = yes_no_field("Choose yes or no")

    def set_words(self, w: Wording) -> None:
        self.fields["caring_for"].required = True
        label_field(
            self,
            "caring_for",
            w.you(
                "Who does {name} care for, and what care do they give?",
                "Who {do} {you} care for, and what do {you} do for them?",
            ),
            w.you(
                "Their relationship, the adult's needs, and what the carer does in a usual week.",
                "For example, 'my husband, who has dementia: I help him wash and dress, and I am "
                "up with him most nights'.",
            ),
            w.you(
                "Enter who {name} cares for and the care they give",
                "Tell us who {you} care{s} for and what {you} do for them",
            ),
        )
        label_field(
            self,
            "needs_from_caring",
            w.you(
                "Do {name}'s needs arise because they provide necessary care for an adult?",
                "Are the things {you} find{s} hard caused by the care {you} give{s}?",
            ),
            w.you(
                "Necessary care is care the adult needs: not, for example, help they could "
                "manage without. It does not matter whether the adult has eligible needs "
                "themselves. Care given under a contract, or as voluntary work for an "
                "organisation, does not count (Care Act 2014, section 10).",
                "Answer yes if caring is the reason, or a big part of it.",
            ),
            w.you(
                "Choose yes if {name}'s needs arise from providing necessary care",
                "Choose yes if the things {you} find{s} hard are caused by caring",
            ),
        )

    @classmethod
    def initial_from(cls, assessment):
        initial = super().initial_from(assessment)
        initial["needs_from_caring"] = _as_yes_no(assessment.needs_from_caring)
        return initial


class CarerHealthForm(SectionForm):
    """Regulation 3(2)(a): the carer's physical or mental health is, or is at risk of,
    deteriorating. Either is enough on its own, without any outcome."""

    carer_health = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers"},
    )
    carer_health_notes = text_field(rows=3)

    def set_words(self, w: Wording) -> None:
        self.fields["carer_health"].choices = w.carer_health_choices()
        label_field(
            self,
            "carer_health",
            w.you(
                "Because of caring, is {name}'s physical or mental health deteriorating, or at "
                "risk of deteriorating?",
                "Is caring making {your} physical or mental health worse?",
            ),
            w.you(
                "Either is enough on its own for this part of the test.",
                "Think about sleep, stress, aches and pains, and how {you} feel{s} in {yourself}.",
            ),
            w.you(
                "Choose whether {name}'s health is deteriorating or at risk",
                "Choose whether caring is making {your} health worse",
            ),
        )
        label_field(
            self,
            "carer_health_notes",
            w.you("Notes about their health (optional)", "Tell us more (optional)"),
        )


SECTION_FORMS = {
    "about": AboutForm,
    "impairment": ImpairmentForm,
    "wellbeing": WellbeingForm,
    "prevention": PreventionForm,
    "caring": CaringForm,
    "carer_health": CarerHealthForm,
}
