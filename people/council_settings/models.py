"""A council's local practice as data: the values DOMAIN.md "Local practice" names, each
council's own, changed from a date. A change is a new row from its date, never an edit: the
rows before it, including a change later replaced by another for the same day, stay as the
history of who changed what. Imported by people/models.py."""

from django.db import models
from django.db.models import Q

from people.models import TimeStampedModel

# Statutory and guidance limits a council may be stricter than, never looser.
DP_FIRST_REVIEW_MAX_MONTHS = 6  # Care and Support (Direct Payments) Regulations 2014, reg 7
ROUTINE_REVIEW_MAX_MONTHS = 12  # Care and support statutory guidance 13.32
PLAN_FIRST_REVIEW_MAX_WEEKS = 8  # guidance 13.32: a light-touch review 6 to 8 weeks after


class CouncilSettings(TimeStampedModel):
    """The council's local values in force from `effective_from` until its next change."""

    class SurplusBasis(models.TextChoices):
        GROSS = "gross", "The whole weekly budget (gross)"
        NET = "net", "What the council pays each week, after the person's contribution (net)"

    class PaymentCycle(models.TextChoices):
        FOUR_WEEKLY = "four_weekly", "Every 4 weeks, in advance"
        CALENDAR_MONTHLY = "calendar_monthly", "Every calendar month, in advance"

    authority = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, related_name="settings_changes"
    )
    effective_from = models.DateField("from")
    changed_by = models.ForeignKey(
        "people.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("why it changed", max_length=500, blank=True)

    payment_cycle = models.CharField(
        "direct payments are paid",
        max_length=20,
        choices=PaymentCycle.choices,
        default=PaymentCycle.FOUR_WEEKLY,
    )
    surplus_weeks = models.PositiveSmallIntegerField(
        "surplus threshold in weeks of funding", default=8
    )
    surplus_basis = models.CharField(
        "weeks counted on", max_length=5, choices=SurplusBasis.choices, default=SurplusBasis.GROSS
    )
    contingency_weeks = models.PositiveSmallIntegerField(
        "weeks of funding every account may keep for emergencies", default=0
    )
    first_check_weeks = models.PositiveSmallIntegerField(
        "weeks with no records before an account is quiet", default=12
    )
    record_reminder_days = models.PositiveSmallIntegerField(
        "days with no spending logged before a reminder", default=28
    )
    contribution_missing_days = models.PositiveSmallIntegerField(
        "days after a late contribution is due before it counts as missing", default=14
    )
    return_months = models.PositiveSmallIntegerField(
        "months between returns for accounts held in a bank account", default=3
    )
    repayment_notice_days = models.PositiveSmallIntegerField(
        "days' notice before money is taken back", default=14
    )
    retention_years = models.PositiveSmallIntegerField(
        "years records are kept after support ends", default=7
    )
    plan_first_review_weeks = models.PositiveSmallIntegerField(
        "weeks after a plan starts or changes to its first review", default=8
    )
    dp_first_review_months = models.PositiveSmallIntegerField(
        "months after a direct payment starts to its first review", default=6
    )
    routine_review_months = models.PositiveSmallIntegerField(
        "months between routine reviews", default=12
    )
    dbs_max_age_years = models.PositiveSmallIntegerField(
        "years before a personal assistant's DBS check is renewed", default=3
    )

    class Meta:
        ordering = ["authority", "-effective_from", "-created_at", "-id"]
        get_latest_by = ["effective_from", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dp_first_review_months__gte=1)
                & Q(dp_first_review_months__lte=DP_FIRST_REVIEW_MAX_MONTHS),
                name="council_settings_dp_first_review_in_law",
            ),
            models.CheckConstraint(
                condition=Q(routine_review_months__gte=1)
                & Q(routine_review_months__lte=ROUTINE_REVIEW_MAX_MONTHS),
                name="council_settings_routine_review_in_law",
            ),
            models.CheckConstraint(
                condition=Q(plan_first_review_weeks__gte=1)
                & Q(plan_first_review_weeks__lte=PLAN_FIRST_REVIEW_MAX_WEEKS),
                name="council_settings_plan_first_review_in_guidance",
            ),
            models.CheckConstraint(
                condition=Q(surplus_weeks__gte=1)
                & Q(first_check_weeks__gte=1)
                & Q(record_reminder_days__gte=7)
                & Q(contribution_missing_days__gte=1)
                & Q(repayment_notice_days__gte=14)
                & Q(retention_years__gte=1)
                & Q(contingency_weeks__lte=12)
                & Q(return_months__lte=12),
                name="council_settings_at_least_the_minimums",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority} settings from {self.effective_from}"
