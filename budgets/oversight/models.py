"""Oversight done fairly: what the person owes or has set aside (liabilities), written notices
(a repayment, a suspension or the end of a direct payment) with the person's replies, and audits
the person does themselves. Imported by budgets/models.py, so the app's models stay one set.

Nothing is taken back without a notice on record: a RECOVERY transaction must name its notice
(a check constraint on budgets_transaction), and a notice can be confirmed only after its
period to reply has ended or once the person agreed (a check constraint here; on PostgreSQL a
trigger also refuses a recovery whose notice is not confirmed).
"""

import uuid

from django.db import models
from django.db.models import F, Q

from people.models import Person, TimeStampedModel, User, audited
from people.models import money_field as pounds_field


def _money(**kwargs):
    return pounds_field(max_digits=14, **kwargs)


class LiabilityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Liabilities of budgets this user may open (never providers)."""
        from budgets.models import PersonalBudget

        return self.filter(budget__in=PersonalBudget.objects.visible_to(user))

    def counted(self):
        """Liabilities the surplus counts: recorded and not paid, taken off or refused."""
        return self.filter(status=Liability.Status.COUNTED)


class Liability(TimeStampedModel):
    """Money already owed from the account, or set aside in it for something in the plan,
    recorded by the person, their representative or a finance officer: the surplus leaves it
    out."""

    class Kind(models.TextChoices):
        UNPAID_WAGES = "unpaid_wages", "Wages not paid yet"
        UNPAID_INVOICE = "unpaid_invoice", "An invoice not paid yet"
        HOLIDAY_PAY = "holiday_pay", "Holiday pay a personal assistant has built up"
        EMPLOYER_TAX = "employer_tax", "Employer's tax and National Insurance due"
        PENSION = "pension", "Workplace pension contributions due"
        CONTINGENCY = "contingency", "An agreed contingency for emergencies"
        RING_FENCED = "ring_fenced", "Saved for something in the plan (respite, a one-off purchase)"

    class Status(models.TextChoices):
        COUNTED = "counted", "Counted"
        PAID = "paid", "Paid: no longer counted"
        REMOVED = "removed", "Taken off"
        NOT_ACCEPTED = "not_accepted", "Not accepted by the council"

    # Owed to someone else: must still be paid before an account closes.
    OWED = {
        Kind.UNPAID_WAGES,
        Kind.UNPAID_INVOICE,
        Kind.HOLIDAY_PAY,
        Kind.EMPLOYER_TAX,
        Kind.PENSION,
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="liabilities"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=200)
    amount = _money()
    due_on = models.DateField(null=True, blank=True)
    support_line = models.ForeignKey(
        "support_plans.SupportLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.COUNTED)
    entered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    acting_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission_key = models.CharField(max_length=64, unique=True)
    council_note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = LiabilityQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name_plural = "liabilities"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="liability_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="not_accepted") | ~Q(council_note=""),
                name="liability_not_accepted_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"

    @property
    def is_owed(self) -> bool:
        return self.kind in self.OWED


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Notices about budgets this user may open (never providers)."""
        from budgets.models import PersonalBudget

        return self.filter(budget__in=PersonalBudget.objects.visible_to(user))

    def waiting(self):
        """Notices still waiting: for the person's reply, or for the council to decide."""
        return self.filter(status__in=[Notice.Status.OPEN, Notice.Status.READY])

    def stopping_payments(self, day):
        """Suspensions and endings in force on the day: the payment run pays these parts
        nothing."""
        return self.filter(
            kind__in=[Notice.Kind.SUSPENSION, Notice.Kind.ENDING],
            status__in=[Notice.Status.CONFIRMED, Notice.Status.CLOSED],
            takes_effect_on__lte=day,
        ).exclude(lifted_on__lte=day)


