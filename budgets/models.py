"""The personal budget as money: its parts, and a double-entry, append-only ledger.

Every movement of money is a Transaction whose Entries sum to zero. Posted entries are never
updated or deleted (a database trigger refuses it on PostgreSQL); a mistake is corrected by a
reversing transaction that points at what it corrects. Balances are the sum of entries; each
account keeps a cached balance, changed only in the same database transaction as its entries.
"""

import uuid
from functools import partial

from django.db import models
from django.db.models import Q

from people.models import Organisation, Person, TimeStampedModel, User, audited
from people.models import money_field as pounds_field
from support_plans.models import Management

money_field = partial(pounds_field, max_digits=14)  # ledger totals can grow large


class PersonalBudgetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Budgets of people whose full record this user may open (never providers)."""
        return self.filter(person__in=Person.objects.visible_to(user))

    def council_pays(self):
        """Budgets the council pays towards: not those the person's contribution covers in full
        (they arrange and pay for their own care, with no direct payment)."""
        return self.exclude(weekly_la_share=0, weekly_total__gt=0)


class PersonalBudget(TimeStampedModel):
    """The money the council has agreed for a person's eligible needs, from an approved plan."""

    class FundingSource(models.TextChoices):
        SOCIAL_CARE = "social_care", "Adult social care"
        NHS = "nhs", "NHS personal health budget"
        JOINT = "joint", "Joint (social care and NHS)"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="budgets")
    plan = models.ForeignKey(
        "support_plans.SupportPlan", on_delete=models.PROTECT, related_name="budgets"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    weekly_total = money_field()
    weekly_la_share = money_field()
    weekly_contribution = money_field()
    funding_source = models.CharField(
        max_length=20, choices=FundingSource.choices, default=FundingSource.SOCIAL_CARE
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)

    objects = PersonalBudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="active"),
                name="budget_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(
                    weekly_total=models.F("weekly_la_share") + models.F("weekly_contribution")
                ),
                name="budget_shares_add_up",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="budget_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Personal budget for {self.person} from {self.starts_on}"

    @property
    def council_pays_nothing(self) -> bool:
        """The person's contribution is the whole budget: the council pays nothing, there is no
        direct payment, and the person arranges and pays for their own care."""
        return self.weekly_total > 0 and self.weekly_la_share == 0


class BudgetPart(TimeStampedModel):
    """How part of the budget is delivered: a direct payment, a managed account or an ISF."""

    Kind = Management  # the same choices as the plan's support lines

    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="parts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    provider = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    weekly_amount = money_field()
    account_type = models.CharField(max_length=20, blank=True)
    # The newest day of the person's own records on this part (Transaction.RECORD_KINDS), kept
    # by budgets/ledger.py as it posts, like the accounts' cached balances, and proved by
    # ledger_check. Monitoring reads it for "no records for 12 weeks" and the sort by last
    # record, which otherwise read every part's transactions (issue 15).
    last_record_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "kind"],
                condition=Q(provider__isnull=True),
                name="budget_part_unique_without_provider",
            ),
            models.UniqueConstraint(
                fields=["budget", "kind", "provider"], name="budget_part_unique_with_provider"
            ),
            models.CheckConstraint(
                condition=Q(weekly_amount__gte=0), name="budget_part_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: £{self.weekly_amount} a week"

    @property
    def name(self) -> str:
        """ "Direct payment", or "Individual service fund held by Brightside Home Care"."""
        if self.provider_id:
            return f"{self.get_kind_display()} held by {self.provider}"
        return self.get_kind_display()


class Account(models.Model):
    """A ledger account of one budget. Its balance is the sum of its entries."""

    class Kind(models.TextChoices):
        HELD = "held", "Money held for the person (direct payment or managed account)"
        COUNCIL_FUNDING = "council_funding", "Paid in by the council"
        CONTRIBUTIONS = "contributions", "Paid in by the person (their contribution)"
        SPENDING = "spending", "Spent on support"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="accounts")
    part = models.ForeignKey(BudgetPart, on_delete=models.PROTECT, related_name="accounts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    balance = money_field(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["part", "kind"], name="account_one_per_part_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.part})"


