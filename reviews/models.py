"""Reviews: asking for a review, planning a review meeting with the person, what everyone says
before it, the meeting's record, its actions and what it decides, and the review that was held
(the schedule itself is worked out in schedule.py from these dates; ReviewDates keeps its
answer so the review list can sort and page in the database).

Amounts are Decimal pounds (GBP): the budget as the meeting saw it is copied into the record.
"""

import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from people.models import (
    ActingForHistory,
    Organisation,
    Person,
    Representative,
    TimeStampedModel,
    User,
    audited,
    money_field,
)

KINDS = [
    "person_asked",
    "dp_condition",
    "capacity_changed",
    "authorised_person",
    "spending",
    "provider_change",
    "other",
]


class ReviewRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Requests about people whose full record this user may open (never providers)."""
        return self.filter(person__in=Person.objects.visible_to(user))

    def open(self):
        """Requests not yet dealt with by a review."""
        return self.filter(status=ReviewRequest.Status.OPEN)


class ReviewRequest(TimeStampedModel):
    """Someone asked for a review before its date: the person, their representative or staff."""

    class Kind(models.TextChoices):
        PERSON_ASKED = "person_asked", "The person or their representative asked for a review"
        DP_CONDITION = "dp_condition", "A direct payment condition may not be being met"
        CAPACITY_CHANGED = "capacity_changed", "The person's capacity to decide has changed"
        AUTHORISED_PERSON = "authorised_person", "There is a concern about an authorised person"
        SPENDING = "spending", "Spending shows the person's needs have changed"
        PROVIDER_CHANGE = "provider_change", "A provider reported a change"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_requests")
    asked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(
        Representative, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.TextField("why a review is wanted")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    objects = ReviewRequestQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="review_request_has_reason"),
            models.CheckConstraint(
                condition=Q(status__in=["open", "closed"]), name="review_request_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=KINDS),
                name="review_request_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Review asked for {self.person}: {self.get_kind_display()}"


class ReviewMeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings of people whose full record this user may open (never providers)."""
        return self.filter(person__in=Person.objects.visible_to(user))

    def shared_with_provider(self, user):
        """Held reviews of people who consented to this provider user's organisation: the
        provider sees only the agreed outcomes, their own actions and the parts the person chose
        to share."""
        return self.filter(
            status__in=["recorded", "completed"],
            person__in=Person.objects.consented_to_provider_of(user),
        )

    def open(self):
        """Meetings being planned, or held with nothing decided yet."""
        return self.filter(status__in=OPEN_MEETING)


OPEN_MEETING = ["planned", "recorded"]


class ReviewMeeting(TimeStampedModel):
    """A review meeting, planned with the person: when and where, who supports them, what they
    need to take part and what they want to talk about; then its record and decision."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Being planned"
        RECORDED = "recorded", "Held: what it decides is still to be recorded"
        COMPLETED = "completed", "Completed"

    class Place(models.TextChoices):
        HOME = "home", "At home"
        ONLINE = "online", "Online, by video call"
        PHONE = "phone", "By phone"
        OTHER = "other", "Somewhere else"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_meetings")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    meets_on = models.DateField("the date of the meeting")
    meets_at = models.TimeField("the time of the meeting")
    place = models.CharField(max_length=10, choices=Place.choices)
    place_details = models.CharField("where, or how to join", max_length=300, blank=True)
    facilitator = models.CharField("who will support the person at the meeting", max_length=150)
    scheduled_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    topics = models.TextField("what the person wants to talk about", blank=True)
    communication = models.TextField("what the person needs to take part", blank=True)
    wants_advocate = models.BooleanField("the person wants an advocate", default=False)
    easy_read = models.BooleanField("papers in easy read", default=False)
    # What a provider with consent may see beyond the agreed outcomes and their own actions.
    share_working = models.BooleanField("share what is working and not working", default=False)
    share_profile = models.BooleanField("share the one-page profile", default=False)
    share_decision = models.BooleanField("share what the review decided", default=False)

    objects = ReviewMeetingQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-meets_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=OPEN_MEETING),
                name="review_meeting_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "recorded", "completed"]),
                name="review_meeting_status_known",
            ),
            models.CheckConstraint(
                condition=Q(place__in=["home", "online", "phone", "other"]),
                name="review_meeting_place_known",
            ),
            models.CheckConstraint(
                condition=~Q(facilitator=""), name="review_meeting_has_facilitator"
            ),
        ]

    def __str__(self) -> str:
        return f"Review meeting for {self.person} on {self.meets_on}"

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED


class ReviewInviteeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Invitees to meetings of people whose full record this user may open."""
        return self.filter(meeting__person__in=Person.objects.visible_to(user))

    def shared_with_provider(self, user):
        """This provider user's organisation, invited to a meeting still being planned by
        someone who consented to it: they answer the review questions signed in."""
        from people import access

        return self.filter(
            provider_id__in=access.provider_ids(user),
            meeting__status="planned",
            meeting__person__in=Person.objects.consented_to_provider_of(user),
        )


