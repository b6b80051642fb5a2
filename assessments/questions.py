"""The words of the needs assessment: for council staff, and in plain English for the person.

A supported self-assessment asks in plain English: to the person themselves in the second person
("Can you ..."), and to anyone helping them (a representative, a social worker) about the person
by name ("Can Peggy Hughes ..."), through `voice.Voice`. A council or carer's assessment asks the
assessor about the person by name. Plain-English words are written once, with the placeholders
`Voice.fill` knows ({you}, {your}, {their}...).
"""

from dataclasses import dataclass

from django.utils.html import format_html

from .models import (
    CarerHealth,
    CarerOutcome,
    CarerUnableMeaning,
    ImpactTiming,
    NeedsAssessment,
    Outcome,
    Severity,
    UnableMeaning,
    WellbeingArea,
)
from .voice import Voice

# Sections in the order they are filled in: strengths and what matters come before any needs.
ABOUT, IMPAIRMENT, OUTCOMES, WELLBEING, PREVENTION = (
    "about",
    "impairment",
    "outcomes",
    "wellbeing",
    "prevention",
)
# A carer's assessment asks the carers' test (regulation 3): the care they give, their health,
# the eight outcomes (one a page, like the adult's ten), then wellbeing.
CARING, CARER_HEALTH, CARER_OUTCOMES = "caring", "carer_health", "carer_outcomes"
# The yes/no decision carers' assessments recorded before the carers' test was asked: shown on
# those records as they were, never asked again.
CARER_DECISION = "carer_decision"
ADULT_SECTIONS = [ABOUT, IMPAIRMENT, OUTCOMES, WELLBEING, PREVENTION]
CARER_SECTIONS = [ABOUT, CARING, CARER_HEALTH, CARER_OUTCOMES, WELLBEING, PREVENTION]
OUTCOME_SECTIONS = {OUTCOMES, CARER_OUTCOMES}  # answered a page an outcome, not as a section

SECTION_TITLES = {
    ABOUT: ("What matters, strengths and circumstances", "About {you}"),
    IMPAIRMENT: ("Impairment or illness", "{Your} health"),
    OUTCOMES: ("The 10 eligibility outcomes", "{Your} day-to-day life"),
    WELLBEING: ("Impact on wellbeing", "How this affects {your} life"),
    PREVENTION: ("What could prevent or delay needs", "What could help {you} stay independent"),
    CARING: ("Caring for an adult", "The care {you} give{s}"),
    CARER_HEALTH: ("The carer's health", "{Your} health"),
    CARER_OUTCOMES: ("The 8 carer's outcomes", "{Your} life alongside caring"),
    CARER_DECISION: (
        "Decision recorded before the carers' questions were asked",
        "Decision recorded before these questions were asked",
    ),
}


@dataclass(frozen=True)
class OutcomeQuestion:
    short: str  # a heading and a name in lists
    activity: str  # what the outcome means day to day: "Thinking about <activity>, ..."
    hint: str