class Transaction(models.Model):
    """One movement of money, posted once and never changed."""

    class Kind(models.TextChoices):
        PAYMENT_IN = "payment_in", "Payment from the council"
        CONTRIBUTION = "contribution", "Your contribution"
        SPEND = "spend", "Payment for support"
        REFUND = "refund", "Refund"
        CORRECTION = "correction", "Correction"
        RECOVERY = "recovery", "Money returned to the council"
        CONTRIBUTION_REFUND = "contribution_refund", "Contribution paid back to you"

    # What the person records: the council's own payments in do not count as keeping records.
    RECORD_KINDS = (Kind.SPEND, Kind.REFUND, Kind.CONTRIBUTION, Kind.CORRECTION)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(
        PersonalBudget, on_delete=models.PROTECT, related_name="transactions"
    )
    part = models.ForeignKey(BudgetPart, on_delete=models.PROTECT, related_name="transactions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    occurred_on = models.DateField()
    amount = money_field(help_text="Always positive: the entries carry the direction.")
    payee = models.CharField(max_length=200, blank=True)
    support_line = models.ForeignKey(
        "support_plans.SupportLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    note = models.TextField(blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    refund_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
        help_text="For a refund: the payment it gives money back for.",
    )
    notice = models.ForeignKey(
        "budgets.Notice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
        help_text="For money returned to the council: the written notice it was confirmed under.",
    )
    idempotency_key = models.CharField(max_length=200, unique=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    acting_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]
        indexes = [
            models.Index(fields=["budget", "-occurred_on"], name="transaction_budget_date"),
            models.Index(fields=["part", "-occurred_on"], name="transaction_part_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transaction_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind="correction", reverses__isnull=False)
                | (~Q(kind="correction") & Q(reverses__isnull=True)),
                name="transaction_correction_reverses_something",
            ),
            models.CheckConstraint(
                condition=Q(refund_of__isnull=True) | Q(kind="refund"),
                name="transaction_only_refunds_refund_a_payment",
            ),
            # docs/quality.md #23: nothing is recovered without a written notice on record.
            models.CheckConstraint(
                condition=~Q(kind="recovery") | Q(notice__isnull=False),
                name="transaction_recovery_needs_a_notice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} £{self.amount} on {self.occurred_on}"


class Entry(models.Model):
    """One side of a transaction: an amount into (+) or out of (−) an account."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount = money_field()

    class Meta:
        verbose_name_plural = "entries"
        indexes = [models.Index(fields=["account"], name="entry_account")]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="entry_amount_not_zero")]

    def __str__(self) -> str:
        return f"{self.amount} to {self.account}"


class PaymentRun(models.Model):
    """A council's run of direct payments for one payment cycle. One per cycle: safe to repeat.

    A run for a cycle that has already started is backdated: one finance officer asks for it,
    with a reason, and a second one confirms it before anything is paid. A confirmed run is
    paid by a background task (budgets.tasks.pay_payment_run): all of it, or, if that fails,
    nothing, and the officer sees why and can try again. run_by and run_at say who confirmed it
    and when.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a second finance officer"
        PAYING = "paying", "Being paid"
        FAILED = "failed", "Not paid"
        PAID = "paid", "Paid"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    cycle_start = models.DateField()
    cycle_days = models.PositiveIntegerField(default=28)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PAID)
    requested_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    backdated_reason = models.TextField(blank=True)
    run_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    run_at = models.DateTimeField(null=True, blank=True)
    payments = models.PositiveIntegerField(default=0)
    total = money_field(default=0)
    problem = models.TextField(blank=True, help_text="Why the last try paid nothing, if it failed.")

    class Meta:
        ordering = ["-cycle_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "cycle_start"], name="payment_run_one_per_cycle"
            ),
            models.CheckConstraint(
                condition=Q(status="waiting") | Q(run_by__isnull=False, run_at__isnull=False),
                name="payment_run_paid_says_who_and_when",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(problem=""), name="payment_run_failed_says_why"
            ),
        ]

    def __str__(self) -> str:
        return f"Payment run for {self.authority}, cycle from {self.cycle_start}"

    @property
    def is_paid(self) -> bool:
        return self.status == self.Status.PAID

    @property
    def is_paying(self) -> bool:
        return self.status == self.Status.PAYING


class PaidPeriod(models.Model):
    """The days a council payment into a part covers. No day of a part is ever paid twice: the
    ledger refuses an overlapping period, and on PostgreSQL an exclusion constraint does too."""

    class Source(models.TextChoices):
        RUN = "run", "Payment run"
        MANUAL = "manual", "Recorded by the finance team"
        MIGRATED = "migrated", "Brought over from earlier records"

    part = models.ForeignKey(BudgetPart, on_delete=models.PROTECT, related_name="paid_periods")
    starts_on = models.DateField()
    ends_on = models.DateField()
    weekly_rate = money_field(help_text="The net weekly amount these days were paid at.")
    transaction = models.OneToOneField(
        Transaction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="paid_period",
        help_text="Empty when a reduction took the whole payment for these days.",
    )
    source = models.CharField(max_length=10, choices=Source.choices)

    class Meta:
        ordering = ["part", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="paid_period_dates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.part}: paid {self.starts_on} to {self.ends_on}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class PaymentAdjustment(TimeStampedModel):
    """A change of weekly amount for days already paid (a plan revision, a new contribution):
    the next payment run adds it (a top-up) or takes it off (a reduction), and says why."""

    part = models.ForeignKey(BudgetPart, on_delete=models.PROTECT, related_name="adjustments")
    amount = money_field(help_text="More than £0: a top-up. Less than £0: a reduction.")
    from_date = models.DateField()
    to_date = models.DateField()
    old_weekly = money_field()
    new_weekly = money_field()
    reason = models.CharField(max_length=200)
    applied_in = models.ForeignKey(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_on = models.DateField(
        null=True, blank=True, help_text="The cycle it was paid or taken off in; empty: to come."
    )
    notice = models.ForeignKey(
        "budgets.Notice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustments",
        help_text="A repayment taken off the next payment: the notice it was confirmed under.",
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="adjustment_not_zero"),
            models.CheckConstraint(
                condition=Q(to_date__gte=models.F("from_date")), name="adjustment_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason}: {self.amount} for {self.part}"


class BudgetChange(TimeStampedModel):
    """What changed in a budget's weekly figures, from when and why: the person reads these."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="changes")
    effective_from = models.DateField()
    what = models.TextField(help_text="In plain English, for the person.")
    weekly_total = money_field()
    weekly_contribution = money_field()
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-effective_from", "-created_at"]

    def __str__(self) -> str:
        return f"{self.budget}: {self.what}"


class ReceiptQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Receipts of budgets this user may open (never providers)."""
        return self.filter(transaction__budget__in=PersonalBudget.objects.visible_to(user))


class Receipt(models.Model):
    """A receipt or invoice: kept privately, downloaded only through an access-checked view."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="receipts")
    stored_name = models.CharField(max_length=100, unique=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ReceiptQuerySet.as_manager()

    def __str__(self) -> str:
        return self.original_name


class DisallowedSpending(models.Model):
    """Something a council lists as not allowed from a direct payment, found by keywords.

    Guidance warns against long lists: keep it short, and explain kindly when it matches.
    """

    authority = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=100)
    keywords = models.TextField(help_text="Words that suggest it, one per line.")

    history = audited()  # who added, reworded or removed it (people.council_settings)

    class Meta:
        verbose_name_plural = "disallowed spending"
        constraints = [
            models.UniqueConstraint(fields=["authority", "label"], name="disallowed_unique_label")
        ]

    def __str__(self) -> str:
        return self.label


class RuleFlagQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Questions on payments in budgets this user may open (never providers)."""
        return self.filter(transaction__budget__in=PersonalBudget.objects.visible_to(user))


class RuleFlag(TimeStampedModel):
    """A rule check on a payment, explained kindly: the finance officer reviews it."""

    class Rule(models.TextChoices):
        RELATIVE_IN_HOUSEHOLD = "relative_in_household", "Pays a close relative or partner"
        NOT_ALLOWED = "not_allowed", "Something the council does not allow"
        NOT_IN_PLAN = "not_in_plan", "Not linked to support in the plan"
        POSSIBLE_DUPLICATE = "possible_duplicate", "Logged again on purpose: the same payment twice"
        UNUSUAL_REFUND = "unusual_refund", "A refund not linked to a payment"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the council"
        EXPLAINED = "explained", "You have explained"
        RESOLVED = "resolved", "Resolved"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="flags")
    # The person's council, which reviews the question: set from the transaction when the flag
    # is saved, so the council's queue is read and counted from one index.
    council = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", editable=False
    )
    rule = models.CharField(max_length=30, choices=Rule.choices)
    message = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    explanation = models.TextField(blank=True)
    explained_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = RuleFlagQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["transaction", "rule"], name="rule_flag_once_per_rule")
        ]
        indexes = [
            # A council's questions queue, oldest first: its page is read and counted from here,
            # not by joining every open question to its person (25 ms at 1,400 open questions).
            models.Index(
                fields=["council", "created_at", "id"],
                condition=models.Q(status__in=["open", "explained"]),
                name="rule_flag_waiting_by_council",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()}: {self.transaction}"

    def save(self, *args, **kwargs):
        if self.council_id is None:
            self.council_id = (
                Transaction.objects.filter(pk=self.transaction_id)
                .values_list("budget__person__local_authority_id", flat=True)
                .get()
            )
        super().save(*args, **kwargs)


class ExpectedContribution(TimeStampedModel):
    """A contribution the person is expected to pay into their direct payment account."""

    class Status(models.TextChoices):
        EXPECTED = "expected", "Expected"
        PAID = "paid", "Paid"
        LATE = "late", "Late"
        MISSING = "missing", "Missing"

    budget = models.ForeignKey(
        PersonalBudget, on_delete=models.PROTECT, related_name="expected_contributions"
    )
    due_on = models.DateField()
    amount = money_field()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EXPECTED)
    paid_by = models.OneToOneField(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invoiced = models.BooleanField(
        default=False,
        help_text="No direct payment account to pay into: the council invoices the person.",
    )
    invoice_paid_on = models.DateField(null=True, blank=True)
    invoice_paid_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "due_on"], name="contribution_once_per_date")
        ]

    def __str__(self) -> str:
        return f"£{self.amount} due {self.due_on}"


