"""Forms for planning a review meeting, answering the review questions, the meeting's record,
its actions and decision, and what providers may see."""

import re
from datetime import time

from django import forms
from django.core.exceptions import ValidationError

from core.forms import DateField, KeyedForm, SubmissionKeyField, text_field
from support_plans.tools import RELATIONSHIP_KINDS

from ..models import OutcomeProgress, ReviewAction, ReviewInvitee, ReviewMeeting, ReviewRecord
from .presenters import QUESTIONS
from .tools import SPARE_ROWS, TOOLS, Column

TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
BAD_TIME = "Enter the time of the meeting, like 10:30am or 2pm"


class TimeOfDayField(forms.Field):
    """A time as people write it: 10:30am, 2pm, 14:00 or 9.15."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(error_messages={"required": "Enter the time of the meeting"}, **kwargs)
        self.widget.attrs.update({"class": "govuk-input--width-5", "spellcheck": "false"})

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "")
        if not text:
            return None
        found = TIME.match(text) if len(text) <= 10 else None
        if not found:
            raise ValidationError(BAD_TIME)
        hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").lower()
        if half:
            if not 1 <= hour <= 12:
                raise ValidationError(BAD_TIME)
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValidationError(BAD_TIME)
        return time(hour, minute)

    def prepare_value(self, value):
        if isinstance(value, time):
            return f"{value:%H:%M}"
        return value


def short_text(label: str, *, hint: str = "", required: str = "", limit: int = 150):
    """A one-line text box; `required` is the message when it is left empty."""
    return forms.CharField(
        label=label,
        help_text=hint,
        required=bool(required),
        max_length=limit,
        error_messages={
            "required": required,
            "max_length": f"Keep this to {limit} characters or fewer",
        },
    )


class WhenAndWhereForm(forms.Form):
    """When and where the meeting is, and who supports the person at it."""

    meets_on = DateField(
        label="Date of the meeting",
        help_text="For example, 27 3 2027",
        subject="The date of the meeting",
    )
    meets_at = TimeOfDayField(label="Time", help_text="For example, 10:30am or 2pm")
    place = forms.ChoiceField(
        label="Where will the meeting be?",
        choices=ReviewMeeting.Place.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose where the meeting will be",
            "invalid_choice": "Choose where the meeting will be",
        },
    )
    place_details = short_text(
        "Where, or how to join (optional for home and phone)",
        hint="For somewhere else, the address. Online, the link if there is one yet.",
        limit=300,
    )
    facilitator = short_text(
        "Who will support the person at the meeting?",
        hint="The facilitator: someone the person chooses, who helps them be at the centre of "
        "the meeting. For example, an advocate, a family member or the social worker.",
        required="Name who will support the person at the meeting",
    )


class MeetingPlanForm(forms.Form):
    """What the person wants to talk about, and what they need to take part."""

    topics = text_field("What do you want to talk about?", rows=4)
    communication = text_field(
        "What do you need to take part?",
        hint="For example, how you communicate, breaks, or someone to sit with you. This starts "
        "from the communication chart in the support plan.",
        rows=4,
    )
    wants_advocate = forms.BooleanField(label="I would like an advocate", required=False)
    easy_read = forms.BooleanField(label="I would like the papers in easy read", required=False)

    def __init__(self, *args, name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if name:  # someone other than the person: speak about them by name
            self.fields["topics"].label = f"What does {name} want to talk about?"
            self.fields["communication"].label = f"What does {name} need to take part?"
            self.fields["wants_advocate"].label = f"{name} would like an advocate"
            self.fields["easy_read"].label = f"{name} would like the papers in easy read"


class InviteeForm(forms.Form):
    """Someone the person invites, and one way to reach them."""

    name = short_text("Their name", required="Enter their name")
    who_they_are = short_text("Who are they to you? (optional)", hint="For example, my sister")
    relationship = forms.ChoiceField(
        label="Are they",
        choices=ReviewInvitee.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who they are",
            "invalid_choice": "Choose who they are",
        },
    )
    provider = forms.ModelChoiceField(
        label="Which care provider?",
        queryset=None,
        required=False,
        empty_label="Choose a provider",
        help_text="Only providers that have been allowed to see the outcomes in the plan",
        error_messages={"invalid_choice": "Choose a provider from the list"},
    )
    contact = forms.ChoiceField(
        label="How will they hear about the meeting?",
        choices=ReviewInvitee.Contact.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how they will hear about the meeting",
            "invalid_choice": "Choose how they will hear about the meeting",
        },
    )
    email = forms.EmailField(
        label="Their email address",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    phone = short_text("Their mobile number", limit=30)
    postal_address = text_field("Their postal address", rows=4, limit=500)

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers

    def clean(self):
        """Only the detail the chosen way needs counts: something typed in another way's box
        (then a different way chosen) is left out, not refused."""
        data = super().clean()
        used = {
            "email": data.get("contact") == "email",
            "phone": data.get("contact") == "text",
            "postal_address": data.get("contact") == "letter",
            "provider": data.get("relationship") == "provider",
        }
        for name, needed in used.items():
            if not needed:
                self._errors.pop(name, None)
                data[name] = None if name == "provider" else ""
        return data


class AnswersForm(forms.Form):
    """The review questions, asked of the person ('you') or of someone else about them."""

    important_now = text_field(rows=3)
    important_future = text_field(rows=3)
    healthy_safe = text_field(rows=3)
    working = text_field(rows=3)
    not_working = text_field(rows=3)
    questions = text_field(rows=3)

    def __init__(self, *args, name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        about = name or "you"
        words = {
            "important_now": f"What is important to {about} now?",
            "important_future": f"What will be important to {about} in the future?",
            "healthy_safe": f"What {'do you' if not name else 'does ' + name} need to stay "
            "healthy, safe and well supported?",
            "working": "What is working, from your point of view?",
            "not_working": "What is not working, from your point of view?",
            "questions": "What questions do you want answered at the review?",
        }
        for field_name, _ in QUESTIONS:
            self.fields[field_name].label = words[field_name]


MAX_TOOL_ROWS = 60  # rows of one tool a page may send; a row numbered beyond is not read
TOOL_ROW = re.compile(r"^(circle|communication|decisions)_(\d{1,3})_")


def _tool_field(column: Column, name: str) -> forms.Field:
    """One box of a row of the relationship circle or a chart."""
    label = column.label.format(name=name)
    if column.kind == "yes":
        return forms.BooleanField(label=label, required=False)
    if column.kind == "choice":
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", "Choose how they are related"), *RELATIONSHIP_KINDS],
            error_messages={"invalid_choice": "Choose how they are related from the list"},
        )
    if column.limit <= 200:
        return short_text(label, limit=column.limit)
    return text_field(label, rows=2, limit=column.limit)


class RecordForm(forms.Form):
    """The meeting's record. Progress questions are added for each outcome of the plan."""

    person_attended = forms.BooleanField(required=False)
    attended = forms.MultipleChoiceField(
        label="Who else came?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the people invited"},
    )
    others_present = text_field("Anyone else who took part (optional)", rows=2)
    working = text_field("What is working?", hint="In the person's words, as agreed", rows=4)
    not_working = text_field("What is not working?", rows=4)
    relationships = forms.ChoiceField(
        label="Are the care relationships working?",
        help_text="With personal assistants, care staff and family carers",
        choices=ReviewRecord.Relationships.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say whether the care relationships are working",
            "invalid_choice": "Say whether the care relationships are working",
        },
    )
    relationships_notes = text_field("About the care relationships (optional)", rows=3)
    budget_notes = text_field("What was said about the budget (optional)", rows=3)
    like_and_admire = text_field("What people like and admire about them", rows=3)
    matters_to_me = text_field("What matters to them", rows=3)
    how_to_support = text_field("How best to support them", rows=3)
    good_days = text_field("Their good days", rows=3)
    bad_days = text_field("Their bad days", rows=3)
    dream = text_field("Their dream (optional)", rows=2)
    goal = text_field("Their goal (optional)", rows=2)
    first_steps = text_field("First steps (optional)", rows=2)
    who_will_help = text_field("Who will help (optional)", rows=2)

    def __init__(self, *args, name: str, invitees, outcomes, tools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_tools(name, tools or {})
        self.fields["person_attended"].label = f"{name} took part in the meeting"
        self.fields["attended"].choices = [(str(i.id), i.described) for i in invitees]
        self.outcomes = list(outcomes)
        for outcome in self.outcomes:
            message = f"Say how far this outcome has got: {outcome.in_my_words}"
            self.fields[f"progress_{outcome.pk}"] = forms.ChoiceField(
                label=outcome.in_my_words,
                choices=OutcomeProgress.Progress.choices,
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )
            self.fields[f"notes_{outcome.pk}"] = text_field(
                f"About this outcome (optional): {outcome.in_my_words}", rows=2
            )

    def _add_tools(self, name: str, tools: dict) -> None:
        """Boxes for each row of the circle and the charts as the record starts, and
        SPARE_ROWS empty rows under each to add to it."""
        self.tool_sections = []
        for tool in TOOLS:
            rows = list(tools.get(tool.key) or [])
            count = max(len(rows), self._rows_posted(tool.key)) + SPARE_ROWS
            section = []
            for n in range(count):
                row = rows[n] if n < len(rows) else {}
                names = {}
                for column in tool.columns:
                    field_name = f"{tool.key}_{n}_{column.key}"
                    self.fields[field_name] = _tool_field(column, name)
                    self.initial.setdefault(field_name, row.get(column.key, ""))
                    names[column.key] = field_name
                if n < len(rows):  # a row carried forward can be taken out
                    field_name = f"{tool.key}_{n}_remove"
                    self.fields[field_name] = forms.BooleanField(
                        label=tool.remove.format(name=name), required=False
                    )
                    names["remove"] = field_name
                section.append((tool.row.format(n=n + 1), names))
            self.tool_sections.append((tool, tool.intro.format(name=name), section))

    def _rows_posted(self, key: str) -> int:
        """How many rows of this tool the page sent, so a row typed into is never lost."""
        found = [TOOL_ROW.match(name) for name in self.data]
        numbers = [int(m[2]) for m in found if m and m[1] == key]
        return min(max(numbers) + 1, MAX_TOOL_ROWS) if numbers else 0

    def tools_bound(self) -> list:
        """For the template: each tool, its words, and each row's bound fields."""
        return [
            (tool, intro, [(legend, [self[n] for n in names.values()]) for legend, names in rows])
            for tool, intro, rows in self.tool_sections
        ]

    def tools(self) -> dict:
        """Each tool's rows as typed, empty ones included (the service drops them)."""
        data = self.cleaned_data
        return {
            tool.key: [{key: data.get(name) for key, name in names.items()} for _, names in rows]
            for tool, _, rows in self.tool_sections
        }

    def progress_rows(self):
        """(progress field, notes field) for each outcome, for the template."""
        return [(self[f"progress_{o.pk}"], self[f"notes_{o.pk}"]) for o in self.outcomes]

    def progress(self) -> dict:
        data = self.cleaned_data
        return {
            o.pk: (data.get(f"progress_{o.pk}", ""), data.get(f"notes_{o.pk}", ""))
            for o in self.outcomes
        }


class ActionForm(KeyedForm):
    """An action the review agreed: what, who and by when."""

    what = text_field("What will be done?", required="Say what will be done", rows=3, limit=1000)
    owner = forms.ChoiceField(
        label="Who will do it?",
        error_messages={
            "required": "Choose who will do it",
            "invalid_choice": "Choose who will do it",
        },
    )
    due_on = DateField(
        label="By when?", help_text="For example, 27 3 2027", subject="The date it will be done by"
    )
    submission_key = SubmissionKeyField()

    def __init__(self, *args, person_name: str, invitees, staff, **kwargs):
        super().__init__(*args, **kwargs)
        teams = [(f"team:{value}", label) for value, label in ReviewAction.Team.choices]
        self.fields["owner"].choices = [
            ("", "Choose who will do it"),
            ("person", person_name),
            ("People invited", [(f"invitee:{i.id}", i.described) for i in invitees]),
            ("Council staff", [(f"staff:{u.id}", u.display_name) for u in staff]),
            ("Council teams", teams),
        ]
        self.invitees = {str(i.id): i for i in invitees}
        self.staff = {str(u.id): u for u in staff}

    def owner_fields(self) -> dict:
        """The owner chosen, as action_add takes it."""
        kind, _, key = self.cleaned_data["owner"].partition(":")
        if kind == "person":
            return {"owner": ReviewAction.Owner.PERSON}
        if kind == "team":
            return {"owner": ReviewAction.Owner.TEAM, "owner_team": key}
        if kind == "staff":
            return {"owner": ReviewAction.Owner.STAFF, "owner_user": self.staff.get(key)}
        return {"owner": ReviewAction.Owner.INVITEE, "owner_invitee": self.invitees.get(key)}


class ActionCloseForm(forms.Form):
    what_happened = text_field("What happened?", required="Say what happened", rows=3, limit=1000)


DECISION_CHOICES = [
    ("no_change", "No change: the plan and the budget carry on as they are"),
    ("revise_plan", "Revise the support plan: a new revision starts and goes for approval"),
    ("reassess", "Needs have changed: a proportionate reassessment starts"),
    (
        "budget_change",
        "The budget needs to change: it changes through a revised support plan or a "
        "reassessment, so choose one of those as well",
    ),
    (
        "dp_change",
        "The direct payment arrangements need to change, for example a different nominated "
        "person or a move to a managed account",
    ),
]


class DecisionForm(forms.Form):
    decisions = forms.MultipleChoiceField(
        label="What did the review decide?",
        help_text="Choose all that apply",
        choices=DECISION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose what the review decided",
            "invalid_choice": "Choose what the review decided",
        },
    )
    dp_change_kind = forms.ChoiceField(
        label="If the direct payment arrangements need to change: what will change?",
        help_text="The social work team gets an action to make the change within 4 weeks",
        required=False,
        choices=ReviewRecord.DirectPaymentChange.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose what will change about the direct payment"},
    )
    dp_change_reason = text_field(
        "Why will the direct payment arrangements change?",
        hint="For something else, say what will change as well",
        rows=3,
        limit=1000,
    )
    reasons = text_field(
        "Why?",
        hint="Write it so the person can read it, and challenge it if they disagree",
        required="Say why, in words the person can read and challenge",
    )


SHARE_CHOICES = [
    ("working", "What is working and what is not"),
    ("profile", "The one-page profile, and good days and bad days"),
    ("decision", "What the review decided, and why"),
]


class SharingForm(forms.Form):
    shared = forms.MultipleChoiceField(
        label="What else can they see?",
        required=False,
        choices=SHARE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list"},
    )