class Notice(TimeStampedModel):
    """A written notice to the person and their representative: a repayment the council
    proposes, or a suspension or the end of the direct payment, with the reason, the days to
    reply, and what the council finally decided."""

    class Kind(models.TextChoices):
        REPAYMENT = "repayment", "Repayment of money from the direct payment"
        SUSPENSION = "suspension", "Suspension of the direct payment"
        ENDING = "ending", "Ending the direct payment"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a reply"
        READY = "ready", "Ready for the council to decide"
        CONFIRMED = "confirmed", "Confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CLOSED = "closed", "Account closed"

    class Method(models.TextChoices):
        TAKE = "take", "Taken from the direct payment account"
        REDUCE = "reduce", "Taken off the next payment into the account"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="notices"
    )
    part = models.ForeignKey("budgets.BudgetPart", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField()
    working = models.TextField(blank=True, help_text="How the amount was worked out.")
    amount = _money(null=True, blank=True)
    method = models.CharField(max_length=6, choices=Method.choices, blank=True)
    takes_effect_on = models.DateField()
    notice_days = models.PositiveSmallIntegerField()
    given_on = models.DateField()
    respond_by = models.DateField()
    given_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submission_key = models.CharField(max_length=64, unique=True)
    audit = models.ForeignKey(
        "budgets.Audit", null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    period_ended_on = models.DateField(null=True, blank=True)
    decided_amount = _money(null=True, blank=True)
    decided_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    lifted_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-given_on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="notice_says_why"),
            models.CheckConstraint(
                condition=Q(notice_days__gte=14), name="notice_at_least_14_days"
            ),
            models.CheckConstraint(
                condition=Q(respond_by__gt=F("given_on")), name="notice_time_to_reply"
            ),
            models.CheckConstraint(
                condition=Q(takes_effect_on__gt=F("respond_by")),
                name="notice_nothing_happens_before_the_reply_is_due",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="repayment", amount__gt=0, method__in=["take", "reduce"])
                    & ~Q(working="")
                )
                | (~Q(kind="repayment") & Q(amount__isnull=True, method="")),
                name="notice_repayment_says_how_much_how_and_why",
            ),
            # Decided only after the time to reply has ended, or once the person agreed.
            models.CheckConstraint(
                condition=~Q(status__in=["confirmed", "closed"])
                | (
                    Q(decided_on__isnull=False, decided_by__isnull=False)
                    & (Q(agreed_at__isnull=False) | Q(decided_on__gt=F("respond_by")))
                ),
                name="notice_confirmed_only_after_the_period_or_agreement",
            ),
            models.CheckConstraint(
                condition=~Q(kind="repayment", status="confirmed")
                | Q(decided_amount__gt=0, decided_amount__lte=F("amount")),
                name="notice_repayment_confirmed_at_most_the_notice_amount",
            ),
            models.UniqueConstraint(
                fields=["budget", "kind"],
                condition=Q(status__in=["open", "ready"]),
                name="notice_one_waiting_of_each_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.budget.person}, given {self.given_on}"

    @property
    def is_repayment(self) -> bool:
        return self.kind == self.Kind.REPAYMENT

    @property
    def is_waiting(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.READY)


class NoticeResponseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Replies to notices about budgets this user may open."""
        return self.filter(notice__in=Notice.objects.visible_to(user))


class NoticeResponse(models.Model):
    """The person's (or their representative's) reply to a notice: they agree, explain, or
    disagree, with evidence; the latest reply is the one that stands."""

    class Kind(models.TextChoices):
        AGREE = "agree", "Agrees"
        EXPLAIN = "explain", "Explains"
        DISPUTE = "dispute", "Disagrees"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(blank=True)
    accepted_amount = _money(null=True, blank=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    acting_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoticeResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="agree") | ~Q(text=""), name="notice_response_says_why"
            ),
            models.CheckConstraint(
                condition=Q(accepted_amount__isnull=True) | Q(accepted_amount__gte=0),
                name="notice_response_accepted_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.notice}"


class EvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Evidence files of budgets this user may open (never providers)."""
        from budgets.models import PersonalBudget

        return self.filter(budget__in=PersonalBudget.objects.visible_to(user))


class Evidence(models.Model):
    """A file that backs a liability or a reply to a notice: checked by its content and kept
    privately like a receipt (budgets.spending.receipts), downloaded through an access check."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="evidence"
    )
    liability = models.ForeignKey(
        Liability, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    response = models.ForeignKey(
        NoticeResponse, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    stored_name = models.CharField(max_length=100, unique=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(liability__isnull=False, response__isnull=True)
                | Q(liability__isnull=True, response__isnull=False),
                name="evidence_backs_one_thing",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class AuditQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Audits of budgets this user may open (never providers)."""
        from budgets.models import PersonalBudget

        return self.filter(budget__in=PersonalBudget.objects.visible_to(user))


class Audit(TimeStampedModel):
    """A check of the direct payment account for a period, done by the person online: each
    transaction's evidence is there or they add it; then a finance officer writes the summary.
    A bank-account holder's regular return (quarterly unless the council says otherwise) is the
    same self-audit."""

    class Kind(models.TextChoices):
        INITIAL = "initial", "First check"
        ROUTINE = "routine", "Routine check"
        CONCERN = "concern", "Check because of a concern"
        RETURN = "return", "Regular return"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for the person"
        SUBMITTED = "submitted", "Sent to the council"
        COMPLETED = "completed", "Completed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="audits"
    )
    part = models.ForeignKey("budgets.BudgetPart", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    period_start = models.DateField()
    period_end = models.DateField()
    reason = models.TextField(blank=True)
    due_by = models.DateField()
    requested_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    person_note = models.TextField(blank=True)
    opening = _money(null=True, blank=True)
    money_in = _money(null=True, blank=True)
    money_out = _money(null=True, blank=True)
    closing = _money(null=True, blank=True)
    retained = _money(null=True, blank=True)
    surplus = _money(null=True, blank=True)
    requested_back = _money(null=True, blank=True)
    notes = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    completed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    statement = models.ForeignKey(
        "budgets.AuditStatement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = AuditQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="audit_period"
            ),
            models.CheckConstraint(
                condition=~Q(kind="concern") | ~Q(reason=""), name="audit_concern_says_why"
            ),
            models.UniqueConstraint(
                fields=["budget", "kind", "period_start", "period_end"],
                name="audit_once_per_period",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed")
                | Q(
                    completed_by__isnull=False,
                    opening__isnull=False,
                    money_in__isnull=False,
                    money_out__isnull=False,
                    closing=F("opening") + F("money_in") - F("money_out"),
                    retained__gte=0,
                    surplus__gte=0,
                    requested_back__gte=0,
                ),
                name="audit_summary_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.budget.person}: {self.period_start}"


class AuditExplanation(models.Model):
    """What the person says about a transaction with no receipt (a bus fare, cash to a PA
    with a timesheet kept at home)."""

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="explanations")
    transaction = models.ForeignKey(
        "budgets.Transaction", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["audit", "transaction"], name="audit_explanation_once"),
            models.CheckConstraint(condition=~Q(text=""), name="audit_explanation_says_something"),
        ]

    def __str__(self) -> str:
        return self.text[:50]