class StatementMapping(TimeStampedModel):
    """How to read one account's CSV statements: remembered after the first import."""

    part = models.OneToOneField(BudgetPart, on_delete=models.CASCADE, related_name="mapping")
    date_column = models.CharField(max_length=100)
    amount_column = models.CharField(max_length=100, blank=True)
    paid_out_column = models.CharField(max_length=100, blank=True)
    paid_in_column = models.CharField(max_length=100, blank=True)
    description_column = models.CharField(max_length=100)
    date_format = models.CharField(max_length=20, default="%d/%m/%Y")

    def __str__(self) -> str:
        return f"Statement columns for {self.part}"


class StatementImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Statements of budgets this user may open (never providers)."""
        return self.filter(part__budget__in=PersonalBudget.objects.visible_to(user))


class StatementImport(models.Model):
    """One uploaded statement file. The same file twice is refused by its hash."""

    class Status(models.TextChoices):
        CHECKED = "checked", "Checked, waiting for you to confirm"
        IMPORTED = "imported", "Imported"
        REJECTED = "rejected", "Not imported: some rows could not be read"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    part = models.ForeignKey(BudgetPart, on_delete=models.PROTECT, related_name="imports")
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    problems = models.JSONField(default=list, blank=True)

    objects = StatementImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["part", "file_sha256"], name="import_file_once")
        ]

    def __str__(self) -> str:
        return self.file_name


class StatementLine(models.Model):
    """A row of a statement: matched to a logged payment, offered as a new one, or a duplicate."""

    class Status(models.TextChoices):
        MATCHED = "matched", "Matches a payment already logged"
        OFFERED = "offered", "New: confirm to log it"
        CONFIRMED = "confirmed", "Logged from the statement"
        SKIPPED = "skipped", "Left out"

    statement = models.ForeignKey(StatementImport, on_delete=models.PROTECT, related_name="lines")
    row_number = models.PositiveIntegerField()
    occurred_on = models.DateField()
    amount = money_field(help_text="Negative for money paid out.")
    description = models.CharField(max_length=255)
    dedupe_key = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices)
    transaction = models.ForeignKey(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["statement", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "row_number"], name="statement_row_once"),
        ]

    def __str__(self) -> str:
        return f"Row {self.row_number}: {self.description}"


class AuditStatement(TimeStampedModel):
    """A PDF (and CSV) audit statement of a budget's account for a period, made in the
    background and kept privately; downloaded only through an access-checked page."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        MAKING = "making", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="statements")
    period_start = models.DateField()
    period_end = models.DateField()
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    pdf_name = models.CharField(max_length=100, blank=True)
    csv_name = models.CharField(max_length=100, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    problem = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="audit_statement_period",
            )
        ]

    def __str__(self) -> str:
        return f"Audit statement for {self.budget.person}, {self.period_start} to {self.period_end}"


from .employment.models import (  # noqa: E402,F401  (a feature's models)
    CheckExplanation,
    Employer,
    ExpectedWage,
    Payslip,
    PayslipImport,
    Shift,
    Timesheet,
    WageRate,
    Worker,
    WorkerLine,
)

# The finance officer's monitoring list, one row for each active direct payment.
from .monitoring.models import MonitoringRow  # noqa: E402,F401

# Oversight's models (a feature's models): liabilities, written notices and audits.
from .oversight.models import (  # noqa: E402,F401
    Audit,
    AuditExplanation,
    Evidence,
    Liability,
    Notice,
    NoticeResponse,
)
