"""The person-centred support plan, its revisions, costed support lines and council approval.

Amounts are Decimal pounds (GBP). Weekly figures are the figures of record; annual = weekly × 52.
A support line that runs fewer than 52 weeks a year has, as its weekly figure, its yearly cost
averaged over 52 weeks (support_plans.costing).
"""

import uuid

from django.db import models
from django.db.models import Q

from people.models import Organisation, Person, TimeStampedModel, User, audited, money_field


class SupportPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans of people whose full record this user may open (not providers)."""
        return self.filter(person__in=Person.objects.visible_to(user))

    def current(self):
        """The latest revision of each plan chain that has not been replaced."""
        return self.exclude(status=SupportPlan.Status.SUPERSEDED)

    def with_decisions(self):
        """With each plan's approval decisions and budget challenges, and who made them."""
        return self.prefetch_related(
            models.Prefetch(
                "decisions", queryset=ApprovalDecision.objects.select_related("decided_by")
            ),
            models.Prefetch(
                "challenges",
                queryset=BudgetChallenge.objects.select_related("raised_by", "answered_by"),
            ),
        )

    def shared_with_provider(self, user):
        """Approved, current plans of people who consented to this provider user's organisation."""
        return self.filter(
            status=SupportPlan.Status.APPROVED,
            person__in=Person.objects.consented_to_provider_of(user),
        )


class SupportPlan(TimeStampedModel):
    """One revision of a person's support plan. Approved revisions never change."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for the social worker to check"
        CHECKED = "checked", "Waiting for approval"
        CHANGES_REQUESTED = "changes_requested", "Changes asked for"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        SUPERSEDED = "superseded", "Replaced by a newer revision"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="support_plans")
    assessment = models.ForeignKey(
        "assessments.NeedsAssessment", on_delete=models.PROTECT, related_name="support_plans"
    )
    revision = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_revision"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    change_reason = models.TextField("why this revision was made", blank=True)

    important_to = models.TextField("what is important to me", blank=True)
    important_for = models.TextField("what is important for me", blank=True)
    like_and_admire = models.TextField("what people like and admire about me", blank=True)
    matters_to_me = models.TextField("what matters to me", blank=True)
    how_to_support = models.TextField("how best to support me", blank=True)
    good_days = models.TextField("my good days", blank=True)
    bad_days = models.TextField("my bad days", blank=True)
    routines = models.TextField("my routines", blank=True)
    contingency_plan = models.TextField("what happens if my support breaks down", blank=True)
    risks = models.TextField("risks we have agreed", blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Fixed at approval: the final personal budget.
    weekly_total = money_field(null=True, blank=True)
    weekly_contribution = money_field(null=True, blank=True)
    weekly_la_share = money_field(null=True, blank=True)
    weekly_direct_payment = money_field(null=True, blank=True)
    direct_payment_frequency = models.CharField(max_length=50, blank=True)

    objects = SupportPlanQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "assessment", "revision"], name="support_plan_unique_revision"
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["draft", "submitted", "checked", "changes_requested"]),
                name="support_plan_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(weekly_total__isnull=False),
                name="support_plan_approved_has_budget",
            ),
        ]

    def __str__(self) -> str:
        return f"Support plan for {self.person}, revision {self.revision}"

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.CHANGES_REQUESTED}

    @property
    def council_pays_nothing(self) -> bool:
        """The approved budget is all the person's contribution: the council pays nothing, so
        there is no direct payment and the person arranges and pays for their own care."""
        return bool(self.weekly_total) and self.weekly_la_share == 0


class RelationshipType(models.TextChoices):
    """How someone in the relationship circle is related; close relatives matter for DPs."""

    SPOUSE = "spouse", "Husband, wife or civil partner"
    PARTNER = "partner", "Partner (living together as a couple)"
    PARTNER_APART = "partner_apart", "Partner (not living together)"
    PARENT = "parent", "Parent or parent-in-law"
    CHILD = "child", "Son or daughter (including in-law or step)"
    SIBLING = "sibling", "Brother or sister"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    GRANDPARENT = "grandparent", "Grandparent"
    RELATIVE_PARTNER = "relative_partner", "Spouse or partner of one of these relatives"
    OTHER_RELATIVE = "other_relative", "Other relative"
    FRIEND = "friend", "Friend or neighbour"
    PROFESSIONAL = "professional", "Someone paid or professional"


# Direct Payments Regulations 2014: who may not be paid unless the council decides it is necessary.
# A spouse or civil partner wherever they live, and a partner living as one; a partner who does
# not live with the person is not restricted (PARTNER_APART is in neither set).
ALWAYS_RESTRICTED = {RelationshipType.SPOUSE, RelationshipType.PARTNER}
RESTRICTED_IF_SAME_HOUSEHOLD = {
    RelationshipType.PARENT,
    RelationshipType.CHILD,
    RelationshipType.SIBLING,
    RelationshipType.AUNT_UNCLE,
    RelationshipType.GRANDPARENT,
    RelationshipType.RELATIVE_PARTNER,
}


class Relationship(TimeStampedModel):
    """Someone in the person's relationship circle."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="relationships")
    name = models.CharField(max_length=150)
    relationship_type = models.CharField(max_length=20, choices=RelationshipType.choices)
    how_they_know_me = models.CharField(max_length=200, blank=True)
    role = models.CharField("their role in my life", max_length=200, blank=True)
    lives_with_me = models.BooleanField(default=False)

    history = audited()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def needs_necessary_decision(self) -> bool:
        """Paying them from a direct payment needs the council to decide it is necessary."""
        return self.relationship_type in ALWAYS_RESTRICTED or (
            self.lives_with_me and self.relationship_type in RESTRICTED_IF_SAME_HOUSEHOLD
        )