OUTCOME_QUESTIONS = {
    Outcome.NUTRITION: OutcomeQuestion(
        "Meals and drinks",
        "getting, preparing and eating meals and drinks",
        "For example, getting food in, cooking, eating and drinking enough.",
    ),
    Outcome.PERSONAL_HYGIENE: OutcomeQuestion(
        "Washing and keeping clean",
        "washing and keeping clean",
        "For example, having a bath or shower, washing {their} hair, washing {their} clothes.",
    ),
    Outcome.TOILET_NEEDS: OutcomeQuestion(
        "Using the toilet",
        "using the toilet",
        "For example, getting to the toilet in time and keeping clean afterwards.",
    ),
    Outcome.CLOTHING: OutcomeQuestion(
        "Getting dressed",
        "getting dressed and wearing the right clothes",
        "For example, putting clothes on and taking them off, dressing for the weather.",
    ),
    Outcome.HOME_SAFETY: OutcomeQuestion(
        "Moving around {your} home safely",
        "moving around {your} home safely",
        "For example, using the stairs, getting in and out of bed, using the kitchen safely.",
    ),
    Outcome.HABITABLE_HOME: OutcomeQuestion(
        "Looking after {your} home",
        "keeping {your} home clean and safe to live in",
        "For example, cleaning, keeping the heating on, paying the bills.",
    ),
    Outcome.RELATIONSHIPS: OutcomeQuestion(
        "Family and friends",
        "keeping in touch with family and friends",
        "For example, seeing people, making and keeping friends, not feeling lonely.",
    ),
    Outcome.WORK_EDUCATION: OutcomeQuestion(
        "Work, learning and volunteering",
        "working, learning or volunteering, if {they} want to",
        "For example, getting to work or college, doing a course, helping at a charity.",
    ),
    Outcome.COMMUNITY: OutcomeQuestion(
        "Getting out and about",
        "getting out and using places and services nearby",
        "For example, taking the bus, going to the shops, the doctor, a café or a leisure centre.",
    ),
    Outcome.CARING: OutcomeQuestion(
        "Looking after a child",
        "looking after a child {they} care for",
        "If {you} {do} not look after a child, choose 'None of these'.",
    ),
}

CARER_OUTCOME_QUESTIONS = {
    CarerOutcome.CHILD_CARE: OutcomeQuestion(
        "Looking after a child",
        "looking after a child {you} care{s} for",
        "If {you} {do} not look after a child, choose 'None of these'.",
    ),
    CarerOutcome.OTHER_CARING: OutcomeQuestion(
        "Caring for other people",
        "caring for anyone else {you} look{s} after",
        "For example, another relative or a neighbour. If there is no one else, choose "
        "'None of these'.",
    ),
    CarerOutcome.HABITABLE_HOME: OutcomeQuestion(
        "Looking after {your} home",
        "keeping {your} own home clean and safe to live in",
        "For example, cleaning, repairs, keeping the heating on, paying the bills.",
    ),
    CarerOutcome.NUTRITION: OutcomeQuestion(
        "Meals and drinks",
        "eating well and having enough to drink",
        "For example, having time to shop, cook and sit down for a meal.",
    ),
    CarerOutcome.RELATIONSHIPS: OutcomeQuestion(
        "Family and friends",
        "keeping in touch with family and friends",
        "For example, seeing people, time with a partner, not feeling alone.",
    ),
    CarerOutcome.WORK_EDUCATION: OutcomeQuestion(
        "Work, learning and volunteering",
        "working, learning or volunteering, if {they} want to",
        "For example, keeping a job, working the hours {they} want, doing a course.",
    ),
    CarerOutcome.COMMUNITY: OutcomeQuestion(
        "Using places and services nearby",
        "using places and services nearby",
        "For example, going to the doctor, the dentist, the shops or a leisure centre.",
    ),
    CarerOutcome.RECREATION: OutcomeQuestion(
        "Time for {yourself}",
        "having time to do things {you} enjoy{s}",
        "For example, a hobby, a walk, a rest, going out with friends.",
    ),
}
HEALTH_FOR_CARER = {
    CarerHealth.DETERIORATING: "Yes, {your} health is getting worse",
    CarerHealth.AT_RISK: "It is at risk: it is likely to get worse if nothing changes",
    CarerHealth.NOT_AT_RISK: "No, caring is not affecting {your} health",
}

