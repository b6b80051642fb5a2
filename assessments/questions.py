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
    ImpactTiming,
    NeedsAssessment,
    Outcome,
    Severity,
    UnableMeaning,
    WellbeingArea,
)
from .voice import Voice

# Sections in the order they are filled in: strengths and what matters come before any needs.
ABOUT, IMPAIRMENT, OUTCOMES, WELLBEING, PREVENTION, CARER_DECISION = (
    "about",
    "impairment",
    "outcomes",
    "wellbeing",
    "prevention",
    "carer_decision",
)
ADULT_SECTIONS = [ABOUT, IMPAIRMENT, OUTCOMES, WELLBEING, PREVENTION]
CARER_SECTIONS = [ABOUT, WELLBEING, PREVENTION, CARER_DECISION]

SECTION_TITLES = {
    ABOUT: ("What matters, strengths and circumstances", "About {you}"),
    IMPAIRMENT: ("Impairment or illness", "{Your} health"),
    OUTCOMES: ("The 10 eligibility outcomes", "{Your} day-to-day life"),
    WELLBEING: ("Impact on wellbeing", "How this affects {your} life"),
    PREVENTION: ("What could prevent or delay needs", "What could help {you} stay independent"),
    CARER_DECISION: ("Carer's eligibility decision", "Carer's eligibility decision"),
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

    @classmethod
    def for_assessment(cls, assessment: NeedsAssessment, user=None) -> "Wording":
        """For `user` reading it; without a user, about the person by name."""
        person = assessment.person
        voice = (
            Voice.for_viewer(user, person)
            if user is not None
            else Voice(person.display_name, to_person=False)
        )
        return cls(for_person=assessment.kind == NeedsAssessment.Kind.SELF, voice=voice)

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
        """The main question: which of the four ways of being unable apply."""
        if self.for_person:
            activity = OUTCOME_QUESTIONS[outcome].activity
            return self.voice.fill(
                f"Thinking about {activity}, which of these are true for {{you}}?"
            )
        return format_html("Is {} unable to achieve this outcome in any of these ways?", self.name)

    def outcome_heading(self, outcome: str) -> str:
        if self.for_person:
            return self.voice.fill(OUTCOME_QUESTIONS[outcome].short)
        return Outcome(outcome).label

    def outcome_hint(self, outcome: str) -> str:
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

    def unable_choices(self) -> list[tuple[str, str]]:
        if self.for_person:
            return [
                (value, self.voice.say(mine, about))
                for value, (mine, about) in UNABLE_FOR_PERSON.items()
            ]
        return list(UnableMeaning.choices)

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


def outcome_from_slug(slug: str) -> str | None:
    """'personal-hygiene' → 'personal_hygiene', or None if it is not one of the ten."""
    value = slug.replace("-", "_")
    return value if value in Outcome.values else None


def outcome_slug(outcome: str) -> str:
    return outcome.replace("_", "-")