class ChartRow(TimeStampedModel):
    """A row of the communication chart, decision-making chart or doughnut of roles."""

    class Chart(models.TextChoices):
        COMMUNICATION = "communication", "Communication chart"
        DECISIONS = "decisions", "Decision-making chart"
        DOUGHNUT = "doughnut", "Doughnut of roles"

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="chart_rows")
    chart = models.CharField(max_length=20, choices=Chart.choices)
    # communication: when this happens / I do this / it means / you should
    # decisions: decision / how I must be involved / who makes the final decision
    # doughnut: responsibility / core, judgement or not ours
    first = models.TextField()
    second = models.TextField(blank=True)
    third = models.TextField(blank=True)
    fourth = models.TextField(blank=True)

    history = audited()

    class Meta:
        ordering = ["chart", "created_at"]

    def __str__(self) -> str:
        return f"{self.get_chart_display()}: {self.first[:40]}"


class PlanOutcome(TimeStampedModel):
    """An outcome in the person's own words, linked to the eligible needs it meets."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    in_my_words = models.TextField()
    eligible_needs = models.JSONField(default=list)

    history = audited()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.in_my_words[:60]


class SupportLineQuerySet(models.QuerySet):
    def direct_payment(self):
        """Lines paid for from the direct payment."""
        return self.filter(management=Management.DIRECT_PAYMENT)

    def delivered_by_provider_of(self, user):
        """Lines delivered by the provider organisations this user works for."""
        from people import access

        return self.filter(provider_id__in=access.provider_ids(user))


class Management(models.TextChoices):
    """How the money for a piece of support is managed; a budget's parts use the same choices."""

    DIRECT_PAYMENT = "direct_payment", "Direct payment"
    COUNCIL_MANAGED = "council_managed", "Managed by the council"
    ISF = "isf", "Individual service fund"


