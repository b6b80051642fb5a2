"""Needs assessment, eligibility decision, resource allocation, indicative budget, and the
financial assessment with its yearly charging rates. Amounts are Decimal pounds (GBP)."""

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q

from core.formats import long_date
from people.models import Organisation, Person, TimeStampedModel, User, audited, money_field

from .financial import disregards
from .financial.national_rates import (
    NATIONAL_LOWER_CAPITAL_LIMIT,
    NATIONAL_TARIFF_STEP,
    NATIONAL_UPPER_CAPITAL_LIMIT,
    year_label,
)


class Outcome(models.TextChoices):
    """The ten eligibility outcomes (Care and Support (Eligibility Criteria) Regulations 2015)."""

    NUTRITION = "nutrition", "Managing and maintaining nutrition"
    PERSONAL_HYGIENE = "personal_hygiene", "Maintaining personal hygiene"
    TOILET_NEEDS = "toilet_needs", "Managing toilet needs"
    CLOTHING = "clothing", "Being appropriately clothed"
    HOME_SAFETY = "home_safety", "Being able to make use of the home safely"
    HABITABLE_HOME = "habitable_home", "Maintaining a habitable home environment"
    RELATIONSHIPS = (
        "relationships",
        "Developing and maintaining family or other personal relationships",
    )
    WORK_EDUCATION = (
        "work_education",
        "Accessing and engaging in work, training, education or volunteering",
    )
    COMMUNITY = (
        "community",
        "Making use of necessary facilities or services in the local community, including "
        "public transport and recreational facilities or services",
    )
    CARING = "caring", "Carrying out any caring responsibilities for a child"


class UnableMeaning(models.TextChoices):
    """The four meanings of "unable to achieve" an outcome."""

    NEEDS_ASSISTANCE = "needs_assistance", "Cannot do it without help, including prompting"
    PAIN_DISTRESS = "pain_distress", "Can do it, but with significant pain, distress or anxiety"
    ENDANGERS = "endangers", "Can do it, but it endangers their health or safety, or other people's"
    TAKES_LONGER = "takes_longer", "Can do it, but it takes significantly longer than normal"


class CarerOutcome(models.TextChoices):
    """The eight outcomes of the carers' test: Care and Support (Eligibility Criteria)
    Regulations 2015, regulation 3(2)(b). Their values differ from the adults' ten, so a value
    names one outcome wherever it is stored (an eligibility decision, a support plan)."""

    CHILD_CARE = "carer_child", "Carrying out any caring responsibilities the carer has for a child"
    OTHER_CARING = (
        "carer_others",
        "Providing care to other persons for whom the carer provides care",
    )
    HABITABLE_HOME = (
        "carer_home",
        "Maintaining a habitable home environment in the carer's home",
    )
    NUTRITION = "carer_nutrition", "Managing and maintaining nutrition"
    RELATIONSHIPS = (
        "carer_relationships",
        "Developing and maintaining family or other personal relationships",
    )
    WORK_EDUCATION = "carer_work", "Engaging in work, training, education or volunteering"
    COMMUNITY = (
        "carer_community",
        "Making use of necessary facilities or services in the local community, including "
        "recreational facilities or services",
    )
    RECREATION = "carer_recreation", "Engaging in recreational activities"


def need_label(value: str) -> str:
    """The label of an adult's or a carer's outcome, from its stored value."""
    if value in CarerOutcome.values:
        return CarerOutcome(value).label
    return Outcome(value).label


class CarerUnableMeaning(models.TextChoices):
    """The THREE meanings of "unable to achieve" an outcome for a carer: Care and Support
    (Eligibility Criteria) Regulations 2015, regulation 3(3)(a)-(c). There is no "takes
    significantly longer than would normally be expected" limb for carers: that is regulation
    2(3)(d), which applies to adults needing care only. The values are those of `UnableMeaning`,
    so the reasons name the ways in the same words."""

    NEEDS_ASSISTANCE = "needs_assistance", "Cannot do it without help"
    PAIN_DISTRESS = "pain_distress", "Can do it, but with significant pain, distress or anxiety"
    ENDANGERS = (
        "endangers",
        "Can do it, but it endangers, or is likely to endanger, the health or safety of the carer "
        "or of an adult or child they care for",
    )