class ReviewInvitee(TimeStampedModel):
    """Someone the person invited, and how to reach them. Their key, signed, is the private link
    they answer the review questions through: no account needed, until the meeting."""

    class Relationship(models.TextChoices):
        FAMILY = "family", "Family"
        FRIEND = "friend", "A friend or neighbour"
        PA = "pa", "A personal assistant"
        PROVIDER = "provider", "A care provider"
        ADVOCATE = "advocate", "An advocate"
        HEALTH = "health", "Health staff, for example a GP or a nurse"
        OTHER = "other", "Someone else"

    class Contact(models.TextChoices):
        EMAIL = "email", "By email"
        TEXT = "text", "By text message"
        LETTER = "letter", "By post"
        SELF = "self", "I will tell them myself"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="invitees")
    name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=10, choices=Relationship.choices)
    who_they_are = models.CharField("who they are to the person", max_length=150, blank=True)
    provider = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact = models.CharField(max_length=10, choices=Contact.choices)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    postal_address = models.TextField(blank=True)
    answer_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attended = models.BooleanField(null=True)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = ReviewInviteeQuerySet.as_manager()
    # The key is left out of the history: the person's record never shows it.
    history = HistoricalRecords(
        bases=[ActingForHistory], excluded_fields=["updated_at", "answer_key"]
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "name"], name="review_invitee_once_per_meeting"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="review_invitee_has_name"),
            models.CheckConstraint(
                condition=(Q(contact="email") & ~Q(email=""))
                | (Q(contact="text") & ~Q(phone=""))
                | (Q(contact="letter") & ~Q(postal_address=""))
                | Q(contact="self"),
                name="review_invitee_reachable",
            ),
            models.CheckConstraint(
                condition=Q(relationship="provider") | Q(provider__isnull=True),
                name="review_invitee_provider_only_for_providers",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def described(self) -> str:
        """'Grace Okafor, my sister' or 'Jo Bloggs (a personal assistant)'."""
        if self.who_they_are:
            return f"{self.name}, {self.who_they_are}"
        return f"{self.name} ({self.get_relationship_display().lower()})"


class ReviewAnswer(TimeStampedModel):
    """One person's answers to the review questions before the meeting: the person's own view
    (no invitee) or an invitee's. Each perspective is kept, side by side, never merged."""

    class Source(models.TextChoices):
        LINK = "link", "Online, through their private link"
        SIGNED_IN = "signed_in", "Online, signed in"
        PAPER = "paper", "On paper, typed in by council staff"

    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="answers")
    invitee = models.ForeignKey(
        ReviewInvitee, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    important_now = models.TextField("what is important now", blank=True)
    important_future = models.TextField("what will be important in future", blank=True)
    healthy_safe = models.TextField("what is needed to stay healthy, safe and well", blank=True)
    working = models.TextField("what is working", blank=True)
    not_working = models.TextField("what is not working", blank=True)
    questions = models.TextField("questions to be answered", blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    entered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = audited()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "invitee"], name="review_answer_once_per_invitee"
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(invitee__isnull=True),
                name="review_answer_once_for_the_person",
            ),
            models.CheckConstraint(
                condition=Q(source__in=["link", "signed_in", "paper"]),
                name="review_answer_source_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Answers for {self.meeting}"


DP_CHANGES = ["representative", "managed", "payment", "stop", "other"]


class ReviewRecord(TimeStampedModel):
    """What happened at the meeting, the budget as it saw it, the person-centred description it
    renewed, and what it decided, with the reasons the person can read and challenge."""

    class Relationships(models.TextChoices):
        YES = "yes", "Yes, they are working well"
        PARTLY = "partly", "Some are, some are not"
        NO = "no", "No, they are not working"

    class DirectPaymentChange(models.TextChoices):
        REPRESENTATIVE = "representative", "A different nominated or authorised person"
        MANAGED = "managed", "A move to a managed account or an individual service fund"
        PAYMENT = "payment", "A change to how it is paid, or to the account it is paid into"
        STOP = "stop", "Stop the direct payment"
        OTHER = "other", "Something else"

    meeting = models.OneToOneField(ReviewMeeting, on_delete=models.CASCADE, related_name="record")
    person_attended = models.BooleanField("the person took part")
    others_present = models.TextField("who else took part", blank=True)
    working = models.TextField("what is working", blank=True)
    not_working = models.TextField("what is not working", blank=True)
    relationships = models.CharField(
        "whether care relationships are working", max_length=10, choices=Relationships.choices
    )
    relationships_notes = models.TextField("about the care relationships", blank=True)
    budget_notes = models.TextField("what was said about the budget", blank=True)
    # The person-centred description, renewed at the meeting (from the plan's one-page profile
    # and good days and bad days, or the last review's). A revision the review starts begins
    # with it.
    like_and_admire = models.TextField("what people like and admire about me", blank=True)
    matters_to_me = models.TextField("what matters to me", blank=True)
    how_to_support = models.TextField("how best to support me", blank=True)
    good_days = models.TextField("my good days", blank=True)
    bad_days = models.TextField("my bad days", blank=True)
    # The plan's other person-centred tools, carried forward and edited at the meeting: rows
    # keyed as support_plans.tools gives them (the circle by name, the charts by column).
    circle = models.JSONField("my relationship circle", default=list, blank=True)
    communication_chart = models.JSONField("my communication chart", default=list, blank=True)
    decision_chart = models.JSONField("my decision-making chart", default=list, blank=True)
    # Planning further ahead (MAPS or PATH), when the person wants to.
    dream = models.TextField("my dream", blank=True)
    goal = models.TextField("my goal", blank=True)
    first_steps = models.TextField("first steps", blank=True)
    who_will_help = models.TextField("who will help", blank=True)
    # The budget as the meeting saw it, read from the budgets app when the record was saved.
    budget_from = models.DateField(null=True, blank=True)
    budget_to = models.DateField(null=True, blank=True)
    money_in = money_field(null=True, blank=True)
    money_out = money_field(null=True, blank=True)
    money_held = money_field(null=True, blank=True)
    # Of the money held, what the direct payment held (the weeks held and a surplus are its own).
    dp_held = money_field(null=True, blank=True)
    weeks_held = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True)
    surplus_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    possible_surplus = models.BooleanField(default=False)
    contributions_expected = money_field(null=True, blank=True)
    contributions_paid = money_field(null=True, blank=True)
    weekly_total = money_field(null=True, blank=True)
    weekly_contribution = money_field(null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # What the review decided.
    no_change = models.BooleanField(default=False)
    revise_plan = models.BooleanField(default=False)
    reassess = models.BooleanField(default=False)
    budget_change = models.BooleanField(default=False)
    dp_change = models.BooleanField(default=False)
    dp_change_kind = models.CharField(
        "what will change about the direct payment",
        max_length=20,
        choices=DirectPaymentChange.choices,
        blank=True,
    )
    dp_change_reason = models.TextField("why the direct payment arrangements change", blank=True)
    decision_reasons = models.TextField("why, in words the person can read", blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    revision = models.ForeignKey(
        "support_plans.SupportPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reassessment = models.ForeignKey(
        "assessments.NeedsAssessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(relationships__in=["yes", "partly", "no"]),
                name="review_record_relationships_known",
            ),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True) | ~Q(decision_reasons=""),
                name="review_record_decision_has_reasons",
            ),
            models.CheckConstraint(
                condition=~Q(no_change=True)
                | Q(revise_plan=False, reassess=False, budget_change=False, dp_change=False),
                name="review_record_no_change_alone",
            ),
            models.CheckConstraint(
                condition=Q(dp_change=False) | (~Q(dp_change_kind="") & ~Q(dp_change_reason="")),
                name="review_record_dp_change_says_what_and_why",
            ),
            models.CheckConstraint(
                condition=Q(dp_change_kind__in=["", *DP_CHANGES]),
                name="review_record_dp_change_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Record of {self.meeting}"

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None

    @property
    def has_budget(self) -> bool:
        return self.budget_from is not None

    @property
    def held_elsewhere(self):
        """Money held in a managed account or ISF (not the direct payment), or None."""
        if self.dp_held is None or self.money_held is None:
            return None
        return self.money_held - self.dp_held


class OutcomeProgress(TimeStampedModel):
    """How far the person has got with one outcome of their plan, as the meeting saw it."""

    class Progress(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        GETTING_THERE = "getting_there", "Getting there"
        NOT_YET = "not_yet", "Not yet"
        CHANGED = "changed", "No longer what I want"

    record = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="progress")
    outcome = models.ForeignKey(
        "support_plans.PlanOutcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    in_my_words = models.TextField("the outcome")
    progress = models.CharField(max_length=20, choices=Progress.choices)
    notes = models.TextField(blank=True)

    history = audited()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__in=["achieved", "getting_there", "not_yet", "changed"]),
                name="outcome_progress_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.in_my_words[:40]}: {self.get_progress_display()}"


class BudgetReviewLine(models.Model):
    """Planned against spent for one support line or outcome, as the meeting saw it."""

    class Kind(models.TextChoices):
        SUPPORT = "support", "Support line"
        OUTCOME = "outcome", "Outcome"

    record = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="budget_lines")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField()
    label = models.TextField()
    planned = money_field()
    spent = money_field()

    class Meta:
        ordering = ["kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "kind", "position"], name="budget_review_line_once"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def difference(self):
        return self.planned - self.spent


class ReviewActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Actions from reviews of people whose full record this user may open."""
        return self.filter(meeting__person__in=Person.objects.visible_to(user))

    def open(self):
        return self.filter(status=ReviewAction.Status.OPEN)


class ReviewAction(TimeStampedModel):
    """Something the review agreed someone will do, by a date: a named person (the person,
    someone invited, a member of council staff) or a team at the council."""

    class Owner(models.TextChoices):
        PERSON = "person", "The person or their representative"
        STAFF = "staff", "A named member of council staff"
        TEAM = "team", "A team at the council"
        INVITEE = "invitee", "Someone invited to the review"

    class Team(models.TextChoices):
        SOCIAL_WORK = "social_work", "The social work team"
        FINANCE = "finance", "The finance team"

    class Status(models.TextChoices):
        OPEN = "open", "To do"
        DONE = "done", "Done"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField("what will be done")
    owner = models.CharField(max_length=10, choices=Owner.choices)
    owner_user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_team = models.CharField(max_length=20, choices=Team.choices, blank=True)
    owner_invitee = models.ForeignKey(
        ReviewInvitee, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    due_on = models.DateField("by when")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    what_happened = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submission_key = models.UUIDField(unique=True)

    objects = ReviewActionQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["due_on", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(what=""), name="review_action_has_what"),
            models.CheckConstraint(
                condition=Q(owner="person", owner_user__isnull=True, owner_invitee__isnull=True)
                | Q(owner="staff", owner_user__isnull=False)
                | (Q(owner="team") & ~Q(owner_team=""))
                | Q(owner="invitee", owner_invitee__isnull=False),
                name="review_action_has_owner",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(what_happened=""),
                name="review_action_done_says_what_happened",
            ),
        ]

    def __str__(self) -> str:
        return self.what[:60]


class HeldReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reviews of people whose record this user may open (providers never, in this slice)."""
        return self.filter(person__in=Person.objects.visible_to(user))


class HeldReview(TimeStampedModel):
    """A review that took place: when, what was agreed, and who recorded it. Both clocks run
    again from its date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="held_reviews")
    held_on = models.DateField("the date of the review")
    summary = models.TextField("what was agreed")
    # The meeting whose record and decision this completes (none for a review recorded alone).
    meeting = models.OneToOneField(
        ReviewMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="held"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = HeldReviewQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(summary=""), name="held_review_has_summary"),
        ]

    def __str__(self) -> str:
        return f"Review of {self.person} on {self.held_on}"


class ReviewDates(models.Model):
    """When a person's reviews are due: reviews.schedule.review_schedule's answer from their
    record, kept so the review list, the staff to-do list and the reminders filter, sort and
    count in the database (issue 15). Written only by reviews.stored_dates; a person without
    an approved plan has no row. Whether a review was asked for, and so the status, depend on
    the day and are worked out as the dates are read (reviews.due)."""

    person = models.OneToOneField(
        Person, primary_key=True, on_delete=models.CASCADE, related_name="review_dates"
    )
    plan_due_on = models.DateField("plan review due")
    dp_due_on = models.DateField("direct payment review due", null=True, blank=True)
    due_on = models.DateField("review date that meets both", db_index=True)
    # Copied from the person, so the review list (a council's caseload, soonest first, then by
    # name) reads its page from one index instead of sorting the whole caseload on each request.
    council = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    last_name = models.CharField(max_length=100, default="")
    first_name = models.CharField(max_length=100, default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["council", "due_on", "last_name", "first_name", "person"],
                name="review_dates_list_order",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on=models.F("plan_due_on"), dp_due_on__isnull=True)
                | Q(due_on=models.F("plan_due_on"), dp_due_on__gte=models.F("plan_due_on"))
                | Q(due_on=models.F("dp_due_on"), plan_due_on__gte=models.F("dp_due_on")),
                name="review_dates_due_on_is_the_earliest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: next review due by {self.due_on}"