class SupportLine(TimeStampedModel):
    """A costed piece of support: what, who, how often, what it costs, how the money is managed."""

    class ProviderKind(models.TextChoices):
        PERSONAL_ASSISTANT = "personal_assistant", "A personal assistant I employ"
        PROVIDER = "provider", "A care provider"
        COMMUNITY = "community", "A community service or activity"
        EQUIPMENT = "equipment", "Equipment"

    class Unit(models.TextChoices):
        HOUR = "hour", "An hour"
        DAY = "day", "A day"
        WEEK = "week", "A week"
        ONE_OFF = "one_off", "One-off (a single payment)"

    Management = Management

    class Holder(models.TextChoices):
        PERSON = "person", "Me"
        REPRESENTATIVE = "representative", "My nominated or authorised person"

    class AccountType(models.TextChoices):
        BANK = "bank", "A dedicated bank account"
        PREPAID_CARD = "prepaid_card", "A prepaid card"
        MANAGED_ACCOUNT = "managed_account", "A managed direct payment account"

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="support_lines")
    # The same support in the revision before (copied when the plan was revised): spending
    # logged against that line still counts for this one.
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    description = models.CharField(max_length=200)
    provider_kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    provider = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_lines",
        limit_choices_to={"kind": Organisation.Kind.PROVIDER},
    )
    payee = models.ForeignKey(
        Relationship,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="paid_lines",
        help_text="Someone in the relationship circle who is paid for this support.",
    )
    quantity_per_week = models.DecimalField(
        max_digits=8, decimal_places=2, help_text="For one-off costs: 1"
    )
    unit = models.CharField(max_length=10, choices=Unit.choices)
    unit_cost = money_field()
    # Home care for 50 weeks while respite covers the other 2, or respite for 2 weeks a year.
    weeks_a_year = models.PositiveSmallIntegerField(
        "weeks a year", default=52, help_text="How many weeks a year the support runs: 1 to 52"
    )
    outcomes = models.ManyToManyField(PlanOutcome, related_name="support_lines", blank=True)
    management = models.CharField(max_length=20, choices=Management.choices)
    dp_holder = models.CharField(max_length=20, choices=Holder.choices, blank=True)
    account_type = models.CharField(max_length=20, choices=AccountType.choices, blank=True)

    class NecessaryGround(models.TextChoices):
        """The two grounds in the Direct Payments Regulations 2014 (reg 3)."""

        CARE = "care", "To meet their care and support needs"
        MANAGEMENT = "management", "To manage and run the direct payment for them"

    necessary_decision = models.TextField(
        "the council's decision that paying this person is necessary", blank=True
    )
    necessary_ground = models.CharField(
        "why it is necessary", max_length=20, choices=NecessaryGround.choices, blank=True
    )
    necessary_decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    necessary_decided_at = models.DateTimeField(null=True, blank=True)

    objects = SupportLineQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity_per_week__gte=0) & Q(unit_cost__gte=0),
                name="support_line_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(weeks_a_year__gte=1) & Q(weeks_a_year__lte=52),
                name="support_line_weeks_a_year_1_to_52",
            ),
            models.CheckConstraint(
                condition=~Q(management="direct_payment")
                | (~Q(dp_holder="") & ~Q(account_type="")),
                name="support_line_dp_has_holder_and_account",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class ApprovalDecision(TimeStampedModel):
    """A decision on a submitted plan, with its reason. Never changed once made."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes asked for"
        DECLINED = "declined", "Declined"

    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    weekly_total = money_field()
    # Approved before any financial assessment was completed: the person pays nothing towards
    # the cost until one is, and the approver was told so.
    without_financial_assessment = models.BooleanField(default=False)

    history = audited()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="approved") | ~Q(reason=""),
                name="approval_decision_reason_unless_approved",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} by {self.decided_by}"


class BudgetChallengeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Challenges on plans this user may open."""
        return self.filter(plan__in=SupportPlan.objects.visible_to(user))


class BudgetChallenge(TimeStampedModel):
    """The person challenges the budget figure; the challenge goes to an approver."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a reply"
        ANSWERED = "answered", "Answered"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="challenges")
    raised_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    what_is_wrong = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = BudgetChallengeQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Challenge to {self.plan}"


class PlanReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals of plans this user may open."""
        return self.filter(plan__in=SupportPlan.objects.visible_to(user))

    def for_current_check(self):
        """Referrals made since the plan was last checked, while it still waits for approval."""
        return self.filter(
            plan__status=SupportPlan.Status.CHECKED, plan_checked_at=models.F("plan__checked_at")
        )


class PlanReferral(TimeStampedModel):
    """An approver sends a plan they cannot approve at their level to an approver who can, with
    the reason. Who referred it, to whom, why and when; never changed once made."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="referrals")
    referred_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    referred_to = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    # The check this referral belongs to: a plan sent back and checked again is referred afresh.
    plan_checked_at = models.DateTimeField()

    objects = PlanReferralQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "referred_to", "plan_checked_at"],
                name="plan_referral_once_per_check",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="plan_referral_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} referred to {self.referred_to}"