class CarerHealth(models.TextChoices):
    """Regulation 3(2)(a): the carer's physical or mental health is, or is at risk of,
    deteriorating (either is enough on its own)."""

    DETERIORATING = "deteriorating", "Their physical or mental health is getting worse"
    AT_RISK = "at_risk", "Their physical or mental health is at risk of getting worse"
    NOT_AT_RISK = "not_at_risk", "Neither: their health is not at risk from caring"


class ImpactTiming(models.TextChoices):
    """Whether the significant impact on wellbeing is happening now or is likely to happen."""

    CURRENT = "current", "There is a significant impact on wellbeing now"
    ANTICIPATED = "anticipated", "A significant impact on wellbeing is likely"


class Severity(models.TextChoices):
    """How much help an outcome that cannot be achieved needs (used by the allocation table)."""

    SOME = "some", "Needs some help"
    A_LOT = "a_lot", "Needs a lot of help"
    ALL = "all", "Needs help with all of it"


class WellbeingArea(models.TextChoices):
    """The areas of wellbeing in section 1(2) of the Care Act 2014."""

    DIGNITY = "dignity", "Personal dignity, including being treated with respect"
    HEALTH = "health", "Physical and mental health and emotional wellbeing"
    PROTECTION = "protection", "Protection from abuse and neglect"
    CONTROL = "control", "Control over day-to-day life, including care and support"
    PARTICIPATION = "participation", "Taking part in work, education, training or recreation"
    SOCIAL_ECONOMIC = "social_economic", "Social and economic wellbeing"
    RELATIONSHIPS = "relationships", "Domestic, family and personal relationships"
    ACCOMMODATION = "accommodation", "Suitability of living accommodation"
    CONTRIBUTION = "contribution", "Contribution to society"


class FacsBand(models.TextChoices):
    """Legacy Fair Access to Care Services band (2003–2015): shown, never used to decide."""

    CRITICAL = "critical", "Critical"
    SUBSTANTIAL = "substantial", "Substantial"
    MODERATE = "moderate", "Moderate"
    LOW = "low", "Low"


class NeedsAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Assessments of people whose record this user may open (providers never)."""
        return self.filter(person__in=Person.objects.visible_to(user))

    def eligible(self):
        """Completed assessments whose confirmed decision is that the needs are eligible."""
        return self.filter(status=NeedsAssessment.Status.COMPLETED).filter(
            Q(eligibility__eligible=True)
            # A carer's assessment decided before the carers' test was asked keeps its decision.
            | Q(
                kind="carer",
                eligibility__isnull=True,
                needs_from_caring__isnull=True,
                carer_eligible=True,
            )
        )


class NeedsAssessment(TimeStampedModel):
    """A needs assessment: by the council, a supported self-assessment, or a carer's assessment
    (by the council, or the carer's own supported self-assessment)."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Needs assessment by the council"
        SELF = "self", "Supported self-assessment"
        CARER = "carer", "Carer's assessment"
        CARER_SELF = "carer_self", "Carer's supported self-assessment"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Sent to the council"
        CHANGES_REQUESTED = "changes_requested", "Changes asked for"
        COMPLETED = "completed", "Completed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="needs_assessments")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    circumstances = models.TextField("circumstances", blank=True)
    what_matters = models.TextField("what matters to the person", blank=True)
    strengths = models.TextField("strengths and abilities", blank=True)
    impairment = models.TextField("impairment or illness behind the needs", blank=True)
    needs_from_impairment = models.BooleanField(
        "needs arise from a physical or mental impairment or illness", null=True
    )
    fluctuation_notes = models.TextField("how needs change over time", blank=True)
    wellbeing_areas = models.JSONField("areas of wellbeing affected", default=list, blank=True)
    wellbeing_significant = models.BooleanField("significant impact on wellbeing", null=True)
    wellbeing_impact_timing = models.CharField(
        "whether the impact on wellbeing is current or anticipated",
        max_length=12,
        choices=ImpactTiming.choices,
        blank=True,
        help_text="Blank on records made before this was asked.",
    )
    cumulative_impact = models.BooleanField(
        "several smaller needs together have a significant impact", default=False
    )
    wellbeing_notes = models.TextField("notes about wellbeing", blank=True)
    prevention_equipment = models.TextField("equipment that could help", blank=True)
    prevention_adaptations = models.TextField("adaptations to the home", blank=True)
    prevention_community = models.TextField("community support", blank=True)
    # The carers' test (regulation 3): asked in a carer's assessment, either kind.
    caring_for = models.TextField("who they care for, and the care they give", blank=True)
    needs_from_caring = models.BooleanField(
        "needs arise from providing necessary care for an adult", null=True
    )
    carer_health = models.CharField(
        "whether caring puts their health at risk",
        max_length=15,
        choices=CarerHealth.choices,
        blank=True,
    )
    carer_health_notes = models.TextField("notes about their health", blank=True)
    # A bare yes/no with a reason: carers' assessments recorded before the carers' test was
    # asked. Kept as recorded, read-only; new decisions are `EligibilityDecision`s.
    carer_eligible = models.BooleanField("carer's needs are eligible", null=True)
    carer_decision_reason = models.TextField("reason for the carer's decision", blank=True)
    legacy_facs_band = models.CharField(
        "legacy FACS band", max_length=20, choices=FacsBand.choices, blank=True, editable=False
    )
    changes_requested_note = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = NeedsAssessmentQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="needs_assessment_completed_has_date",
            ),
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=~Q(status="completed"),
                name="needs_assessment_one_open_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.CHANGES_REQUESTED}

    @property
    def is_for_carer(self) -> bool:
        """A carer's assessment, by the council or the carer's own self-assessment."""
        return self.kind in {self.Kind.CARER, self.Kind.CARER_SELF}

    @property
    def is_self_assessment(self) -> bool:
        """Filled in by the person (or their representative) and sent to the council."""
        return self.kind in {self.Kind.SELF, self.Kind.CARER_SELF}

    @property
    def decided_before_carers_test(self) -> bool:
        """A carer's assessment with a yes/no decision recorded before the carers' test was
        asked, and none of its questions answered since: that decision stands as recorded."""
        return (
            self.is_for_carer
            and self.carer_eligible is not None
            and (self.needs_from_caring is None)
        )