# The person answers in their own voice ("I cannot..."); anyone helping them, about them.
NONE_FOR_PERSON = (
    "None of these: I can do this without help",
    "None of these: {name} can do this without help",
)
TIMING_FOR_PERSON = {
    ImpactTiming.CURRENT: "It is happening now",
    ImpactTiming.ANTICIPATED: "It is likely to happen, if nothing changes",
}
UNABLE_FOR_PERSON = {
    UnableMeaning.NEEDS_ASSISTANCE: (
        "I cannot do it without help, or without someone reminding me",
        "{name} cannot do it without help, or without someone reminding them",
    ),
    UnableMeaning.PAIN_DISTRESS: (
        "I can do it, but it causes me a lot of pain, distress or worry",
        "{name} can do it, but it causes them a lot of pain, distress or worry",
    ),
    UnableMeaning.ENDANGERS: (
        "I can do it, but it puts me or other people at risk",
        "{name} can do it, but it puts them or other people at risk",
    ),
    UnableMeaning.TAKES_LONGER: (
        "I can do it, but it takes me much longer than most people",
        "{name} can do it, but it takes them much longer than most people",
    ),
}
# A carer is asked the three ways of regulation 3(3) only: there is no "takes much longer" way.
UNABLE_FOR_CARER = {
    CarerUnableMeaning.NEEDS_ASSISTANCE: (
        "I cannot do it without help",
        "{name} cannot do it without help",
    ),
    CarerUnableMeaning.PAIN_DISTRESS: (
        "I can do it, but it causes me a lot of pain, distress or worry",
        "{name} can do it, but it causes them a lot of pain, distress or worry",
    ),
    CarerUnableMeaning.ENDANGERS: (
        "I can do it, but it puts my health or safety at risk, or the person I care for, or a "
        "child I look after",
        "{name} can do it, but it puts their health or safety at risk, or someone they care for",
    ),
}
SEVERITY_FOR_PERSON = {
    Severity.SOME: "Some help",
    Severity.A_LOT: "A lot of help",
    Severity.ALL: "Help with all of it",
}
WELLBEING_FOR_PERSON = {
    WellbeingArea.DIGNITY: "Being treated with dignity and respect",
    WellbeingArea.HEALTH: "{Their} physical and mental health, and how {they} feel",
    WellbeingArea.PROTECTION: "Being safe from abuse and neglect",
    WellbeingArea.CONTROL: "Having control over {their} day-to-day life",
    WellbeingArea.PARTICIPATION: "Work, learning, or things you enjoy doing",
    WellbeingArea.SOCIAL_ECONOMIC: "{Their} social life and {their} money",
    WellbeingArea.RELATIONSHIPS: "{Their} relationships with family, friends and partners",
    WellbeingArea.ACCOMMODATION: "Having a home that suits {them}",
    WellbeingArea.CONTRIBUTION: "Being able to give something to {their} community",
}


