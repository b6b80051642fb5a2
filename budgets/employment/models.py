"""A direct payment that employs people: who works for the person, the employer's checks, the
hours they work each week and the wages those hours make. Imported by budgets/models.py, so
the models belong to the budgets app (as people/council_settings does for people).

National Minimum Wage rates are data (one row per band and date, with where it came from),
never constants in code: a new April's rates are a new row.
"""

import uuid

from django.db import models
from django.db.models import Q

from people.models import Person, TimeStampedModel, User, audited
from people.models import money_field as pounds_field


class RateBand(models.TextChoices):
    """The National Minimum Wage bands (the National Living Wage is the top one)."""

    AGED_21_AND_OVER = "21_and_over", "21 and over (the National Living Wage)"
    AGED_18_TO_20 = "18_to_20", "18 to 20"
    UNDER_18 = "under_18", "Under 18"
    APPRENTICE = "apprentice", "Apprentice"


class WageRate(models.Model):
    """The least a worker in one band may be paid an hour, from a date (usually 1 April)."""

    band = models.CharField(max_length=20, choices=RateBand.choices)
    from_date = models.DateField()
    hourly = pounds_field()
    source = models.URLField(max_length=300)

    class Meta:
        ordering = ["band", "-from_date"]
        constraints = [
            models.UniqueConstraint(fields=["band", "from_date"], name="wage_rate_once_per_date"),
            models.CheckConstraint(condition=Q(hourly__gt=0), name="wage_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_band_display()} from {self.from_date}: £{self.hourly}"


class EmployerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Employer records of budgets whose record this user may open."""
        return self.filter(budget__person__in=Person.objects.visible_to(user))


class Employer(TimeStampedModel):
    """What the person (or their representative) holds as an employer: the insurance and the
    payroll provider who works out tax, National Insurance and pensions."""

    budget = models.OneToOneField(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="employer"
    )
    insurer = models.CharField("insurance company", max_length=150, blank=True)
    policy_number = models.CharField(max_length=100, blank=True)
    insurance_renews_on = models.DateField(null=True, blank=True)
    payroll_provider = models.CharField(max_length=150, blank=True)
    payroll_line = models.ForeignKey(
        "support_plans.SupportLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The support in the plan that pays the payroll provider's fees.",
    )

    objects = EmployerQuerySet.as_manager()
    history = audited()

    def __str__(self) -> str:
        return f"Employer records for {self.budget}"

    @property
    def has_insurance(self) -> bool:
        return self.insurance_renews_on is not None


class WorkerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People working for budgets whose record this user may open (never providers)."""
        return self.filter(budget__person__in=Person.objects.visible_to(user))

    def employed(self):
        """Workers the person employs themselves (not through an agency, not self-employed)."""
        return self.filter(engagement=Worker.Engagement.EMPLOYED)


class Worker(TimeStampedModel):
    """Someone who works for the person: a personal assistant they employ, an agency worker,
    or someone self-employed. The employer's checks apply to those they employ."""

    class Engagement(models.TextChoices):
        EMPLOYED = "employed", "Employed by me"
        AGENCY = "agency", "Through an agency"
        SELF_EMPLOYED = "self_employed", "Self-employed"

    class AgeBand(models.TextChoices):
        ADULT = "21_or_over", "21 or over"
        YOUNGER = "under_21", "Under 21"
        APPRENTICE = "apprentice", "An apprentice"

    class Hours(models.TextChoices):
        REGULAR = "regular", "The same hours most weeks"
        IRREGULAR = "irregular", "Hours that change from week to week"

    class DbsType(models.TextChoices):
        BASIC = "basic", "Basic"
        STANDARD = "standard", "Standard"
        ENHANCED = "enhanced", "Enhanced"
        ENHANCED_BARRED = "enhanced_barred", "Enhanced with a check of the adults' barred list"

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_SURE = "not_sure", "Not sure"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="workers"
    )
    name = models.CharField(max_length=150)
    engagement = models.CharField("how they work for me", max_length=20, choices=Engagement.choices)
    agency_name = models.CharField("agency", max_length=150, blank=True)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    apprenticeship_started_on = models.DateField(null=True, blank=True)
    starts_on = models.DateField("start date")
    hourly_rate = pounds_field()
    hours = models.CharField("pattern of hours", max_length=10, choices=Hours.choices)
    usual_hours = models.DecimalField(
        "usual hours a week", max_digits=5, decimal_places=2, null=True, blank=True
    )
    usual_days = models.PositiveSmallIntegerField("usual days a week", null=True, blank=True)
    contract_issued_on = models.DateField("contract given", null=True, blank=True)
    right_to_work_checked_on = models.DateField("right to work checked", null=True, blank=True)
    dbs_checked_on = models.DateField("DBS certificate date", null=True, blank=True)
    dbs_type = models.CharField("DBS check", max_length=20, choices=DbsType.choices, blank=True)
    references = models.TextField(blank=True)
    backup_cover = models.TextField("emergency cover", blank=True)
    # Self-employed: what makes them so. HMRC decides; these help the person see the signs.
    own_business = models.CharField(
        "has their own business, with other clients",
        max_length=10,
        choices=Answer.choices,
        blank=True,
    )
    decides_how = models.CharField(
        "decides how and when the work is done", max_length=10, choices=Answer.choices, blank=True
    )
    can_send_substitute = models.CharField(
        "can send someone else in their place", max_length=10, choices=Answer.choices, blank=True
    )
    own_insurance = models.CharField(
        "has their own insurance", max_length=10, choices=Answer.choices, blank=True
    )
    invoices = models.CharField(
        "sends invoices and pays their own tax", max_length=10, choices=Answer.choices, blank=True
    )
    left_on = models.DateField("last day of work", null=True, blank=True)
    # The private timesheet link holds this number: a new link makes the old one stop working.
    link_version = models.PositiveIntegerField(default=1)

    objects = WorkerQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["name", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(hourly_rate__gte=0), name="worker_rate_positive"),
            models.CheckConstraint(
                condition=Q(usual_hours__isnull=True)
                | (Q(usual_hours__gt=0) & Q(usual_hours__lte=168)),
                name="worker_usual_hours_in_a_week",
            ),
            models.CheckConstraint(
                condition=Q(usual_days__isnull=True)
                | (Q(usual_days__gte=1) & Q(usual_days__lte=7)),
                name="worker_usual_days_in_a_week",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("starts_on")),
                name="worker_leaves_after_starting",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_employed(self) -> bool:
        return self.engagement == self.Engagement.EMPLOYED

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


class WorkerLine(models.Model):
    """A piece of support in the plan that a worker delivers."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="lines")
    line = models.ForeignKey(
        "support_plans.SupportLine", on_delete=models.PROTECT, related_name="+"
    )

    history = audited()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["worker", "line"], name="worker_line_once"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} delivers {self.line}"


class TimesheetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Timesheets of budgets whose record this user may open (never providers)."""
        return self.filter(worker__budget__person__in=Person.objects.visible_to(user))

    def approved(self):
        return self.filter(status=Timesheet.Status.APPROVED)


class Timesheet(TimeStampedModel):
    """The hours one worker worked in one week (Monday to Sunday), and paid holiday taken.

    One per worker and week: entering or approving the same week again changes nothing new.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for approval"
        RETURNED = "returned", "Sent back to be changed"
        APPROVED = "approved", "Approved"

    class EnteredBy(models.TextChoices):
        EMPLOYER = "employer", "The employer"
        WORKER = "worker", "The worker, on their timesheet link"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="timesheets")
    week_starts_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    entered_by = models.CharField(max_length=10, choices=EnteredBy.choices)
    worked_minutes = models.PositiveIntegerField(default=0)
    holiday_hours = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    note = models.TextField(blank=True)
    returned_because = models.TextField(blank=True)
    hourly_rate = pounds_field(null=True, blank=True, help_text="The rate it was approved at.")
    gross_pay = pounds_field(null=True, blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = TimesheetQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-week_starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "week_starts_on"], name="timesheet_once_per_week"
            ),
            models.CheckConstraint(
                condition=Q(holiday_hours__gte=0) & Q(holiday_hours__lte=168),
                name="timesheet_holiday_hours_in_a_week",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | Q(gross_pay__isnull=False, hourly_rate__isnull=False, approved_at__isnull=False),
                name="timesheet_approved_has_pay",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker}: week from {self.week_starts_on}"


class Shift(models.Model):
    """One stretch of work on one day: minutes from midnight, finishing by midnight (1440)."""

    timesheet = models.ForeignKey(Timesheet, on_delete=models.CASCADE, related_name="shifts")
    day = models.DateField()
    starts = models.PositiveSmallIntegerField()
    ends = models.PositiveSmallIntegerField()

    history = audited()

    class Meta:
        ordering = ["day", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")) & Q(ends__lte=1440),
                name="shift_finishes_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.starts // 60:02}:{self.starts % 60:02}"

    @property
    def minutes(self) -> int:
        return self.ends - self.starts


class ExpectedWageQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Wages owed from budgets whose record this user may open (never providers)."""
        return self.filter(worker__budget__person__in=Person.objects.visible_to(user))


class ExpectedWage(TimeStampedModel):
    """Pay a worker is owed: a week's approved timesheet, or final holiday pay when they leave.

    One per timesheet (and one final holiday payment per worker), so approving twice owes
    once. Whether it has been paid is worked out from the payments logged or imported
    (budgets.employment.matching); `paid_by` is a payment the employer chose themselves.
    """

    class Kind(models.TextChoices):
        WAGES = "wages", "Wages"
        FINAL_HOLIDAY = "final_holiday", "Final holiday pay"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="expected_wages")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    timesheet = models.OneToOneField(
        Timesheet, null=True, blank=True, on_delete=models.PROTECT, related_name="expected_wage"
    )
    amount = pounds_field()
    owed_from = models.DateField(help_text="The day the pay became owed.")
    paid_by = models.ForeignKey(
        "budgets.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ExpectedWageQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["owed_from", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker"],
                condition=Q(kind="final_holiday"),
                name="expected_wage_one_final_holiday",
            ),
            models.CheckConstraint(
                condition=Q(kind="final_holiday") | Q(timesheet__isnull=False),
                name="expected_wage_wages_have_a_timesheet",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="expected_wage_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.worker}: £{self.amount}"


class PayslipImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Payslip files of budgets whose record this user may open (never providers)."""
        return self.filter(budget__person__in=Person.objects.visible_to(user))


class PayslipImport(models.Model):
    """A CSV of payslip totals from the payroll provider. The same file twice is refused."""

    class Status(models.TextChoices):
        IMPORTED = "imported", "Imported"
        REJECTED = "rejected", "Not imported: some rows could not be read"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="payslip_imports"
    )
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    problems = models.JSONField(default=list, blank=True)

    objects = PayslipImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "file_sha256"], name="payslip_file_once")
        ]

    def __str__(self) -> str:
        return self.file_name


class Payslip(models.Model):
    """One worker's payslip totals for one pay period, as the payroll provider worked them out."""

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="payslips")
    source = models.ForeignKey(PayslipImport, on_delete=models.PROTECT, related_name="payslips")
    row_number = models.PositiveIntegerField()
    period_start = models.DateField()
    period_end = models.DateField()
    gross_pay = pounds_field()
    take_home = pounds_field()
    deductions = pounds_field(help_text="Tax, National Insurance and pension taken off.")
    employer_costs = pounds_field(help_text="Employer's National Insurance and pension.")

    class Meta:
        ordering = ["-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "period_start", "period_end"], name="payslip_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="payslip_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Payslip for {self.worker}, {self.period_start} to {self.period_end}"


class CheckCode(models.TextChoices):
    """The employer's checks a person can explain to the council."""

    MINIMUM_WAGE = "minimum_wage", "Paid at least the minimum wage"
    INSURANCE = "insurance", "Employer's liability insurance"
    DBS = "dbs", "DBS check"
    CONTRACT = "contract", "Written contract by the first day"
    RIGHT_TO_WORK = "right_to_work", "Right to work in the UK checked"
    HOLIDAY = "holiday", "Holiday being taken"
    RELATIVE = "relative", "Paying a close relative or partner"
    STATUS = "status", "Self-employed or employed"
    REFERENCES = "references", "References"
    COVER = "cover", "Emergency cover"
    PAYROLL = "payroll", "Payroll provider"


class CheckExplanationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Explanations on budgets whose record this user may open."""
        return self.filter(budget__person__in=Person.objects.visible_to(user))


class CheckExplanation(TimeStampedModel):
    """The person's own words about one of the employer's checks, which the council reads."""

    budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="check_explanations"
    )
    worker = models.ForeignKey(
        Worker, null=True, blank=True, on_delete=models.PROTECT, related_name="explanations"
    )
    check_code = models.CharField(max_length=30, choices=CheckCode.choices)
    explanation = models.TextField()
    explained_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = CheckExplanationQuerySet.as_manager()
    history = audited()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "worker", "check_code"],
                name="explanation_once_per_worker_check",
            ),
            models.UniqueConstraint(
                fields=["budget", "check_code"],
                condition=Q(worker__isnull=True),
                name="explanation_once_per_budget_check",
            ),
        ]

    def __str__(self) -> str:
        return f"Explanation of {self.check_code} for {self.budget}"