class OutcomeAnswer(TimeStampedModel):
    """What the assessment found about one outcome: one of the adult's ten, or, in a carer's
    assessment, one of the carer's eight."""

    assessment = models.ForeignKey(
        NeedsAssessment, on_delete=models.CASCADE, related_name="outcome_answers"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices + CarerOutcome.choices)
    # Derived when saved: True when none of the four ways of being unable applies. It also marks
    # the outcome as answered (None: not answered), so old records read as they always did.
    can_achieve = models.BooleanField("none of the ways of being unable applies", null=True)
    unable_meanings = models.JSONField(
        "ways they are unable to achieve it", default=list, blank=True
    )
    severity = models.CharField(max_length=10, choices=Severity.choices, blank=True)
    fluctuates = models.BooleanField("needs change from day to day", default=False)
    notes = models.TextField(blank=True)

    history = audited()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "outcome"], name="outcome_answer_one_per_outcome"
            )
        ]

    def __str__(self) -> str:
        return need_label(self.outcome)

    @property
    def is_unable(self) -> bool:
        """Unable to achieve: at least one of the ways applies (pain alone is enough)."""
        return bool(self.unable_meanings)


class EligibilityDecision(TimeStampedModel):
    """The eligibility decision: computed from the facts, confirmed or disputed by the assessor."""

    assessment = models.OneToOneField(
        NeedsAssessment, on_delete=models.CASCADE, related_name="eligibility"
    )
    computed_eligible = models.BooleanField()
    reasons = models.JSONField(default=dict)
    outcomes_not_achieved = models.JSONField(default=list)
    assessor_agrees = models.BooleanField(default=True)
    disagreement_reason = models.TextField(blank=True)
    eligible = models.BooleanField("final decision: eligible")
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(assessor_agrees=True) | ~Q(disagreement_reason=""),
                name="eligibility_disagreement_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{'Eligible' if self.eligible else 'Not eligible'}: {self.assessment.person}"


class AllocationTableQuerySet(models.QuerySet):
    def in_force_for(self, authority, on):
        """The authority's table in force on a date (the latest that started by then)."""
        return (
            self.filter(authority=authority, effective_from__lte=on)
            .order_by("-effective_from")
            .first()
        )