@dataclass(frozen=True)
class Wording:
    """Words for one assessment and whoever reads it: plain English in a self-assessment (to the
    person, or about them by name to anyone helping them); the assessor's words otherwise."""

    for_person: bool  # plain English: a supported self-assessment
    voice: Voice
    for_carer: bool = False  # a carer's assessment: the carers' test

    @classmethod
    def for_assessment(cls, assessment: NeedsAssessment, user=None) -> "Wording":
        """For `user` reading it; without a user, about the person by name."""
        person = assessment.person
        voice = (
            Voice.for_viewer(user, person)
            if user is not None
            else Voice(person.display_name, to_person=False)
        )
        return cls(
            for_person=assessment.is_self_assessment,
            voice=voice,
            for_carer=assessment.is_for_carer,
        )

    @property
    def outcomes(self) -> list[str]:
        """The outcomes asked, in the regulations' order: the carer's 8 or the adult's 10."""
        return CarerOutcome.values if self.for_carer else Outcome.values

    def _question(self, outcome: str) -> OutcomeQuestion:
        return (CARER_OUTCOME_QUESTIONS if self.for_carer else OUTCOME_QUESTIONS)[outcome]

    def _outcome_label(self, outcome: str) -> str:
        return CarerOutcome(outcome).label if self.for_carer else Outcome(outcome).label

    @property
    def name(self) -> str:
        return self.voice.name

    @property
    def to_person(self) -> bool:
        """Speaking to the person themselves ("you")."""
        return self.voice.to_person

    def section_title(self, section: str) -> str:
        staff, person = SECTION_TITLES[section]
        return self.voice.fill(person) if self.for_person else staff

    def outcome_question(self, outcome: str) -> str:
        """The main question: which of the ways of being unable apply (four for an adult,
        three for a carer)."""
        if self.for_person:
            activity = self._question(outcome).activity
            return self.voice.fill(
                f"Thinking about {activity}, which of these are true for {{you}}?"
            )
        if self.for_carer:
            return format_html(
                "Because of caring, is {} unable to achieve this outcome in any of these ways?",
                self.name,
            )
        return format_html("Is {} unable to achieve this outcome in any of these ways?", self.name)

    def outcome_heading(self, outcome: str) -> str:
        if self.for_person:
            return self.voice.fill(self._question(outcome).short)
        return self._outcome_label(outcome)

    def outcome_hint(self, outcome: str) -> str:
        if self.for_carer:
            return self._carer_outcome_hint(outcome)
        if self.for_person:
            return self.voice.fill(
                f"{OUTCOME_QUESTIONS[outcome].hint} Choose all that are true. Think about a usual "
                "week, including bad days. Answer as if family, friends or a carer were not "
                "helping {them}."
            )
        return (
            "Choose all that apply: any one of them means the outcome is not achieved. "
            "Prompting counts as help. Ignore any help a carer gives: record what the person "
            "can do without it. Think about a usual week, including bad days."
        )

    def _carer_outcome_hint(self, outcome: str) -> str:
        if self.for_person:
            return self.voice.fill(
                f"{CARER_OUTCOME_QUESTIONS[outcome].hint} Choose all that are true because of "
                "the care {you} give{s}. Think about a usual week, including bad days."
            )
        return (
            "Choose all that apply: any one of them means the outcome is not achieved, and one "
            "outcome is enough for a carer. Think about a usual week, including bad days."
        )

    def unable_choices(self) -> list[tuple[str, str]]:
        if self.for_person:
            words = UNABLE_FOR_CARER if self.for_carer else UNABLE_FOR_PERSON
            return [(value, self.voice.say(mine, about)) for value, (mine, about) in words.items()]
        return list(CarerUnableMeaning.choices if self.for_carer else UnableMeaning.choices)

    def carer_health_choices(self) -> list[tuple[str, str]]:
        if self.for_person:
            return [(value, self.voice.fill(label)) for value, label in HEALTH_FOR_CARER.items()]
        return list(CarerHealth.choices)

    def none_apply_choice(self) -> str:
        """The exclusive answer: none of the four ways applies."""
        if self.for_person:
            return self.voice.say(*NONE_FOR_PERSON)
        return format_html("None of these: {} can achieve this without help", self.name)

    def impact_timing_choices(self) -> list[tuple[str, str]]:
        """Whether the significant impact on wellbeing is now, or is likely to be."""
        if self.for_person:
            return list(TIMING_FOR_PERSON.items())
        return list(ImpactTiming.choices)

    def severity_choices(self) -> list[tuple[str, str]]:
        if self.for_person:
            return list(SEVERITY_FOR_PERSON.items())
        return list(Severity.choices)

    def wellbeing_choices(self) -> list[tuple[str, str]]:
        if self.for_person:
            return [
                (value, self.voice.fill(label)) for value, label in WELLBEING_FOR_PERSON.items()
            ]
        return list(WellbeingArea.choices)

    def you(self, staff_text: str, person_text: str) -> str:
        """Pick the words for whoever is answering: `{name}` is replaced in the staff text, and
        the plain-English text is filled in by the voice ({you}, {your}, {their}...)."""
        return (
            self.voice.fill(person_text)
            if self.for_person
            else format_html(staff_text, name=self.name)
        )


def outcomes_for(assessment: NeedsAssessment) -> list[str]:
    """The outcomes this kind of assessment asks about, in the regulations' order: a carer's 8
    (regulation 3(2)(b)) or an adult's 10 (regulation 2(2))."""
    return CarerOutcome.values if assessment.is_for_carer else Outcome.values


def outcome_from_slug(slug: str, outcomes=Outcome.values) -> str | None:
    """'personal-hygiene' → 'personal_hygiene', or None if it is not one of `outcomes`."""
    value = slug.replace("-", "_")
    return value if value in outcomes else None


def outcome_slug(outcome: str) -> str:
    return outcome.replace("_", "-")
