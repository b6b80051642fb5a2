"""Forms for the person as an employer: someone who works for them, their checks, the
employer's insurance and payroll, a week's hours, and payslip totals."""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from core.formats import long_date, pounds
from core.forms import DateField, PoundsField, text_field
from support_plans.forms import PlainNumberField

from . import hours
from .models import Worker

CHOOSE_ALL = "Choose all that apply"


def _radios(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _date(label: str, subject: str, **kwargs) -> DateField:
    return DateField(label=label, subject=subject, help_text="For example, 3 11 2026", **kwargs)


class WorkerForm(forms.Form):
    name = forms.CharField(
        label="Their full name",
        help_text="As it is on their bank account: payments to them are matched by their name",
        max_length=150,
        error_messages={
            "required": "Enter their full name",
            "max_length": "Keep the name to 150 characters or fewer",
        },
    )
    engagement = _radios(
        "How do they work for you?",
        Worker.Engagement.choices,
        "Choose how they work for you",
        help_text="If you are not sure, ask the council's direct payments team",
    )
    agency_name = forms.CharField(
        label="Which agency?",
        max_length=150,
        required=False,
        error_messages={"max_length": "Keep the agency's name to 150 characters or fewer"},
    )
    starts_on = _date("When did they start, or when will they?", "The start date")
    hourly_rate = PoundsField(
        label="Hourly rate, in pounds",
        help_text="What you pay them for an hour, before tax. For an agency or someone "
        "self-employed, what they charge an hour",
        invalid="Enter the hourly rate in pounds and pence, like 12.71",
        minimum=Decimal("0.01"),
        too_small="The hourly rate must be more than £0",
        maximum=Decimal("1000.00"),
        too_large="Enter an hourly rate less than £1,000",
    )
    hours = _radios("Their hours", Worker.Hours.choices, "Choose whether their hours change")
    usual_hours = PlainNumberField(
        label="Usual hours a week",
        help_text="For example, 10 or 7.5",
        max_digits=5,
        invalid="Enter their usual hours a week as a number, like 10 or 7.5",
        too_large="A week has 168 hours: enter fewer",
        required=False,
    )
    usual_days = forms.IntegerField(
        label="Usual days a week (optional)",
        help_text="From 1 to 7. Holiday is at most 28 days a year, so this matters for 6 or 7",
        min_value=1,
        max_value=7,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "invalid": "Enter the days a week as a whole number from 1 to 7",
            "min_value": "Enter the days a week as a whole number from 1 to 7",
            "max_value": "Enter the days a week as a whole number from 1 to 7",
        },
    )
    age_band = _radios(
        "How old are they? (only for someone you employ)",
        Worker.AgeBand.choices,
        "Choose how old they are, so we can check the minimum wage",
        required=False,
        help_text="The least you may pay depends on their age. If they are 21 or over, we "
        "need nothing more",
    )
    date_of_birth = DateField(
        label="Date of birth (only if under 21 or an apprentice)",
        subject="Their date of birth",
        help_text="For example, 27 3 2006",
        past_only=True,
        required=False,
    )
    apprenticeship_started_on = _date(
        "When did the apprenticeship start? (apprentices only)",
        "The date the apprenticeship started",
        required=False,
    )
    lines = forms.ModelMultipleChoiceField(
        label="Which support in the plan do they give? (optional)",
        help_text=CHOOSE_ALL,
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose support from the list",
            "invalid_pk_value": "Choose support from the list",
        },
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = lines
        self.fields["lines"].label_from_instance = lambda line: line.description

    def clean(self):
        data = super().clean()
        engagement, band = data.get("engagement"), data.get("age_band")
        if engagement == Worker.Engagement.AGENCY and not (data.get("agency_name") or "").strip():
            self.add_error("agency_name", "Enter the name of the agency")
        if data.get("hours") == Worker.Hours.REGULAR and not data.get("usual_hours"):
            if "usual_hours" not in self.errors:
                self.add_error(
                    "usual_hours",
                    "Enter their usual hours a week, like 10. If their hours change from week "
                    "to week, choose that instead",
                )
        if engagement == Worker.Engagement.EMPLOYED:
            self._check_age(data, band)
        return data

    def _check_age(self, data, band) -> None:
        if not band:
            self.add_error("age_band", "Choose how old they are, so we can check the minimum wage")
            return
        if band != Worker.AgeBand.ADULT and not data.get("date_of_birth"):
            if "date_of_birth" not in self.errors:
                self.add_error(
                    "date_of_birth",
                    "Enter their date of birth: the minimum wage for someone under 21 or an "
                    "apprentice depends on their age",
                )
        if band == Worker.AgeBand.APPRENTICE and not data.get("apprenticeship_started_on"):
            if "apprenticeship_started_on" not in self.errors:
                self.add_error("apprenticeship_started_on", "Enter when the apprenticeship started")

    def details(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("lines", None)
        return data


def worker_initial(worker: Worker) -> dict:
    names = [name for name in WorkerForm.base_fields if name != "lines"]
    initial = {name: getattr(worker, name) for name in names}
    initial["lines"] = [row.line_id for row in worker.lines.all()]
    return initial


class WorkerChecksForm(forms.Form):
    contract_issued_on = _date(
        "Date you gave them a written contract",
        "The date of the contract",
        past_only=True,
        required=False,
    )
    right_to_work_checked_on = _date(
        "Date you checked their right to work in the UK",
        "The date you checked their right to work",
        past_only=True,
        required=False,
    )
    dbs_checked_on = _date(
        "Date on their DBS certificate",
        "The date on the DBS certificate",
        past_only=True,
        required=False,
    )
    dbs_type = _radios(
        "Kind of DBS check",
        Worker.DbsType.choices,
        "Choose the kind of DBS check from the list",
        required=False,
        help_text="It says on the certificate. For a personal assistant, an enhanced check "
        "with the adults' barred list is usual",
    )
    references = text_field(
        "References (optional)",
        hint="Who gave a reference, and when. For example: Mrs Patel, her last employer, by "
        "phone on 2 March",
        rows=3,
        limit=2000,
    )
    backup_cover = text_field(
        "Emergency cover (optional)",
        hint="Who helps if they are ill or on holiday, and how to reach them",
        rows=3,
        limit=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("dbs_checked_on") and not data.get("dbs_type"):
            self.add_error("dbs_type", "Choose the kind of DBS check, as on the certificate")
        if data.get("dbs_type") and not data.get("dbs_checked_on"):
            if "dbs_checked_on" not in self.errors:
                self.add_error("dbs_checked_on", "Enter the date on the DBS certificate")
        return data


def checks_initial(worker: Worker) -> dict:
    return {name: getattr(worker, name) for name in WorkerChecksForm.base_fields}


STATUS_QUESTIONS = {
    "own_business": "Do they run their own business, with other clients as well as you?",
    "decides_how": "Do they decide how, when and where the work is done?",
    "can_send_substitute": "Could they send someone else to do the work in their place?",
    "own_insurance": "Do they have their own insurance for their work?",
    "invoices": "Do they send you invoices, and pay their own tax and National Insurance?",
}


class StatusForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in STATUS_QUESTIONS.items():
            self.fields[name] = _radios(
                question, Worker.Answer.choices, f"Answer: {question[0].lower()}{question[1:]}"
            )


class LeaveForm(forms.Form):
    left_on = _date("Their last day of work", "Their last day")


class EmployerForm(forms.Form):
    insurer = forms.CharField(
        label="Insurance company",
        help_text="Employer's liability insurance, often sold with public liability insurance "
        "for people who employ a PA",
        max_length=150,
        required=False,
        error_messages={"max_length": "Keep the name to 150 characters or fewer"},
    )
    policy_number = forms.CharField(
        label="Policy number (optional)",
        max_length=100,
        required=False,
        error_messages={"max_length": "Keep the policy number to 100 characters or fewer"},
    )
    insurance_renews_on = _date(
        "Date the insurance renews",
        "The date the insurance renews",
        required=False,
        earliest=date(2000, 1, 1),
    )
    payroll_provider = forms.CharField(
        label="Payroll provider (optional)",
        help_text="Who works out tax, National Insurance and pension, and sends payslips",
        max_length=150,
        required=False,
        error_messages={"max_length": "Keep the name to 150 characters or fewer"},
    )
    payroll_line = forms.ModelChoiceField(
        label="Which support in the plan pays their fees? (optional)",
        queryset=None,
        required=False,
        empty_label="None of these",
        error_messages={"invalid_choice": "Choose support from the list"},
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payroll_line"].queryset = lines
        self.fields["payroll_line"].label_from_instance = lambda line: line.description

    def clean(self):
        data = super().clean()
        if data.get("insurance_renews_on") and not data.get("insurer"):
            self.add_error("insurer", "Enter the name of the insurance company")
        if data.get("insurer") and not data.get("insurance_renews_on"):
            if "insurance_renews_on" not in self.errors:
                self.add_error("insurance_renews_on", "Enter the date the insurance renews")
        return data


class WeekForm(forms.Form):
    day = DateField(
        label="Which week?",
        subject="The day",
        past_only=True,
        help_text="Any day in the week: a week runs Monday to Sunday. For example, 3 11 2026",
    )


MAX_SHIFTS = 21


def shifts_wanted(data, *, add: bool) -> int:
    """How many shift rows to show: 7 to start, one more each time, at most 21."""
    try:
        rows = int((data or {}).get("rows", 7))
    except (TypeError, ValueError):
        rows = 7
    return max(7, min(MAX_SHIFTS, rows + (1 if add else 0)))


class TimesheetForm(forms.Form):
    """A week's shifts, one row each: the day, when it started and when it finished."""

    holiday_hours = PlainNumberField(
        label="Paid holiday taken this week, in hours",
        help_text="Enter 0 if none. Holiday is paid at the usual hourly rate",
        max_digits=5,
        invalid="Enter the holiday hours as a number, like 0 or 7.5",
        too_large="A week has 168 hours: enter fewer",
    )
    note = text_field(
        "Note (optional)", hint="Anything the employer should know", rows=2, limit=1000
    )

    def __init__(self, *args, monday: date, rows: int = 7, **kwargs):
        kwargs["initial"] = {"holiday_hours": Decimal("0"), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.monday, self.row_count = monday, rows
        days = [(d.isoformat(), hours.day_text(d)) for d in hours.week_days(monday)]
        for n in range(1, rows + 1):
            self.fields[f"day_{n}"] = forms.ChoiceField(
                label="Day",
                choices=days,
                required=False,
                error_messages={"invalid_choice": f"Shift {n}: choose a day from the list"},
            )
            self.fields[f"starts_{n}"] = forms.CharField(
                label="Started", max_length=10, required=False
            )
            self.fields[f"ends_{n}"] = forms.CharField(
                label="Finished", max_length=10, required=False
            )
            if not self.is_bound and n <= 7:
                self.initial.setdefault(f"day_{n}", days[n - 1][0])

    def rows(self) -> list[tuple[int, list]]:
        return [
            (n, [self[f"day_{n}"], self[f"starts_{n}"], self[f"ends_{n}"]])
            for n in range(1, self.row_count + 1)
        ]

    def skip_checks(self) -> None:
        """Show what was typed without checking it: used when adding another shift."""
        self._errors = forms.utils.ErrorDict()
        self.cleaned_data = {}

    def clean(self):
        data = super().clean()
        found = []
        for n in range(1, self.row_count + 1):
            shift = self._shift(n, data)
            if shift is not None:
                found.append(shift)
        if not self.errors:
            for problem in hours.check_week(self.monday, found):
                self.add_error(None, problem)
        data["shifts"] = found
        return data

    def _shift(self, n: int, data: dict):
        starts, ends = (data.get(f"{part}_{n}") or "" for part in ("starts", "ends"))
        if not starts.strip() and not ends.strip():
            return None
        day_text = data.get(f"day_{n}")
        if not day_text:
            self.add_error(f"day_{n}", f"Shift {n}: choose the day")
            return None
        try:
            begin = hours.parse_time(starts)
        except hours.HoursProblem as problem:
            self.add_error(f"starts_{n}", _which(n, "start", starts, problem))
            return None
        try:
            finish = hours.parse_time(ends, finish=True)
            return hours.check_shift(n, date.fromisoformat(day_text), begin, finish)
        except hours.HoursProblem as problem:
            self.add_error(f"ends_{n}", _which(n, "finish", ends, problem))
            return None


def _which(n: int, which: str, typed: str, problem: Exception) -> ValidationError:
    message = str(problem)
    if message.startswith("Shift "):
        return ValidationError(message)
    if not typed.strip():
        return ValidationError(f"Shift {n}: enter the {which} time, {hours.TIME_EXAMPLE}")
    return ValidationError(f"Shift {n}: {message[0].lower()}{message[1:]} (the {which} time)")


class ReturnForm(forms.Form):
    reason = text_field(
        "What needs changing?",
        hint="They will see this on their timesheet link",
        required="Say what needs changing, so they know",
        rows=3,
        limit=1000,
    )


class PaidByForm(forms.Form):
    payment = forms.ModelChoiceField(
        label="Which payment paid it?",
        queryset=None,
        required=False,
        empty_label="None of these yet",
        error_messages={"invalid_choice": "Choose a payment from the list"},
    )

    def __init__(self, *args, payments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment"].queryset = payments
        self.fields["payment"].label_from_instance = _payment_label


def _payment_label(txn) -> str:
    return f"{pounds(txn.amount)} to {txn.payee} on {long_date(txn.occurred_on)}"


class ExplainForm(forms.Form):
    explanation = text_field(
        "What is happening?",
        hint="The council reads this. For example, what you have done, or when it will be done",
        required="Say what is happening, so the council understands",
        rows=5,
        limit=2000,
    )


class PayslipForm(forms.Form):
    file = forms.FileField(
        label="Payslip totals file (CSV)",
        help_text="A CSV file from your payroll provider, smaller than 2 MB",
        error_messages={
            "required": "Choose the CSV file from your payroll provider",
            "empty": "The file is empty. Choose the payroll file again",
            "invalid": "Choose the CSV file from your payroll provider",
        },
    )