class ResourceAllocationTable(TimeStampedModel):
    """A council's points-based resource allocation system: points per outcome and severity."""

    authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="allocation_tables",
        limit_choices_to={"kind": Organisation.Kind.LOCAL_AUTHORITY},
    )
    name = models.CharField(max_length=100)
    pounds_per_point = money_field(help_text="Weekly pounds for each point.")
    effective_from = models.DateField()

    objects = AllocationTableQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["authority", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "effective_from"], name="allocation_table_one_per_start"
            ),
            models.CheckConstraint(
                condition=Q(pounds_per_point__gt=0), name="allocation_table_positive_rate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.authority}, from {long_date(self.effective_from)})"


class AllocationPoints(models.Model):
    """Points for an outcome at a severity."""

    table = models.ForeignKey(
        ResourceAllocationTable, on_delete=models.CASCADE, related_name="points"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    points = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "allocation points"
        constraints = [
            models.UniqueConstraint(
                fields=["table", "outcome", "severity"], name="allocation_points_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}, {self.get_severity_display()}: {self.points}"


class IndicativeBudget(TimeStampedModel):
    """An early, explained budget figure to plan with. It may go up or down."""

    assessment = models.OneToOneField(
        NeedsAssessment, on_delete=models.CASCADE, related_name="indicative_budget"
    )
    table = models.ForeignKey(ResourceAllocationTable, on_delete=models.PROTECT, related_name="+")
    computed_weekly = money_field()
    explanation = models.JSONField(default=list)
    override_weekly = money_field(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(override_weekly__isnull=True) | ~Q(override_reason=""),
                name="indicative_override_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(override_weekly__isnull=True) | Q(override_weekly__gte=0),
                name="indicative_override_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.weekly} a week for {self.assessment.person}"

    @property
    def weekly(self) -> Decimal:
        return self.computed_weekly if self.override_weekly is None else self.override_weekly

    @property
    def annual(self) -> Decimal:
        """Weekly × 52: weekly is the figure of record."""
        return self.weekly * 52


# England's national capital limits and tariff step (Care and Support (Charging and Assessment
# of Resources) Regulations 2014, regs 12 and 25) are in financial/national_rates.py with the
# yearly figures. A council may be more generous (higher limits, a larger step), never less.


class ChargingRatesQuerySet(models.QuerySet):
    def for_year(self, authority, year: int):
        """The authority's rates for a financial year, or None."""
        return self.filter(authority=authority, financial_year=year).first()


class ChargingRates(TimeStampedModel):
    """One authority's charging rates for one financial year (1 April to 31 March)."""

    authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="charging_rates",
        limit_choices_to={"kind": Organisation.Kind.LOCAL_AUTHORITY},
    )
    financial_year = models.PositiveIntegerField(help_text="The year it starts: 2026 = 2026/27")
    lower_capital_limit = money_field(default=Decimal("14250.00"))
    upper_capital_limit = money_field(default=Decimal("23250.00"))
    tariff_step = money_field(
        default=Decimal("250.00"),
        help_text="£1 a week for every step (or part) above the lower limit",
    )
    local_mig_buffer = money_field(default=Decimal("0.00"))
    charge_percentage = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(100))
    minimum_weekly_charge = money_field(default=Decimal("0.00"))
    standard_dre_weekly = money_field(
        verbose_name="standard disability-related expenditure a week",
        null=True,
        blank=True,
        default=None,
        help_text="Leave blank if the council sets no standard allowance: then only the actual "
        "costs a person tells us about are taken off.",
    )
    pip_night_care_disregard_weekly = money_field(
        verbose_name="night-care disregard a week",
        default=Decimal("0.00"),
        help_text="Not counted when Attendance Allowance higher rate, DLA care highest rate or "
        "PIP enhanced daily living is paid but no care is provided at night: the difference to "
        "the lower rate. 0 if the council does not use this rule.",
    )

    class TariffRule(models.TextChoices):
        PART_STEP = "part_step", "£1 for every step, or part of a step (the national rule)"
        WHOLE_STEPS = "whole_steps", "£1 for every complete step only"

    tariff_rule = models.CharField(
        "how tariff income is counted",
        max_length=12,
        choices=TariffRule.choices,
        default=TariffRule.PART_STEP,
    )
    savings_credit_disregard_single = money_field(
        verbose_name="savings credit disregard a week, single person",
        null=True,
        blank=True,
        help_text="The most of Pension Credit Savings Credit not counted, from the year's "
        "circular. Blank until entered.",
    )
    savings_credit_disregard_couple = money_field(
        verbose_name="savings credit disregard a week, member of a couple",
        null=True,
        blank=True,
    )
    source = models.TextField(
        "where the national figures came from",
        blank=True,
        help_text="The circular or regulations the year's national figures were taken from.",
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ChargingRatesQuerySet.as_manager()
    history = audited()

    class Meta:
        verbose_name_plural = "charging rates"
        ordering = ["authority", "-financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "financial_year"], name="charging_rates_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(charge_percentage__gte=0) & Q(charge_percentage__lte=100),
                name="charging_rates_percentage_0_100",
            ),
            models.CheckConstraint(
                condition=Q(upper_capital_limit__gt=models.F("lower_capital_limit")),
                name="charging_rates_limits_ordered",
            ),
            models.CheckConstraint(
                condition=Q(lower_capital_limit__gte=NATIONAL_LOWER_CAPITAL_LIMIT)
                & Q(upper_capital_limit__gte=NATIONAL_UPPER_CAPITAL_LIMIT),
                name="charging_rates_capital_limits_not_below_national",
                violation_error_message=(
                    "Capital limits can be higher than the national ones (lower £14,250, upper "
                    "£23,250), never lower: lower limits would charge people more than the law "
                    "allows"
                ),
            ),
            models.CheckConstraint(
                condition=Q(standard_dre_weekly__isnull=True) | Q(standard_dre_weekly__gte=0),
                name="charging_rates_standard_dre_not_negative",
                violation_error_message=(
                    "The standard disability-related expenditure cannot be negative: enter £0 or "
                    "more, or leave it blank if the council sets none"
                ),
            ),
            models.CheckConstraint(
                condition=Q(tariff_rule__in=["part_step", "whole_steps"]),
                name="charging_rates_tariff_rule_known",
                violation_error_message="Choose how tariff income is counted",
            ),
            models.CheckConstraint(
                condition=Q(tariff_step__gte=NATIONAL_TARIFF_STEP),
                name="charging_rates_tariff_step_not_below_national",
                violation_error_message=(
                    "The tariff step cannot be less than £250: a smaller step would charge "
                    "people more than the law allows"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority}: {self.year_label}"

    @property
    def year_label(self) -> str:
        """2026 -> '2026/27'."""
        return year_label(self.financial_year)

    @property
    def is_checked(self) -> bool:
        """Checked by a council administrator: only checked rates charge anyone."""
        return self.checked_at is not None


class MinimumIncomeGuarantee(models.Model):
    """A Minimum Income Guarantee amount: a base rate for an age band, or a premium."""

    class Kind(models.TextChoices):
        BASE = "base", "Base rate for an age band"
        PREMIUM = "premium", "Premium added to the base rate"

    rates = models.ForeignKey(ChargingRates, on_delete=models.CASCADE, related_name="mig_amounts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=150)
    weekly_amount = money_field()

    history = audited()

    class Meta:
        ordering = ["kind", "label"]
        constraints = [
            models.UniqueConstraint(fields=["rates", "label"], name="mig_unique_label"),
            models.CheckConstraint(condition=Q(weekly_amount__gte=0), name="mig_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: £{self.weekly_amount}"


class FinancialAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Financial assessments of people whose record this user may open (providers never)."""
        return self.filter(person__in=Person.objects.visible_to(user))

    def latest_completed_for(self, person):
        """The person's most recent completed financial assessment, or None."""
        return (
            self.filter(person=person, status=FinancialAssessment.Status.COMPLETED)
            .order_by("-completed_at")
            .first()
        )


class FinancialAssessment(TimeStampedModel):
    """The means test that sets the person's weekly contribution to their care."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="financial_assessments"
    )
    rates = models.ForeignKey(ChargingRates, on_delete=models.PROTECT, related_name="+")
    charge_from = models.DateField(
        "the charge applies from",
        help_text="The rates are those of the financial year (1 April to 31 March) this day "
        "falls in.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recalculated_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recalculations",
        help_text="The assessment this one worked out again on a new year's rates.",
    )
    declined_to_disclose = models.BooleanField(
        "chose not to tell us about their money", default=False
    )
    capital = money_field(default=Decimal("0.00"))
    has_partner = models.BooleanField("has a partner", default=False)
    joint_capital = money_field(default=Decimal("0.00"))
    joint_capital_share = models.DecimalField(
        "the person's share of joint capital (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("50.00"),
    )
    joint_capital_evidence = models.CharField(
        "evidence of another split of joint capital", max_length=200, blank=True
    )
    partner_capital = money_field(default=Decimal("0.00"))
    mig_base = models.ForeignKey(
        MinimumIncomeGuarantee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mig_premiums = models.ManyToManyField(
        MinimumIncomeGuarantee, blank=True, related_name="+", through="ChosenPremium"
    )
    uses_standard_dre = models.BooleanField(
        "use the standard disability-related expenditure", default=True
    )
    pip_enhanced_without_night_care = models.BooleanField(
        "no care is provided at night", default=False
    )
    # The assessed charge. Never capped here: the approved cost of a plan caps it when the plan
    # is approved or revised (services.weekly_contribution). None for a full-cost payer.
    weekly_charge = money_field(null=True, blank=True)
    full_cost = models.BooleanField(default=False)
    result_reason = models.TextField(blank=True)
    result_steps = models.JSONField(default=list, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = FinancialAssessmentQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="draft"),
                name="financial_one_draft_per_person",
            ),
            models.CheckConstraint(
                condition=Q(capital__gte=0), name="financial_capital_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(joint_capital__gte=0) & Q(partner_capital__gte=0),
                name="financial_partner_capital_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(joint_capital_share__gte=0) & Q(joint_capital_share__lte=100),
                name="financial_joint_share_0_100",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed")
                | (
                    (Q(weekly_charge__isnull=False) | Q(full_cost=True))
                    & Q(completed_at__isnull=False)
                ),
                name="financial_completed_has_charge",
            ),
            models.UniqueConstraint(
                fields=["recalculated_from", "rates"],
                condition=Q(recalculated_from__isnull=False),
                name="financial_recalculated_once_a_year",
            ),
        ]

    def __str__(self) -> str:
        return f"Financial assessment for {self.person} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class ChosenPremium(models.Model):
    """A Minimum Income Guarantee premium chosen for an assessment, counted `count` times
    (a premium paid for each child is counted once for each)."""

    assessment = models.ForeignKey(
        FinancialAssessment, on_delete=models.CASCADE, related_name="premium_choices"
    )
    premium = models.ForeignKey(MinimumIncomeGuarantee, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField("how many times it is counted", default=1)

    class Meta:
        ordering = ["premium__label"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "premium"], name="premium_chosen_once"),
            models.CheckConstraint(condition=Q(count__gte=1), name="premium_counted_once_or_more"),
        ]

    def __str__(self) -> str:
        return f"{self.premium.label} × {self.count}"


class FinancialItem(TimeStampedModel):
    """An income, housing cost or disability-related expense in a financial assessment."""

    class Kind(models.TextChoices):
        INCOME = "income", "Income"
        HOUSING = "housing", "Housing cost"
        DRE = "dre", "Disability-related expense"

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Every week"
        FORTNIGHTLY = "fortnightly", "Every 2 weeks"
        FOUR_WEEKLY = "four_weekly", "Every 4 weeks"
        MONTHLY = "monthly", "Every month"
        YEARLY = "yearly", "Every year"

    assessment = models.ForeignKey(
        FinancialAssessment, on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=150)
    amount = money_field()
    frequency = models.CharField(max_length=15, choices=Frequency.choices)
    disregarded = models.BooleanField(default=False)
    disregard_reason = models.CharField(max_length=200, blank=True)
    income_type = models.CharField(
        "kind of income", max_length=30, choices=disregards.CHOICES, default=disregards.OTHER
    )

    class Owner(models.TextChoices):
        PERSON = "person", "The person's own"
        PARTNER = "partner", "Their partner's own"
        JOINT = "joint", "Joint"

    owner = models.CharField("whose it is", max_length=10, choices=Owner.choices, default="person")
    share_percent = models.DecimalField(
        "the person's share, if joint (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("50.00"),
    )
    split_evidence = models.CharField("evidence of another split", max_length=200, blank=True)

    history = audited()

    class Meta:
        ordering = ["kind", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="financial_item_not_negative"),
            models.CheckConstraint(
                condition=Q(kind="income") | Q(disregarded=False),
                name="financial_item_only_income_disregarded",
            ),
            models.CheckConstraint(
                condition=Q(share_percent__gte=0) & Q(share_percent__lte=100),
                name="financial_item_share_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: £{self.amount} {self.get_frequency_display().lower()}"
